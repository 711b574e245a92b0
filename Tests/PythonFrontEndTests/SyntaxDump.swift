@testable import PythonFrontEnd

/// A compact, readable rendering of parsed Python for the tests: `(call (name print) (str 'hi'))`.
enum SyntaxDump {
  static func module(_ module: PythonModule) -> String {
    module.body.map(statement).joined(separator: "\n")
  }

  static func block(_ body: [PythonStatement]) -> String { "[" + body.map(statement).joined(separator: " ") + "]" }

  static func statement(_ s: PythonStatement) -> String {
    switch s.kind {
    case .expression(let e): return expression(e)
    case .assign(let targets, let value):
      return "(= \(targets.map(expression).joined(separator: " ")) \(expression(value)))"
    case .augmentedAssign(let t, let op, let v): return "(\(op.rawValue)= \(expression(t)) \(expression(v)))"
    case .annotatedAssign(let t, let a, let v):
      return "(: \(expression(t)) \(expression(a))\(v.map { " " + expression($0) } ?? ""))"
    case .function(let f):
      let parameters = f.parameters.map { p in
        let star = p.kind == .starArgs ? "*" : p.kind == .starStarKeywords ? "**" : ""
        return star + p.name + (p.defaultValue.map { "=" + expression($0) } ?? "")
      }
      return "(\(f.isAsync ? "async " : "")def \(f.name) (\(parameters.joined(separator: " "))) \(block(f.body)))"
    case .classDefinition(let name, let bases, let body, _):
      return "(class \(name) (\(bases.map { expression($0.value) }.joined(separator: " "))) \(block(body)))"
    case .returnValue(let v): return "(return\(v.map { " " + expression($0) } ?? ""))"
    case .global(let names): return "(global \(names.joined(separator: " ")))"
    case .nonlocal(let names): return "(nonlocal \(names.joined(separator: " ")))"
    case .ifElse(let t, let b, let o): return "(if \(expression(t)) \(block(b)) \(block(o)))"
    case .whileLoop(let t, let b, let o):
      return "(while \(expression(t)) \(block(b))\(o.isEmpty ? "" : " " + block(o)))"
    case .forLoop(let t, let i, let b, let o, let isAsync):
      return
        "(\(isAsync ? "async " : "")for \(expression(t)) \(expression(i)) \(block(b))\(o.isEmpty ? "" : " " + block(o)))"
    case .breakLoop: return "break"
    case .continueLoop: return "continue"
    case .pass: return "pass"
    case .assert(let t, let m): return "(assert \(expression(t))\(m.map { " " + expression($0) } ?? ""))"
    case .tryBlock(let body, let handlers, let orElse, let finally):
      let h = handlers.map {
        "(except \($0.type.map(expression) ?? "*")\($0.name.map { " as " + $0 } ?? "") \(block($0.body)))"
      }
      return "(try \(block(body)) \(h.joined(separator: " ")) \(block(orElse)) \(block(finally)))"
    case .raise(let e, let c):
      return "(raise\(e.map { " " + expression($0) } ?? "")\(c.map { " from " + expression($0) } ?? ""))"
    case .with(let items, let body, let isAsync):
      let i = items.map { expression($0.context) + ($0.target.map { " as " + expression($0) } ?? "") }
      return "(\(isAsync ? "async " : "")with \(i.joined(separator: ", ")) \(block(body)))"
    case .importModules(let names): return "(import \(names.map(imported).joined(separator: " ")))"
    case .importFrom(let module, let level, let names):
      return
        "(from \(String(repeating: ".", count: level))\(module) \(names.isEmpty ? "*" : names.map(imported).joined(separator: " ")))"
    case .delete(let targets): return "(del \(targets.map(expression).joined(separator: " ")))"
    case .print(let values, let destination, let newline):
      return
        "(print\(destination.map { " >>" + expression($0) } ?? "") \(values.map(expression).joined(separator: " "))\(newline ? "" : " ,"))"
    case .unsupported(let word): return "(unsupported \(word))"
    }
  }

