import Foundation
import SchedulerEngine
import Testing

@testable import PythonFrontEnd

private func dump(_ source: String, grammar: PythonGrammar = .python3) throws -> String {
  SyntaxDump.module(try PythonParser.parse(source, file: "t.py", grammar: grammar))
}

/// The error a file gets, as `LINE:COL: MESSAGE`.
private func error(_ source: String, grammar: PythonGrammar = .python3) -> String {
  do {
    _ = try PythonParser.parse(source, file: "t.py", grammar: grammar)
    return "no error"
  } catch {
    return "\(error.location.line):\(error.location.column): \(error.message)"
  }
}

@Suite("Python parser: what it reads")
struct PythonParserTests {
  @Test func precedence() throws {
    #expect(try dump("a + b * c ** -d\n") == "(+ a (* b (** c (- d))))")
    #expect(try dump("x = not a or b and c\n") == "(= x (or (not a) (and b c)))")
    #expect(try dump("a < b <= c != d\n") == "(compare a < b <= c != d)")
    #expect(
      try dump("x in y and x not in z and x is not None\n")
        == "(and (compare x in y) (compare x not in z) (compare x is not none))")
    #expect(try dump("-2 ** 2\n") == "(- (** 2 2))")
    #expect(try dump("a if b else c if d else e\n") == "(ifexp b a (ifexp d c e))")
    #expect(try dump("x = a | b ^ c & d << 1 >> 2\n") == "(= x (| a (^ b (& c (>> (<< d 1) 2)))))")
    #expect(try dump("a // b % c / d @ e\n") == "(@ (/ (% (// a b) c) d) e)")
  }

  @Test func assignments() throws {
    #expect(try dump("a = b = 1\n") == "(= a b 1)")
    #expect(try dump("a, *b = c, d = t\n") == "(= (tuple a (* b)) (tuple c d) t)")
    #expect(try dump("d[k] += 1\nself.count -= 2\n") == "(+= ([] d k) 1)\n(-= (. self count) 2)")
    #expect(try dump("x: int = 0\ny: list\n") == "(: x int 0)\n(: y list)")
    #expect(
      try dump("a[1:2], a[::2], a[:, 1]\n")
        == "(tuple ([] a (slice 1 2 _)) ([] a (slice _ _ 2)) ([] a (tuple (slice _ _ _) 1)))")
  }

  @Test func compoundStatements() throws {
    let source = """
      import threading, queue as q
      from concurrent.futures import ThreadPoolExecutor as Pool, wait
      counter = 0
      def worker(n, *, step=1, **rest):
          global counter
          for i in range(n):
              if i % 2: continue
              elif i > 10:
                  break
              else:
                  counter += step
          else:
              pass
          while True:
              try:
                  raise ValueError("x") from None
              except (ValueError, KeyError) as e:
                  pass
              except:
                  raise
              else:
                  pass
              finally:
                  return counter
      class Box(object):
          def __init__(self):
              self.n = 0
      async def main():
          async with lock:
              await asyncio.sleep(0)
          async for x in y:
              pass
      with lock, open("f") as f:
          pass
      if __name__ == "__main__":
          assert x, "message"
          del a[0], b

      """
    let expected = """
      (import threading queue as q)
      (from concurrent.futures ThreadPoolExecutor as Pool wait)
      (= counter 0)
      (def worker (n * step=1 **rest) [(global counter) (for i (call range n) [(if (% i 2) [continue] [(if (compare i > 10) [break] [(+= counter step)])])] [pass]) (while true [(try [(raise (call ValueError 'x') from none)] (except (tuple ValueError KeyError) as e [pass]) (except * [(raise)]) [pass] [(return counter)])])])
      (class Box (object) [(def __init__ (self) [(= (. self n) 0)])])
      (async def main () [(async with lock [(await (call (. asyncio sleep) 0))]) (async for x y [pass])])
      (with lock, (call open 'f') as f [pass])
      (if (compare __name__ == '__main__') [(assert x 'message') (del ([] a 0) b)] [])
      """
    #expect(try dump(source) == expected)
  }

  @Test func displaysAndComprehensions() throws {
    #expect(
      try dump("[x * 2 for x in range(3) if x for y in z]\n")
        == "(listcomp (* x 2) (for x (call range 3) (if x)) (for y z))")
    #expect(try dump("{k: v for k, v in d.items()}\n") == "(dictcomp k:v (for (tuple k v) (call (. d items))))")
    #expect(try dump("{1, 2}, {}, {'a': 1, **b}, ()\n") == "(tuple (set 1 2) (dict ) (dict 'a':1 **:b) (tuple ))")
    #expect(try dump("sum(x for x in y)\n") == "(call sum (generatorcomp x (for x y)))")
    #expect(try dump("f(a, *b, c=1, **d)\n") == "(call f a *b c=1 **d)")
    #expect(
      try dump("t = threading.Thread(target=lambda: None, args=(1,))\n")
        == "(= t (call (. threading Thread) target=(lambda () none) args=(tuple 1)))")
    #expect(try dump("if (n := len(a)) > 3: pass\n") == "(if (compare (:= n (call len a)) > 3) [pass] [])")
  }

  @Test func literals() throws {
    #expect(
      try dump("1_000_000, 0x1F, 0o17, 0b101, 1.5, 2e3, .5, 5.\n") == "(tuple 1000000 31 15 5 1.5 2000.0 0.5 5.0)")
    #expect(
      try dump("'a' \"b\" '''c\nd''' r'\\n' '\\t\\x41\\u00e9\\101'\n")
        == "'abc\nd\\nA\tAéA'".replacingOccurrences(of: "A\tA", with: "\tA"))
    #expect(try dump("b'x\\x00'\n") == "b'x\u{0}'")
    #expect(try dump("x = 'a' \\\n  'b'\n") == "(= x 'ab')")
  }

  @Test func formattedStrings() throws {
    #expect(
      try dump("f'{name}: {n + 1:>5} {{x}} {v!r} {x=}'\n") == "(f {name} ': ' {(+ n 1):'>5'} ' {x} ' {v!r} ' ' {x=x})")
    #expect(try dump("f'{t:{width}.{p}f}' f\"{d['k']}\"\n") == "(f {t:{width} '.' {p} 'f'} {([] d 'k')})")
    #expect(try dump("f'a\\tb{1}'\n") == "(f 'a\tb' {1})")
    let parsed = try PythonParser.parse("x = f'{  oops  }'\n", file: "t.py")
    guard case .assign(_, let value) = parsed.body[0].kind, case .formatted(let pieces) = value.kind,
      case .field(let field, _, _, _) = pieces[0]
    else {
      Issue.record("not an f-string")
      return
    }
    #expect(field.location == SourceLocation(line: 1, column: 10))
  }

  @Test func python2() throws {
    #expect(
      try dump("print 'a', b,\nprint\nprint >>sys.stderr, 'x'\n", grammar: .python2)
        == "(print 'a' b ,)\n(print )\n(print >>(. sys stderr) 'x')")
    #expect(
      try dump("try:\n  pass\nexcept ValueError, e:\n  pass\n", grammar: .python2)
        == "(try [pass] (except ValueError as e [pass]) [] [])")
    #expect(
      try dump("x = 0777 + 10L\nif a <> b: pass\n", grammar: .python2)
        == "(= x (+ 511 10))\n(if (compare a != b) [pass] [])")
    #expect(
      try dump("from __future__ import print_function\nprint('a', end='')\n", grammar: .python2)
        == "(from __future__ print_function)\n(call print 'a' end='')")
    #expect(try dump("exec 'x'\n", grammar: .python2) == "(unsupported exec)")
    #expect(try dump("async = 1\nTrue = 2\n", grammar: .python2) == "(= async 1)\n(= True 2)")
  }

  @Test func blocksOnOneLineAndSemicolons() throws {
    #expect(try dump("if a: b = 1; c = 2\nwhile x: pass\n") == "(if a [(= b 1) (= c 2)] [])\n(while x [pass])")
    #expect(
      try dump("x = [\n  1,\n    2,\n]\n# comment\n\n   # indented comment\ny = (1 +\n2)")
        == "(= x (list 1 2))\n(= y (+ 1 2))")
  }

  @Test func comments() throws {
    let module = try PythonParser.parse(
      "# giltutor: cores=2 seed=3\nsock.recv(1)  # giltutor: io 200us\n", file: "t.py")
    #expect(module.comments.map(\.text) == [" giltutor: cores=2 seed=3", " giltutor: io 200us"])
    #expect(module.comments.map(\.followsCode) == [false, true])
    #expect(module.comments[1].location == SourceLocation(line: 2, column: 15))
  }

  /// Every Python program of the project parses: the reference programs and the examples for `record`.
  @Test func theProjectsPrograms() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    var count = 0
    for folder in ["fidelity/programs", "examples"] {
      let directory = root.appendingPathComponent(folder)
      for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".py") {
        let source = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        _ = try PythonParser.parse(source, file: name, grammar: .python3)
        if !ProjectPrograms.isPython3Only(source) {
          _ = try PythonParser.parse(source, file: name, grammar: .python2)
        }
        count += 1
      }
    }
    #expect(count >= 15)
  }
}

