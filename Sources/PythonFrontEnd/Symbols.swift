import SchedulerEngine

/// Where each name of each scope lives, as CPython's symtable.c decides it: the compiler picks LOAD_FAST,
/// LOAD_GLOBAL, LOAD_NAME or LOAD_DEREF from it.
final class Scope {
  enum Kind { case module, classBody, function, lambda, comprehension, generatorExpression }

  enum Binding { case local, globalExplicit, globalImplicit, free, cell }

  struct Flags: OptionSet {
    let rawValue: Int
    static let assigned = Flags(rawValue: 1)
    static let parameter = Flags(rawValue: 2)
    static let declaredGlobal = Flags(rawValue: 4)
    static let declaredNonlocal = Flags(rawValue: 8)
    static let used = Flags(rawValue: 16)
    /// The iteration variable of a comprehension (bound in the comprehension, not its parent).
    static let comprehensionIterator = Flags(rawValue: 32)
    /// Bound by an import (DEF_IMPORT).
    static let imported = Flags(rawValue: 64)
    static let bound: Flags = [.assigned, .parameter]
  }

  let kind: Kind
  let name: String
  weak var parent: Scope?
  var children: [Scope] = []
  /// Names in the order first seen, with what the scope does with them.
  private(set) var order: [String] = []
  private(set) var flags: [String: Flags] = [:]
  var bindings: [String: Binding] = [:]
  /// Parameters in order.
  var parameters: [String] = []
  /// Whether its own code (not a nested scope's) has `yield`: a generator function.
  var containsYield = false
  /// Whether the scope runs as a function frame (fast locals).
  var isFunctionLike: Bool {
    kind == .function || kind == .lambda || kind == .generatorExpression || kind == .comprehension
  }

  init(kind: Kind, name: String, parent: Scope?) {
    self.kind = kind
    self.name = name
    self.parent = parent
  }

  func add(_ name: String, _ flag: Flags) {
    if flags[name] == nil { order.append(name) }
    flags[name, default: []].insert(flag)
  }

  func flags(of name: String) -> Flags { flags[name] ?? [] }

  func binding(of name: String) -> Binding { bindings[name] ?? .globalImplicit }

  var names: [String] { order }

  /// The cells a function makes for its children, in the order CPython numbers them (sorted by name).
  var cellNames: [String] { order.filter { bindings[$0] == .cell }.sorted() }
  var freeNames: [String] { order.filter { bindings[$0] == .free }.sorted() }
}

/// Builds the scopes of a module and resolves every name (symtable.c's two passes).
struct SymbolTable {
  private(set) var module: Scope
  /// Scopes by the position of the node that opens them (def, lambda, class, comprehension).
  private(set) var scopes: [SourceKey: Scope] = [:]
  /// Names declared `global` anywhere: they are explicit globals of the module too (symtable.c's st_global).
  private var declaredGlobalAnywhere: Set<String> = []

  struct SourceKey: Hashable {
    var line: Int
    var column: Int
    var tag: Int
  }

  /// Whether list, set and dict comprehensions run inline in the enclosing code (PEP 709, from 3.12); before,
  /// each is a function of its own, as a generator expression still is.
  private let inlinesComprehensions: Bool

  init(_ body: [PythonStatement], inlinesComprehensions: Bool = true) {
    self.inlinesComprehensions = inlinesComprehensions
    module = Scope(kind: .module, name: "top", parent: nil)
    visit(body, in: module)
    resolve(module, boundAbove: [], globalsAbove: [])
  }

  /// The scope a def or class statement (tag 0), a lambda (1) or a comprehension (2) opens.
  func scope(at location: SourceLocation, tag: Int) -> Scope? { scopes[Self.key(location, tag: tag)] }

  static func key(_ location: SourceLocation, tag: Int = 0) -> SourceKey {
    SourceKey(line: location.line, column: location.column, tag: tag)
  }

  // MARK: first pass: what each scope does with each name

