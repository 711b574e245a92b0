import SchedulerEngine

/// Python source that the compiler does not translate yet, or cannot (CPython's compile-time errors).
public struct CompileError: Error, Sendable, Equatable {
  public var location: SourceLocation
  public var message: String
}

/// Compiles a parsed module into code objects as CPython 3.12's or 3.13's compiler does (Python/compile.c,
/// Python/flowgraph.c), one function per construct, so that `dis` of the result matches `dis` of the real
/// interpreter instruction for instruction.
public enum PythonCompiler {
  public static func compile(
    _ module: PythonModule, file: String = "<string>", release: CompilerRelease = .python312
  ) throws(CompileError) -> CodeObject {
    let symbols = SymbolTable(module.body, inlinesComprehensions: release >= .python312)
    var generator = CodeGenerator(
      scope: symbols.module, symbols: symbols, release: release, name: "<module>", firstLine: 1)
    return try generator.module(module.body)
  }
}

struct CodeGenerator {
  let scope: Scope
  let symbols: SymbolTable
  /// Whose instructions to emit.
  let release: CompilerRelease
  let name: String
  /// `__qualname__`: where the code sits (`outer.<locals>.add`, `Box.add`).
  let qualifiedName: String
  let firstLine: Int
  var code = InstructionSequence()
  /// The cells and free variables the code uses, by name: their index in the fast locals is known only when
  /// the code is complete (CPython fixes them up the same way).
  var derefNames: [String] = []
  /// Inside an inlined comprehension: the comprehension's own variables, which it keeps apart from the
  /// enclosing code's (PEP 709), and whether they are fast locals even at module level.
  var comprehensionLocals: Set<String> = []
  /// The inlined comprehension being compiled: where a name's scope there differs from the enclosing code's
  /// (a `:=` target made global, anything in a class body), the comprehension's counts.
  var inlinedComprehensions: [Scope] = []
  /// Whether the code is a generator (a generator expression's).
  var isGenerator = false
  var isCoroutine = false
  /// The parameters' shape, for the code object.
  var keywordOnlyCount = 0
  var hasStarArgs = false
  var hasStarKeywords = false

  mutating func configureParameters(_ parameters: [Parameter]) {
    keywordOnlyCount = parameters.filter { $0.kind == .keywordOnly }.count
    hasStarArgs = parameters.contains { $0.kind == .starArgs && !$0.name.isEmpty }
    hasStarKeywords = parameters.contains { $0.kind == .starStarKeywords }
  }
  var constants = ConstantTable()
  var names: [String] = []
  var localNames: [String] = []
  var blocks: [FrameBlock] = []
  /// The attributes code here (and in the functions it defines, up to the next class) assigns as `self.X`: a
  /// class body's `__static_attributes__` from 3.13.
  var staticAttributes: Set<String> = []
  var children: [Int: CodeObject] = [:]
  var childCount = 0

  init(
    scope: Scope, symbols: SymbolTable, release: CompilerRelease, name: String, qualifiedName: String? = nil,
    firstLine: Int
  ) {
    self.scope = scope
    self.symbols = symbols
    self.release = release
    self.name = name
    self.qualifiedName = qualifiedName ?? name
    self.firstLine = firstLine
    // co_varnames: the parameters, then the other locals in the order the code first uses them.
    if scope.isFunctionLike { localNames = scope.parameters }
  }

  /// The qualified name of a function or class defined here.
  func childQualifiedName(_ child: String) -> String {
    switch scope.kind {
    case .module: child
    case .classBody: qualifiedName + "." + child
    default: qualifiedName + ".<locals>." + child
    }
  }

  // MARK: code units

  mutating func module(_ body: [PythonStatement]) throws(CompileError) -> CodeObject {
    code.emit("RESUME", 0, line: 0)
    if Self.hasAnnotations(body), let first = body.first { code.emit("SETUP_ANNOTATIONS", line: first.location.line) }
    var statements = body
    if let first = body.first, case .expression(let e) = first.kind, case .string(let doc) = e.kind {
      loadConstant(.string(cleanedDocstring(doc)), line: first.location.line)
      storeName("__doc__", line: first.location.line)
      statements.removeFirst()
    }
    for statement in statements { try self.statement(statement) }
    loadConstant(.none, line: -1)
    code.emit("RETURN_VALUE", line: -1)
    return assemble()
  }

