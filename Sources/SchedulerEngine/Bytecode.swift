/// Turns thread bodies into the CPython instructions they run, as `dis` shows them.
///
/// A thread body is compiled as the function the thread runs (`def worker(): global counter; ...`), so names,
/// constants and locals are numbered as CPython numbers them (`co_names`, `co_consts`, `co_varnames`).
public enum Bytecode {
  /// The instructions of one statement, as in `dis` of `def f(): global <shared>; <statement>` (no prologue).
  public static func listing(
    for statement: StatementKind, shared: Set<String> = [], interpreter: InterpreterKind = .cpython311
  ) -> [Instruction] {
    var compiler = Compiler(profile: interpreter.profile, shared: shared.sorted(), objects: [], model: .calibrated)
    compiler.statement(Statement(statement))
    return compiler.ops.compactMap { $0.instruction >= 0 ? compiler.table[Int($0.instruction)] : nil }
      .filter { !$0.isCallee }.map(\.instruction)
  }

  /// The whole function a thread body runs, with its prologue and epilogue, each instruction with the scenario
  /// line it comes from: what `dis.dis(worker)` prints.
  public static func function(
    body: [Statement], shared: Set<String> = [], objects: [LockDeclaration] = [],
    interpreter: InterpreterKind = .cpython311
  ) -> [(line: Int, instruction: Instruction)] {
    var compiler = Compiler(
      profile: interpreter.profile, shared: shared.sorted(), objects: objects, model: .calibrated)
    compiler.function(body)
    return zip(compiler.ops, compiler.lines).compactMap { op, line in
      guard op.instruction >= 0 else { return nil }
      let entry = compiler.table[Int(op.instruction)]
      return entry.isCallee ? nil : (line, entry.instruction)
    }
  }
}

/// Which interpreter's instruction set to emit: the names and sequences its `dis` prints. Ordered by version.
enum Dialect: Int, Comparable {
  case py27, py38, py39, py310, py311, py312, py313, py314, py315

  static func < (a: Dialect, b: Dialect) -> Bool { a.rawValue < b.rawValue }
}

/// What one step of a compiled program does.
enum OpKind: UInt8 {
  case loadShared, loadLocal, loadConst, binary, storeShared, storeLocal
  /// An instruction with no effect on the simulated data (PRECALL, RESUME, POP_TOP, …).
  case plain
  /// A Python program's instruction that reads or writes data other threads see (a global, an attribute, an
  /// item): the interpreter does its work, the scheduler only its time (`freeThreadedInstructionTime`).
  case pythonShared
  case loopInit, forIter, jumpBack
  case acquireLock, releaseLock
  /// `list.append`: one call into C (a critical section on the list without the GIL).
  case listAppend
  /// The work of a synchronisation method written in Python (threading.py, queue.py), inside its frame.
  case eventSet, eventClear, eventWait, queuePut, queueGet, join, conditionWait, conditionNotify, barrierWait
  /// `Thread.start()`: start the thread and wait until it runs (`self._started.wait()`).
  case threadStart
  /// A thread pool's `map`: submit one item (starting a worker if none is idle), wait for one result in order,
  /// shut the pool down and wait for its workers; and its workers' round: take an item, set its result.
  case poolSubmit, poolResult, poolShutdown, poolGet, poolDone
  case compute, builtin, native, io, sleep, awaitIO, awaitSleep
  /// `gc.collect()`'s call: a collection of `cost` (a stop-the-world without a GIL).
  case gcCollect
  /// `await to_thread:`: the task waits for the item its loop just submitted to the default executor.
  case awaitThread

  /// A step of a synchronisation method or a pool, which may have to wait (`startSync`, `waitForObject`).
  var isSyncStep: Bool {
    switch self {
    case .eventSet, .eventClear, .eventWait, .queuePut, .queueGet, .join, .conditionWait, .conditionNotify,
      .barrierWait, .threadStart:
      true
    default: isPoolStep
    }
  }

