import SchedulerEngine

/// Statements (compiler_visit_stmt): assignments, loops, imports, raise, assert, def.
extension CodeGenerator {
  // MARK: statements

  mutating func statement(_ s: PythonStatement) throws(CompileError) {
    let line = s.location.line
    switch s.kind {
    case .expression(let e):
      // A constant statement (a string, a number) is a NOP that keeps its line; POP_TOP has no line of its own.
      if ConstantFolding.constant(e) != nil {
        code.emit("NOP", line: line)
        return
      }
      try expression(e)
      code.emit("POP_TOP", line: -1)
    case .assign(let targets, let value):
      try expression(value)
      for (i, target) in targets.enumerated() {
        if i < targets.count - 1 { code.emit("COPY", 1, line: line) }
        try store(target)
      }
    case .augmentedAssign(let target, let op, let value):
      try augmentedAssign(target, op, value, line: line)
    case .annotatedAssign(let target, let annotation, let value):
      try annotatedAssign(target, annotation, value, line: line)
    case .function(let definition): try functionDefinition(definition, at: s.location)
    case .returnValue(let value): try returnStatement(value, line: line)
    case .global, .nonlocal: break
    case .pass: code.emit("NOP", line: line)
    case .ifElse(let test, let body, let orElse):
      let end = code.newLabel()
      let next = orElse.isEmpty ? end : code.newLabel()
      try jumpIf(test, to: next, when: false, line: line)
      for statement in body { try self.statement(statement) }
      if !orElse.isEmpty {
        code.emit("JUMP", line: -1, target: end)
        code.place(next)
        for statement in orElse { try self.statement(statement) }
      }
      code.place(end)
    case .whileLoop(let test, let body, let orElse):
      let loop = code.newLabel()
      let bodyLabel = code.newLabel()
      let end = code.newLabel()
      let anchor = code.newLabel()
      code.place(loop)
      blocks.append(FrameBlock(kind: .whileLoop, top: loop, exit: end))
      try jumpIf(test, to: anchor, when: false, line: line)
      code.place(bodyLabel)
      for statement in body { try self.statement(statement) }
      try jumpIf(test, to: bodyLabel, when: true, line: line)
      blocks.removeLast()
      code.place(anchor)
      for statement in orElse { try self.statement(statement) }
      code.place(end)
    case .forLoop(let target, let iterable, let body, let orElse, let isAsync):
      if isAsync { throw unsupported("'async for'", s.location) }
      let start = code.newLabel()
      let bodyLabel = code.newLabel()
      let cleanup = code.newLabel()
      let end = code.newLabel()
      blocks.append(FrameBlock(kind: .forLoop, top: start, exit: end))
      try iterableExpression(iterable)
      code.emit("GET_ITER", line: line)
      code.place(start)
      code.emit("FOR_ITER", line: line, target: cleanup)
      code.place(bodyLabel)
      try store(target)
      for statement in body { try self.statement(statement) }
      code.emit("JUMP", line: -1, target: start)
      code.place(cleanup)
      endFor()
      blocks.removeLast()
      for statement in orElse { try self.statement(statement) }
      code.place(end)
    case .breakLoop:
      code.emit("NOP", line: line)
      var at = line
      guard let loop = try unwindStack(line: &at, preserve: false, toLoop: true) else {
        throw CompileError(location: s.location, message: "'break' outside loop")
      }
      try unwind(loop, line: &at, preserve: false)
      code.emit("JUMP", line: at, target: loop.exit)
    case .continueLoop:
      code.emit("NOP", line: line)
      var at = line
      guard let loop = try unwindStack(line: &at, preserve: false, toLoop: true) else {
        throw CompileError(location: s.location, message: "'continue' not properly in loop")
      }
      code.emit("JUMP", line: at, target: loop.top)
    case .with(let items, let body, let isAsync):
      if isAsync && !isCoroutine {
        throw CompileError(location: s.location, message: "'async with' outside async function")
      }
      try with(items, 0, body, line: line, isAsync: isAsync)
    case .tryBlock(let body, let handlers, let orElse, let finally):
      if finally.isEmpty {
        try tryExcept(body, handlers, orElse, line: line)
      } else {
        try tryFinally(body, handlers, orElse, finally, line: line)
      }
    case .classDefinition(let name, let bases, let body, let decorators):
      try classDefinition(name, bases, body, decorators, at: s.location)
    case .importModules(let imported):
      for n in imported {
        loadConstant(.int(0), line: line)
        loadConstant(.none, line: line)
        code.emit("IMPORT_NAME", nameIndex(n.name), line: line)
        if let alias = n.alias {
          let parts = n.name.split(separator: ".").map(String.init)
          if parts.count > 1 {
            for (k, part) in parts.dropFirst().enumerated() {
              code.emit("IMPORT_FROM", nameIndex(part), line: line)
              if k < parts.count - 2 {
                code.emit("SWAP", 2, line: line)
                code.emit("POP_TOP", line: line)
              }
            }
            try nameOp(alias, .store, line: line)
            code.emit("POP_TOP", line: line)
          } else {
            try nameOp(alias, .store, line: line)
          }
        } else {
          try nameOp(String(n.name.split(separator: ".").first ?? ""), .store, line: line)
        }
      }
    case .importFrom(let module, let level, let imported):
      loadConstant(.int(Int64(level)), line: line)
      if imported.isEmpty {
        loadConstant(.tuple([.string("*")]), line: line)
        code.emit("IMPORT_NAME", nameIndex(module), line: line)
        callIntrinsic(.importStar, line: line)
        code.emit("POP_TOP", line: -1)
        return
      }
      loadConstant(.tuple(imported.map { .string($0.name) }), line: line)
      code.emit("IMPORT_NAME", nameIndex(module), line: line)
      for n in imported {
        code.emit("IMPORT_FROM", nameIndex(n.name), line: line)
        try nameOp(n.alias ?? n.name, .store, line: line)
      }
      code.emit("POP_TOP", line: -1)
    case .assert(let test, let message):
      let end = code.newLabel()
      try jumpIf(test, to: end, when: true, line: line)
      code.emit("LOAD_ASSERTION_ERROR", line: line)
      if let message {
        try expression(message)
        emitCall(0, line: line)
      }
      code.emit("RAISE_VARARGS", 1, line: line)
      code.place(end)
    case .raise(let exception, let cause):
      var count = 0
      if let exception {
        try expression(exception)
        count = 1
        if let cause {
          try expression(cause)
          count = 2
        }
      }
      code.emit("RAISE_VARARGS", count, line: line)
    case .delete(let targets):
      for target in targets { try delete(target) }
    case .print: throw unsupported("Python 2's print statement", s.location)
    case .unsupported(let word): throw unsupported("'\(word)'", s.location)
    }
  }