  mutating func function(_ body: [PythonStatement], docstring: Bool, line: Int, isAsync: Bool = false)
    throws(CompileError) -> CodeObject
  {
    // A coroutine or a generator runs inside a handler that turns a stray StopIteration into a RuntimeError.
    isGenerator = isAsync || scope.containsYield
    isCoroutine = isAsync
    let handler = code.newLabel()
    // 3.11 turns it in C (gen_send_ex2), without a handler in the code.
    let wrapped = isGenerator && !before312
    if wrapped { code.emit("SETUP_CLEANUP", line: -1, target: handler) }
    var statements = body
    if docstring, let first = body.first, case .expression(let e) = first.kind, case .string(let doc) = e.kind {
      _ = constants.index(of: .string(cleanedDocstring(doc)))
      statements.removeFirst()
    } else {
      _ = constants.index(of: .none)
    }
    code.emit("RESUME", 0, line: line)
    for statement in statements { try self.statement(statement) }
    if wrapped {
      loadConstant(.none, line: -1)
      code.emit("RETURN_VALUE", line: -1)
      code.place(handler)
      code.emit("CALL_INTRINSIC_1", 3, line: -1)
      code.emit("RERAISE", 1, line: -1)
    }
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

  // MARK: tables

  mutating func nameIndex(_ n: String) -> Int {
    if let i = names.firstIndex(of: n) { return i }
    names.append(n)
    return names.count - 1
  }

  mutating func localIndex(_ n: String) -> Int {
    if let i = localNames.firstIndex(of: n) { return i }
    localNames.append(n)
    return localNames.count - 1
  }

  mutating func loadConstant(_ value: PythonConstant, line: Int) {
    code.emit("LOAD_CONST", constants.index(of: value), line: line)
  }

  /// 3.13 and later: the release whose compiler pushes a call's NULL after the callable, converts a condition
  /// with TO_BOOL, and sets a function's defaults and closure one SET_FUNCTION_ATTRIBUTE at a time.
  var from313: Bool { release >= .python313 }

  /// 3.11: calls prepared by PRECALL, methods loaded by LOAD_METHOD, comprehensions as functions of their own.
  var before312: Bool { release < .python312 }

  /// CALL with `count` arguments (3.11 prepares it with PRECALL).
  mutating func emitCall(_ count: Int, line: Int) {
    if before312 { code.emit("PRECALL", count, line: line) }
    code.emit("CALL", count, line: line)
  }

  /// An attribute's value (LOAD_ATTR; from 3.12 its argument's low bit says whether a method is loaded).
  mutating func loadAttribute(_ attribute: String, line: Int) {
    code.emit("LOAD_ATTR", before312 ? nameIndex(attribute) : nameIndex(attribute) << 1, line: line)
  }

  /// A method and its self for a call (3.11's LOAD_METHOD, 3.12's LOAD_ATTR with the method bit).
  mutating func loadMethod(_ method: String, line: Int) {
    if before312 { return code.emit("LOAD_METHOD", nameIndex(method), line: line) }
    code.emit("LOAD_ATTR", nameIndex(method) << 1 | 1, line: line)
  }

  /// What 3.12 does with CALL_INTRINSIC_1, 3.11 does with an instruction of its own.
  enum Intrinsic: Int {
    case importStar = 2
    case stopIterationError = 3
    case unaryPositive = 5
    case listToTuple = 6
  }

  mutating func callIntrinsic(_ intrinsic: Intrinsic, line: Int) {
    guard before312 else { return code.emit("CALL_INTRINSIC_1", intrinsic.rawValue, line: line) }
    switch intrinsic {
    case .importStar: code.emit("IMPORT_STAR", line: line)
    case .unaryPositive: code.emit("UNARY_POSITIVE", line: line)
    case .listToTuple: code.emit("LIST_TO_TUPLE", line: line)
    case .stopIterationError: break
    }
  }

  /// A docstring as the compiler stores it: 3.13 expands its tabs and takes the common indentation off the lines
  /// after the first, and the spaces off the start of the first (_PyCompile_CleanDoc).
  func cleanedDocstring(_ doc: String) -> String {
    guard from313 else { return doc }
    var lines: [String] = []
    for line in doc.split(separator: "\n", omittingEmptySubsequences: false) {
      // expandtabs(8): a tab goes to the next multiple of eight columns.
      var expanded = ""
      for character in line {
        if character == "\t" {
          expanded += String(repeating: " ", count: 8 - expanded.count % 8)
        } else {
          expanded.append(character)
        }
      }
      lines.append(expanded)
    }
    let margin =
      lines.dropFirst().filter { $0.contains { $0 != " " } }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
    lines[0] = String(lines[0].drop { $0 == " " })
    for i in lines.indices.dropFirst() {
      lines[i] = String(lines[i].dropFirst(min(margin, lines[i].prefix { $0 == " " }.count)))
    }
    return lines.joined(separator: "\n")
  }

  /// MAKE_FUNCTION with what was pushed before the code object (defaults, keyword defaults, closure): 3.12 says
  /// which in its argument, 3.13 sets each with SET_FUNCTION_ATTRIBUTE, the last pushed first.
  mutating func makeFunction(_ flags: Int, line: Int) {
    guard from313 else { return code.emit("MAKE_FUNCTION", flags, line: line) }
    code.emit("MAKE_FUNCTION", line: line)
    for flag in [8, 4, 2, 1] where flags & flag != 0 { code.emit("SET_FUNCTION_ATTRIBUTE", flag, line: line) }
  }

  /// A `for` loop's exit, where FOR_ITER goes when the iterator is exhausted: nothing (3.11: FOR_ITER pops the
  /// iterator itself), END_FOR (3.12: which pops the iterator and the last value), END_FOR and POP_TOP (3.13:
  /// one each).
  mutating func endFor() {
    if before312 { return }
    code.emit("END_FOR", line: -1)
    if from313 { code.emit("POP_TOP", line: -1) }
  }

  /// A conditional jump on the value on the stack (3.13 converts it to a bool first; the flow graph drops the
  /// conversion after an instruction that makes a bool).
  mutating func jumpIfTop(_ condition: Bool, to label: Int, line: Int) {
    if from313 { code.emit("TO_BOOL", line: line) }
    code.emit(condition ? "POP_JUMP_IF_TRUE" : "POP_JUMP_IF_FALSE", line: line, target: label)
  }

  // MARK: names (compiler_nameop)

  enum Access { case load, store, delete }

  mutating func nameOp(_ n: String, _ access: Access, line: Int) throws(CompileError) {
    var binding = scope.binding(of: n)
    var functionLike = scope.isFunctionLike
    // The innermost inlined comprehension that binds the name (one nested in another sees it free).
    if let comprehension = inlinedComprehensions.last(where: { ($0.bindings[n] ?? .free) != .free }),
      let inner = comprehension.bindings[n]
    {
      if comprehensionLocals.contains(n) && inner == .local {
        functionLike = true
        binding = .local
      } else if scope.kind == .classBody {
        functionLike = true
        binding = inner
      } else {
        binding = inner
      }
    }
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

  static let derefOpnames: Set<String> = ["LOAD_DEREF", "STORE_DEREF", "DELETE_DEREF", "LOAD_CLOSURE"]

  /// A cell or free variable, numbered for now by its first use (`assemble` gives the real index).
  mutating func derefIndex(_ n: String) -> Int {
    if let i = derefNames.firstIndex(of: n) { return i }
    derefNames.append(n)
    return derefNames.count - 1
  }

  /// The fast locals, then the cells that are not parameters, then the free variables (co_localsplusnames).
  var localsPlus: [String] {
    var result = localNames
    for cell in scope.cellNames where !result.contains(cell) { result.append(cell) }
    result += scope.freeNames
    return result
  }

  mutating func storeName(_ n: String, line: Int) {
    try? nameOp(n, .store, line: line)
  }
}
