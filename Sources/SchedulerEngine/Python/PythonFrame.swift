/// One instruction of 3.11, 3.12 or 3.13 bytecode, decoded once per code object.
enum PythonOp {
  /// Where a load that prepares a call puts the NULL (or the self) that goes with the callable: 3.12 below it,
  /// 3.13 above it.
  enum NullPlace: UInt8 { case none, below, above }

  case nop
  case loadConst(Int)
  case returnConst(Int)
  case returnValue
  case loadFast(Int)
  case storeFast(Int)
  case deleteFast(Int)
  case loadFastAndClear(Int)
  case loadGlobal(Int, null: NullPlace)
  case storeGlobal(Int)
  case deleteGlobal(Int)
  case loadName(Int)
  case storeName(Int)
  case deleteName(Int)
  case loadDeref(Int)
  case storeDeref(Int)
  case loadClosure(Int)
  case makeCell(Int)
  case copyFreeVars(Int)
  case loadAttr(Int, method: NullPlace)
  /// 3.13's fused loads and stores of two locals (the first named by the high four bits of the argument).
  case loadFastLoadFast(Int, Int)
  case storeFastLoadFast(Int, Int)
  case storeFastStoreFast(Int, Int)
  case toBool
  /// 3.13's call with keyword names on the stack; its function attributes set one by one; its f-string parts.
  case callKw(Int)
  case setFunctionAttribute(Int)
  case convertValue(Int)
  case formatSimple, formatWithSpec
  case storeAttr(Int)
  case deleteAttr(Int)
  case binaryOp(Int)
  case compareOp(Int)
  case isOp(Bool)
  case containsOp(Bool)
  case unaryNegative, unaryNot, unaryInvert
  case intrinsic(Int)
  case popTop, pushNull
  case copy(Int)
  case swap(Int)
  case call(Int)
  case kwNames(Int)
  case callFunctionEx(Bool)
  case makeFunction(Int)
  case buildList(Int)
  case buildTuple(Int)
  case buildMap(Int)
  case buildConstKeyMap(Int)
  case buildString(Int)
  case buildSet(Int)
  case buildSlice(Int)
  case listAppend(Int)
  case listExtend(Int)
  case setAdd(Int)
  case setUpdate(Int)
  case mapAdd(Int)
  case dictMerge(Int)
  case dictUpdate(Int)
  case binarySubscr, storeSubscr, deleteSubscr, binarySlice, storeSlice
  case getIter
  /// The argument: where the loop goes on when the iterator is exhausted (past END_FOR, and 3.13's POP_TOP).
  case forIter(Int)
  case endFor
  case jump(Int)
  case popJumpIfFalse(Int)
  case popJumpIfTrue(Int)
  case popJumpIfNone(Int)
  case popJumpIfNotNone(Int)
  /// 3.11's `and`/`or`: jump keeping the value when it is false (true), else pop it.
  case jumpIfFalseOrPop(Int)
  case jumpIfTrueOrPop(Int)
  case formatValue(Int)
  case unpackSequence(Int)
  case unpackEx(Int)
  case importName(Int)
  case importFrom(Int)
  case raiseVarargs(Int)
  case loadAssertionError
  case loadBuildClass
  case returnGenerator, yieldValue
  /// SEND: where to go when the awaited object returns; whether its result replaces it on the stack there
  /// (3.11), or goes above it for END_SEND (3.12 and later).
  case send(Int, replacesReceiver: Bool)
  case endSend, cleanupThrow
  case getAwaitable, getYieldFromIter
  case pushExcInfo, popExcept, checkExcMatch
  case reraise(Int)
  case beforeWith, beforeAsyncWith, withExceptStart
  case unsupported(String)
}

/// A running call of a code object: its instructions' position, value stack, fast locals and cells.
///
/// The interpreter's hot properties skip the runtime's exclusivity checks (`@exclusivity(unchecked)`): only the
/// interpreter touches them, one access at a time, and the checks cost a fifth of the time an instruction takes.
final class PythonFrame {
  let compiled: CompiledCode
  let globals: PyDict
  /// Module and class code's namespace (LOAD_NAME, STORE_NAME); nil for functions.
  let namespace: PyDict?
  @exclusivity(unchecked) var fast: [PyValue?]
  @exclusivity(unchecked) var cells: [PyCell?]
  let closure: [PyCell]
  @exclusivity(unchecked) var stack: [PyValue] = []
  @exclusivity(unchecked) var keywordNames: [String] = []
  @exclusivity(unchecked) var ip = 0
  let id: Int
  /// A generator's or coroutine's frame: its object, and what resumed it last, which says where what it
  /// yields or returns goes.
  var generator: PyGenerator? = nil
  var resumedBy = Resume.call
  /// For an `__init__` run by a class's call: the instance, which the call returns.
  var constructed: PyValue? = nil
  /// For an iterator's `__next__` run by its caller's FOR_ITER: where the caller's loop goes on when it raises
  /// StopIteration (the iterator popped), instead of the exception going on.
  var loopExit: Int? = nil

  init(
    _ compiled: CompiledCode, globals: PyDict, namespace: PyDict?, arguments: [PyValue?], closure: [PyCell], id: Int
  ) {
    self.compiled = compiled
    self.globals = globals
    self.namespace = namespace
    let count = compiled.code.localNames.count
    fast =
      arguments.count == count
      ? arguments : arguments + [PyValue?](repeating: nil, count: max(0, count - arguments.count))
    cells = [PyCell?](repeating: nil, count: count)
    self.closure = closure
    self.id = id
    stack.reserveCapacity(16)
  }

  /// How a generator's frame was resumed. Whatever resumed it, a yielded value goes onto the caller's stack.
  enum Resume {
    /// `next()`, `send()` (from a frame or from a built-in): a return raises StopIteration in the caller.
    case call
    /// SEND (`await`, `yield from`): a return goes onto the caller's stack (3.11: in the receiver's place) and
    /// the caller jumps to what follows (3.12: END_SEND).
    case send(Int, replacesReceiver: Bool)
    /// FOR_ITER: a return ends the loop.
    case forIter(Int)
  }

  func pop() -> PyValue { stack.removeLast() }
  func top() -> PyValue { stack[stack.count - 1] }
}