  func unsupported(_ what: String, _ location: SourceLocation) -> CompileError {
    CompileError(location: location, message: "\(what) cannot be compiled yet")
  }

  /// compiler_return: the value, NOPs that keep the lines, the loops' iterators popped, RETURN_VALUE.
  mutating func returnStatement(_ value: PythonExpression?, line: Int) throws(CompileError) {
    let constant = value.flatMap(ConstantFolding.constant)
    let preserve = value != nil && constant == nil
    var unwindLine = line
    if preserve, let value {
      try expression(value)
    } else if let value {
      unwindLine = value.location.line
      code.emit("NOP", line: unwindLine)
    }
    if value == nil || value!.location.line != line {
      unwindLine = line
      code.emit("NOP", line: line)
    }
    _ = try unwindStack(line: &unwindLine, preserve: preserve, toLoop: false)
    if !preserve { loadConstant(constant ?? .none, line: unwindLine) }
    code.emit("RETURN_VALUE", line: unwindLine)
  }

  mutating func augmentedAssign(
    _ target: PythonExpression, _ op: BinaryOperator, _ value: PythonExpression, line: Int
  ) throws(CompileError) {
    let inPlace = (BinaryOperator.allCases.firstIndex(of: op).map { Self.binaryOrder[$0] } ?? 0) + 13
    switch target.kind {
    case .name(let n):
      try nameOp(n, .load, line: target.location.line)
      try expression(value)
      code.emit("BINARY_OP", inPlace, line: line)
      try nameOp(n, .store, line: target.location.line)
    case .attribute(let object, let attribute):
      try expression(object)
      code.emit("COPY", 1, line: target.location.line)
      loadAttribute(attribute, line: target.attributeLine)
      try expression(value)
      code.emit("BINARY_OP", inPlace, line: line)
      code.emit("SWAP", 2, line: target.location.line)
      code.emit("STORE_ATTR", nameIndex(attribute), line: target.attributeLine)
    case .subscript(let object, let index):
      try expression(object)
      try expression(index)
      code.emit("COPY", 2, line: target.location.line)
      code.emit("COPY", 2, line: target.location.line)
      code.emit("BINARY_SUBSCR", line: target.location.line)
      try expression(value)
      code.emit("BINARY_OP", inPlace, line: line)
      code.emit("SWAP", 3, line: target.location.line)
      code.emit("SWAP", 2, line: target.location.line)
      code.emit("STORE_SUBSCR", line: target.location.line)
    default:
      throw CompileError(location: target.location, message: "illegal expression for augmented assignment")
    }
  }