  static func imported(_ n: ImportedName) -> String { n.name + (n.alias.map { " as " + $0 } ?? "") }

  static func expression(_ e: PythonExpression) -> String {
    switch e.kind {
    case .name(let n): return n
    case .constant(let c): return "\(c)"
    case .integer(let v): return "\(v)"
    case .float(let v): return "\(v)"
    case .string(let s): return "'\(s)'"
    case .bytes(let b): return "b'\(String(decoding: b, as: UTF8.self))'"
    case .formatted(let pieces): return "(f \(pieces.map(piece).joined(separator: " ")))"
    case .tuple(let items): return "(tuple \(items.map(expression).joined(separator: " ")))"
    case .list(let items): return "(list \(items.map(expression).joined(separator: " ")))"
    case .set(let items): return "(set \(items.map(expression).joined(separator: " ")))"
    case .dict(let entries):
      return
        "(dict \(entries.map { ($0.key.map(expression) ?? "**") + ":" + expression($0.value) }.joined(separator: " ")))"
    case .comprehension(let kind, let element, let clauses):
      return "(\(kind)comp \(expression(element)) \(clauses.map(clause).joined(separator: " ")))"
    case .dictComprehension(let k, let v, let clauses):
      return "(dictcomp \(expression(k)):\(expression(v)) \(clauses.map(clause).joined(separator: " ")))"
    case .binary(let l, let op, let r): return "(\(op.rawValue) \(expression(l)) \(expression(r)))"
    case .unary(let op, let v): return "(\(op.rawValue) \(expression(v)))"
    case .boolean(let isAnd, let items):
      return "(\(isAnd ? "and" : "or") \(items.map(expression).joined(separator: " ")))"
    case .compare(let first, let chain):
      return
        "(compare \(expression(first)) \(chain.map { $0.op.rawValue + " " + expression($0.operand) }.joined(separator: " ")))"
    case .call(let f, let args):
      let shown = args.map { a -> String in
        switch a.kind {
        case .positional: expression(a.value)
        case .keyword(let k): k + "=" + expression(a.value)
        case .star: "*" + expression(a.value)
        case .starStar: "**" + expression(a.value)
        }
      }
      return "(call \(expression(f))\(shown.isEmpty ? "" : " " + shown.joined(separator: " ")))"
    case .attribute(let v, let n): return "(. \(expression(v)) \(n))"
    case .subscript(let v, let i): return "([] \(expression(v)) \(expression(i)))"
    case .slice(let l, let u, let s):
      return "(slice \(l.map(expression) ?? "_") \(u.map(expression) ?? "_") \(s.map(expression) ?? "_"))"
    case .conditional(let t, let b, let o): return "(ifexp \(expression(t)) \(expression(b)) \(expression(o)))"
    case .lambda(let p, let b): return "(lambda (\(p.map(\.name).joined(separator: " "))) \(expression(b)))"
    case .await(let v): return "(await \(expression(v)))"
    case .yield(let v, let isFrom): return "(yield\(isFrom ? " from" : "")\(v.map { " " + expression($0) } ?? ""))"
    case .starred(let v): return "(* \(expression(v)))"
    case .namedExpression(let t, let v): return "(:= \(t) \(expression(v)))"
    }
  }

  static func clause(_ c: ComprehensionClause) -> String {
    "(for \(expression(c.target)) \(expression(c.iterable))\(c.conditions.map { " (if " + expression($0) + ")" }.joined()))"
  }

  static func piece(_ p: FormattedPiece) -> String {
    switch p {
    case .literal(let s): return "'\(s)'"
    case .field(let v, let c, let spec, let selfDoc):
      return
        "{\(selfDoc.map { "\($0)" } ?? "")\(expression(v))\(c.map { "!\($0)" } ?? "")\(spec.isEmpty ? "" : ":" + spec.map(piece).joined(separator: " "))}"
    }
  }
}