/// A thread of Python code: its frames, innermost last, and what its first frame returned.
public final class PythonThread {
  @exclusivity(unchecked) var frames: [PythonFrame] = []
  var returned: PyValue? = nil
  /// The scheduler's number for the thread (its index in the trace).
  let number: Int
  @exclusivity(unchecked) var depth = 0
  var handledExceptions: [PyValue] = []
  init(number: Int) { self.number = number }
}

/// An instruction as the scheduler sees it: its place in the trace's table, its time, and when a check follows.
struct InstructionScheduling {
  var traceIndex: Int32
  var cost: Nanos
  var check: Check
  /// It reads or writes data other threads see.
  var shared = false

  enum Check: UInt8 {
    case never, always
    /// A CALL: a check follows when it called C code; a Python callee checks at its RESUME instead.
    case afterCCall
  }
}

/// A code object ready to run: its instructions decoded, its constants as values, its nested code too.
final class CompiledCode {
  let code: CodeObject
  let ops: [PythonOp]
  let lines: [Int]
  /// The code's `co_names`, kept apart from it: the interpreter reads them at every global or attribute access.
  let names: [String]
  @exclusivity(unchecked) var constants: [PyValue] = []
  /// What the scheduler needs of each instruction, worked out the first time it runs the code (empty before).
  @exclusivity(unchecked) var scheduling: [InstructionScheduling] = []
  /// What advancing in bulk can do with each instruction, worked out with `scheduling`.
  @exclusivity(unchecked) var bulk: [BulkStep] = []

  private init(_ code: CodeObject) {
    self.code = code
    var ops: [PythonOp] = []
    var lines: [Int] = []
    var line = code.firstLine
    // 3.13 loads a cell for a closure with LOAD_FAST (its LOAD_CLOSURE is a pseudo-instruction): the cells
    // are the locals MAKE_CELL makes and those after the fast locals.
    let cells = Set(code.instructions.filter { $0.opname == "MAKE_CELL" }.compactMap(\.arg))
    for instruction in code.instructions {
      if let l = instruction.line { line = l }
      lines.append(line)
      if code.release >= .python313, instruction.opname == "LOAD_FAST", let a = instruction.arg,
        a >= code.fastLocalCount || cells.contains(a)
      {
        ops.append(.loadClosure(a))
        continue
      }
      ops.append(Self.decode(instruction, code.release))
    }
    self.ops = ops
    self.lines = lines
    self.names = code.names
  }

  static func make(_ code: CodeObject) -> CompiledCode {
    let compiled = CompiledCode(code)
    compiled.constants = code.constants.enumerated().map { index, constant in
      if let child = code.children[index] { return .code(CodeReference(child)) }
      return value(of: constant)
    }
    return compiled
  }

  static func value(of constant: PythonConstant) -> PyValue {
    switch constant {
    case .none: .none
    case .ellipsis: .none
    case .bool(let b): .bool(b)
    case .int(let i): .int(i)
    case .float(let d): .float(d)
    case .string(let s): .str(s)
    case .bytes(let b): .str(String(decoding: b, as: UTF8.self))
    case .tuple(let items): .tuple(items.map(value))
    case .frozenset(let items):
      .set(
        items.reduce(into: PySet()) { set, item in
          let member = value(of: item)
          if let key = PyKey(member) { set.insert(key, member) }
        })
    case .code: .none
    }
  }