  private mutating func visit(_ body: [PythonStatement], in scope: Scope) {
    for statement in body { visit(statement, in: scope) }
  }

  private mutating func visit(_ statement: PythonStatement, in scope: Scope) {
    switch statement.kind {
    case .expression(let e): visit(e, in: scope)
    // Targets before values, as symtable.c visits them: the order of co_varnames follows.
    case .assign(let targets, let value):
      for target in targets { assign(target, in: scope) }
      visit(value, in: scope)
    case .augmentedAssign(let target, _, let value):
      assign(target, in: scope)
      visit(value, in: scope)
    case .annotatedAssign(let target, let annotation, let value):
      assign(target, in: scope)
      if scope.kind == .module || scope.kind == .classBody { visit(annotation, in: scope) }
      if let value { visit(value, in: scope) }
    case .function(let definition):
      scope.add(definition.name, .assigned)
      for parameter in definition.parameters where parameter.kind == .positional {
        if let value = parameter.defaultValue { visit(value, in: scope) }
      }
      for parameter in definition.parameters where parameter.kind == .keywordOnly {
        if let value = parameter.defaultValue { visit(value, in: scope) }
      }
      for decorator in definition.decorators { visit(decorator, in: scope) }
      for parameter in definition.parameters {
        if let annotation = parameter.annotation { visit(annotation, in: scope) }
      }
      if let returns = definition.returns { visit(returns, in: scope) }
      let child = Scope(kind: .function, name: definition.name, parent: scope)
      scope.children.append(child)
      scopes[Self.key(statement.location)] = child
      addParameters(definition.parameters, to: child)
      visit(definition.body, in: child)
    case .classDefinition(let name, let bases, let body, let decorators):
      for decorator in decorators { visit(decorator, in: scope) }
      for base in bases { visit(base.value, in: scope) }
      scope.add(name, .assigned)
      let child = Scope(kind: .classBody, name: name, parent: scope)
      scope.children.append(child)
      scopes[Self.key(statement.location)] = child
      visit(body, in: child)
    case .returnValue(let value): if let value { visit(value, in: scope) }
    case .global(let names):
      for n in names {
        scope.add(n, .declaredGlobal)
        declaredGlobalAnywhere.insert(n)
      }
    case .nonlocal(let names): for n in names { scope.add(n, .declaredNonlocal) }
    case .ifElse(let test, let body, let orElse), .whileLoop(let test, let body, let orElse):
      visit(test, in: scope)
      visit(body, in: scope)
      visit(orElse, in: scope)
    case .forLoop(let target, let iterable, let body, let orElse, _):
      assign(target, in: scope)
      visit(iterable, in: scope)
      visit(body, in: scope)
      visit(orElse, in: scope)
    case .breakLoop, .continueLoop, .pass, .unsupported: break
    case .assert(let test, let message):
      visit(test, in: scope)
      if let message { visit(message, in: scope) }
    case .tryBlock(let body, let handlers, let orElse, let finally):
      visit(body, in: scope)
      for handler in handlers {
        if let type = handler.type { visit(type, in: scope) }
        if let name = handler.name { scope.add(name, .assigned) }
        visit(handler.body, in: scope)
      }
      visit(orElse, in: scope)
      visit(finally, in: scope)
    case .raise(let exception, let cause):
      if let exception { visit(exception, in: scope) }
      if let cause { visit(cause, in: scope) }
    case .with(let items, let body, _):
      for item in items {
        visit(item.context, in: scope)
        if let target = item.target { assign(target, in: scope) }
      }
      visit(body, in: scope)
    case .importModules(let names):
      for n in names { scope.add(n.alias ?? String(n.name.split(separator: ".").first ?? ""), [.assigned, .imported]) }
    case .importFrom(_, _, let names):
      for n in names { scope.add(n.alias ?? n.name, [.assigned, .imported]) }
    case .delete(let targets): for t in targets { assign(t, in: scope) }
    case .print(let values, let destination, _):
      for v in values { visit(v, in: scope) }
      if let destination { visit(destination, in: scope) }
    }
  }

