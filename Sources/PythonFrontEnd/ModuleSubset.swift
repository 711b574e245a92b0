import SchedulerEngine

/// The modules a program may import: those the simulator models. An import of any other is refused before the
/// program runs, at the statement, so that a learner is told at once instead of when the thread reaches it.
enum ModuleSubset {
  /// The modules written in Python (`PythonModules`) that `body` imports, anywhere in it.
  static func sourceModules(_ body: [PythonStatement]) -> Set<String> {
    var found: Set<String> = []
    func visit(_ body: [PythonStatement]) {
      for statement in body {
        switch statement.kind {
        case .importModules(let names):
          for n in names where PythonModules.sources[n.name] != nil { found.insert(n.name) }
          // `threading` and `queue` take in their parts written in Python.
          for n in names where n.name == "threading" || n.name == "queue" { found.insert("_" + n.name) }
        case .importFrom(let module, _, _) where PythonModules.sources[module] != nil:
          found.insert(module)
        case .importFrom(let module, _, _) where module == "threading" || module == "queue":
          found.insert("_" + module)
        case .function(let definition): visit(definition.body)
        case .classDefinition(_, _, let body, _): visit(body)
        case .ifElse(_, let body, let orElse), .whileLoop(_, let body, let orElse),
          .forLoop(_, _, let body, let orElse, _):
          visit(body)
          visit(orElse)
        case .tryBlock(let body, let handlers, let orElse, let finally):
          visit(body)
          for handler in handlers { visit(handler.body) }
          visit(orElse)
          visit(finally)
        case .with(_, let body, _): visit(body)
        default: break
        }
      }
    }
    visit(body)
    for name in found { found.formUnion(PythonModules.imports[name] ?? []) }
    return found
  }

  /// The first import of a module giltutor does not model, as a diagnostic of `errors`' file.
  static func check(_ body: [PythonStatement], _ errors: SyntaxErrors) -> SourceDiagnostic? {
    for statement in body {
      if let problem = check(statement, errors) { return problem }
    }
    return nil
  }

  private static func check(_ statement: PythonStatement, _ errors: SyntaxErrors) -> SourceDiagnostic? {
    switch statement.kind {
    case .importModules(let names):
      for imported in names where !PythonMachine.modeledModules.contains(imported.name) {
        return refuse("import \(imported.name)", at: imported.location, errors)
      }
    case .importFrom(let module, let level, let names):
      if level > 0 {
        return refuse("from \(String(repeating: ".", count: level))\(module) import", at: statement.location, errors)
      }
      if !PythonMachine.modeledModules.contains(module) {
        return refuse("from \(module) import", at: statement.location, errors)
      }
      // A module written in Python has what it exports, no more (`ProcessPoolExecutor` is not modelled).
      if let exported = PythonModules.exported[module] {
        for imported in names where !exported.contains(imported.name) {
          return refuse("from \(module) import \(imported.name)", at: imported.location, errors)
        }
      }
    case .function(let definition): return check(definition.body, errors)
    case .classDefinition(_, _, let body, _): return check(body, errors)
    case .ifElse(_, let body, let orElse), .whileLoop(_, let body, let orElse), .forLoop(_, _, let body, let orElse, _):
      return check(body, errors) ?? check(orElse, errors)
    case .tryBlock(let body, let handlers, let orElse, let finally):
      // `try: import X` / `except ImportError: import Y` runs without X (Python 2's `Queue`, say): its imports are
      // tried when it runs, where a module Python 3 does not have raises ModuleNotFoundError.
      let guarded = handlers.contains { handler in
        guard let type = handler.type else { return true }
        if case .name(let name) = type.kind {
          return ["ImportError", "ModuleNotFoundError", "Exception", "BaseException"].contains(name)
        }
        return false
      }
      if guarded { return check(orElse, errors) ?? check(finally, errors) }
      return check(body, errors) ?? handlers.lazy.compactMap { check($0.body, errors) }.first
        ?? check(orElse, errors) ?? check(finally, errors)
    case .with(_, let body, _): return check(body, errors)
    default: break
    }
    return nil
  }

  private static func refuse(_ statement: String, at location: SourceLocation, _ errors: SyntaxErrors)
    -> SourceDiagnostic
  {
    // (giltutor's own helper modules, `_giltutor_processes`, are not named.)
    let named = PythonMachine.modeledModules.filter { !$0.hasPrefix("_") || $0 == "__future__" }
    return errors.subset(
      location,
      "'\(statement)' is not in giltutor's Python subset: it models \(named.sorted().joined(separator: ", ")) "
        + "(see docs/python-subset.md)")
  }
}
