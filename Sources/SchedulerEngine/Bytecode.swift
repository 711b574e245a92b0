/// Turns thread bodies into the CPython instructions they run, as `dis` shows them.
///
/// A thread body is compiled as the function the thread runs (`def worker(): global counter; ...`), so names,
/// constants and locals are numbered as CPython numbers them (`co_names`, `co_consts`, `co_varnames`).
public enum Bytecode {
  /// The instructions of one statement, as in `dis` of `def f(): global <shared>; <statement>` (no prologue).
  public static func listing(
    for statement: StatementKind, shared: Set<String> = [], interpreter: InterpreterKind = .cpython311
  ) -> [Instruction] {
    var compiler = Compiler(dialect: Dialect(interpreter), shared: shared.sorted(), locks: [], model: .calibrated)
    compiler.statement(Statement(statement))
    return compiler.ops.compactMap { $0.instruction >= 0 ? compiler.table[Int($0.instruction)] : nil }
      .filter { !$0.isCallee }.map(\.instruction)
  }

  /// The whole function a thread body runs, with its prologue and epilogue, each instruction with the scenario
  /// line it comes from: what `dis.dis(worker)` prints.
  public static func function(
    body: [Statement], shared: Set<String> = [], interpreter: InterpreterKind = .cpython311
  ) -> [(line: Int, instruction: Instruction)] {
    var compiler = Compiler(dialect: Dialect(interpreter), shared: shared.sorted(), locks: [], model: .calibrated)
    compiler.function(body)
    return zip(compiler.ops, compiler.lines).compactMap { op, line in
      guard op.instruction >= 0 else { return nil }
      let entry = compiler.table[Int(op.instruction)]
      return entry.isCallee ? nil : (line, entry.instruction)
    }
  }
}

/// Which interpreter's instruction set to emit.
enum Dialect {
  case py27, py311, py312

  init(_ kind: InterpreterKind) {
    switch kind {
    case .cpython27: self = .py27
    case .cpython311: self = .py311
    case .cpython312, .cpython313, .cpython313t: self = .py312
    }
  }
}

/// What one step of a compiled program does.
enum OpKind: UInt8 {
  case loadShared, loadLocal, loadConst, binary, storeShared, storeLocal
  /// An instruction with no effect on the simulated data (PRECALL, RESUME, POP_TOP, …).
  case plain
  case loopInit, forIter, jumpBack
  case acquireLock, releaseLock
  case compute, builtin, native, io, sleep, awaitIO, awaitSleep
}

/// One step of a compiled thread or task program.
struct Op {
  var kind: OpKind
  /// Index into the trace's instruction table, or -1 for steps that are not single instructions.
  var instruction: Int32 = -1
  /// How long the step takes on a core (for io and sleep: how long it blocks).
  var cost: Nanos
  /// A variable, loop, lock slot or jump target.
  var slot: Int32 = 0
  /// A constant, a loop count, or the binary operator.
  var constant: Int64 = 0
  /// New GIL: the eval breaker is checked after this instruction.
  var checkPoint = false
  /// Old GIL: this instruction counts down the check-interval ticker.
  var tick = false
}

/// A compiled thread or task body.
struct Program {
  var ops: [Op]
  var localCount: Int
  var loopCount: Int
  var localNames: [String]
}

/// One entry of the instruction table, remembering whether it runs inside a called function.
struct TableEntry: Hashable {
  var instruction: Instruction
  var isCallee: Bool
}

struct Compiler {
  let dialect: Dialect
  /// Shared variables in scenario order: their slot is their index.
  let sharedOrder: [String]
  let shared: Set<String>
  let locks: [String]
  let model: MachineModel
  var ops: [Op] = []
  /// The scenario line each op comes from.
  var lines: [Int] = []
  private var currentLine = 0
  var table: [TableEntry] = []
  private var tableIndex: [TableEntry: Int32] = [:]
  private var names: [String] = []
  private var consts: [String] = ["None"]
  private(set) var locals: [String] = []
  private var loops = 0

  init(dialect: Dialect, shared: [String], locks: [String], model: MachineModel) {
    self.dialect = dialect
    self.sharedOrder = shared
    self.shared = Set(shared)
    self.locks = locks
    self.model = model
  }

  /// Reuses another compiler's instruction table so that one trace has one table.
  init(continuing other: Compiler) {
    self.init(dialect: other.dialect, shared: other.sharedOrder, locks: other.locks, model: other.model)
    table = other.table
    tableIndex = other.tableIndex
  }

  var program: Program { Program(ops: ops, localCount: locals.count, loopCount: loops, localNames: locals) }