  var isPoolStep: Bool {
    switch self {
    case .poolSubmit, .poolResult, .poolShutdown, .poolGet, .poolDone: true
    default: false
    }
  }
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
  /// A check follows this instruction: the eval breaker (new GIL), or the check-interval ticker (old GIL).
  var checkPoint = false
}

/// A compiled thread or task body.
struct Program {
  var ops: [Op]
  var localCount: Int
  var loopCount: Int
  var localNames: [String]
  /// Where each `with` takes its lock and gives it back, inner blocks first: an exception raised between the two
  /// passes through the block's `__exit__`, which releases the lock.
  var withBlocks: [(acquire: Int, release: Int, slot: Int32)] = []
}

/// One entry of the instruction table, remembering whether it runs inside a called function.
struct TableEntry: Hashable {
  var instruction: Instruction
  var isCallee: Bool
}

struct Compiler {
  let profile: InterpreterProfile
  var dialect: Dialect { profile.dialect }
  /// Shared variables in scenario order: their slot is their index.
  let sharedOrder: [String]
  let shared: Set<String>
  /// The synchronisation objects in scenario order: their slot is their index.
  let objects: [LockDeclaration]
  /// Top-level thread declarations, which `join` waits for: its slot is their index.
  let joinable: [String]
  let model: MachineModel
  var ops: [Op] = []
  /// The scenario line each op comes from.
  var lines: [Int] = []
  private var currentLine = 0
  var table: [TableEntry] = []
  private var tableIndex: [TableEntry: Int32] = [:]
  private var names: [String] = []
  /// `co_consts`: up to 3.13 a function's first constant is None (the docstring's place); from 3.14 it is the
  /// first constant the code loads.
  private var consts: [String]
  private(set) var locals: [String] = []
  private var loops = 0
  /// The `with` blocks, inner ones first.
  private var withBlocks: [(acquire: Int, release: Int, slot: Int32)] = []
  /// The declared pools, whose index is their `pools` index in the simulation, and their kinds.
  let poolNames: [String]
  let poolKinds: [PoolDeclaration.Kind]
  /// The pool that is the default executor of the event loop whose tasks are compiled, and the functions its
  /// tasks hand it (`await to_thread:`), in order: each one's index is its job number.
  var executor: Int32 = -1
  var executorJobs: [[Statement]] = []

  init(
    profile: InterpreterProfile, shared: [String], objects: [LockDeclaration], joinable: [String] = [],
    poolNames: [String] = [], poolKinds: [PoolDeclaration.Kind] = [], model: MachineModel
  ) {
    self.poolNames = poolNames
    self.poolKinds = poolKinds
    self.profile = profile
    self.sharedOrder = shared
    self.shared = Set(shared)
    self.objects = objects
    self.joinable = joinable
    self.model = model
    self.consts = profile.dialect >= .py314 ? [] : ["None"]
  }

  /// Reuses another compiler's instruction table so that one trace has one table.
  init(continuing other: Compiler) {
    self.init(
      profile: other.profile, shared: other.sharedOrder, objects: other.objects, joinable: other.joinable,
      poolNames: other.poolNames, poolKinds: other.poolKinds, model: other.model)
    table = other.table
    tableIndex = other.tableIndex
    executor = other.executor
    executorJobs = other.executorJobs
  }

  var program: Program {
    Program(ops: ops, localCount: locals.count, loopCount: loops, localNames: locals, withBlocks: withBlocks)
  }

  mutating func function(_ body: [Statement]) {
    if dialect >= .py311 { emit("RESUME", 0, checkPoint: true) }
    statements(body, last: .endsFunction)
    returnNone(callee: false)
  }

  /// What follows a statement: the compilers lay out the end of a `with` block differently for each.
  enum Followed {
    /// More code of the same function, or the end of an enclosing `with` block.
    case byCode
    /// The back-edge of the loop whose body it ends.
    case endsLoopBody
    /// Only the function's implicit `return None`.
    case endsFunction
    /// A short end of the function: at most four instructions with the return (3.10's compiler copies such a tail
    /// instead of jumping to it).
    case shortTail
  }