  static func decode(_ i: CodeInstruction, _ release: CompilerRelease) -> PythonOp {
    let a = i.arg ?? 0
    let t = i.target ?? 0
    let null: PythonOp.NullPlace = release >= .python313 ? .above : .below
    switch i.opname {
    // 3.11's PRECALL prepares what its CALL does alone from 3.12: nothing to do here.
    case "NOP", "RESUME", "EXTENDED_ARG", "CACHE", "PRECALL": return .nop
    case "LOAD_CONST": return .loadConst(a)
    case "RETURN_CONST": return .returnConst(a)
    case "RETURN_VALUE": return .returnValue
    case "LOAD_FAST", "LOAD_FAST_CHECK": return .loadFast(a)
    case "STORE_FAST": return .storeFast(a)
    case "DELETE_FAST": return .deleteFast(a)
    case "LOAD_FAST_AND_CLEAR": return .loadFastAndClear(a)
    case "LOAD_GLOBAL": return .loadGlobal(a >> 1, null: a & 1 == 1 ? null : .none)
    case "STORE_GLOBAL": return .storeGlobal(a)
    case "DELETE_GLOBAL": return .deleteGlobal(a)
    case "LOAD_NAME": return .loadName(a)
    case "STORE_NAME": return .storeName(a)
    case "DELETE_NAME": return .deleteName(a)
    case "LOAD_DEREF": return .loadDeref(a)
    case "STORE_DEREF": return .storeDeref(a)
    case "LOAD_CLOSURE": return .loadClosure(a)
    case "MAKE_CELL": return .makeCell(a)
    case "COPY_FREE_VARS": return .copyFreeVars(a)
    case "LOAD_ATTR" where release < .python312: return .loadAttr(a, method: .none)
    case "LOAD_METHOD": return .loadAttr(a, method: .below)
    case "LOAD_ATTR": return .loadAttr(a >> 1, method: a & 1 == 1 ? null : .none)
    case "STORE_ATTR": return .storeAttr(a)
    case "DELETE_ATTR": return .deleteAttr(a)
    case "BINARY_OP": return .binaryOp(a)
    case "COMPARE_OP": return .compareOp(a >> (release >= .python313 ? 5 : release >= .python312 ? 4 : 0))
    case "IS_OP": return .isOp(a == 1)
    case "CONTAINS_OP": return .containsOp(a == 1)
    case "UNARY_NEGATIVE": return .unaryNegative
    case "UNARY_NOT": return .unaryNot
    case "UNARY_INVERT": return .unaryInvert
    case "CALL_INTRINSIC_1": return .intrinsic(a)
    case "UNARY_POSITIVE": return .intrinsic(5)
    case "LIST_TO_TUPLE": return .intrinsic(6)
    case "POP_TOP": return .popTop
    case "PUSH_NULL": return .pushNull
    case "COPY": return .copy(a)
    case "SWAP": return .swap(a)
    case "CALL": return .call(a)
    case "KW_NAMES": return .kwNames(a)
    case "CALL_FUNCTION_EX": return .callFunctionEx(a & 1 == 1)
    case "MAKE_FUNCTION": return .makeFunction(a)
    case "BUILD_LIST": return .buildList(a)
    case "BUILD_TUPLE": return .buildTuple(a)
    case "BUILD_MAP": return .buildMap(a)
    case "BUILD_CONST_KEY_MAP": return .buildConstKeyMap(a)
    case "BUILD_STRING": return .buildString(a)
    case "BUILD_SET": return .buildSet(a)
    case "BUILD_SLICE": return .buildSlice(a)
    case "LIST_APPEND": return .listAppend(a)
    case "LIST_EXTEND": return .listExtend(a)
    case "SET_ADD": return .setAdd(a)
    case "SET_UPDATE": return .setUpdate(a)
    case "MAP_ADD": return .mapAdd(a)
    case "DICT_MERGE": return .dictMerge(a)
    case "DICT_UPDATE": return .dictUpdate(a)
    case "BINARY_SUBSCR": return .binarySubscr
    case "STORE_SUBSCR": return .storeSubscr
    case "DELETE_SUBSCR": return .deleteSubscr
    case "BINARY_SLICE": return .binarySlice
    case "STORE_SLICE": return .storeSlice
    case "GET_ITER": return .getIter
    // Exhausted, FOR_ITER goes past its END_FOR (3.12: which pops the iterator and the value), or past END_FOR
    // and POP_TOP (3.13: one each).
    // 3.11's goes to its target, having popped the iterator itself.
    case "FOR_ITER": return .forIter(t + (release >= .python313 ? 2 : release >= .python312 ? 1 : 0))
    case "END_FOR": return release >= .python313 ? .popTop : .endFor
    case "LOAD_FAST_LOAD_FAST": return .loadFastLoadFast(a >> 4, a & 15)
    case "STORE_FAST_LOAD_FAST": return .storeFastLoadFast(a >> 4, a & 15)
    case "STORE_FAST_STORE_FAST": return .storeFastStoreFast(a >> 4, a & 15)
    case "TO_BOOL": return .toBool
    case "CALL_KW": return .callKw(a)
    case "SET_FUNCTION_ATTRIBUTE": return .setFunctionAttribute(a)
    case "CONVERT_VALUE": return .convertValue(a)
    case "FORMAT_SIMPLE": return .formatSimple
    case "FORMAT_WITH_SPEC": return .formatWithSpec
    case "JUMP_FORWARD", "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT": return .jump(t)
    case "POP_JUMP_IF_FALSE", "POP_JUMP_FORWARD_IF_FALSE", "POP_JUMP_BACKWARD_IF_FALSE": return .popJumpIfFalse(t)
    case "POP_JUMP_IF_TRUE", "POP_JUMP_FORWARD_IF_TRUE", "POP_JUMP_BACKWARD_IF_TRUE": return .popJumpIfTrue(t)
    case "POP_JUMP_IF_NONE", "POP_JUMP_FORWARD_IF_NONE", "POP_JUMP_BACKWARD_IF_NONE": return .popJumpIfNone(t)
    case "POP_JUMP_IF_NOT_NONE", "POP_JUMP_FORWARD_IF_NOT_NONE", "POP_JUMP_BACKWARD_IF_NOT_NONE":
      return .popJumpIfNotNone(t)
    case "JUMP_IF_FALSE_OR_POP": return .jumpIfFalseOrPop(t)
    case "JUMP_IF_TRUE_OR_POP": return .jumpIfTrueOrPop(t)
    case "FORMAT_VALUE": return .formatValue(a)
    case "UNPACK_SEQUENCE": return .unpackSequence(a)
    case "UNPACK_EX": return .unpackEx(a)
    case "IMPORT_NAME": return .importName(a)
    case "IMPORT_FROM": return .importFrom(a)
    case "RAISE_VARARGS": return .raiseVarargs(a)
    case "LOAD_ASSERTION_ERROR": return .loadAssertionError
    case "LOAD_BUILD_CLASS": return .loadBuildClass
    case "RETURN_GENERATOR": return .returnGenerator
    case "PUSH_EXC_INFO": return .pushExcInfo
    case "POP_EXCEPT": return .popExcept
    case "CHECK_EXC_MATCH": return .checkExcMatch
    case "RERAISE": return .reraise(a)
    case "BEFORE_WITH": return .beforeWith
    case "BEFORE_ASYNC_WITH": return .beforeAsyncWith
    case "WITH_EXCEPT_START": return .withExceptStart
    case "YIELD_VALUE": return .yieldValue
    case "SEND": return .send(t, replacesReceiver: release < .python312)
    case "END_SEND": return .endSend
    case "CLEANUP_THROW": return .cleanupThrow
    case "GET_AWAITABLE": return .getAwaitable
    case "GET_YIELD_FROM_ITER": return .getYieldFromIter
    default: return .unsupported(i.opname)
    }
  }
}

extension PythonMachine {
  /// Runs a frame of `compiled` to its return, on a thread of its own (a call from Swift: a built-in that calls
  /// back into Python). `locals`: the namespace of module and class code (LOAD_NAME); `arguments`: the fast
  /// locals a call filled. (A generator function's frame returns its generator object at once.)
  func execute(
    _ compiled: CompiledCode, globals: PyDict, locals namespace: PyDict?, arguments: [PyValue?],
    closure: [PyCell] = []
  ) throws(PythonError) -> PyValue {
    let thread = PythonThread(number: active.number)
    nestedRuns += 1
    defer { nestedRuns -= 1 }
    try push(
      PythonFrame(
        compiled, globals: globals, namespace: namespace, arguments: arguments, closure: closure, id: newFrameID()),
      on: thread)
    while try step(thread) {}
    return thread.returned ?? .none
  }

  /// A function's decoded code, made once.
  func compiled(_ function: PyFunction) -> CompiledCode {
    if let decoded = function.decoded { return decoded }
    let made = CompiledCode.make(function.code)
    function.decoded = made
    return made
  }

  func newFrameID() -> Int {
    framesMade += 1
    return framesMade
  }