  mutating func function(_ body: [Statement]) {
    if dialect != .py27 { emit("RESUME", 0, checkPoint: true) }
    for statement in body { self.statement(statement) }
    returnNone(callee: false)
  }

  mutating func statement(_ statement: Statement) {
    let enclosing = currentLine
    currentLine = statement.location.line
    defer { currentLine = enclosing }
    switch statement.kind {
    case .compute(let d): append(Op(kind: .compute, cost: d))
    case .builtin(let d): append(Op(kind: .builtin, cost: d))
    case .native(let d): append(Op(kind: .native, cost: d))
    case .io(let d): append(Op(kind: .io, cost: d))
    case .sleep(let d): append(Op(kind: .sleep, cost: d))
    case .awaitIO(let d): append(Op(kind: .awaitIO, cost: d))
    case .awaitSleep(let d): append(Op(kind: .awaitSleep, cost: d))
    case .repeatBlock(let count, let body): loop(count, body)
    case .withLock(let name, let body): with(name, body)
    case .call(let name): call(name)
    case .assign(let target, let value):
      load(value.left)
      if let op = value.op, let right = value.right {
        load(right)
        binary(op, inPlace: false)
      }
      store(target)
    case .augmentedAssign(let target, let op, let value):
      load(.name(target))
      load(value)
      binary(op, inPlace: true)
      store(target)
    }
  }

  // MARK: Statements

  private mutating func loop(_ count: Int, _ body: [Statement]) {
    let slot = Int32(loops)
    loops += 1
    if dialect == .py27 { emit("SETUP_LOOP", nil, "", tick: true) }
    switch dialect {
    case .py27: emit("LOAD_GLOBAL", name("range"), "range", tick: true)
    case .py311, .py312: emit("LOAD_GLOBAL", name("range") << 1 | 1, "NULL + range")
    }
    emit("LOAD_CONST", const(String(count)), String(count))
    switch dialect {
    case .py27: emit("CALL_FUNCTION", 1, "", tick: true)
    case .py311:
      emit("PRECALL", 1)
      emit("CALL", 1, checkPoint: true)
    case .py312: emit("CALL", 1, checkPoint: true)
    }
    emit("GET_ITER", kind: .loopInit, slot: slot, constant: Int64(count), tick: dialect == .py27)
    let top = Int32(ops.count)
    // 2.7 built with computed gotos (the default where the compiler has them, as on Linux) turns opcode
    // prediction off: FOR_ITER goes round the loop's top, past the ticker, before its STORE_FAST. Measured: with
    // sys.setcheckinterval(104) (105 ticks) each thread always switches at the same place, so a loop of
    // `counter += 1` has five ticking instructions, not four.
    emit("FOR_ITER", kind: .forIter, slot: slot, tick: dialect == .py27)
    emit("STORE_FAST", local("_"), "_")
    for statement in body { self.statement(statement) }
    switch dialect {
    case .py27: emit("JUMP_ABSOLUTE", nil, "", kind: .jumpBack, slot: top, tick: true)
    case .py311, .py312: emit("JUMP_BACKWARD", nil, "to FOR_ITER", kind: .jumpBack, slot: top, checkPoint: true)
    }
    let exit = Int32(ops.count)
    ops[Int(top)].constant = Int64(exit)
    switch dialect {
    case .py27: emit("POP_BLOCK", tick: true)
    case .py311: break
    case .py312: emit("END_FOR")
    }
  }

  private mutating func with(_ lock: String, _ body: [Statement]) {
    let slot = Int32(locks.firstIndex(of: lock) ?? 0)
    emit("LOAD_GLOBAL", dialect == .py27 ? name(lock) : name(lock) << 1, lock, tick: dialect == .py27)
    if dialect == .py27 {
      emit("SETUP_WITH", nil, "", kind: .acquireLock, slot: slot, tick: true)
    } else {
      emit("BEFORE_WITH", kind: .acquireLock, slot: slot)
    }
    emit("POP_TOP")
    for statement in body { self.statement(statement) }
    switch dialect {
    case .py27:
      emit("POP_BLOCK", tick: true)
      emit("LOAD_CONST", const("None"), "None")
      emit("WITH_CLEANUP", kind: .releaseLock, slot: slot, tick: true)
      emit("END_FINALLY", tick: true)
    case .py311, .py312:
      for _ in 0..<3 { emit("LOAD_CONST", const("None"), "None") }
      if dialect == .py311 { emit("PRECALL", 2) }
      emit("CALL", 2, kind: .releaseLock, slot: slot, checkPoint: true)
      emit("POP_TOP")
    }
  }

