import Foundation
import SchedulerEngine
import Testing

@testable import PythonFrontEnd

extension SeededRandom {
  fileprivate mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
}

/// The project's own Python programs: real threading code, the seeds of the mutations.
enum ProjectPrograms {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let all: [String] = {
    var sources: [String] = []
    for folder in ["fidelity/programs", "examples"] {
      let directory = root.appendingPathComponent(folder)
      let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
      for name in names.sorted() where name.hasSuffix(".py") {
        if let source = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) {
          sources.append(source)
        }
      }
    }
    return sources
  }()

  /// Whether a program uses what Python 2 lacks (f-strings, `async`, digit separators).
  static func isPython3Only(_ source: String) -> Bool {
    ["async ", "f\"", "f'", "_000"].contains(where: source.contains)
  }

  /// Pieces likely to reach deep into the tokenizer and the parser when spliced into a program.
  static let fragments: [String] = [
    " ", "    ", "\t", "\n", "\r\n", ":", "=", "+=", "(", ")", "[", "]", "{", "}", ",", ".", "'", "\"", "'''", "\\",
    "#", "f'", "f'{", "}", "{x}", "!r", "0x", "1_0", "1e", ".5", "lambda", "lambda:", "for", "in", "if", "else",
    "elif", "while", "try:", "except", "finally:", "with", "as", "def", "class", "return", "yield", "await",
    "async", "global", "print", "import", "from", "not", "and", "or", "is", "*", "**", "->", ":=", "@", ";", "é",
    "🧵", "\u{FEFF}", "\u{0}", "\u{301}", "threading.Thread(target=f)", "counter += 1", "with lock:",
  ]

  static func mutate(_ source: String, _ random: inout SeededRandom) -> String {
    var chars = Array(source)
    for _ in 0...random.below(4) {
      let position = random.below(chars.count + 1)
      switch random.below(4) {
      case 0 where position < chars.count:
        chars.remove(at: position)
      case 1:
        chars.insert(contentsOf: fragments[random.below(fragments.count)], at: position)
      case 2 where position < chars.count:
        chars[position] = fragments[random.below(fragments.count)].first ?? " "
      default:
        var lines = String(chars).split(separator: "\n", omittingEmptySubsequences: false)
        let line = lines.remove(at: random.below(lines.count))
        lines.insert(line, at: random.below(lines.count + 1))
        chars = Array(lines.joined(separator: "\n"))
      }
    }
    return String(chars)
  }
}

@Suite("Python parser: never crashes")
struct PythonParserFuzzTests {
  /// Parsing either succeeds or reports an error placed on a real line of the file, quoting it.
  private func check(_ source: String, grammar: PythonGrammar = .python3) {
    do {
      _ = try PythonParser.parse(source, file: "fuzz.py", grammar: grammar)
    } catch {
      let lines = SyntaxErrors(file: "fuzz.py", source: source).lines
      #expect(error.location.line >= 1 && error.location.line <= max(lines.count, 1), "\(error)")
      #expect(error.location.column >= 1, "\(error)")
      #expect(!error.message.isEmpty)
      if error.location.line <= lines.count {
        #expect(error.sourceLine == lines[error.location.line - 1])
        #expect(error.location.column <= lines[error.location.line - 1].count + 1, "\(error)")
      }
      _ = error.description
    }
  }