  /// NB_* numbers of CPython's binary operators, in `BinaryOperator.allCases` order.
  static let binaryOrder = [0, 10, 5, 11, 2, 6, 8, 4, 3, 9, 1, 7, 12]

  mutating func store(_ target: PythonExpression) throws(CompileError) {
    let line = target.location.line
    switch target.kind {
    case .name(let n): try nameOp(n, .store, line: line)
    case .attribute(let object, let attribute):
      try expression(object)
      code.emit("STORE_ATTR", nameIndex(attribute), line: target.attributeLine)
      if case .name("self") = object.kind { staticAttributes.insert(attribute) }
    case .subscript(let object, let index):
      let isSlice = try subscriptOperands(object, index, line: line)
      code.emit(isSlice ? "STORE_SLICE" : "STORE_SUBSCR", line: line)
    case .tuple(let items), .list(let items):
      if let star = items.firstIndex(where: { if case .starred = $0.kind { true } else { false } }) {
        code.emit("UNPACK_EX", star | (items.count - star - 1) << 8, line: line)
      } else {
        code.emit("UNPACK_SEQUENCE", items.count, line: line)
      }
      for item in items {
        if case .starred(let inner) = item.kind { try store(inner) } else { try store(item) }
      }
    default:
      throw CompileError(location: target.location, message: "cannot assign to expression")
    }
  }

  mutating func delete(_ target: PythonExpression) throws(CompileError) {
    let line = target.location.line
    switch target.kind {
    case .name(let n): try nameOp(n, .delete, line: line)
    case .attribute(let object, let attribute):
      try expression(object)
      code.emit("DELETE_ATTR", nameIndex(attribute), line: line)
    case .subscript(let object, let index):
      try expression(object)
      try expression(index)
      code.emit("DELETE_SUBSCR", line: line)
    case .tuple(let items), .list(let items):
      for item in items { try delete(item) }
    default:
      throw CompileError(location: target.location, message: "cannot delete expression")
    }
  }

  // MARK: functions

  mutating func functionDefinition(_ f: FunctionDefinition, at location: SourceLocation)
    throws(CompileError)
  {
    // The function is made and stored at the `def`; each decorator is loaded and called at its own line.
    let line = f.keywordLine
    for decorator in f.decorators { try expression(decorator) }
    guard let child = symbols.scope(at: location, tag: 0) else {
      throw CompileError(location: location, message: "internal: no scope for \(f.name)")
    }
    var flags = try defaults(f.parameters, line: line)
    flags |= try annotations(f.parameters, returns: f.returns, line: line)
    let first = f.decorators.first?.location.line ?? line
    var generator = CodeGenerator(
      scope: child, symbols: symbols, release: release, name: f.name, qualifiedName: childQualifiedName(f.name),
      firstLine: first)
    generator.configureParameters(f.parameters)
    let compiled = try generator.function(f.body, docstring: true, line: first, isAsync: f.isAsync)
    staticAttributes.formUnion(generator.staticAttributes)
    flags |= makeClosure(child, line: line)
    childCount += 1
    children[childCount] = compiled
    loadConstant(.code(name: f.name, id: childCount), line: line)
    makeFunction(flags, line: line)
    for decorator in f.decorators.reversed() { emitCall(0, line: decorator.location.line) }
    try nameOp(f.name, .store, line: line)
  }

