import SchedulerEngine

/// Class definitions (compiler_class): the body compiled as a function that fills the namespace.
extension CodeGenerator {
  // MARK: classes

  /// compiler_class: the body as a function that fills the namespace, given to `__build_class__`.
  mutating func classDefinition(
    _ className: String, _ bases: [PythonArgument], _ body: [PythonStatement], _ decorators: [PythonExpression],
    at location: SourceLocation
  ) throws(CompileError) {
    let line = location.line
    for decorator in decorators { try expression(decorator) }
    let first = decorators.first?.location.line ?? line
    guard let child = symbols.scope(at: location, tag: 0) else {
      throw CompileError(location: location, message: "internal: no scope for \(className)")
    }
    var generator = CodeGenerator(
      scope: child, symbols: symbols, release: release, name: className, qualifiedName: childQualifiedName(className),
      firstLine: first)
    let compiled = try generator.classBody(body, line: first)
    if !from313 { code.emit("PUSH_NULL", line: line) }
    code.emit("LOAD_BUILD_CLASS", line: line)
    if from313 { code.emit("PUSH_NULL", line: line) }
    let flags = makeClosure(child, line: line)
    childCount += 1
    children[childCount] = compiled
    loadConstant(.code(name: className, id: childCount), line: line)
    makeFunction(flags, line: line)
    loadConstant(.string(className), line: line)
    try callArguments(bases, extra: 2, line: line)
    for _ in decorators { emitCall(0, line: line) }
    try nameOp(className, .store, line: line)
  }

  mutating func classBody(_ body: [PythonStatement], line: Int) throws(CompileError) -> CodeObject {
    code.emit("RESUME", 0, line: line)
    try nameOp("__name__", .load, line: line)
    try nameOp("__module__", .store, line: line)
    loadConstant(.string(qualifiedName), line: line)
    try nameOp("__qualname__", .store, line: line)
    if from313 {
      loadConstant(.int(Int64(line)), line: line)
      try nameOp("__firstlineno__", .store, line: line)
    }
    if Self.hasAnnotations(body) { code.emit("SETUP_ANNOTATIONS", line: line) }
    var statements = body
    if let first = body.first, case .expression(let e) = first.kind, case .string(let doc) = e.kind {
      loadConstant(.string(cleanedDocstring(doc)), line: first.location.line)
      try nameOp("__doc__", .store, line: first.location.line)
      statements.removeFirst()
    }
    for statement in statements { try self.statement(statement) }
    if from313 {
      loadConstant(.tuple(staticAttributes.sorted().map { .string($0) }), line: -1)
      try nameOp("__static_attributes__", .store, line: -1)
    }
    loadConstant(.none, line: -1)
    code.emit("RETURN_VALUE", line: -1)
    return assemble()
  }
}