  @Test func randomBytes() {
    var random = SeededRandom(seed: 11)
    for _ in 0..<2_000 {
      let bytes = (0..<random.below(120)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
      check(String(decoding: bytes, as: UTF8.self))
    }
  }

  @Test func randomFragments() {
    var random = SeededRandom(seed: 12)
    for _ in 0..<2_000 {
      let source = (0..<random.below(40)).map { _ in
        ProjectPrograms.fragments[random.below(ProjectPrograms.fragments.count)]
      }
      .joined()
      check(source, grammar: random.below(2) == 0 ? .python2 : .python3)
    }
  }

  @Test func mutatedPrograms() {
    var random = SeededRandom(seed: 13)
    for source in ProjectPrograms.all {
      for _ in 0..<150 {
        check(ProjectPrograms.mutate(source, &random), grammar: random.below(3) == 0 ? .python2 : .python3)
      }
    }
  }

  @Test func deepNesting() {
    check(String(repeating: "(", count: 5_000) + String(repeating: ")", count: 5_000) + "\n")
    check("x = " + String(repeating: "-", count: 5_000) + "1\n")
    check("x = " + String(repeating: "not ", count: 5_000) + "1\n")
    check("x = " + String(repeating: "[", count: 5_000) + "\n")
    check(String(repeating: "if x:\n", count: 300).enumerated().map { $0.element }.map(String.init).joined())
    check("x = 1" + String(repeating: " ** 1", count: 5_000) + "\n")
    check("x = " + String(repeating: "f'{", count: 300) + "\n")
  }

  @Test func everyPrefix() {
    guard let source = ProjectPrograms.all.first else { return }
    let chars = Array(source)
    for length in stride(from: 0, through: chars.count, by: 3) { check(String(chars[..<length])) }
  }
}

/// The parser beside CPython's own (`ast.parse`) on mutated programs: both accept or both reject, unless the
/// program lies outside giltutor's subset. Skipped where that CPython is not installed.
@Suite("Python parser: agrees with CPython")
struct PythonParserDifferentialTests {
  static let python3 = CPythonProcess.python3
  static let python2 = CPythonProcess.python2

  @Test(.enabled(if: python3 != nil)) func python3Agrees() throws {
    try mutatedProgramsAgree(python: Self.python3!, grammar: .python3, seed: 21)
  }

  @Test(.enabled(if: python2 != nil)) func python2Agrees() throws {
    try mutatedProgramsAgree(python: Self.python2!, grammar: .python2, seed: 22)
  }

  func mutatedProgramsAgree(python: String, grammar: PythonGrammar, seed: UInt64) throws {
    var random = SeededRandom(seed: seed)
    var programs: [String] = []
    for source in ProjectPrograms.all where grammar == .python3 || !ProjectPrograms.isPython3Only(source) {
      for _ in 0..<60 { programs.append(ProjectPrograms.mutate(source, &random)) }
    }
    let verdicts = try Self.cpythonVerdicts(programs, python: python)
    var disagreements: [String] = []
    for (program, verdict) in zip(programs, verdicts) {
      do {
        _ = try PythonParser.parse(program, file: "m.py", grammar: grammar)
        // What giltutor reads, CPython's parser reads.
        if verdict == "parse" { disagreements.append("CPython's parser rejects:\n\(program)") }
      } catch {
        // What giltutor calls a syntax error, CPython refuses too (in its parser or its compiler); what lies
        // outside the subset is valid Python.
        let outsideSubset = !error.message.contains("Error: ")
        if verdict == "ok" && !outsideSubset { disagreements.append("CPython accepts (\(error)):\n\(program)") }
      }
    }
    #expect(
      disagreements.isEmpty,
      "\(disagreements.count) of \(programs.count):\n\(disagreements.prefix(3).joined(separator: "\n-----\n"))")
  }

  /// What CPython says of each program (one interpreter for all of them): "ok", "parse" (its parser refuses it)
  /// or "compile" (its compiler does, as with `return` outside a function).
  static func cpythonVerdicts(_ programs: [String], python: String) throws -> [String] {
    let script = """
      import ast, json, sys, warnings
      warnings.simplefilter("ignore")
      out = []
      for source in json.load(sys.stdin):
          source = source.encode("utf-8")
          try:
              ast.parse(source)
          except (SyntaxError, ValueError, TypeError):
              out.append("parse")
              continue
          try:
              compile(source, "m.py", "exec")
              out.append("ok")
          except (SyntaxError, ValueError, TypeError):
              out.append("compile")
      print(json.dumps(out))
      """
    return try CPythonProcess.eachProgram(python, ["-c", script], programs).map { $0 as? String ?? "" }
  }
}
