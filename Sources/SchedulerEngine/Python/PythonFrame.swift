/// One instruction of 3.12 bytecode, decoded once per code object.
enum PythonOp {
  case nop
  case loadConst(Int)
  case returnConst(Int)
  case returnValue
  case loadFast(Int)
  case storeFast(Int)
  case deleteFast(Int)
  case loadFastAndClear(Int)
  case loadGlobal(Int, pushNull: Bool)
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
  case loadAttr(Int, method: Bool)
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
  case forIter(Int)
  case endFor
  case jump(Int)
  case popJumpIfFalse(Int)
  case popJumpIfTrue(Int)
  case popJumpIfNone(Int)
  case popJumpIfNotNone(Int)
  case formatValue(Int)
  case unpackSequence(Int)
  case unpackEx(Int)
  case importName(Int)
  case importFrom(Int)
  case raiseVarargs(Int)
  case loadAssertionError
  case loadBuildClass
  case returnGenerator, yieldValue
  case pushExcInfo, popExcept, checkExcMatch
  case reraise(Int)
  case beforeWith, withExceptStart
  case unsupported(String)
}

/// A code object ready to run: its instructions decoded, its constants as values, its nested code too.
final class CompiledCode {
  let code: CodeObject
  let ops: [PythonOp]
  let lines: [Int]
  var constants: [PyValue] = []

  private init(_ code: CodeObject) {
    self.code = code
    var ops: [PythonOp] = []
    var lines: [Int] = []
    var line = code.firstLine
    for instruction in code.instructions {
      if let l = instruction.line { line = l }
      lines.append(line)
      ops.append(Self.decode(instruction))
    }
    self.ops = ops
    self.lines = lines
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
    case .code: .none
    }
  }

  static func decode(_ i: CodeInstruction) -> PythonOp {
    let a = i.arg ?? 0
    let t = i.target ?? 0
    switch i.opname {
    case "NOP", "RESUME", "EXTENDED_ARG", "CACHE": return .nop
    case "LOAD_CONST": return .loadConst(a)
    case "RETURN_CONST": return .returnConst(a)
    case "RETURN_VALUE": return .returnValue
    case "LOAD_FAST", "LOAD_FAST_CHECK": return .loadFast(a)
    case "STORE_FAST": return .storeFast(a)
    case "DELETE_FAST": return .deleteFast(a)
    case "LOAD_FAST_AND_CLEAR": return .loadFastAndClear(a)
    case "LOAD_GLOBAL": return .loadGlobal(a >> 1, pushNull: a & 1 == 1)
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
    case "LOAD_ATTR": return .loadAttr(a >> 1, method: a & 1 == 1)
    case "STORE_ATTR": return .storeAttr(a)
    case "DELETE_ATTR": return .deleteAttr(a)
    case "BINARY_OP": return .binaryOp(a)
    case "COMPARE_OP": return .compareOp(a >> 4)
    case "IS_OP": return .isOp(a == 1)
    case "CONTAINS_OP": return .containsOp(a == 1)
    case "UNARY_NEGATIVE": return .unaryNegative
    case "UNARY_NOT": return .unaryNot
    case "UNARY_INVERT": return .unaryInvert
    case "CALL_INTRINSIC_1": return .intrinsic(a)
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
    case "FOR_ITER": return .forIter(t)
    case "END_FOR": return .endFor
    case "JUMP_FORWARD", "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT": return .jump(t)
    case "POP_JUMP_IF_FALSE": return .popJumpIfFalse(t)
    case "POP_JUMP_IF_TRUE": return .popJumpIfTrue(t)
    case "POP_JUMP_IF_NONE": return .popJumpIfNone(t)
    case "POP_JUMP_IF_NOT_NONE": return .popJumpIfNotNone(t)
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
    case "WITH_EXCEPT_START": return .withExceptStart
    case "YIELD_VALUE": return .yieldValue
    default: return .unsupported(i.opname)
    }
  }
}

