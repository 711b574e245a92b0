import SchedulerEngine

/// Python source that the compiler does not translate yet, or cannot (CPython's compile-time errors).
public struct CompileError: Error, Sendable, Equatable {
  public var location: SourceLocation
  public var message: String
}

/// Compiles a parsed module into code objects as CPython 3.12's compiler does (Python/compile.c), one function
/// per construct, so that `dis` of the result matches `dis` of the real interpreter instruction for instruction.
public enum PythonCompiler {
  public static func compile(_ module: PythonModule, file: String = "<string>") throws(CompileError) -> CodeObject {
    let symbols = SymbolTable(module.body)
    var generator = CodeGenerator(scope: symbols.module, symbols: symbols, name: "<module>", firstLine: 1)
    return try generator.module(module.body)
  }
}

/// A loop, `with` or `try` the generated code is inside: what `break`, `continue` and `return` must undo.
private struct FrameBlock {
  enum Kind { case whileLoop, forLoop }
  var kind: Kind
  var top: Int
  var exit: Int
}

struct CodeGenerator {
  let scope: Scope
  let symbols: SymbolTable
  let name: String
  let firstLine: Int
  var code = InstructionSequence()
  var constants = ConstantTable()
  var names: [String] = []
  var localNames: [String] = []
  private var blocks: [FrameBlock] = []
  private var children: [Int: CodeObject] = [:]
  private var childCount = 0

  init(scope: Scope, symbols: SymbolTable, name: String, firstLine: Int) {
    self.scope = scope
    self.symbols = symbols
    self.name = name
    self.firstLine = firstLine
    // co_varnames: the parameters, then the other locals in the order the symbol table met them.
    if scope.isFunctionLike {
      localNames = scope.parameters
      for n in scope.names where scope.binding(of: n) == .local && !localNames.contains(n) {
        localNames.append(n)
      }
    }
  }

  // MARK: code units

  mutating func module(_ body: [PythonStatement]) throws(CompileError) -> CodeObject {
    code.emit("RESUME", 0, line: 0)
    var statements = body
    if let first = body.first, case .expression(let e) = first.kind, case .string(let doc) = e.kind {
      loadConstant(.string(doc), line: first.location.line)
      storeName("__doc__", line: first.location.line)
      statements.removeFirst()
    }
    for statement in statements { try self.statement(statement) }
    loadConstant(.none, line: -1)
    code.emit("RETURN_VALUE", line: -1)
    return assemble()
  }

  mutating func function(_ body: [PythonStatement], docstring: Bool, line: Int) throws(CompileError) -> CodeObject {
    var statements = body
    if docstring, let first = body.first, case .expression(let e) = first.kind, case .string(let doc) = e.kind {
      _ = constants.index(of: .string(doc))
      statements.removeFirst()
    } else {
      _ = constants.index(of: .none)
    }
    code.emit("RESUME", 0, line: line)
    for statement in statements { try self.statement(statement) }
    loadConstant(.none, line: -1)
    code.emit("RETURN_VALUE", line: -1)
    return assemble()
  }

  mutating func lambdaBody(_ body: PythonExpression, line: Int) throws(CompileError) -> CodeObject {
    _ = constants.index(of: .none)
    code.emit("RESUME", 0, line: line)
    try expression(body)
    code.emit("RETURN_VALUE", line: body.location.line)
    return assemble()
  }