  private mutating func assign(_ target: PythonExpression, in scope: Scope) {
    switch target.kind {
    case .name(let n): scope.add(n, .assigned)
    case .tuple(let items), .list(let items): for item in items { assign(item, in: scope) }
    case .starred(let inner): assign(inner, in: scope)
    default: visit(target, in: scope)
    }
  }

  private mutating func visit(_ expression: PythonExpression, in scope: Scope) {
    switch expression.kind {
    case .name(let n): scope.add(n, .used)
    case .constant, .integer, .float, .string, .bytes: break
    case .formatted(let pieces): visit(pieces, in: scope)
    case .tuple(let items), .list(let items), .set(let items): for item in items { visit(item, in: scope) }
    case .dict(let entries):
      for entry in entries {
        if let key = entry.key { visit(key, in: scope) }
        visit(entry.value, in: scope)
      }
    case .comprehension(let kind, let element, let clauses):
      comprehension(
        expression, kind: kind == .generator || !inlinesComprehensions ? .generatorExpression : .comprehension,
        elements: [element],
        clauses: clauses, in: scope)
    case .dictComprehension(let key, let value, let clauses):
      comprehension(
        expression, kind: inlinesComprehensions ? .comprehension : .generatorExpression, elements: [key, value],
        clauses: clauses, in: scope)
    case .binary(let a, _, let b):
      visit(a, in: scope)
      visit(b, in: scope)
    case .unary(_, let a), .await(let a), .starred(let a): visit(a, in: scope)
    case .boolean(_, let items): for item in items { visit(item, in: scope) }
    case .compare(let first, let chain):
      visit(first, in: scope)
      for c in chain { visit(c.operand, in: scope) }
    case .call(let function, let arguments):
      visit(function, in: scope)
      for a in arguments { visit(a.value, in: scope) }
    case .attribute(let value, _): visit(value, in: scope)
    case .subscript(let value, let index):
      visit(value, in: scope)
      visit(index, in: scope)
    case .slice(let lower, let upper, let step):
      for part in [lower, upper, step] { if let part { visit(part, in: scope) } }
    case .conditional(let test, let body, let orElse):
      visit(test, in: scope)
      visit(body, in: scope)
      visit(orElse, in: scope)
    case .lambda(let parameters, let body):
      for parameter in parameters { if let value = parameter.defaultValue { visit(value, in: scope) } }
      let child = Scope(kind: .lambda, name: "<lambda>", parent: scope)
      scope.children.append(child)
      scopes[Self.key(expression.location, tag: 1)] = child
      addParameters(parameters, to: child)
      visit(body, in: child)
    case .yield(let value, _):
      scope.containsYield = true
      if let value { visit(value, in: scope) }
    case .namedExpression(let target, let value):
      visit(value, in: scope)
      // The target of `:=` in a comprehension belongs to the enclosing function, or is a global of the module
      // (PEP 572; symtable_extend_namedexpr_scope): nonlocal or global in the comprehension itself.
      var owner = scope
      while owner.kind == .comprehension || owner.kind == .generatorExpression, let parent = owner.parent {
        owner = parent
      }
      if owner !== scope {
        if owner.kind == .module || owner.flags(of: target).contains(.declaredGlobal) {
          scope.add(target, .declaredGlobal)
          owner.add(target, .declaredGlobal)
          declaredGlobalAnywhere.insert(target)
        } else {
          scope.add(target, .declaredNonlocal)
          owner.add(target, .assigned)
        }
      }
      scope.add(target, .assigned)
    }
  }

  private mutating func visit(_ pieces: [FormattedPiece], in scope: Scope) {
    for piece in pieces {
      if case .field(let value, _, let spec, _) = piece {
        visit(value, in: scope)
        visit(spec, in: scope)
      }
    }
  }