  /// A new frame on top of the thread's; the recursion limit counts every frame alive.
  func push(_ frame: PythonFrame, on thread: PythonThread) throws(PythonError) {
    guard depth < Self.maximumDepth else { throw raise("RecursionError", "maximum recursion depth exceeded") }
    depth += 1
    thread.frames.append(frame)
  }

  /// The top frame returned `value`: it goes, and the value goes to its caller (or ends the thread).
  func finish(_ thread: PythonThread, _ value: PyValue) throws(PythonError) {
    let ended = thread.frames.removeLast()
    // `__init__` returns None; the class's call returns the instance.
    let value = ended.constructed ?? value
    depth -= 1
    if let generator = ended.generator {
      try generatorReturned(generator, value, thread)
    } else if let caller = thread.frames.last {
      caller.stack.append(value)
    } else {
      thread.returned = value
    }
  }

  /// CALL's and CALL_KW's operands: below the arguments a callable and a NULL (3.12 puts the NULL first, 3.13
  /// second) or a callable and its self; the last arguments are the keywords'.
  private func call(_ count: Int, _ thread: PythonThread, _ f: PythonFrame) throws(PythonError) {
    let arguments = Array(f.stack[(f.stack.count - count)...])
    f.stack.removeLast(count)
    let second = f.pop()
    let first = f.pop()
    let callable = first.isNull ? second : first
    var positional = first.isNull || second.isNull ? arguments : [second] + arguments
    let keywordCount = f.keywordNames.count
    let keywords = Array(zip(f.keywordNames, positional.suffix(keywordCount)))
    positional.removeLast(keywordCount)
    f.keywordNames = []
    try callFromFrame(thread, callable, positional, keywords)
  }

  /// A local's value, or CPython's error where it has none.
  @inline(__always)
  private func loadFast(_ i: Int, _ f: PythonFrame, _ compiled: CompiledCode) throws(PythonError) -> PyValue {
    guard let value = f.fast[i] else {
      throw raise(
        "UnboundLocalError",
        "cannot access local variable '\(compiled.code.localNames[i])' where it is not associated with a value")
    }
    return value
  }

  /// A CALL: a Python function (or a method of one) gets a frame of its own on this thread, so that its
  /// instructions are steps of the thread like the caller's; anything else runs at once.
  func callFromFrame(
    _ thread: PythonThread, _ callable: PyValue, _ arguments: [PyValue], _ keywords: [(String, PyValue)]
  )
    throws(PythonError)
  {
    var function: PyFunction? = nil
    var all = arguments
    var constructed: PyValue? = nil
    switch callable {
    case .function(let f): function = f
    case .method(let object, .function(let f)):
      function = f
      all = [object] + arguments
    case .type(let type)
    where type.builtin == nil && !type.isSubclass(of: exceptionTypes["BaseException"]!):
      // A class of the program's with a Python `__init__`: the instance is made now and `__init__` runs in a frame
      // of its own (it may start a thread or take a lock); the call's result is the instance.
      if case .function(let f)? = type.lookup("__init__") {
        let instance = PyValue.instance(PyInstance(type: type, address: nextAddress()))
        function = f
        all = [instance] + arguments
        constructed = instance
      }
    case .instance(let instance):
      // An object whose class defines `__call__` (functools.partial's): the method runs in a frame of its own.
      if case .function(let f)? = instance.type.lookup("__call__") {
        function = f
        all = [callable] + arguments
      }
    default: break
    }
    if function == nil, nestedRuns == 0, let loop = try drainingLoop(callable, arguments) {
      function = loop.function
      all = loop.arguments
    }
    guard let function else {
      if try resumeInline(thread, callable, arguments, keywords) { return }
      thread.frames.last!.stack.append(try call(callable, arguments, keywords))
      return
    }
    let locals = try bindArguments(function, all, keywords)
    let frame = PythonFrame(
      compiled(function), globals: function.globals, namespace: nil, arguments: locals,
      closure: function.closure, id: newFrameID())
    frame.constructed = constructed
    try push(frame, on: thread)
  }

  /// A C built-in that drains an iterable whose items come from Python code (`sum(x * x for x in xs)`): the
  /// function of `_giltutor_builtins` that runs its loop on the thread, and its arguments. (A built-in called
  /// from Swift, or with an iterable of values, runs at once.)
  private func drainingLoop(_ callable: PyValue, _ arguments: [PyValue]) throws(PythonError)
    -> (function: PyFunction, arguments: [PyValue])?
  {
    guard let iterable = arguments.first, itemsComeFromPython(iterable), sourceModules["_giltutor_builtins"] != nil
    else { return nil }
    var helper = "drained"
    switch callable {
    case .builtin(let builtin) where builtin.name == "sum" || builtin.name == "sorted": break
    case .builtin(let builtin) where (builtin.name == "min" || builtin.name == "max") && arguments.count == 1: break
    case .builtin(let builtin) where builtin.name == "any" || builtin.name == "all": helper = builtin.name + "_of"
    case .type(let type)
    where type.builtin != nil && ["list", "tuple", "set", "frozenset", "dict"].contains(type.name):
      break
    case .builtinMethod(.str, "join"): break
    default: return nil
    }
    guard case .module(let module) = try importModule("_giltutor_builtins"),
      case .function(let function)? = module.attributes[helper]
    else { return nil }
    return (function, helper == "drained" ? [callable] + arguments : arguments)
  }

  /// Whether iterating `value` runs Python code: a generator's, or an iterator class's.
  private func itemsComeFromPython(_ value: PyValue) -> Bool {
    switch value {
    case .generator(let generator): return !generator.isCoroutine
    case .instance(let instance):
      if case .function? = instance.type.lookup("__next__") { return true }
      if case .function? = instance.type.lookup("__iter__") { return true }
      return false
    default: return false
    }
  }