  /// Runs the flow-graph passes and lays the result out as `dis` shows it.
  private mutating func assemble() -> CodeObject {
    var graph = FlowGraph(code.items)
    let parameterCount = scope.parameters.count
    graph.optimize(
      constants: &constants, locals: localNames.count, parameters: parameterCount, superinstructions: false)
    var instructions: [FlowInstruction] = []
    // Cells and free variables come first (MAKE_CELL, COPY_FREE_VARS), before RESUME.
    let cells = scope.cellNames
    let frees = scope.freeNames
    var localsPlus = localNames
    for cell in cells where !localsPlus.contains(cell) { localsPlus.append(cell) }
    for free in frees { localsPlus.append(free) }
    if !frees.isEmpty { instructions.append(FlowInstruction(opname: "COPY_FREE_VARS", arg: frees.count, line: -1)) }
    for cell in cells {
      instructions.append(FlowInstruction(opname: "MAKE_CELL", arg: localsPlus.firstIndex(of: cell)!, line: -1))
    }
    graph.convertPseudoOps()
    graph.normalizeJumps()
    // Lay out the blocks, then size the jumps: an argument above 255 needs EXTENDED_ARG prefixes, which move
    // everything after them, so repeat until nothing grows (resolve_jump_offsets).

    var startOf: [Int: Int] = [:]
    for b in graph.order {
      startOf[b] = instructions.count
      for instruction in graph.blocks[b].instructions {
        instructions.append(instruction)
      }
    }
    var offsets = [Int](repeating: 0, count: instructions.count + 1)
    while true {
      var offset = 0
      for (k, instruction) in instructions.enumerated() {
        offsets[k] = offset
        offset += Self.size(instruction)
      }
      offsets[instructions.count] = offset
      var grew = false
      for k in instructions.indices where instructions[k].isJump {
        guard let block = instructions[k].target, let start = startOf[block] else { continue }
        let after = offsets[k] + Self.size(instructions[k])
        let old = Self.size(instructions[k])
        instructions[k].arg = offsets[start] >= after ? offsets[start] - after : after - offsets[start]
        if Self.size(instructions[k]) != old { grew = true }
      }
      if !grew { break }
    }
    var previousLine = Int.min
    var result: [CodeInstruction] = []
    var indexOf: [Int] = []
    for instruction in instructions {
      indexOf.append(result.count)
      let line = instruction.line >= 0 && instruction.line != previousLine ? instruction.line : nil
      if instruction.line >= 0 { previousLine = instruction.line }
      let hasArgument = Self.hasArgument(instruction.opname)
      var prefixes = hasArgument ? Self.extendedArgs(instruction.arg) : 0
      var first = true
      while prefixes > 0 {
        result.append(
          CodeInstruction(
            opname: "EXTENDED_ARG", arg: (instruction.arg >> (8 * prefixes)) & 0xFF, argrepr: "",
            line: first ? line : nil, target: nil))
        first = false
        prefixes -= 1
      }
      result.append(
        CodeInstruction(
          opname: instruction.opname, arg: hasArgument ? instruction.arg : nil,
          argrepr: argrepr(instruction, localsPlus: localsPlus), line: first ? line : nil,
          target: instruction.isJump ? instruction.target.flatMap { startOf[$0] } : nil))
    }
    for k in result.indices { if let t = result[k].target { result[k].target = indexOf[t] } }
    return CodeObject(
      name: name, firstLine: firstLine, instructions: result, constants: constants.values, names: names,
      localNames: localsPlus, children: childrenByConstant())
  }

  private func childrenByConstant() -> [Int: CodeObject] {
    var result: [Int: CodeObject] = [:]
    for (i, value) in constants.values.enumerated() {
      if case .code(_, let id) = value, let child = children[id] { result[i] = child }
    }
    return result
  }

  /// How many EXTENDED_ARG prefixes an argument needs.
  static func extendedArgs(_ arg: Int) -> Int { arg > 0xFF_FFFF ? 3 : arg > 0xFFFF ? 2 : arg > 0xFF ? 1 : 0 }

  /// An instruction's size in code units: its prefixes, itself and its inline caches (3.12's table).
  static func size(_ i: FlowInstruction) -> Int {
    let caches: [String: Int] = [
      "LOAD_GLOBAL": 4, "BINARY_OP": 1, "UNPACK_SEQUENCE": 1, "COMPARE_OP": 1, "BINARY_SUBSCR": 1, "FOR_ITER": 1,
      "LOAD_SUPER_ATTR": 1, "LOAD_ATTR": 9, "STORE_ATTR": 4, "CALL": 3, "STORE_SUBSCR": 1, "SEND": 1,
    ]
    return 1 + (hasArgument(i.opname) ? extendedArgs(i.arg) : 0) + (caches[i.opname] ?? 0)
  }