extension PythonMachine {
  /// Runs a frame of `compiled` to its return. `locals`: the namespace of module and class code (LOAD_NAME);
  /// `arguments`: the fast locals a call filled.
  /// `yields`: for a generator, where its yielded values go (it runs to its end at once: the subset's generators
  /// are finite, consumed whole by `sum`, `join` and the like).
  func execute(
    _ compiled: CompiledCode, globals: PyDict, locals namespace: PyDict?, arguments: [PyValue?],
    closure: [PyCell] = [], yields: PyList? = nil
  ) throws(PythonError) -> PyValue {
    depth += 1
    defer { depth -= 1 }
    guard depth < Self.maximumDepth else { throw raise("RecursionError", "maximum recursion depth exceeded") }
    let code = compiled.code
    var fast =
      arguments.count == code.localNames.count
      ? arguments : arguments + [PyValue?](repeating: nil, count: max(0, code.localNames.count - arguments.count))
    var cells = [PyCell?](repeating: nil, count: code.localNames.count)
    var stack: [PyValue] = []
    stack.reserveCapacity(16)
    var keywordNames: [String] = []
    var ip = 0
    framesMade += 1
    let frameID = framesMade
    let ops = compiled.ops
    let names = code.names

    func pop() -> PyValue { stack.removeLast() }
    func top() -> PyValue { stack[stack.count - 1] }

    while ip < ops.count {
      executed += 1
      if executed > budget { throw .budget(budget) }
      let op = ops[ip]
      ip += 1
      do throws(PythonError) {
        switch op {
        case .nop: break
        case .loadConst(let i): stack.append(compiled.constants[i])
        case .returnConst(let i): return compiled.constants[i]
        case .returnValue: return pop()
        case .loadFast(let i):
          guard let value = fast[i] else {
            throw raise(
              "UnboundLocalError",
              "cannot access local variable '\(code.localNames[i])' where it is not associated with a value")
          }
          stack.append(value)
        case .storeFast(let i): fast[i] = pop()
        case .deleteFast(let i): fast[i] = nil
        case .loadFastAndClear(let i):
          stack.append(fast[i] ?? .null)
          fast[i] = nil
        case .loadGlobal(let i, let pushNull):
          guard let value = globals.get(.str(names[i])) ?? builtins[names[i]] else {
            throw nameError(names[i], locals: boundLocals(code, fast), globals: globals)
          }
          stack.append(value)
          if pushNull { stack.insert(.null, at: stack.count - 1) }
        case .storeGlobal(let i): globals.set(.str(names[i]), .str(names[i]), pop())
        case .deleteGlobal(let i):
          guard globals.remove(.str(names[i])) != nil else {
            throw raise("NameError", "name '\(names[i])' is not defined")
          }
        case .loadName(let i):
          if let namespace, let value = namespace.get(.str(names[i])) {
            stack.append(value)
          } else if let value = globals.get(.str(names[i])) ?? builtins[names[i]] {
            stack.append(value)
          } else {
            let locals = namespace.map { n in
              n.entries.compactMap { k, v in if case .str(let s) = k { (s, v) } else { nil } }
            }
            throw nameError(names[i], locals: locals ?? [], globals: globals)
          }
        case .storeName(let i): (namespace ?? globals).set(.str(names[i]), .str(names[i]), pop())
        case .deleteName(let i):
          guard (namespace ?? globals).remove(.str(names[i])) != nil else {
            throw raise("NameError", "name '\(names[i])' is not defined")
          }
        case .makeCell(let i): cells[i] = PyCell(fast[i])
        case .copyFreeVars(let n):
          for k in 0..<n { cells[code.localNames.count - n + k] = closure[k] }
        case .loadDeref(let i):
          guard let value = cells[i]?.value else {
            throw raise(
              "NameError",
              "cannot access free variable '\(code.localNames[i])' where it is not associated with a value in enclosing scope"
            )
          }
          stack.append(value)
        case .storeDeref(let i):
          if cells[i] == nil { cells[i] = PyCell() }
          cells[i]!.value = pop()
        case .loadClosure(let i):
          if cells[i] == nil { cells[i] = PyCell() }
          stack.append(.cell(cells[i]!))
        case .loadAttr(let i, let method):
          let object = pop()
          if method {
            let (callable, selfValue) = try loadMethod(object, names[i])
            stack.append(callable)
            stack.append(selfValue)
          } else {
            stack.append(try getAttribute(object, names[i]))
          }
        case .storeAttr(let i):
          let object = pop()
          let value = pop()
          try setAttribute(object, names[i], value)
        case .deleteAttr(let i):
          let object = pop()
          if case .instance(let instance) = object, instance.attributes.removeValue(forKey: names[i]) != nil {
            break
          }
          throw attributeError(object, names[i])
        case .binaryOp(let operation):
          let right = pop()
          let left = pop()
          stack.append(try binary(left, operation % 13, right))
        case .compareOp(let comparison):
          let right = pop()
          let left = pop()
          stack.append(.bool(try compare(left, comparison, right)))
        case .isOp(let negated):
          let right = pop()
          let left = pop()
          stack.append(.bool(isSame(left, right) != negated))
        case .containsOp(let negated):
          let container = pop()
          let item = pop()
          stack.append(.bool(try contains(container, item) != negated))
        case .unaryNegative: stack.append(try negate(pop()))
        case .unaryNot: stack.append(.bool(!(try truth(pop()))))
        case .unaryInvert:
          let value = pop()
          switch value {
          case .int(let i): stack.append(.int(~i))
          case .bool(let b): stack.append(.int(b ? -2 : -1))
          default: throw raise("TypeError", "bad operand type for unary ~: '\(typeName(value))'")
          }
        case .intrinsic(let which):
          switch which {
          case 5:  // unary +
            let value = pop()
            switch value {
            case .int, .float: stack.append(value)
            case .bool(let b): stack.append(.int(b ? 1 : 0))
            default: throw raise("TypeError", "bad operand type for unary +: '\(typeName(value))'")
            }
          case 6:  // list to tuple
            guard case .list(let list) = pop() else { throw PythonError.unsupported("CALL_INTRINSIC_1 6") }
            stack.append(.tuple(list.items))
          default: throw PythonError.unsupported("CALL_INTRINSIC_1 \(which)")
          }
        case .popTop: _ = pop()
        case .pushNull: stack.append(.null)
        case .copy(let n): stack.append(stack[stack.count - n])
        case .swap(let n): stack.swapAt(stack.count - 1, stack.count - n)
        case .kwNames(let i):
          guard case .tuple(let items) = compiled.constants[i] else { break }
          keywordNames = items.map { if case .str(let s) = $0 { s } else { "" } }
        case .call(let count):
          let arguments = Array(stack[(stack.count - count)...])
          stack.removeLast(count)
          let second = pop()
          let first = pop()
          // Below the arguments: NULL and a callable, or a callable and its self.
          let callable = first.isNull ? second : first
          var positional = first.isNull ? arguments : [second] + arguments
          let keywordCount = keywordNames.count
          let keywords = Array(zip(keywordNames, positional.suffix(keywordCount)))
          positional.removeLast(keywordCount)
          keywordNames = []
          stack.append(try call(callable, positional, keywords))
        case .callFunctionEx(let hasKeywords):
          var keywords: [(String, PyValue)] = []
          if hasKeywords, case .dict(let dict) = pop() {
            for (k, v) in dict.entries {
              guard case .str(let name) = k else { throw raise("TypeError", "keywords must be strings") }
              keywords.append((name, v))
            }
          }
          let arguments = try iterate(pop())
          let callable = pop()
          let below = pop()
          stack.append(
            try call(below.isNull ? callable : below, below.isNull ? arguments : [callable] + arguments, keywords))
        case .makeFunction(let flags):
          guard case .code(let reference) = pop() else { throw PythonError.unsupported("MAKE_FUNCTION") }
          var closure: [PyCell] = []
          if flags & 8 != 0, case .tuple(let cellValues) = pop() {
            closure = cellValues.compactMap { if case .cell(let c) = $0 { c } else { nil } }
          }
          if flags & 4 != 0 { _ = pop() }
          var keywordDefaults: [String: PyValue] = [:]
          if flags & 2 != 0, case .dict(let dict) = pop() {
            for (k, v) in dict.entries { if case .str(let name) = k { keywordDefaults[name] = v } }
          }
          var defaults: [PyValue] = []
          if flags & 1 != 0, case .tuple(let items) = pop() { defaults = items }
          let function = PyFunction(
            code: reference.code, globals: globals, defaults: defaults, keywordDefaults: keywordDefaults,
            closure: closure)
          function.address = nextAddress()
          stack.append(.function(function))
        case .buildList(let n):
          let items = Array(stack.suffix(n))
          stack.removeLast(n)
          stack.append(.list(PyList(items)))
        case .buildTuple(let n):
          let items = Array(stack.suffix(n))
          stack.removeLast(n)
          stack.append(.tuple(items))
        case .buildSet(let n):
          let items = Array(stack.suffix(n))
          stack.removeLast(n)
          let set = PySet()
          for item in items { set.insert(try hashKey(item), item) }
          stack.append(.set(set))
        case .buildMap(let n):
          let items = Array(stack.suffix(2 * n))
          stack.removeLast(2 * n)
          let dict = PyDict()
          for k in 0..<n { dict.set(try hashKey(items[2 * k]), items[2 * k], items[2 * k + 1]) }
          stack.append(.dict(dict))
        case .buildConstKeyMap(let n):
          guard case .tuple(let keys) = pop() else { throw PythonError.unsupported("BUILD_CONST_KEY_MAP") }
          let values = Array(stack.suffix(n))
          stack.removeLast(n)
          let dict = PyDict()
          for (k, v) in zip(keys, values) { dict.set(try hashKey(k), k, v) }
          stack.append(.dict(dict))
        case .buildString(let n):
          let parts = stack.suffix(n).map { if case .str(let s) = $0 { s } else { "" } }
          stack.removeLast(n)
          stack.append(.str(parts.joined()))
        case .buildSlice(let n):
          let step: PyValue = n == 3 ? pop() : .none
          let upper = pop()
          let lower = pop()
          stack.append(.slice(lower, upper, step))
        case .listAppend(let n):
          let item = pop()
          guard case .list(let list) = stack[stack.count - n] else { throw PythonError.unsupported("LIST_APPEND") }
          list.items.append(item)
        case .listExtend(let n):
          let items = try iterate(pop())
          guard case .list(let list) = stack[stack.count - n] else { throw PythonError.unsupported("LIST_EXTEND") }
          list.items += items
        case .setAdd(let n):
          let item = pop()
          guard case .set(let set) = stack[stack.count - n] else { throw PythonError.unsupported("SET_ADD") }
          set.insert(try hashKey(item), item)
        case .setUpdate(let n):
          let items = try iterate(pop())
          guard case .set(let set) = stack[stack.count - n] else { throw PythonError.unsupported("SET_UPDATE") }
          for item in items { set.insert(try hashKey(item), item) }
        case .mapAdd(let n):
          let value = pop()
          let key = pop()
          guard case .dict(let dict) = stack[stack.count - n] else { throw PythonError.unsupported("MAP_ADD") }
          dict.set(try hashKey(key), key, value)
        case .dictMerge(let n), .dictUpdate(let n):
          guard case .dict(let source) = pop(), case .dict(let dict) = stack[stack.count - n] else {
            throw raise("TypeError", "argument after ** must be a mapping")
          }
          for (k, v) in source.entries { dict.set(try hashKey(k), k, v) }
        case .binarySubscr:
          let index = pop()
          let container = pop()
          stack.append(try getItem(container, index))
        case .storeSubscr:
          let index = pop()
          let container = pop()
          let value = pop()
          try setItem(container, index, value)
        case .deleteSubscr:
          let index = pop()
          let container = pop()
          try deleteItem(container, index)
        case .binarySlice:
          let upper = pop()
          let lower = pop()
          let container = pop()
          stack.append(try getItem(container, .slice(lower, upper, .none)))
        case .storeSlice:
          let upper = pop()
          let lower = pop()
          let container = pop()
          let value = pop()
          try setItem(container, .slice(lower, upper, .none), value)
        case .getIter: stack.append(try makeIterator(pop()))
        case .forIter(let target):
          guard case .iterator(let iterator) = top() else { throw PythonError.unsupported("FOR_ITER") }
          if let value = iterator.next() {
            stack.append(value)
          } else {
            // Exhausted: the iterator goes and the loop ends past its END_FOR.
            _ = pop()
            ip = target + 1
          }
        case .endFor:
          _ = pop()
          _ = pop()
        case .jump(let target): ip = target
        case .popJumpIfFalse(let target): if !(try truth(pop())) { ip = target }
        case .popJumpIfTrue(let target): if try truth(pop()) { ip = target }
        case .popJumpIfNone(let target):
          if case .none = pop() { ip = target }
        case .popJumpIfNotNone(let target):
          if case .none = pop() {} else { ip = target }
        case .formatValue(let flags):
          let spec: String
          if flags & 4 != 0, case .str(let s) = pop() { spec = s } else { spec = "" }
          var value = pop()
          switch flags & 3 {
          case 1: value = .str(try str(value))
          case 2: value = .str(try repr(value))
          case 3: value = .str(try repr(value))
          default: break
          }
          stack.append(.str(try format(value, spec)))
        case .unpackSequence(let n):
          let items = try iterate(pop())
          guard items.count == n else {
            throw raise(
              "ValueError",
              items.count > n
                ? "too many values to unpack (expected \(n))"
                : "not enough values to unpack (expected \(n), got \(items.count))")
          }
          stack += items.reversed()
        case .unpackEx(let counts):
          let before = counts & 0xFF
          let after = counts >> 8
          let items = try iterate(pop())
          guard items.count >= before + after else {
            throw raise(
              "ValueError", "not enough values to unpack (expected at least \(before + after), got \(items.count))")
          }
          let middle = PyValue.list(PyList(Array(items[before..<(items.count - after)])))
          stack += (Array(items.prefix(before)) + [middle] + Array(items.suffix(after))).reversed()
        case .importName(let i):
          _ = pop()
          _ = pop()
          stack.append(try importModule(names[i]))
        case .importFrom(let i):
          stack.append(try getAttribute(top(), names[i]))
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
            if count == 2 { _ = pop() }
            throw raising(try exception(from: pop()))
          }
        case .loadAssertionError: stack.append(.type(exceptionTypes["AssertionError"]!))
        case .loadBuildClass: stack.append(builtins["__build_class__"]!)
        case .returnGenerator:
          guard yields != nil else { throw PythonError.unsupported("a generator run as a function") }
          stack.append(.none)
        case .yieldValue:
          guard let yields else { throw PythonError.unsupported("yield outside a generator") }
          yields.items.append(pop())
          stack.append(.none)
        case .pushExcInfo:
          // The exception being handled becomes the current one; the one before is kept below it.
          let value = pop()
          stack.append(handledExceptions.last ?? .none)
          stack.append(value)
          handledExceptions.append(value)
        case .popExcept:
          _ = pop()
          if !handledExceptions.isEmpty { handledExceptions.removeLast() }
        case .checkExcMatch:
          let type = pop()
          guard case .exception(let e) = top() else { throw PythonError.unsupported("CHECK_EXC_MATCH") }
          stack.append(.bool(try exceptionMatches(e, type)))
        case .reraise:
          guard case .exception(let e) = pop() else { throw PythonError.unsupported("RERAISE") }
          throw raising(e)
        case .beforeWith:
          let manager = pop()
          let exit = try getAttribute(manager, "__exit__")
          let entered = try call(try getAttribute(manager, "__enter__"), [], [])
          stack.append(exit)
          stack.append(entered)
        case .withExceptStart:
          // __exit__(type, exception, traceback), under lasti and the exception before.
          let value = top()
          let exit = stack[stack.count - 4]
          guard case .exception(let e) = value else { throw PythonError.unsupported("WITH_EXCEPT_START") }
          stack.append(try call(exit, [.type(e.type), value, .none], []))
        case .unsupported(let opname): throw PythonError.unsupported("the instruction \(opname)")
        }
      } catch {
        guard case .raised(let id) = error else { throw error }
        // The frame is in the traceback once, at the line where the exception first passed through it.
        if exceptions[id].traceback.last?.frame != frameID {
          exceptions[id].traceback.append((frameID, code.name, compiled.lines[ip - 1]))
        }
        guard let handler = code.instructions[ip - 1].exceptionTarget else { throw error }
        stack.removeLast(max(0, stack.count - handler.depth))
        if handler.keepsLasti { stack.append(.int(Int64(ip - 1))) }
        stack.append(.exception(exceptions[id]))
        keywordNames = []
        ip = handler.instruction
      }
    }
    return .none
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