  /// The first iterable is evaluated in the enclosing scope; the rest inside the comprehension's own.
  private mutating func comprehension(
    _ expression: PythonExpression, kind: Scope.Kind, elements: [PythonExpression], clauses: [ComprehensionClause],
    in scope: Scope
  ) {
    guard let first = clauses.first else { return }
    visit(first.iterable, in: scope)
    let child = Scope(kind: kind, name: "<comprehension>", parent: scope)
    scope.children.append(child)
    scopes[Self.key(expression.location, tag: 2)] = child
    child.add(".0", .parameter)
    child.parameters.append(".0")
    for (i, clause) in clauses.enumerated() {
      if i > 0 { visit(clause.iterable, in: child) }
      assignIterator(clause.target, in: child)
      for condition in clause.conditions { visit(condition, in: child) }
    }
    for element in elements { visit(element, in: child) }
    // An inlined comprehension inside another one: its variables become the outer one's too, which saves and
    // restores them around its whole run (symtable.c's inline_comprehension).
    if kind == .comprehension && scope.kind == .comprehension {
      for name in child.names where name != ".0" {
        let flags = child.flags(of: name)
        if flags.contains(.assigned) && !flags.contains(.declaredNonlocal) { scope.add(name, .assigned) }
      }
    }
  }

  private mutating func assignIterator(_ target: PythonExpression, in scope: Scope) {
    switch target.kind {
    case .name(let n): scope.add(n, [.assigned, .comprehensionIterator])
    case .tuple(let items), .list(let items): for item in items { assignIterator(item, in: scope) }
    case .starred(let inner): assignIterator(inner, in: scope)
    default: visit(target, in: scope)
    }
  }

  /// Parameters in co_varnames order: positional, keyword-only, `*args`, `**kwargs`.
  private func addParameters(_ parameters: [Parameter], to scope: Scope) {
    let order: [Parameter.Kind] = [.positional, .keywordOnly, .starArgs, .starStarKeywords]
    for kind in order {
      for parameter in parameters where parameter.kind == kind && !parameter.name.isEmpty {
        scope.add(parameter.name, .parameter)
        scope.parameters.append(parameter.name)
      }
    }
  }

  // MARK: second pass: resolve

  /// `boundAbove`: names bound in enclosing function scopes (visible as free variables); `globalsAbove`: names
  /// declared global in an enclosing function.
  private func resolve(_ scope: Scope, boundAbove: Set<String>, globalsAbove: Set<String>) {
    var bound = boundAbove
    var globals = globalsAbove
    for name in scope.names {
      let flags = scope.flags(of: name)
      let binding: Scope.Binding
      if flags.contains(.declaredGlobal) || (scope.kind == .module && declaredGlobalAnywhere.contains(name)) {
        binding = .globalExplicit
        globals.insert(name)
        bound.remove(name)
      } else if flags.contains(.declaredNonlocal) {
        binding = .free
      } else if !flags.isDisjoint(with: .bound) {
        binding = .local
        if scope.isFunctionLike { bound.insert(name) }
        globals.remove(name)
      } else if scope.kind != .module && boundAbove.contains(name) {
        binding = .free
      } else {
        binding = .globalImplicit
      }
      scope.bindings[name] = binding
    }
    // A class body's names are not visible to its methods.
    let passedBound = scope.kind == .classBody ? boundAbove : bound
    for child in scope.children {
      resolve(child, boundAbove: passedBound, globalsAbove: globals)
      // A child's free variable is a cell here when bound here, or passes through as free.
      // An inlined comprehension (PEP 709) runs in this scope's frame: its free variables are plain locals here.
      if child.kind == .comprehension { continue }
      for name in child.names where child.bindings[name] == .free {
        switch scope.bindings[name] {
        case .local where scope.isFunctionLike:
          scope.bindings[name] = .cell
        case nil, .globalImplicit?:
          // Through a class body or a function that does not bind it, the variable passes on as free.
          if scope.kind != .module {
            scope.add(name, [])
            scope.bindings[name] = .free
          }
        default: break
        }
      }
    }
  }
}