  static func hasArgument(_ opname: String) -> Bool {
    ![
      "NOP", "POP_TOP", "PUSH_NULL", "RETURN_VALUE", "GET_ITER", "END_FOR", "BINARY_SUBSCR", "STORE_SUBSCR",
      "UNARY_NEGATIVE", "UNARY_NOT", "UNARY_INVERT", "LOAD_BUILD_CLASS", "BINARY_SLICE", "STORE_SLICE",
      "PUSH_EXC_INFO", "POP_EXCEPT", "BEFORE_WITH", "WITH_EXCEPT_START", "CHECK_EXC_MATCH", "RETURN_GENERATOR",
      "LOAD_ASSERTION_ERROR", "DELETE_SUBSCR", "GET_LEN", "SETUP_ANNOTATIONS",
    ].contains(opname)
  }

  private static let binaryNames = [
    "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^",
  ]
  private static let compareNames = ["<", "<=", "==", "!=", ">", ">="]

  private func argrepr(_ i: FlowInstruction, localsPlus: [String]) -> String {
    switch i.opname {
    case "LOAD_CONST", "RETURN_CONST", "KW_NAMES": return constants.value(at: i.arg).repr
    case "LOAD_GLOBAL": return (i.arg & 1 == 1 ? "NULL + " : "") + names[i.arg >> 1]
    case "LOAD_ATTR": return (i.arg & 1 == 1 ? "NULL|self + " : "") + names[i.arg >> 1]
    case "LOAD_NAME", "STORE_NAME", "DELETE_NAME", "STORE_GLOBAL", "DELETE_GLOBAL", "STORE_ATTR", "DELETE_ATTR",
      "IMPORT_NAME", "IMPORT_FROM":
      return names[i.arg]
    case "LOAD_FAST", "STORE_FAST", "LOAD_FAST_CHECK", "LOAD_FAST_AND_CLEAR", "DELETE_FAST", "LOAD_DEREF",
      "STORE_DEREF", "DELETE_DEREF", "LOAD_CLOSURE", "MAKE_CELL":
      return localsPlus[i.arg]
    case "COMPARE_OP": return Self.compareNames[i.arg >> 4]
    case "BINARY_OP": return Self.binaryNames[i.arg % 13] + (i.arg >= 13 ? "=" : "")
    case "FORMAT_VALUE":
      let converters = ["", "str", "repr", "ascii"]
      let conversion = converters[i.arg & 3]
      return i.arg & 4 != 0 ? (conversion.isEmpty ? "with format" : conversion + ", with format") : conversion
    case "MAKE_FUNCTION":
      let flags = ["defaults", "kwdefaults", "annotations", "closure"]
      return flags.enumerated().filter { i.arg & (1 << $0.offset) != 0 }.map(\.element).joined(separator: ", ")
    case "CALL_INTRINSIC_1":
      let intrinsics = [
        "INTRINSIC_1_INVALID", "INTRINSIC_PRINT", "INTRINSIC_IMPORT_STAR", "INTRINSIC_STOPITERATION_ERROR",
        "INTRINSIC_ASYNC_GEN_WRAP", "INTRINSIC_UNARY_POSITIVE", "INTRINSIC_LIST_TO_TUPLE", "INTRINSIC_TYPEVAR",
      ]
      return i.arg < intrinsics.count ? intrinsics[i.arg] : ""
    default: return ""
    }
  }

  // MARK: tables

  private mutating func nameIndex(_ n: String) -> Int {
    if let i = names.firstIndex(of: n) { return i }
    names.append(n)
    return names.count - 1
  }

  private mutating func localIndex(_ n: String) -> Int {
    if let i = localNames.firstIndex(of: n) { return i }
    localNames.append(n)
    return localNames.count - 1
  }

  private mutating func loadConstant(_ value: PythonConstant, line: Int) {
    code.emit("LOAD_CONST", constants.index(of: value), line: line)
  }

  // MARK: names (compiler_nameop)

  private enum Access { case load, store, delete }