  /// Runs one instruction of the thread's top frame. Returns false when the thread has ended (its first
  /// frame returned). An exception goes to the handler of the frame it is raised in, or ends that frame and
  /// goes on in its caller, at the call.
  func step(_ thread: PythonThread) throws(PythonError) -> Bool {
    guard let f = thread.frames.last else { return false }
    let compiled = f.compiled
    // The code object is read in place, not copied: a copy retains each of its arrays, at every instruction.
    let names = compiled.names
    guard f.ip < compiled.ops.count else {
      try finish(thread, .none)
      return !thread.frames.isEmpty
    }
    executed += 1
    if executed > budget { throw .budget(budget) }
    if nestedRuns > 0, let cost = instructionCost { cWork += cost(compiled.code.instructions[f.ip].opname) }
    let op = compiled.ops[f.ip]
    f.ip += 1
    do throws(PythonError) {
      switch op {
      case .nop: break
      case .loadConst(let i): f.stack.append(compiled.constants[i])
      case .returnConst(let i): try finish(thread, compiled.constants[i])
      case .returnValue: try finish(thread, f.pop())
      case .loadFast(let i): f.stack.append(try loadFast(i, f, compiled))
      case .storeFast(let i): f.fast[i] = f.pop()
      case .deleteFast(let i): f.fast[i] = nil
      case .loadFastAndClear(let i):
        f.stack.append(f.fast[i] ?? .null)
        f.fast[i] = nil
      case .loadGlobal(let i, let null):
        guard let value = f.globals.get(.str(names[i])) ?? builtins[names[i]] else {
          throw nameError(names[i], locals: boundLocals(compiled.code, f.fast), globals: f.globals)
        }
        if null == .below { f.stack.append(.null) }
        f.stack.append(value)
        if null == .above { f.stack.append(.null) }
      case .storeGlobal(let i): f.globals.set(.str(names[i]), .str(names[i]), f.pop())
      case .deleteGlobal(let i):
        guard f.globals.remove(.str(names[i])) != nil else {
          throw raise("NameError", "name '\(names[i])' is not defined")
        }
      case .loadName(let i):
        if let namespace = f.namespace, let value = namespace.get(.str(names[i])) {
          f.stack.append(value)
        } else if let value = f.globals.get(.str(names[i])) ?? builtins[names[i]] {
          f.stack.append(value)
        } else {
          let locals = f.namespace.map { n in
            n.entries.compactMap { k, v in if case .str(let s) = k { (s, v) } else { nil } }
          }
          throw nameError(names[i], locals: locals ?? [], globals: f.globals)
        }
      case .storeName(let i): (f.namespace ?? f.globals).set(.str(names[i]), .str(names[i]), f.pop())
      case .deleteName(let i):
        guard (f.namespace ?? f.globals).remove(.str(names[i])) != nil else {
          throw raise("NameError", "name '\(names[i])' is not defined")
        }
      case .makeCell(let i): f.cells[i] = PyCell(f.fast[i])
      case .copyFreeVars(let n):
        for k in 0..<n { f.cells[compiled.code.localNames.count - n + k] = f.closure[k] }
      case .loadDeref(let i):
        guard let value = f.cells[i]?.value else {
          throw raise(
            "NameError",
            "cannot access free variable '\(compiled.code.localNames[i])' where it is not associated with a value in enclosing scope"
          )
        }
        f.stack.append(value)
      case .storeDeref(let i):
        if f.cells[i] == nil { f.cells[i] = PyCell() }
        f.cells[i]!.value = f.pop()
      case .loadClosure(let i):
        if f.cells[i] == nil { f.cells[i] = PyCell() }
        f.stack.append(.cell(f.cells[i]!))
      case .loadAttr(let i, let method):
        let object = f.pop()
        if method != .none {
          // (method, self), or (NULL, attribute): 3.13 puts the attribute first and the NULL above it.
          let (callable, selfValue) = try loadMethod(object, names[i])
          let swapped = method == .above && callable.isNull
          f.stack.append(swapped ? selfValue : callable)
          f.stack.append(swapped ? callable : selfValue)
        } else {
          f.stack.append(try getAttribute(object, names[i]))
        }
      case .storeAttr(let i):
        let object = f.pop()
        let value = f.pop()
        try setAttribute(object, names[i], value)
      case .deleteAttr(let i):
        let object = f.pop()
        if case .instance(let instance) = object, instance.attributes.removeValue(forKey: names[i]) != nil {
          break
        }
        throw attributeError(object, names[i])
      case .binaryOp(let operation):
        let right = f.pop()
        let left = f.pop()
        f.stack.append(try binary(left, operation % 13, right))
      case .compareOp(let comparison):
        let right = f.pop()
        let left = f.pop()
        f.stack.append(.bool(try compare(left, comparison, right)))
      case .isOp(let negated):
        let right = f.pop()
        let left = f.pop()
        f.stack.append(.bool(isSame(left, right) != negated))
      case .containsOp(let negated):
        let container = f.pop()
        let item = f.pop()
        f.stack.append(.bool(try contains(container, item) != negated))
      case .unaryNegative: f.stack.append(try negate(f.pop()))
      case .unaryNot: f.stack.append(.bool(!(try truth(f.pop()))))
      case .unaryInvert:
        let value = f.pop()
        switch value {
        case .int(let i): f.stack.append(.int(~i))
        case .bool(let b): f.stack.append(.int(b ? -2 : -1))
        default: throw raise("TypeError", "bad operand type for unary ~: '\(typeName(value))'")
        }
      case .intrinsic(let which):
        switch which {
        case 5:  // unary +
          let value = f.pop()
          switch value {
          case .int, .float: f.stack.append(value)
          case .bool(let b): f.stack.append(.int(b ? 1 : 0))
          default: throw raise("TypeError", "bad operand type for unary +: '\(typeName(value))'")
          }
        case 3:  // StopIteration out of a generator's body becomes a RuntimeError (PEP 479)
          let value = f.pop()
          if case .exception(let e) = value, e.type.isSubclass(of: exceptionTypes["StopIteration"]!) {
            let kind = compiled.code.isCoroutine ? "coroutine" : "generator"
            f.stack.append(
              .exception(
                PyException(type: exceptionTypes["RuntimeError"]!, arguments: [.str("\(kind) raised StopIteration")])))
          } else {
            f.stack.append(value)
          }
        case 6:  // list to tuple
          guard case .list(let list) = f.pop() else { throw PythonError.unsupported("CALL_INTRINSIC_1 6") }
          f.stack.append(.tuple(list.items))
        default: throw PythonError.unsupported("CALL_INTRINSIC_1 \(which)")
        }
      case .popTop: _ = f.pop()
      case .toBool: f.stack.append(.bool(try truth(f.pop())))
      case .loadFastLoadFast(let a, let b):
        f.stack.append(try loadFast(a, f, compiled))
        f.stack.append(try loadFast(b, f, compiled))
      case .storeFastLoadFast(let a, let b):
        f.fast[a] = f.pop()
        f.stack.append(try loadFast(b, f, compiled))
      case .storeFastStoreFast(let a, let b):
        f.fast[a] = f.pop()
        f.fast[b] = f.pop()
      case .pushNull: f.stack.append(.null)
      case .copy(let n): f.stack.append(f.stack[f.stack.count - n])
      case .swap(let n): f.stack.swapAt(f.stack.count - 1, f.stack.count - n)
      case .kwNames(let i):
        guard case .tuple(let items) = compiled.constants[i] else { break }
        f.keywordNames = items.map { if case .str(let s) = $0 { s } else { "" } }
      case .callKw(let count):
        guard case .tuple(let items) = f.pop() else { throw PythonError.unsupported("CALL_KW") }
        f.keywordNames = items.map { if case .str(let s) = $0 { s } else { "" } }
        try call(count, thread, f)
      case .call(let count): try call(count, thread, f)
      case .callFunctionEx(let hasKeywords):
        var keywords: [(String, PyValue)] = []
        if hasKeywords, case .dict(let dict) = f.pop() {
          for (k, v) in dict.entries {
            guard case .str(let name) = k else { throw raise("TypeError", "keywords must be strings") }
            keywords.append((name, v))
          }
        }
        let arguments = try iterate(f.pop())
        let upper = f.pop()
        let lower = f.pop()
        // A Python function gets a frame of its own, as with CALL: a thread's job called as `fn(*args)` waits there.
        // The callable and a NULL, in 3.12's order (NULL first) or 3.13's.
        try callFromFrame(thread, lower.isNull ? upper : lower, arguments, keywords)
      case .setFunctionAttribute(let flag):
        guard case .function(let function) = f.pop() else { throw PythonError.unsupported("SET_FUNCTION_ATTRIBUTE") }
        let value = f.pop()
        switch (flag, value) {
        case (8, .tuple(let cellValues)):
          function.closure = cellValues.compactMap { if case .cell(let c) = $0 { c } else { nil } }
        case (2, .dict(let dict)):
          for (k, v) in dict.entries { if case .str(let name) = k { function.keywordDefaults[name] = v } }
        case (1, .tuple(let items)): function.defaults = items
        default: break
        }
        f.stack.append(.function(function))
      case .makeFunction(let flags):
        guard case .code(let reference) = f.pop() else { throw PythonError.unsupported("MAKE_FUNCTION") }
        var closure: [PyCell] = []
        if flags & 8 != 0, case .tuple(let cellValues) = f.pop() {
          closure = cellValues.compactMap { if case .cell(let c) = $0 { c } else { nil } }
        }
        if flags & 4 != 0 { _ = f.pop() }
        var keywordDefaults: [String: PyValue] = [:]
        if flags & 2 != 0, case .dict(let dict) = f.pop() {
          for (k, v) in dict.entries { if case .str(let name) = k { keywordDefaults[name] = v } }
        }
        var defaults: [PyValue] = []
        if flags & 1 != 0, case .tuple(let items) = f.pop() { defaults = items }
        let function = PyFunction(
          code: reference.code, globals: f.globals, defaults: defaults, keywordDefaults: keywordDefaults,
          closure: closure)
        function.address = nextAddress()
        f.stack.append(.function(function))
      case .buildList(let n):
        let items = Array(f.stack.suffix(n))
        f.stack.removeLast(n)
        f.stack.append(.list(PyList(items)))
      case .buildTuple(let n):
        let items = Array(f.stack.suffix(n))
        f.stack.removeLast(n)
        f.stack.append(.tuple(items))
      case .buildSet(let n):
        let items = Array(f.stack.suffix(n))
        f.stack.removeLast(n)
        let set = PySet()
        for item in items { set.insert(try hashKey(item), item) }
        f.stack.append(.set(set))
      case .buildMap(let n):
        let items = Array(f.stack.suffix(2 * n))
        f.stack.removeLast(2 * n)
        let dict = PyDict()
        for k in 0..<n { dict.set(try hashKey(items[2 * k]), items[2 * k], items[2 * k + 1]) }
        f.stack.append(.dict(dict))
      case .buildConstKeyMap(let n):
        guard case .tuple(let keys) = f.pop() else { throw PythonError.unsupported("BUILD_CONST_KEY_MAP") }
        let values = Array(f.stack.suffix(n))
        f.stack.removeLast(n)
        let dict = PyDict()
        for (k, v) in zip(keys, values) { dict.set(try hashKey(k), k, v) }
        f.stack.append(.dict(dict))
      case .buildString(let n):
        let parts = f.stack.suffix(n).map { if case .str(let s) = $0 { s } else { "" } }
        f.stack.removeLast(n)
        f.stack.append(.str(parts.joined()))
      case .buildSlice(let n):
        let step: PyValue = n == 3 ? f.pop() : .none
        let upper = f.pop()
        let lower = f.pop()
        f.stack.append(.slice(lower, upper, step))
      case .listAppend(let n):
        let item = f.pop()
        guard case .list(let list) = f.stack[f.stack.count - n] else { throw PythonError.unsupported("LIST_APPEND") }
        list.items.append(item)
      case .listExtend(let n):
        let items = try iterate(f.pop())
        guard case .list(let list) = f.stack[f.stack.count - n] else { throw PythonError.unsupported("LIST_EXTEND") }
        list.items += items
      case .setAdd(let n):
        let item = f.pop()
        guard case .set(let set) = f.stack[f.stack.count - n] else { throw PythonError.unsupported("SET_ADD") }
        set.insert(try hashKey(item), item)
      case .setUpdate(let n):
        let source = f.pop()
        guard case .set(let set) = f.stack[f.stack.count - n] else { throw PythonError.unsupported("SET_UPDATE") }
        // A set (the compiler's frozenset of a display's constants) is merged table to table, as set_merge does.
        if case .set(let other) = source {
          set.merge(other)
        } else {
          for item in try iterate(source) { set.insert(try hashKey(item), item) }
        }
      case .mapAdd(let n):
        let value = f.pop()
        let key = f.pop()
        guard case .dict(let dict) = f.stack[f.stack.count - n] else { throw PythonError.unsupported("MAP_ADD") }
        dict.set(try hashKey(key), key, value)
      case .dictMerge(let n), .dictUpdate(let n):
        guard case .dict(let source) = f.pop(), case .dict(let dict) = f.stack[f.stack.count - n] else {
          throw raise("TypeError", "argument after ** must be a mapping")
        }
        for (k, v) in source.entries { dict.set(try hashKey(k), k, v) }
      case .binarySubscr:
        let index = f.pop()
        let container = f.pop()
        f.stack.append(try getItem(container, index))
      case .storeSubscr:
        let index = f.pop()
        let container = f.pop()
        let value = f.pop()
        try setItem(container, index, value)
      case .deleteSubscr:
        let index = f.pop()
        let container = f.pop()
        try deleteItem(container, index)
      case .binarySlice:
        let upper = f.pop()
        let lower = f.pop()
        let container = f.pop()
        f.stack.append(try getItem(container, .slice(lower, upper, .none)))
      case .storeSlice:
        let upper = f.pop()
        let lower = f.pop()
        let container = f.pop()
        let value = f.pop()
        try setItem(container, .slice(lower, upper, .none), value)
      case .getIter: f.stack.append(try makeIterator(f.pop()))
      case .forIter(let target):
        if case .generator(let generator) = f.top() {
          try resume(generator, with: PyValue.none, on: thread, by: .forIter(target))
          break
        }
        if case .instance(let instance) = f.top(), case .function(let next)? = instance.type.lookup("__next__") {
          // An iterator class of the program's: its `__next__` runs in a frame of its own, as in CPython.
          let frame = PythonFrame(
            self.compiled(next), globals: next.globals, namespace: nil,
            arguments: try bindArguments(next, [f.top()], []), closure: next.closure, id: newFrameID())
          frame.loopExit = target
          if let cost = instructionCost { cWork += cost(MachineModel.iteratorSlotCall) }
          try push(frame, on: thread)
          break
        }
        guard case .iterator(let iterator) = f.top() else { throw PythonError.unsupported("FOR_ITER") }
        if let value = iterator.next() {
          f.stack.append(value)
        } else {
          // Exhausted: the iterator goes and the loop ends past its END_FOR.
          _ = f.pop()
          f.ip = target
        }
      case .endFor:
        _ = f.pop()
        _ = f.pop()
      case .jump(let target): f.ip = target
      case .popJumpIfFalse(let target): if !(try truth(f.pop())) { f.ip = target }
      case .popJumpIfTrue(let target): if try truth(f.pop()) { f.ip = target }
      case .jumpIfFalseOrPop(let target): if try truth(f.top()) { _ = f.pop() } else { f.ip = target }
      case .jumpIfTrueOrPop(let target): if try truth(f.top()) { f.ip = target } else { _ = f.pop() }
      case .popJumpIfNone(let target):
        if case .none = f.pop() { f.ip = target }
      case .popJumpIfNotNone(let target):
        if case .none = f.pop() {} else { f.ip = target }
      case .convertValue(let conversion):
        let value = f.pop()
        f.stack.append(.str(conversion == 1 ? try str(value) : try repr(value)))
      case .formatSimple:
        let value = f.pop()
        f.stack.append(.str(try format(value, "")))
      case .formatWithSpec:
        guard case .str(let spec) = f.pop() else { throw PythonError.unsupported("FORMAT_WITH_SPEC") }
        let value = f.pop()
        f.stack.append(.str(try format(value, spec)))
      case .formatValue(let flags):
        let spec: String
        if flags & 4 != 0, case .str(let s) = f.pop() { spec = s } else { spec = "" }
        var value = f.pop()
        switch flags & 3 {
        case 1: value = .str(try str(value))
        case 2: value = .str(try repr(value))
        case 3: value = .str(try repr(value))
        default: break
        }
        f.stack.append(.str(try format(value, spec)))
      case .unpackSequence(let n):
        let items = try iterate(f.pop())
        guard items.count == n else {
          throw raise(
            "ValueError",
            items.count > n
              ? "too many values to unpack (expected \(n))"
              : "not enough values to unpack (expected \(n), got \(items.count))")
        }
        f.stack += items.reversed()
      case .unpackEx(let counts):
        let before = counts & 0xFF
        let after = counts >> 8
        let items = try iterate(f.pop())
        guard items.count >= before + after else {
          throw raise(
            "ValueError", "not enough values to unpack (expected at least \(before + after), got \(items.count))")
        }
        let middle = PyValue.list(PyList(Array(items[before..<(items.count - after)])))
        f.stack += (Array(items.prefix(before)) + [middle] + Array(items.suffix(after))).reversed()
      case .importName(let i):
        let fromList = f.pop()
        _ = f.pop()
        let leaf: Bool = if case .none = fromList { false } else { true }
        f.stack.append(try importModule(names[i], leaf: leaf))
      case .importFrom(let i):
        f.stack.append(try getAttribute(f.top(), names[i]))
      case .raiseVarargs(let count):
        switch count {
        case 0:
          // A bare `raise`: the exception being handled, again.
          guard
            case .exception(let current)? = handledExceptions.last(where: {
              if case .exception = $0 { true } else { false }
            })
          else { throw raise("RuntimeError", "No active exception to reraise") }
          throw raising(current)
        default:
          if count == 2 { _ = f.pop() }
          throw raising(try exception(from: f.pop()))
        }
      case .loadAssertionError: f.stack.append(.type(exceptionTypes["AssertionError"]!))
      case .loadBuildClass: f.stack.append(builtins["__build_class__"]!)
      case .returnGenerator: makeGenerator(thread, f)
      case .yieldValue: try yield(thread, f)
      case .send(let target, let replaces): try send(thread, f, target, replacesReceiver: replaces)
      case .endSend:
        let value = f.pop()
        _ = f.pop()
        f.stack.append(value)
      case .cleanupThrow:
        // A throw() into the awaited object ended it: StopIteration's value is the await's result.
        guard case .exception(let e) = f.pop() else { throw PythonError.unsupported("CLEANUP_THROW") }
        guard e.type.isSubclass(of: exceptionTypes["StopIteration"]!) else { throw raising(e) }
        f.stack.removeLast(2)
        f.stack.append(.none)
        f.stack.append(e.arguments.first ?? .none)
      case .getAwaitable: f.stack.append(try awaitable(f.pop()))
      case .getYieldFromIter:
        // `yield from` a coroutine is refused outside a coroutine, as CPython does; a generator is its own iterator.
        if case .generator(let generator) = f.top(), generator.isCoroutine, !compiled.code.isCoroutine {
          throw raise("TypeError", "cannot 'yield from' a coroutine object in a non-coroutine generator")
        }
        f.stack.append(try makeIterator(f.pop()))
      case .pushExcInfo:
        // The exception being handled becomes the current one; the one before is kept below it.
        let value = f.pop()
        f.stack.append(handledExceptions.last ?? .none)
        f.stack.append(value)
        handledExceptions.append(value)
      case .popExcept:
        _ = f.pop()
        if !handledExceptions.isEmpty { handledExceptions.removeLast() }
      case .checkExcMatch:
        let type = f.pop()
        guard case .exception(let e) = f.top() else { throw PythonError.unsupported("CHECK_EXC_MATCH") }
        f.stack.append(.bool(try exceptionMatches(e, type)))
      case .reraise:
        guard case .exception(let e) = f.pop() else { throw PythonError.unsupported("RERAISE") }
        throw raising(e)
      case .beforeWith:
        let manager = f.pop()
        let exit = try getAttribute(manager, "__exit__")
        let enter = try getAttribute(manager, "__enter__")
        // `__exit__` goes on the stack first: `__enter__` may wait (a lock's, or a Python one that takes a lock),
        // and its result comes last, from a frame of its own when it is Python.
        f.stack.append(exit)
        try callFromFrame(thread, enter, [], [])
      case .beforeAsyncWith:
        // `__aexit__` first, then what `__aenter__` returns (a coroutine, which the next instructions await).
        let manager = f.pop()
        guard case .instance(let instance) = manager, let enter = instance.type.lookup("__aenter__"),
          let exit = instance.type.lookup("__aexit__")
        else {
          throw raise(
            "TypeError", "'\(typeName(manager))' object does not support the asynchronous context manager protocol")
        }
        f.stack.append(.method(self: manager, function: exit))
        try callFromFrame(thread, .method(self: manager, function: enter), [], [])
      case .withExceptStart:
        // __exit__(type, exception, traceback), under lasti and the exception before.
        let value = f.top()
        let exit = f.stack[f.stack.count - 4]
        guard case .exception(let e) = value else { throw PythonError.unsupported("WITH_EXCEPT_START") }
        try callFromFrame(thread, exit, [.type(e.type), value, .none], [])
      case .unsupported(let opname): throw PythonError.unsupported("the instruction \(opname)")
      }
    } catch {
      try unwind(thread, error)
    }
    return !thread.frames.isEmpty
  }