  /// `last`: what follows the body's last statement.
  private mutating func statements(_ body: [Statement], last: Followed) {
    for (i, statement) in body.enumerated() {
      var followed = Followed.byCode
      if i == body.count - 1 {
        followed = last
      } else if last == .endsFunction && i == body.count - 2, case .assign(_, let value) = body[i + 1].kind,
        value.op == nil
      {
        followed = .shortTail
      }
      self.statement(statement, followed: followed)
    }
  }

  mutating func statement(_ statement: Statement, followed: Followed = .byCode) {
    let enclosing = currentLine
    currentLine = statement.location.line
    defer { currentLine = enclosing }
    switch statement.kind {
    case .compute(let d): append(Op(kind: .compute, cost: profile.pythonTime(d)))
    case .builtin(let d): append(Op(kind: .builtin, cost: d))
    case .gc(let d):
      // `gc.collect()`: the module's function, called; the collection is the call.
      loadMethod("gc", "collect")
      callInstruction(0, kind: .gcCollect, explicitCheck: true, method: true)
      ops[ops.count - 1].cost = d
      emit("POP_TOP")
    case .native(let d): append(Op(kind: .native, cost: d))
    case .io(let d): append(Op(kind: .io, cost: d))
    case .sleep(let d): append(Op(kind: .sleep, cost: d))
    case .awaitIO(let d): append(Op(kind: .awaitIO, cost: d))
    case .awaitSleep(let d): append(Op(kind: .awaitSleep, cost: d))
    case .awaitThread(let body):
      // `loop.run_in_executor(None, f)`: a submit to the loop's executor (starting a worker if none is idle),
      // then the task awaits the future. The function is a job of the executor's workers.
      let job = Int64(executorJobs.count)
      executorJobs.append(body)
      append(Op(kind: .poolSubmit, cost: profile.pythonTime(model.poolSubmitCost), slot: executor, constant: job))
      append(Op(kind: .awaitThread, cost: 0, slot: executor))
    case .repeatBlock(let count, let body): loop(count, body)
    case .withLock(let name, let body): with(name, body, followed: followed)
    case .call(let name): call(name)
    case .sync(let call): syncCall(call)
    case .assign(let target, let value):
      load(value.left, consumed: value.op != nil || shared.contains(target))
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

  /// `LOAD_GLOBAL` of a function to call: from 3.11 its arg also says whether a NULL is pushed with it.
  private mutating func loadCallable(_ function: String) {
    if dialect >= .py313 {
      emit("LOAD_GLOBAL", name(function) << 1 | 1, "\(function) + NULL")
    } else if dialect >= .py311 {
      emit("LOAD_GLOBAL", name(function) << 1 | 1, "NULL + \(function)")
    } else {
      emit("LOAD_GLOBAL", name(function), function)
    }
  }

  /// A call with `count` arguments already pushed. `explicitCheck`: 3.10+ checks the eval breaker after it (3.11
  /// and 3.12 only after calls into C: a Python callee has its own RESUME).
  /// `method`: a call of a method loaded with LOAD_METHOD (3.7-3.10's CALL_METHOD).
  private mutating func callInstruction(
    _ count: Int, kind: OpKind = .plain, slot: Int32 = 0, explicitCheck: Bool, argrepr: String = "",
    method: Bool = false
  ) {
    switch dialect {
    case .py38 where method, .py39 where method, .py310 where method:
      emit("CALL_METHOD", count, argrepr, kind: kind, slot: slot, checkPoint: explicitCheck)
    case .py27, .py38, .py39, .py310:
      emit("CALL_FUNCTION", count, argrepr, kind: kind, slot: slot, checkPoint: explicitCheck)
    case .py311:
      emit("PRECALL", count)
      emit("CALL", count, kind: kind, slot: slot, checkPoint: explicitCheck)
    case .py312, .py313, .py314, .py315:
      emit("CALL", count, kind: kind, slot: slot, checkPoint: explicitCheck)
    }
  }

  private mutating func loop(_ count: Int, _ body: [Statement]) {
    let slot = Int32(loops)
    loops += 1
    if dialect == .py27 { emit("SETUP_LOOP", nil, "") }
    loadCallable("range")
    loadInteger(Int64(count))
    callInstruction(1, explicitCheck: true)
    // 3.15 merged GET_YIELD_FROM_ITER into GET_ITER, which now has an argument (python/cpython#146120).
    emit("GET_ITER", dialect >= .py315 ? 0 : nil, kind: .loopInit, slot: slot, constant: Int64(count))
    let top = Int32(ops.count)
    // 2.7 built with computed gotos (the default where the compiler has them, as on Linux) turns opcode
    // prediction off: FOR_ITER goes round the loop's top, past the ticker, before its STORE_FAST. Measured: with
    // sys.setcheckinterval(104) (105 ticks) each thread always switches at the same place, so a loop of
    // `counter += 1` has five ticking instructions, not four. (3.x up to 3.9 does not predict either.)
    emit("FOR_ITER", kind: .forIter, slot: slot)
    emit("STORE_FAST", local("_"), "_")
    statements(body, last: .endsLoopBody)
    if dialect >= .py311 {
      emit("JUMP_BACKWARD", nil, "to FOR_ITER", kind: .jumpBack, slot: top, checkPoint: true)
    } else {
      emit("JUMP_ABSOLUTE", nil, "", kind: .jumpBack, slot: top, checkPoint: true)
    }
    let exit = Int32(ops.count)
    ops[Int(top)].constant = Int64(exit)
    switch dialect {
    case .py27: emit("POP_BLOCK")
    case .py38, .py39, .py310, .py311: break
    case .py312: emit("END_FOR")
    case .py313:
      // 3.13's END_FOR pops only the iterator's last value; a POP_TOP pops the iterator.
      emit("END_FOR")
      emit("POP_TOP")
    case .py314, .py315:
      // From 3.14 an iterator is two stack items (virtual iterators), which POP_ITER pops.
      emit("END_FOR")
      emit("POP_ITER")
    }
  }

  private mutating func with(_ lock: String, _ body: [Statement], followed: Followed) {
    let slot = objectSlot(lock)
    if dialect >= .py314 {
      // 3.14 replaced BEFORE_WITH with its parts: `__enter__` is an ordinary call of a C method, so the eval
      // breaker is checked when it returns, just after the lock was taken.
      emit("LOAD_GLOBAL", name(lock) << 1, lock)
      emit("COPY", 1)
      emit("LOAD_SPECIAL", 1, "__exit__")
      emit("SWAP", 2)
      emit("SWAP", 3)
      emit("LOAD_SPECIAL", 0, "__enter__")
      callInstruction(0, kind: .acquireLock, slot: slot, explicitCheck: true)
    } else if dialect >= .py311 {
      emit("LOAD_GLOBAL", name(lock) << 1, lock)
      emit("BEFORE_WITH", kind: .acquireLock, slot: slot)
    } else {
      emit("LOAD_GLOBAL", name(lock), lock, next: "SETUP_WITH")
      emit("SETUP_WITH", nil, "", kind: .acquireLock, slot: slot)
    }
    chargeLast(model.withEnterCost)
    let acquire = ops.count - 1
    emit("POP_TOP")
    statements(body, last: .byCode)
    defer {
      let release = ops.lastIndex { $0.kind == .releaseLock && $0.slot == slot } ?? acquire
      withBlocks.append((acquire, release, slot))
    }
    switch dialect {
    case .py27:
      emit("POP_BLOCK")
      emit("LOAD_CONST", const("None"), "None")
      emit("WITH_CLEANUP", kind: .releaseLock, slot: slot)
      chargeLast(model.withExitCost)
      emit("END_FINALLY")
    case .py38:
      emit("POP_BLOCK")
      emit("BEGIN_FINALLY")
      emit("WITH_CLEANUP_START", kind: .releaseLock, slot: slot)
      chargeLast(model.withExitCost)
      emit("WITH_CLEANUP_FINISH")
      emit("END_FINALLY")
    case .py39, .py310:
      // 3.9 calls __exit__(None, None, None) inline, then jumps over the exception handler; at the end of a loop's
      // body its compiler jumps straight back to the top instead. 3.10 copies a short end of the function (up to
      // four instructions with the return) into the normal path, and jumps over the handler to anything else.
      emit("POP_BLOCK")
      emit("LOAD_CONST", const("None"), "None")
      emit("DUP_TOP")
      emit("DUP_TOP")
      callInstruction(3, kind: .releaseLock, slot: slot, explicitCheck: true)
      chargeLast(model.withExitCost)
      emit("POP_TOP")
      let jumps =
        dialect == .py39 ? followed != .endsLoopBody : followed != .endsFunction && followed != .shortTail
      if jumps { emit("JUMP_FORWARD", nil, "") }
    case .py311, .py312, .py313, .py314, .py315:
      for _ in 0..<3 { loadNone(callee: false) }
      // `__exit__(None, None, None)`: with `self` that is three arguments from 3.14, two before.
      callInstruction(dialect >= .py314 ? 3 : 2, kind: .releaseLock, slot: slot, explicitCheck: true)
      chargeLast(model.withExitCost)
      emit("POP_TOP")
      // 3.11 jumps forward over the handler unless only the return follows (it copies that); 3.12 and 3.13 copy
      // a short tail or jump straight back to the loop's top.
      if dialect == .py311 && followed != .endsFunction { emit("JUMP_FORWARD", nil, "") }
    }
  }

  /// A `with` block's entry (`__enter__` found and called) and exit (`__exit__(None, None, None)`) cost more than
  /// the instructions' names suggest.
  private mutating func chargeLast(_ cost: Nanos) { ops[ops.count - 1].cost = profile.pythonTime(cost) }

  /// `OBJECT.METHOD` of a global object, about to be called (`keyword`: with keyword arguments).
  private mutating func loadMethod(_ object: String, _ method: String, keyword: Bool = false) {
    switch dialect {
    case .py27:
      emit("LOAD_GLOBAL", name(object), object)
      emit("LOAD_ATTR", name(method), method)
    case .py38, .py39, .py310:
      // 3.7-3.10 load a method called with keywords as an attribute.
      emit("LOAD_GLOBAL", name(object), object)
      emit(keyword ? "LOAD_ATTR" : "LOAD_METHOD", name(method), method)
    case .py311:
      emit("LOAD_GLOBAL", name(object) << 1, object)
      emit("LOAD_METHOD", name(method), method)
    case .py312:
      emit("LOAD_GLOBAL", name(object) << 1, object)
      emit("LOAD_ATTR", name(method) << 1 | 1, "NULL|self + \(method)")
    case .py313, .py314, .py315:
      emit("LOAD_GLOBAL", name(object) << 1, object)
      emit("LOAD_ATTR", name(method) << 1 | 1, "\(method) + NULL|self")
    }
  }

  private func objectSlot(_ name: String) -> Int32 { Int32(objects.firstIndex { $0.name == name } ?? 0) }

  /// `OBJECT.METHOD(...)`. `Lock` and `RLock` are C, their methods a call into C with a check when it returns; the
  /// others are Python classes (threading.py, queue.py), whose method's frame is entered first, a check point, and
  /// then does its work: one step with the method's measured cost, holding the GIL, that may block.
  private mutating func syncCall(_ call: SyncCall) {
    let kind = objects.first { $0.name == call.object }?.kind ?? .lock
    let slot =
      call.method == .join || call.method == .start
      ? Int32(joinable.firstIndex(of: call.object) ?? 0) : objectSlot(call.object)
    let method = call.method.rawValue
    // `acquire(timeout=D)` must name its argument (the first is `blocking`); `wait(D)` need not.
    let keyword = call.method == .acquire && call.timeout != nil
    loadMethod(call.object, method, keyword: keyword)
    var count = 0
    if let value = call.value {
      load(value)
      count = 1
    }
    if let timeout = call.timeout {
      let seconds = String(Double(timeout) / 1e9)
      if keyword && dialect == .py27 { emit("LOAD_CONST", const("'timeout'"), "'timeout'") }
      emit("LOAD_CONST", const(seconds), seconds)
      count = 1
    }
    let inC = (kind == .lock || (kind == .rlock && dialect != .py27)) && [.acquire, .release].contains(call.method)
    if call.method == .append {
      callInstruction(count, kind: .listAppend, slot: slot, explicitCheck: true, method: true)
    } else if inC && keyword {
      keywordCall(slot: slot)
      // `acquire(timeout=D)`: the op carries D.
      ops[ops.count - 1].constant = call.timeout ?? 0
    } else if inC {
      callInstruction(
        count, kind: call.method == .acquire ? .acquireLock : .releaseLock, slot: slot, explicitCheck: true,
        method: true)
    } else {
      if dialect >= .py311 {
        callInstruction(count, explicitCheck: false)
        emit("RESUME", 0, callee: true, checkPoint: true)
      } else {
        callInstruction(count, explicitCheck: true, method: true)
      }
      if call.method == .map, case .constant(let items) = call.value {
        let pool = poolNames.firstIndex(of: call.object) ?? 0
        poolMap(Int32(pool), items: items, chunked: pool < poolKinds.count && poolKinds[pool] == .multiprocessing)
        returnNone(callee: true)
        if let target = call.target { store(target) } else { emit("POP_TOP") }
        return
      }
      let effect: OpKind
      switch call.method {
      case .acquire: effect = .acquireLock
      case .release: effect = .releaseLock
      case .set: effect = .eventSet
      case .clear: effect = .eventClear
      case .wait:
        switch kind {
        case .condition: effect = .conditionWait
        case .barrier: effect = .barrierWait
        default: effect = .eventWait
        }
      case .notify, .notifyAll: effect = .conditionNotify
      case .put: effect = .queuePut
      case .get: effect = .queueGet
      case .join: effect = .join
      case .start: effect = .threadStart
      case .map, .append: effect = .plain
      }
      append(
        Op(
          kind: effect, cost: profile.pythonTime(model.syncCost(call.method, of: kind)), slot: slot,
          constant: call.method == .notifyAll ? -2 : call.timeout ?? -1))
      returnNone(callee: true)
    }
    if let target = call.target { store(target) } else { emit("POP_TOP") }
  }

  /// The inside of `map` (concurrent/futures): a loop that submits each item, a loop that waits for each result in
  /// order, then the shut-down that waits for the workers. Library code, so its steps are not the program's
  /// instructions; its loops' back-edges are check points, as the library's own loops are.
  private mutating func poolMap(_ pool: Int32, items: Int64, chunked: Bool) {
    for kind in [OpKind.poolSubmit, .poolResult] {
      let slot = Int32(loops)
      loops += 1
      append(Op(kind: .loopInit, cost: 0, slot: slot, constant: items))
      let top = Int32(ops.count)
      append(Op(kind: .forIter, cost: 0, slot: slot))
      // `multiprocessing.Pool.map` splits the items into chunks in one call instead of a submit each.
      let submit = chunked ? model.multiprocessingItemCost : model.poolSubmitCost
      let cost = kind == .poolSubmit ? submit : model.poolResultCost
      append(Op(kind: kind, cost: profile.pythonTime(cost), slot: pool))
      append(Op(kind: .jumpBack, cost: 0, slot: top, checkPoint: true))
      ops[Int(top)].constant = Int64(ops.count)
    }
    append(Op(kind: .poolShutdown, cost: profile.pythonTime(model.syncCost(.join, of: .lock)), slot: pool))
  }

  /// What a pool's worker runs (`_worker` in concurrent/futures/thread.py): take an item, run its job, set its
  /// result, and again, until the shut-down's `None` comes. Each job is a function of its own: its RESUME and
  /// return are the program's instructions, the round around it the library's. Returns where each job starts.
  /// `trip`: for a process pool, how long the item takes to arrive and its result to go back, which the worker
  /// waits without the GIL.
  /// A pool worker's loop over the items of its jobs; `trip`, what each item costs the worker before its job: a
  /// wait for a process pool's pipes (`io`), C code holding its own interpreter's GIL for an interpreter pool's
  /// pickling and cross-interpreter call (`builtin`).
  mutating func poolWorker(_ pool: Int32, jobs: [[Statement]], trip: Op? = nil) -> [Int] {
    let top = Int32(ops.count)
    append(Op(kind: .poolGet, cost: profile.pythonTime(model.poolItemCost), slot: pool))
    var starts: [Int] = []
    for job in jobs {
      starts.append(ops.count)
      if let trip { append(trip) }
      function(job)
      append(Op(kind: .poolDone, cost: 0, slot: pool))
      append(Op(kind: .jumpBack, cost: 0, slot: top, checkPoint: true))
    }
    // `poolGet` leaves the loop here when it takes the `None`.
    ops[Int(top)].constant = Int64(ops.count)
    return starts
  }

  /// A C method called with one keyword argument, `timeout=`, whose value is on the stack.
  private mutating func keywordCall(slot: Int32) {
    let names = "('timeout',)"
    switch dialect {
    case .py27:
      // CALL_FUNCTION's argument counts keyword pairs in its high byte.
      emit("CALL_FUNCTION", 256, kind: .acquireLock, slot: slot, checkPoint: true)
    case .py38, .py39, .py310:
      emit("LOAD_CONST", const(names), names)
      emit("CALL_FUNCTION_KW", 1, kind: .acquireLock, slot: slot, checkPoint: true)
    case .py311:
      emit("KW_NAMES", const(names))
      emit("PRECALL", 1)
      emit("CALL", 1, kind: .acquireLock, slot: slot, checkPoint: true)
    case .py312:
      emit("KW_NAMES", const(names), names)
      emit("CALL", 1, kind: .acquireLock, slot: slot, checkPoint: true)
    case .py313, .py314, .py315:
      emit("LOAD_CONST", const(names), names)
      emit("CALL_KW", 1, kind: .acquireLock, slot: slot, checkPoint: true)
    }
  }

  private mutating func call(_ function: String) {
    loadCallable(function)
    if dialect >= .py311 {
      // The call itself does not check: the callee's RESUME does.
      callInstruction(0, explicitCheck: false)
      emit("RESUME", 0, callee: true, checkPoint: true)
    } else {
      // The callee's frame enters the eval loop at its top; 3.10 checks when the call returns.
      callInstruction(0, explicitCheck: true)
    }
    returnNone(callee: true)
    emit("POP_TOP")
  }

  private mutating func returnNone(callee: Bool) {
    if dialect >= .py314 {
      // 3.14 removed RETURN_CONST (python/cpython#125972).
      loadNone(callee: callee)
      emit("RETURN_VALUE", callee: callee)
    } else if dialect >= .py312 {
      emit("RETURN_CONST", callee ? 0 : const("None"), "None", callee: callee)
    } else {
      emit("LOAD_CONST", callee ? 0 : const("None"), "None", callee: callee)
      // The caller's CALL_FUNCTION (3.10) checks the eval breaker when the call returns.
      emit("RETURN_VALUE", callee: callee, checkPoint: callee && dialect < .py311)
    }
  }

  // MARK: Expressions

  /// `None`: 3.15 loads it with LOAD_COMMON_CONSTANT and keeps it out of `co_consts` (python/cpython#148871).
  private mutating func loadNone(callee: Bool) {
    if dialect >= .py315 {
      emit("LOAD_COMMON_CONSTANT", 7, "None", callee: callee)
    } else {
      emit("LOAD_CONST", callee ? 0 : const("None"), "None", callee: callee)
    }
  }

  /// An integer constant. From 3.14 one in 0...255 is LOAD_SMALL_INT, which `dis` prints without a value in
  /// brackets; the compiler drops it from `co_consts` unless it was the first constant, which is always kept.
  private mutating func loadInteger(_ value: Int64, kind: OpKind = .plain) {
    if dialect >= .py314 && (0...255).contains(value) {
      if consts.isEmpty { consts.append(String(value)) }
      emit("LOAD_SMALL_INT", Int(value), kind: kind, constant: value)
    } else {
      emit("LOAD_CONST", const(String(value)), String(value), kind: kind, constant: value)
    }
  }

  /// `consumed`: the value is used up by the next instruction (an operator, a store to a global), not stored in
  /// a local; from 3.14 such a load borrows the local's reference (LOAD_FAST_BORROW).
  private mutating func load(_ operand: Operand, consumed: Bool = true) {
    switch operand {
    case .constant(let value):
      loadInteger(value, kind: .loadConst)
    case .name(let n) where shared.contains(n):
      let index = name(n)
      emit(
        "LOAD_GLOBAL", dialect >= .py311 ? index << 1 : index, n, kind: .loadShared, slot: Int32(sharedSlot(n)))
    case .name(let n):
      let opname = dialect >= .py314 && consumed ? "LOAD_FAST_BORROW" : "LOAD_FAST"
      emit(opname, local(n), n, kind: .loadLocal, slot: Int32(local(n)))
    }
  }

  private mutating func store(_ target: String) {
    if shared.contains(target) {
      emit("STORE_GLOBAL", name(target), target, kind: .storeShared, slot: Int32(sharedSlot(target)))
    } else {
      emit("STORE_FAST", local(target), target, kind: .storeLocal, slot: Int32(local(target)))
    }
  }

  private mutating func binary(_ op: BinaryOperator, inPlace: Bool) {
    let code = Int64(BinaryOperator.allCases.firstIndex(of: op)!)
    if dialect >= .py311 {
      // NB_ADD, NB_SUBTRACT, NB_MULTIPLY and their in-place forms, as numbered in CPython's opcode.h.
      let arg = [[0, 10, 5], [13, 23, 18]][inPlace ? 1 : 0][Int(code)]
      emit("BINARY_OP", arg, op.rawValue + (inPlace ? "=" : ""), kind: .binary, constant: code)
    } else {
      let word = ["ADD", "SUBTRACT", "MULTIPLY"][Int(code)]
      emit((inPlace ? "INPLACE_" : "BINARY_") + word, kind: .binary, constant: code)
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

  /// Appends one instruction. `checkPoint`: the dialect's explicit check point (3.10+); where every dispatch
  /// checks (2.7's ticker, 3.8 and 3.9) the profile derives it from the fast paths. `next`: the instruction that
  /// follows, when the eval loop skips its check before it.
  private mutating func emit(
    _ opname: String, _ arg: Int? = nil, _ argrepr: String = "", kind: OpKind = .plain, slot: Int32 = 0,
    constant: Int64 = 0, callee: Bool = false, checkPoint explicit: Bool = false, next: String? = nil
  ) {
    let checkPoint = profile.checkFollows(opname, explicit: explicit, next: next)
    let entry = TableEntry(instruction: Instruction(opname, arg, argrepr, checkPoint: checkPoint), isCallee: callee)
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
        kind: kind, instruction: index,
        cost: profile.pythonTime(model.cost(of: opname, dialect: dialect, specializedRange: profile.specializedRange)),
        slot: slot, constant: constant, checkPoint: checkPoint))
  }
}