  private mutating func call(_ function: String) {
    switch dialect {
    case .py27:
      emit("LOAD_GLOBAL", name(function), function, tick: true)
      emit("CALL_FUNCTION", 0, "", tick: true)
      returnNone(callee: true)
    case .py311:
      emit("LOAD_GLOBAL", name(function) << 1 | 1, "NULL + \(function)")
      emit("PRECALL", 0)
      emit("CALL", 0)
      emit("RESUME", 0, callee: true, checkPoint: true)
      returnNone(callee: true)
    case .py312:
      emit("LOAD_GLOBAL", name(function) << 1 | 1, "NULL + \(function)")
      emit("CALL", 0)
      emit("RESUME", 0, callee: true, checkPoint: true)
      returnNone(callee: true)
    }
    emit("POP_TOP")
  }

  private mutating func returnNone(callee: Bool) {
    switch dialect {
    case .py27:
      emit("LOAD_CONST", 0, "None", callee: callee)
      emit("RETURN_VALUE", callee: callee, tick: true)
    case .py311:
      emit("LOAD_CONST", callee ? 0 : const("None"), "None", callee: callee)
      emit("RETURN_VALUE", callee: callee)
    case .py312:
      emit("RETURN_CONST", callee ? 0 : const("None"), "None", callee: callee)
    }
  }

  // MARK: Expressions

  private mutating func load(_ operand: Operand) {
    switch operand {
    case .constant(let value):
      emit("LOAD_CONST", const(String(value)), String(value), kind: .loadConst, constant: value)
    case .name(let n) where shared.contains(n):
      let index = name(n)
      emit(
        "LOAD_GLOBAL", dialect == .py27 ? index : index << 1, n, kind: .loadShared, slot: Int32(sharedSlot(n)),
        tick: dialect == .py27)
    case .name(let n):
      emit("LOAD_FAST", local(n), n, kind: .loadLocal, slot: Int32(local(n)))
    }
  }

  private mutating func store(_ target: String) {
    if shared.contains(target) {
      emit(
        "STORE_GLOBAL", name(target), target, kind: .storeShared, slot: Int32(sharedSlot(target)),
        tick: dialect == .py27)
    } else {
      emit("STORE_FAST", local(target), target, kind: .storeLocal, slot: Int32(local(target)))
    }
  }

  private mutating func binary(_ op: BinaryOperator, inPlace: Bool) {
    let code = Int64(BinaryOperator.allCases.firstIndex(of: op)!)
    switch dialect {
    case .py27:
      let word = ["ADD", "SUBTRACT", "MULTIPLY"][Int(code)]
      emit((inPlace ? "INPLACE_" : "BINARY_") + word, kind: .binary, constant: code, tick: true)
    case .py311, .py312:
      // NB_ADD, NB_SUBTRACT, NB_MULTIPLY and their in-place forms, as numbered in CPython's opcode.h.
      let arg = [[0, 10, 5], [13, 23, 18]][inPlace ? 1 : 0][Int(code)]
      emit("BINARY_OP", arg, op.rawValue + (inPlace ? "=" : ""), kind: .binary, constant: code)
    }
  }

  // MARK: Tables

  private func sharedSlot(_ n: String) -> Int { sharedOrder.firstIndex(of: n) ?? 0 }

  private mutating func name(_ n: String) -> Int {
    if let i = names.firstIndex(of: n) { return i }
    names.append(n)
    return names.count - 1
  }

  private mutating func const(_ c: String) -> Int {
    if let i = consts.firstIndex(of: c) { return i }
    consts.append(c)
    return consts.count - 1
  }

  private mutating func local(_ n: String) -> Int {
    if let i = locals.firstIndex(of: n) { return i }
    locals.append(n)
    return locals.count - 1
  }

  private mutating func append(_ op: Op) {
    ops.append(op)
    lines.append(currentLine)
  }

  private mutating func emit(
    _ opname: String, _ arg: Int? = nil, _ argrepr: String = "", kind: OpKind = .plain, slot: Int32 = 0,
    constant: Int64 = 0, callee: Bool = false, checkPoint: Bool = false, tick: Bool = false
  ) {
    // 2.7 checks its ticker only after instructions that do not take the fast path: those are its check points
    // in a listing.
    let shown = checkPoint || (dialect == .py27 && tick)
    let entry = TableEntry(instruction: Instruction(opname, arg, argrepr, checkPoint: shown), isCallee: callee)
    let index: Int32
    if let known = tableIndex[entry] {
      index = known
    } else {
      index = Int32(table.count)
      table.append(entry)
      tableIndex[entry] = index
    }
    append(
      Op(
        kind: kind, instruction: index, cost: model.cost(of: opname, specializedRange: dialect == .py312), slot: slot,
        constant: constant,
        checkPoint: checkPoint, tick: tick))
  }
}