@Suite("Python parser: CPython's syntax errors")
struct PythonSyntaxErrorTests {
  @Test func indentation() {
    #expect(error("  x = 1\n") == "1:1: IndentationError: unexpected indent")
    #expect(
      error("if x:\ny = 1\n") == "2:1: IndentationError: expected an indented block after 'if' statement on line 1")
    #expect(
      error("def f():\n\nx\n")
        == "3:1: IndentationError: expected an indented block after function definition on line 1")
    #expect(
      error("if x:\n    a\n  b\n") == "3:3: IndentationError: unindent does not match any outer indentation level")
    #expect(error("if x:\n\ta\n        b\n") == "3:1: TabError: inconsistent use of tabs and spaces in indentation")
    #expect(error("for i in x:\n    a\n        b\n") == "3:1: IndentationError: unexpected indent")
  }

  @Test func tokens() {
    #expect(error("x = 'abc\n") == "1:5: SyntaxError: unterminated string literal (detected at line 1)")
    #expect(
      error("x = '''abc\n\n") == "1:5: SyntaxError: unterminated triple-quoted string literal (detected at line 3)")
    #expect(error("f(a, (b\n\n") == "1:6: SyntaxError: '(' was never closed")
    #expect(error("x = 1)\n") == "1:6: SyntaxError: unmatched ')'")
    #expect(error("x = (1]\n") == "1:7: SyntaxError: closing parenthesis ']' does not match opening parenthesis '('")
    #expect(
      error("x = 012\n")
        == "1:5: SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"
    )
    #expect(error("x = 1abc\n") == "1:5: SyntaxError: invalid decimal literal")
    #expect(error("x = a → b\n") == "1:7: SyntaxError: invalid character '→' (U+2192)")
    #expect(error("x = $\n") == "1:5: SyntaxError: invalid syntax")
    #expect(error("x = 3j\n") == "1:5: complex numbers are not in giltutor's Python subset")
    #expect(error("x = 99999999999999999999\n") == "1:5: integers beyond 64 bits are not in giltutor's Python subset")
  }

  @Test func grammar() {
    #expect(error("if x\n    pass\n") == "1:5: SyntaxError: expected ':'")
    #expect(
      error("f() = 1\n")
        == "1:1: SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?")
    #expect(error("1 = x\n") == "1:1: SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?")
    #expect(
      error("f() += 1\n") == "1:1: SyntaxError: 'function call' is an illegal expression for augmented assignment")
    #expect(
      error("print 'hello'\n") == "1:1: SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?")
    #expect(
      error("try:\n  pass\nexcept A, e:\n  pass\n")
        == "3:8: SyntaxError: multiple exception types must be parenthesized")
    #expect(
      error("def f(a=1, b): pass\n")
        == "1:12: SyntaxError: parameter without a default follows parameter with a default")
    #expect(error("def f(a, a): pass\n") == "1:10: SyntaxError: duplicate argument 'a' in function definition")
    #expect(error("f(a=1, b)\n") == "1:8: SyntaxError: positional argument follows keyword argument")
    #expect(error("try:\n  pass\nx = 1\n") == "3:1: SyntaxError: expected 'except' or 'finally' block")
    #expect(error("x = f'{}'\n") == "1:7: SyntaxError: f-string: valid expression required before '}'")
    #expect(error("x = f'a}'\n") == "1:8: SyntaxError: f-string: single '}' is not allowed")
    #expect(error("x = f'{a b}'\n") == "1:10: SyntaxError: f-string: invalid syntax")
    #expect(error("x = 'a\u{0}b'\n") == "1:7: SyntaxError: source code cannot contain null bytes")
    #expect(error("x = 1 +\n") == "1:8: SyntaxError: invalid syntax")
    #expect(error("print 'a'\n", grammar: .python2) == "no error")
    #expect(error("x = f'a'\n", grammar: .python2) == "1:6: SyntaxError: invalid syntax")
    #expect(error("nonlocal = 1\n", grammar: .python2) == "no error")
    #expect(
      error("match x:\n    case 1:\n        pass\n") == "1:1: 'match' statements are not in giltutor's Python subset")
    #expect(error("match = 1\nmatch(x)\nmatch.y = 2\n") == "no error")
  }

  /// The caret sits under the column, on the line quoted.
  @Test func renderedWithTheLine() {
    do {
      _ = try PythonParser.parse("x = 1\nif x\n    pass\n", file: "prog.py")
      Issue.record("parsed")
    } catch {
      #expect(error.description == "prog.py:2:5: error: SyntaxError: expected ':'\n    if x\n        ^")
    }
  }
}