  /// Pushes the defaults (a tuple) and keyword-only defaults (a map) and returns MAKE_FUNCTION's flags for them.
  mutating func defaults(_ parameters: [Parameter], line: Int) throws(CompileError) -> Int {
    var flags = 0
    let positional = parameters.filter { $0.kind == .positional && $0.defaultValue != nil }
    if !positional.isEmpty {
      for p in positional { try expression(p.defaultValue!) }
      code.emit("BUILD_TUPLE", positional.count, line: line)
      flags |= 1
    }
    let keywordOnly = parameters.filter { $0.kind == .keywordOnly && $0.defaultValue != nil }
    if !keywordOnly.isEmpty {
      for p in keywordOnly { try expression(p.defaultValue!) }
      loadConstant(.tuple(keywordOnly.map { .string($0.name) }), line: line)
      code.emit("BUILD_CONST_KEY_MAP", keywordOnly.count, line: line)
      flags |= 2
    }
    return flags
  }

  /// The parameters' annotations as a tuple of names and values (compiler_visit_annotations): the regular
  /// parameters first, then the positional-only ones, `*args`, keyword-only, `**kwargs` and `return`.
  mutating func annotations(_ parameters: [Parameter], returns: PythonExpression?, line: Int) throws(CompileError)
    -> Int
  {
    let marker = parameters.firstIndex { $0.kind == .positionalOnlyMarker }
    let positionalOnly = marker.map { Array(parameters[..<$0]) } ?? []
    let regular = parameters.enumerated().filter { $0.element.kind == .positional && ($0.offset > (marker ?? -1)) }
      .map(\.element)
    var ordered = regular + positionalOnly
    ordered += parameters.filter { $0.kind == .starArgs }
    ordered += parameters.filter { $0.kind == .keywordOnly }
    ordered += parameters.filter { $0.kind == .starStarKeywords }
    var count = 0
    for parameter in ordered {
      guard let annotation = parameter.annotation else { continue }
      loadConstant(.string(parameter.name), line: line)
      try expression(annotation)
      count += 2
    }
    if let returns {
      loadConstant(.string("return"), line: line)
      try expression(returns)
      count += 2
    }
    guard count > 0 else { return 0 }
    code.emit("BUILD_TUPLE", count, line: line)
    return 4
  }

  /// compiler_annassign: the assignment, then at module or class level the annotation, stored in
  /// `__annotations__` for a plain name and only evaluated for anything else.
  mutating func annotatedAssign(
    _ target: PythonExpression, _ annotation: PythonExpression, _ value: PythonExpression?, line: Int
  ) throws(CompileError) {
    if let value {
      try expression(value)
      try store(target)
    }
    let evaluates = scope.kind == .module || scope.kind == .classBody
    switch target.kind {
    case .name(let n):
      if evaluates {
        try expression(annotation)
        code.emit("LOAD_NAME", nameIndex("__annotations__"), line: line)
        loadConstant(.string(n), line: line)
        code.emit("STORE_SUBSCR", line: line)
      }
      return
    case .attribute(let object, _):
      if value == nil {
        try expression(object)
        code.emit("POP_TOP", line: line)
      }
    case .subscript(let object, let index):
      if value == nil {
        try expression(object)
        code.emit("POP_TOP", line: line)
        try expression(index)
        code.emit("POP_TOP", line: line)
      }
    default: break
    }
    if evaluates {
      try expression(annotation)
      code.emit("POP_TOP", line: line)
    }
  }

  /// Whether statements (not nested functions or classes) annotate a name: the module or class then sets up
  /// `__annotations__` first (find_ann).
  static func hasAnnotations(_ body: [PythonStatement]) -> Bool {
    body.contains { statement in
      switch statement.kind {
      case .annotatedAssign: true
      case .ifElse(_, let a, let b), .whileLoop(_, let a, let b): hasAnnotations(a) || hasAnnotations(b)
      case .forLoop(_, _, let a, let b, _): hasAnnotations(a) || hasAnnotations(b)
      case .with(_, let a, _): hasAnnotations(a)
      case .tryBlock(let a, let handlers, let b, let c):
        hasAnnotations(a) || hasAnnotations(b) || hasAnnotations(c) || handlers.contains { hasAnnotations($0.body) }
      default: false
      }
    }
  }

  /// LOAD_CLOSURE of each free variable of the child, in a tuple: MAKE_FUNCTION's closure flag.
  mutating func makeClosure(_ child: Scope, line: Int) -> Int {
    let frees = child.freeNames
    guard !frees.isEmpty else { return 0 }
    for free in frees { code.emit("LOAD_CLOSURE", derefIndex(free), line: line) }
    code.emit("BUILD_TUPLE", frees.count, line: line)
    return 8
  }
}