  /// An exception raised in the top frame: to its handler, or out of the frame into its caller's, and so on;
  /// out of the thread's first frame it is thrown.
  func unwind(_ thread: PythonThread, _ error: PythonError) throws(PythonError) {
    guard case .raised(let id) = error else { throw error }
    while let f = thread.frames.last {
      // A frame is in the traceback once, at the line where the exception first passed through it.
      if exceptions[id].traceback.last?.frame != f.id {
        exceptions[id].traceback.append(
          (f.id, f.compiled.code.name, f.compiled.lines[max(f.ip - 1, 0)], file(of: f)))
      }
      if f.ip > 0, let handler = f.compiled.code.instructions[f.ip - 1].exceptionTarget {
        f.stack.removeLast(max(0, f.stack.count - handler.depth))
        if handler.keepsLasti { f.stack.append(.int(Int64(f.ip - 1))) }
        f.stack.append(.exception(exceptions[id]))
        f.keywordNames = []
        f.ip = handler.instruction
        return
      }
      // An exception out of a generator's frame ends the generator.
      let ended = thread.frames.removeLast()
      ended.generator?.state = .finished
      depth -= 1
      // StopIteration out of a `__next__` that a FOR_ITER called ends that loop.
      if let exit = ended.loopExit, let caller = thread.frames.last,
        exceptions[id].type.isSubclass(of: exceptionTypes["StopIteration"]!)
      {
        _ = caller.pop()
        caller.ip = exit
        return
      }
    }
    throw error
  }