  private mutating func nameOp(_ n: String, _ access: Access, line: Int) throws(CompileError) {
    let binding = scope.binding(of: n)
    let functionLike = scope.isFunctionLike
    enum Kind { case fast, global, name, deref }
    let kind: Kind
    switch binding {
    case .free, .cell: kind = .deref
    case .local: kind = functionLike ? .fast : .name
    case .globalImplicit: kind = functionLike ? .global : .name
    case .globalExplicit: kind = .global
    }
    switch (kind, access) {
    case (.fast, .load): code.emit("LOAD_FAST", localIndex(n), line: line)
    case (.fast, .store): code.emit("STORE_FAST", localIndex(n), line: line)
    case (.fast, .delete): code.emit("DELETE_FAST", localIndex(n), line: line)
    case (.global, .load): code.emit("LOAD_GLOBAL", nameIndex(n) << 1, line: line)
    case (.global, .store): code.emit("STORE_GLOBAL", nameIndex(n), line: line)
    case (.global, .delete): code.emit("DELETE_GLOBAL", nameIndex(n), line: line)
    case (.name, .load): code.emit("LOAD_NAME", nameIndex(n), line: line)
    case (.name, .store): code.emit("STORE_NAME", nameIndex(n), line: line)
    case (.name, .delete): code.emit("DELETE_NAME", nameIndex(n), line: line)
    case (.deref, .load): code.emit("LOAD_DEREF", derefIndex(n), line: line)
    case (.deref, .store): code.emit("STORE_DEREF", derefIndex(n), line: line)
    case (.deref, .delete): code.emit("DELETE_DEREF", derefIndex(n), line: line)
    }
  }

  /// A cell's or free variable's index among the fast locals, cells and free variables.
  private func derefIndex(_ n: String) -> Int {
    var localsPlus = localNames
    for cell in scope.cellNames where !localsPlus.contains(cell) { localsPlus.append(cell) }
    for free in scope.freeNames { localsPlus.append(free) }
    return localsPlus.firstIndex(of: n) ?? 0
  }