  /// The file a frame's code comes from: the program's, or for a module written in Python its place among
  /// giltutor's (`<giltutor>/concurrent/futures.py`).
  func file(of frame: PythonFrame) -> String {
    guard case .str(let module)? = frame.globals.get(.str("__name__")), module != "__main__" else { return fileName }
    return "<giltutor>/" + module.split(separator: ".").joined(separator: "/") + ".py"
  }

  /// `except TYPE:` — the exception is an instance of TYPE, or of one in a tuple of them.
  func exceptionMatches(_ e: PyException, _ type: PyValue) throws(PythonError) -> Bool {
    switch type {
    case .type(let t): return e.type.isSubclass(of: t)
    case .tuple(let items):
      for item in items where try exceptionMatches(e, item) { return true }
      return false
    default:
      throw raise("TypeError", "catching classes that do not inherit from BaseException is not allowed")
    }
  }

  /// A function frame's bound locals, by name (its f_locals).
  func boundLocals(_ code: CodeObject, _ fast: [PyValue?]) -> [(String, PyValue)] {
    zip(code.localNames, fast).compactMap { name, value in value.map { (name, $0) } }
  }

  /// What a `raise` raises: an exception instance, or a class called with no arguments.
  func exception(from value: PyValue) throws(PythonError) -> PyException {
    switch value {
    case .exception(let e): return e
    case .type(let t) where t.isSubclass(of: exceptionTypes["BaseException"]!):
      return PyException(type: t, arguments: [])
    default: throw raise("TypeError", "exceptions must derive from BaseException")
    }
  }
}