  private mutating func storeName(_ n: String, line: Int) {
    try? nameOp(n, .store, line: line)
  }

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
    case .annotatedAssign(let target, _, let value):
      guard let value else { return }
      try expression(value)
      try store(target)
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
      code.emit("END_FOR", line: -1)
      blocks.removeLast()
      for statement in orElse { try self.statement(statement) }
      code.place(end)
    case .breakLoop:
      code.emit("NOP", line: line)
      guard let loop = blocks.last else { throw CompileError(location: s.location, message: "'break' outside loop") }
      if loop.kind == .forLoop { code.emit("POP_TOP", line: line) }
      code.emit("JUMP", line: line, target: loop.exit)
    case .continueLoop:
      code.emit("NOP", line: line)
      guard let loop = blocks.last else {
        throw CompileError(location: s.location, message: "'continue' not properly in loop")
      }
      code.emit("JUMP", line: line, target: loop.top)
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
        code.emit("CALL_INTRINSIC_1", 2, line: line)
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
        code.emit("CALL", 0, line: line)
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
    case .classDefinition: throw unsupported("class definitions", s.location)
    case .tryBlock: throw unsupported("'try' statements", s.location)
    case .with: throw unsupported("'with' statements", s.location)
    case .print: throw unsupported("Python 2's print statement", s.location)
    case .unsupported(let word): throw unsupported("'\(word)'", s.location)
    }
  }

  private func unsupported(_ what: String, _ location: SourceLocation) -> CompileError {
    CompileError(location: location, message: "\(what) cannot be compiled yet")
  }

  /// compiler_return: the value, NOPs that keep the lines, the loops' iterators popped, RETURN_VALUE.
  private mutating func returnStatement(_ value: PythonExpression?, line: Int) throws(CompileError) {
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
    for block in blocks.reversed() where block.kind == .forLoop {
      if preserve { code.emit("SWAP", 2, line: unwindLine) }
      code.emit("POP_TOP", line: unwindLine)
    }
    if !preserve { loadConstant(constant ?? .none, line: unwindLine) }
    code.emit("RETURN_VALUE", line: unwindLine)
  }

  private mutating func augmentedAssign(
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
      code.emit("LOAD_ATTR", nameIndex(attribute) << 1, line: target.location.line)
      try expression(value)
      code.emit("BINARY_OP", inPlace, line: line)
      code.emit("SWAP", 2, line: target.location.line)
      code.emit("STORE_ATTR", nameIndex(attribute), line: target.location.line)
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
  private static let binaryOrder = [0, 10, 5, 11, 2, 6, 8, 4, 3, 9, 1, 7, 12]

  private mutating func store(_ target: PythonExpression) throws(CompileError) {
    let line = target.location.line
    switch target.kind {
    case .name(let n): try nameOp(n, .store, line: line)
    case .attribute(let object, let attribute):
      try expression(object)
      code.emit("STORE_ATTR", nameIndex(attribute), line: line)
    case .subscript(let object, let index):
      if case .slice(let lower, let upper, nil) = index.kind {
        try expression(object)
        try sliceBound(lower, line: line)
        try sliceBound(upper, line: line)
        code.emit("STORE_SLICE", line: line)
      } else {
        try expression(object)
        try expression(index)
        code.emit("STORE_SUBSCR", line: line)
      }
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

  private mutating func delete(_ target: PythonExpression) throws(CompileError) {
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

  private mutating func functionDefinition(_ f: FunctionDefinition, at location: SourceLocation)
    throws(CompileError)
  {
    let line = location.line
    for decorator in f.decorators { try expression(decorator) }
    guard let child = symbols.scope(at: location, tag: 0) else {
      throw CompileError(location: location, message: "internal: no scope for \(f.name)")
    }
    var flags = try defaults(f.parameters, line: line)
    var generator = CodeGenerator(scope: child, symbols: symbols, name: f.name, firstLine: line)
    if f.isAsync { throw unsupported("'async def'", location) }
    let compiled = try generator.function(f.body, docstring: true, line: line)
    flags |= makeClosure(child, line: line)
    childCount += 1
    children[childCount] = compiled
    loadConstant(.code(name: f.name, id: childCount), line: line)
    code.emit("MAKE_FUNCTION", flags, line: line)
    for _ in f.decorators { code.emit("CALL", 0, line: line) }
    try nameOp(f.name, .store, line: line)
  }

  /// Pushes the defaults (a tuple) and keyword-only defaults (a map) and returns MAKE_FUNCTION's flags for them.
  private mutating func defaults(_ parameters: [Parameter], line: Int) throws(CompileError) -> Int {
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

  /// LOAD_CLOSURE of each free variable of the child, in a tuple: MAKE_FUNCTION's closure flag.
  private mutating func makeClosure(_ child: Scope, line: Int) -> Int {
    let frees = child.freeNames
    guard !frees.isEmpty else { return 0 }
    for free in frees { code.emit("LOAD_CLOSURE", derefIndex(free), line: line) }
    code.emit("BUILD_TUPLE", frees.count, line: line)
    return 8
  }

  // MARK: conditions (compiler_jump_if)

  private mutating func jumpIf(_ e: PythonExpression, to label: Int, when condition: Bool, line: Int)
    throws(CompileError)
  {
    switch e.kind {
    case .unary(.not, let operand):
      try jumpIf(operand, to: label, when: !condition, line: line)
    case .boolean(let isAnd, let items):
      let isOr = !isAnd
      var next2 = label
      let separate = isOr != condition
      if separate { next2 = code.newLabel() }
      for item in items.dropLast() { try jumpIf(item, to: next2, when: isOr, line: line) }
      try jumpIf(items.last!, to: label, when: condition, line: line)
      if separate { code.place(next2) }
    case .conditional(let test, let body, let orElse):
      let end = code.newLabel()
      let next = code.newLabel()
      try jumpIf(test, to: next, when: false, line: line)
      try jumpIf(body, to: label, when: condition, line: line)
      code.emit("JUMP", line: -1, target: end)
      code.place(next)
      try jumpIf(orElse, to: label, when: condition, line: line)
      code.place(end)
    case .compare(let first, let chain) where chain.count > 1:
      let cleanup = code.newLabel()
      try expression(first)
      for comparison in chain.dropLast() {
        try expression(comparison.operand)
        code.emit("SWAP", 2, line: e.location.line)
        code.emit("COPY", 2, line: e.location.line)
        compareOp(comparison.op, line: e.location.line)
        code.emit("POP_JUMP_IF_FALSE", line: e.location.line, target: cleanup)
      }
      try expression(chain.last!.operand)
      compareOp(chain.last!.op, line: e.location.line)
      code.emit(condition ? "POP_JUMP_IF_TRUE" : "POP_JUMP_IF_FALSE", line: e.location.line, target: label)
      let end = code.newLabel()
      code.emit("JUMP", line: -1, target: end)
      code.place(cleanup)
      code.emit("POP_TOP", line: e.location.line)
      if !condition { code.emit("JUMP", line: -1, target: label) }
      code.place(end)
    default:
      try expression(e)
      code.emit(condition ? "POP_JUMP_IF_TRUE" : "POP_JUMP_IF_FALSE", line: e.location.line, target: label)
    }
  }

  private mutating func compareOp(_ op: CompareOperator, line: Int) {
    switch op {
    case .isSame: code.emit("IS_OP", 0, line: line)
    case .isNot: code.emit("IS_OP", 1, line: line)
    case .contains: code.emit("CONTAINS_OP", 0, line: line)
    case .notContains: code.emit("CONTAINS_OP", 1, line: line)
    default:
      // The comparison in the high bits and, from 3.12, the mask of outcomes it accepts in the low four.
      let index = [CompareOperator.less, .lessOrEqual, .equal, .notEqual, .greater, .greaterOrEqual].firstIndex(
        of: op)!
      let masks = [2, 10, 8, 7, 4, 12]
      code.emit("COMPARE_OP", index << 4 | masks[index], line: line)
    }
  }

  // MARK: expressions

  /// The iterable of a `for` (or a test with `in`): a list or set of constants becomes a tuple or frozenset.
  private mutating func iterableExpression(_ e: PythonExpression) throws(CompileError) {
    if case .list(let items) = e.kind,
      let folded = ConstantFolding.constant(PythonExpression(kind: .tuple(items), location: e.location))
    {
      loadConstant(folded, line: e.location.line)
      return
    }
    try expression(e)
  }

  mutating func expression(_ e: PythonExpression) throws(CompileError) {
    let line = e.location.line
    if let folded = ConstantFolding.constant(e) {
      loadConstant(folded, line: line)
      return
    }
    switch e.kind {
    case .name(let n): try nameOp(n, .load, line: line)
    case .constant, .integer, .float, .string, .bytes: break  // folded above
    case .formatted(let pieces): try formatted(pieces, line: line)
    case .tuple(let items): try display(items, build: "BUILD_TUPLE", line: line)
    case .list(let items): try display(items, build: "BUILD_LIST", line: line)
    case .set(let items): try display(items, build: "BUILD_SET", line: line)
    case .dict(let entries):
      if entries.contains(where: { $0.key == nil }) { throw unsupported("'**' in a dict display", e.location) }
      let keys = entries.compactMap { $0.key.flatMap(ConstantFolding.constant) }
      if entries.count > 1 && keys.count == entries.count {
        for entry in entries { try expression(entry.value) }
        loadConstant(.tuple(keys), line: line)
        code.emit("BUILD_CONST_KEY_MAP", entries.count, line: line)
      } else {
        for entry in entries {
          try expression(entry.key!)
          try expression(entry.value)
        }
        code.emit("BUILD_MAP", entries.count, line: line)
      }
    case .binary(let left, let op, let right):
      try expression(left)
      try expression(right)
      code.emit("BINARY_OP", Self.binaryOrder[BinaryOperator.allCases.firstIndex(of: op)!], line: line)
    case .unary(let op, let operand):
      try expression(operand)
      switch op {
      case .negative: code.emit("UNARY_NEGATIVE", line: line)
      case .invert: code.emit("UNARY_INVERT", line: line)
      case .not: code.emit("UNARY_NOT", line: line)
      case .positive: code.emit("CALL_INTRINSIC_1", 5, line: line)
      }
    case .boolean(let isAnd, let items):
      let end = code.newLabel()
      for item in items.dropLast() {
        try expression(item)
        code.emit("COPY", 1, line: line)
        code.emit(isAnd ? "POP_JUMP_IF_FALSE" : "POP_JUMP_IF_TRUE", line: line, target: end)
        code.emit("POP_TOP", line: line)
      }
      try expression(items.last!)
      code.place(end)
    case .compare(let first, let chain):
      try expression(first)
      if chain.count == 1 {
        if chain[0].op == .contains || chain[0].op == .notContains {
          try iterableExpression(chain[0].operand)
        } else {
          try expression(chain[0].operand)
        }
        compareOp(chain[0].op, line: line)
      } else {
        let cleanup = code.newLabel()
        for comparison in chain.dropLast() {
          try expression(comparison.operand)
          code.emit("SWAP", 2, line: line)
          code.emit("COPY", 2, line: line)
          compareOp(comparison.op, line: line)
          code.emit("COPY", 1, line: line)
          code.emit("POP_JUMP_IF_FALSE", line: line, target: cleanup)
          code.emit("POP_TOP", line: line)
        }
        try expression(chain.last!.operand)
        compareOp(chain.last!.op, line: line)
        let end = code.newLabel()
        code.emit("JUMP", line: -1, target: end)
        code.place(cleanup)
        code.emit("SWAP", 2, line: line)
        code.emit("POP_TOP", line: line)
        code.place(end)
      }
    case .call(let function, let arguments): try call(function, arguments, line: line)
    case .attribute(let object, let attribute):
      try expression(object)
      code.emit("LOAD_ATTR", nameIndex(attribute) << 1, line: line)
    case .subscript(let object, let index):
      if case .slice(let lower, let upper, nil) = index.kind {
        try expression(object)
        try sliceBound(lower, line: line)
        try sliceBound(upper, line: line)
        code.emit("BINARY_SLICE", line: line)
      } else {
        try expression(object)
        try expression(index)
        code.emit("BINARY_SUBSCR", line: line)
      }
    case .slice(let lower, let upper, let step):
      try sliceBound(lower, line: line)
      try sliceBound(upper, line: line)
      if let step {
        try expression(step)
        code.emit("BUILD_SLICE", 3, line: line)
      } else {
        code.emit("BUILD_SLICE", 2, line: line)
      }
    case .conditional(let test, let body, let orElse):
      let end = code.newLabel()
      let next = code.newLabel()
      try jumpIf(test, to: next, when: false, line: line)
      try expression(body)
      code.emit("JUMP", line: -1, target: end)
      code.place(next)
      try expression(orElse)
      code.place(end)
    case .namedExpression(let target, let value):
      try expression(value)
      code.emit("COPY", 1, line: line)
      try nameOp(target, .store, line: line)
    case .lambda(let parameters, let body):
      guard let child = symbols.scope(at: e.location, tag: 1) else {
        throw CompileError(location: e.location, message: "internal: no scope for lambda")
      }
      var flags = try defaults(parameters, line: line)
      var generator = CodeGenerator(scope: child, symbols: symbols, name: "<lambda>", firstLine: line)
      let compiled = try generator.lambdaBody(body, line: line)
      flags |= makeClosure(child, line: line)
      childCount += 1
      children[childCount] = compiled
      loadConstant(.code(name: "<lambda>", id: childCount), line: line)
      code.emit("MAKE_FUNCTION", flags, line: line)
    case .comprehension, .dictComprehension: throw unsupported("comprehensions", e.location)
    case .await: throw unsupported("'await'", e.location)
    case .yield: throw unsupported("'yield'", e.location)
    case .starred: throw CompileError(location: e.location, message: "can't use starred expression here")
    }
  }

  private mutating func sliceBound(_ bound: PythonExpression?, line: Int) throws(CompileError) {
    if let bound { try expression(bound) } else { loadConstant(.none, line: line) }
  }

  /// A list, tuple or set display; three constants or more in a list or set are loaded as one tuple.
  private mutating func display(_ items: [PythonExpression], build: String, line: Int) throws(CompileError) {
    if items.contains(where: { if case .starred = $0.kind { true } else { false } }) {
      throw unsupported("'*' in a display", items[0].location)
    }
    let constants = items.compactMap(ConstantFolding.constant)
    if build != "BUILD_TUPLE" && items.count > 2 && constants.count == items.count {
      code.emit(build, 0, line: line)
      loadConstant(.tuple(constants), line: line)
      code.emit(build == "BUILD_LIST" ? "LIST_EXTEND" : "SET_UPDATE", 1, line: line)
      return
    }
    for item in items { try expression(item) }
    code.emit(build, items.count, line: line)
  }

  /// An f-string (compiler_joined_str): its pieces, neighbouring texts joined as CPython's parser joins them
  /// (`{x=}` brings the text `x=`), then BUILD_STRING unless there is only one.
  private mutating func formatted(_ pieces: [FormattedPiece], line: Int) throws(CompileError) {
    enum Value {
      case text(String)
      case field(PythonExpression, Int, [FormattedPiece])
    }
    var values: [Value] = []
    func addText(_ text: String) {
      if case .text(let before) = values.last {
        values[values.count - 1] = .text(before + text)
      } else if !text.isEmpty {
        values.append(.text(text))
      }
    }
    for piece in pieces {
      switch piece {
      case .literal(let text): addText(text)
      case .field(let value, let conversion, let spec, let selfDocumenting):
        if let selfDocumenting { addText(selfDocumenting) }
        var flags = 0
        switch conversion {
        case "s": flags = 1
        case "r": flags = 2
        case "a": flags = 3
        default: flags = selfDocumenting != nil && spec.isEmpty ? 2 : 0
        }
        values.append(.field(value, flags, spec))
      }
    }
    for value in values {
      switch value {
      case .text(let text): loadConstant(.string(text), line: line)
      case .field(let expression, var flags, let spec):
        try self.expression(expression)
        if !spec.isEmpty {
          try formatted(spec, line: line)
          flags |= 4
        }
        code.emit("FORMAT_VALUE", flags, line: line)
      }
    }
    if values.isEmpty { loadConstant(.string(""), line: line) }
    if values.count > 1 { code.emit("BUILD_STRING", values.count, line: line) }
  }

  /// Whether `e` is a name the module imports (`import threading`): CPython does not call its attributes as
  /// methods.
  private func isImportedModule(_ e: PythonExpression) -> Bool {
    guard case .name(let n) = e.kind else { return false }
    return symbols.module.flags(of: n).contains(.imported)
  }

  /// A call (compiler_call): a method call (`obj.m(...)`) loads the method with its self; anything else pushes
  /// a NULL first. Keyword names go in KW_NAMES just before CALL.
  private mutating func call(_ function: PythonExpression, _ arguments: [PythonArgument], line: Int)
    throws(CompileError)
  {
    if arguments.contains(where: { $0.kind == .star || $0.kind == .starStar }) {
      throw unsupported("'*' and '**' in calls", function.location)
    }
    // A method call, unless the object is a module imported at the top (is_import_originated).
    if case .attribute(let object, let method) = function.kind, !isImportedModule(object) {
      try expression(object)
      code.emit("LOAD_ATTR", nameIndex(method) << 1 | 1, line: function.location.line)
    } else {
      code.emit("PUSH_NULL", line: function.location.line)
      try expression(function)
    }
    var keywords: [String] = []
    for argument in arguments {
      try expression(argument.value)
      if case .keyword(let name) = argument.kind { keywords.append(name) }
    }
    if !keywords.isEmpty {
      code.emit("KW_NAMES", constants.index(of: .tuple(keywords.map { .string($0) })), line: line)
    }
    code.emit("CALL", arguments.count, line: line)
  }
}
