/// A Python program's threads in the scheduler: the interpreter runs each thread one instruction at a time, and
/// each instruction becomes an op that the scheduler runs as it runs a scenario's (its cost from the version's
/// profile, a check point where that version checks). A call into `threading`, `queue`, `time` or `sys` becomes
/// the op that does the same in a scenario (a lock's acquire, a sleep, a join), so that the GIL, the locks and
/// the OS are the same code for both.
///
/// Each Python thread's program is one op long: the op of the instruction it runs now. Its pc is 0 while that op
/// runs and 1 once it has run, when the thread takes the op's result and goes on to its next instruction.
/// (The per-instruction properties skip the runtime's exclusivity checks, as the interpreter's do.)
final class PythonWorld {
  /// The main process's interpreter.
  let machine: PythonMachine
  /// Each process's interpreter, by process: the main one, then each `multiprocessing` child's, a copy of its
  /// parent's at the fork.
  var machines: [PythonMachine]
  /// The thread that runs each process's code: the main thread, and each child's first thread.
  var processMains: [Int] = [0]
  /// Each process's name (`MainProcess`, `Process-1`, `ForkPoolWorker-1`), its `__main__` namespace, and for a
  /// child the parent's `Process` object, which learns its exit code.
  var processNames = ["MainProcess"]
  var processGlobals: [PyDict] = []
  var processObjects: [Int: PyInstance] = [:]
  let file: String
  /// Each thread's frames, by thread number.
  @exclusivity(unchecked) var threads: [PythonThread] = []
  /// The call a thread's op carries out, if its op is a call into the scheduler.
  @exclusivity(unchecked) var calls: [SchedulerCall?] = []
  /// Whether a thread's op is its next instruction's, ready to run.
  @exclusivity(unchecked) var ready: [Bool] = []
  var daemon: [Bool] = []
  /// The join declaration of each thread (`Simulation.declarationThreads`).
  var declaration: [Int] = []
  /// The main thread has ended and waits for the other threads (`threading._shutdown`).
  var shuttingDown = false
  /// The values in the scheduler's queues, by the number the queue holds; for a `multiprocessing` queue's, the
  /// process that sent it.
  var values: [Int64: PyValue] = [:]
  var senders: [Int64: Int] = [:]
  var nextValue: Int64 = 0
  var exitStatus: Int32 = 0
  /// The module's namespace, whose names name the objects it holds.
  var globals: PyDict? = nil
  /// What giltutor could not run, and the line it was on: the run stops there.
  var problem: Trace.PythonProblem? = nil

  /// `instructions`: the interpreter's budget, which only code run inside a built-in's call back can reach (the
  /// scheduler's own budget of events stops the rest first).
  init(file: String, instructions: Int) {
    self.file = file
    machine = PythonMachine(file: file, budget: instructions)
    machines = [machine]
  }
}

extension Simulation {
  /// The main thread, which runs the module's code.
  mutating func buildPythonMain(_ source: PythonSource) {
    // Every instruction the scheduler runs is an event, of which it lets at most sixteen per event of its budget
    // run (in bulk): twice that is more than it lets run.
    let (multiplied, overflow) = maxEvents.multipliedReportingOverflow(by: 32)
    let world = PythonWorld(file: source.file, instructions: overflow ? .max : max(multiplied, 1_000_000))
    python = world
    world.machine.scheduled = true
    world.machine.switchInterval = scenario.switchInterval
    world.machine.version = scenario.interpreter.release
    world.machine.arguments = source.arguments
    world.machine.ioLatencies = source.ioLatencies
    world.machine.files = source.files
    world.machine.randomSeed = scenario.seed
    // (The build's slowdown is applied once, to the whole of `cWork`, in `chargeCWork`.)
    let (model, profile) = (model, profile)
    world.machine.instructionCost = { opname in profile.programCost(of: opname, model: model) }
    world.machine.sourceModules = source.modules
    world.machine.texts = source.texts
    let main = newPythonThread(name: "MainThread")
    threads[main].launched = true
    world.machine.makeMainThreadObject(main)
    do {
      try world.machine.installOpen()
      let globals = try world.machine.startModule(source.code, on: world.threads[main])
      world.globals = globals
      world.processGlobals = [globals]
    } catch {
      world.problem = .init(message: "the module could not start", line: 1)
    }
  }

  /// A new thread with an empty Python stack; its program is its one op.
  mutating func newPythonThread(name: String, process: Int = 0) -> Int {
    let world = python!
    let t = threads.count
    programs.append(Program(ops: [Op(kind: .plain, cost: 0)], localCount: 0, loopCount: 0, localNames: []))
    threads.append(
      SimThread(name: name, process: process, frame: Frame(program: programs.count - 1, locals: [], loops: [])))
    if spans.count < threads.count { spans.append([]) }
    world.threads.append(PythonThread(number: t))
    world.calls.append(nil)
    world.ready.append(false)
    world.daemon.append(false)
    declarationThreads.append([t])
    joinWaiters.append(WaitQueue())
    world.declaration.append(declarationThreads.count - 1)
    return t
  }

  /// Runs the thread's instructions until one waits, blocks, gives up the GIL or runs past the next event.
  mutating func executePython(_ t: Int) {
    // The references the loop uses are taken once: each taking retains and releases, at every instruction.
    let world = python!
    let machine = world.machines[threads[t].process]
    let thread = world.threads[t]
    let program = threads[t].frame.program
    while !exited {
      if threads[t].frame.pc == 1 {
        threads[t].frame.pc = 0
        world.ready[t] = false
        if world.calls[t] != nil || world.shuttingDown, !callDone(t) { return }
      }
      if !world.ready[t] && !nextPythonOp(t, world, machine, thread) { return }
      if !perform(t, programs[program].ops[0]) { return }
    }
  }

  /// Runs the thread's next instruction in the interpreter and makes its op. Returns false when the thread ended.
  private mutating func nextPythonOp(
    _ t: Int, _ world: PythonWorld, _ machine: PythonMachine, _ thread: PythonThread
  ) -> Bool {
    // (Set at each instruction: a thread's op may run another thread's code before this loop goes on.)
    if machine.active !== thread { machine.active = thread }
    guard let frame = thread.frames.last else { return pythonThreadEnded(t) }
    let compiled = frame.compiled
    if compiled.scheduling.isEmpty { schedule(compiled) }
    if frame.ip < compiled.bulk.count && compiled.bulk[frame.ip].worthEntering && mayAdvanceInBulk(t) {
      advanceInBulk(t, machine, frame)
    }
    machine.clock = now
    let ip = frame.ip
    let info = ip < compiled.scheduling.count ? compiled.scheduling[ip] : Self.fallingOffTheEnd
    let depth = thread.frames.count
    var op = Op(kind: info.shared ? .pythonShared : .plain, instruction: info.traceIndex, cost: info.cost)
    do {
      let more = try machine.step(thread)
      op.checkPoint = info.check == .always || (info.check == .afterCCall && thread.frames.count <= depth)
      if machine.cWork > 0 { chargeCWork(&op, machine) }
      if machine.syncObjects.count > processes[threads[t].process].locks.count { syncObjectsMade(t) }
      if !more { return pythonThreadEnded(t) }
    } catch .scheduled {
      if machine.syncObjects.count > processes[threads[t].process].locks.count { syncObjectsMade(t) }
      guard let call = machine.pendingCall else { return pythonThreadEnded(t) }
      machine.pendingCall = nil
      op.checkPoint = true
      if let made = schedulerOp(t, call, op) {
        op = made
        world.calls[t] = call
      } else {
        // Done at once: the CALL is an instruction like another, unless the call's exception ended the thread.
        if exited || threads[t].finished { return false }
        if world.ready[t] { return true }
      }
    } catch {
      return pythonError(t, error)
    }
    programs[threads[t].frame.program].ops[0] = op
    world.ready[t] = true
    return true
  }

  /// A built-in's C loop (or the Python it called back) ran inside this instruction: its time is added, with
  /// the GIL held and no check point inside; from a microsecond on it shows as C code holding the GIL.
  private func chargeCWork(_ op: inout Op, _ machine: PythonMachine) {
    op.cost += profile.pythonTime(machine.cWork)
    if machine.cWork >= Time.microsecond && op.kind == .plain { op.kind = .builtin }
    machine.cWork = 0
  }

  /// The implicit `return None` past a code object's last instruction (module code that falls off its end).
  private static let fallingOffTheEnd = InstructionScheduling(traceIndex: -1, cost: 0, check: .never)

  /// Works out, once per code object, each instruction's entry in the trace's table, its time on this build and
  /// its check (where this version's eval loop checks: `programCheck`).
  mutating func schedule(_ compiled: CompiledCode) {
    let code = compiled.code.instructions
    let standsInForC = compiled.code.standsInForC
    compiled.scheduling = code.indices.map { n in
      let i = code[n]
      let check =
        standsInForC
        ? .never : profile.programCheck(i.opname, arg: i.arg, next: n + 1 < code.count ? code[n + 1].opname : nil)
      let instruction = Instruction(i.opname, i.arg, i.argrepr, checkPoint: check != .never)
      instructions.append(TableEntry(instruction: instruction, isCallee: false))
      return InstructionScheduling(
        traceIndex: Int32(instructions.count - 1),
        cost: standsInForC ? 0 : profile.pythonTime(profile.programCost(of: i.opname, model: model)),
        check: check, shared: Self.sharedData.contains(i.opname))
    }
    compiled.bulk = BulkStep.steps(
      compiled.ops, constants: compiled.constants, compiled.scheduling, withGIL: lockModel != .none)
  }

  /// The instructions that touch data other threads see.
  private static let sharedData: Set<String> = [
    "LOAD_GLOBAL", "STORE_GLOBAL", "LOAD_NAME", "STORE_NAME", "LOAD_ATTR", "STORE_ATTR", "BINARY_SUBSCR",
    "STORE_SUBSCR",
  ]

  /// The objects of `threading` and `queue` the thread's program made get their place among its process's.
  private mutating func syncObjectsMade(_ t: Int) {
    let p = threads[t].process
    let machine = python!.machines[p]
    let made = machine.syncObjects
    while processes[p].locks.count < made.count {
      let slot = processes[p].locks.count
      var object = ThreadingLock(kind: made[slot])
      object.selects = machine.selectors.contains(slot)
      object.crossProcess = machine.crossProcess.contains(slot)
      processes[p].locks.append(object)
      if scenario.locks.count <= slot {
        scenario.locks.append(LockDeclaration(name: "\(made[slot].word)-\(slot + 1)", kind: made[slot]))
      }
    }
  }

  /// Where the object in `slot` lives for thread `t`: in its process, or for a `multiprocessing` queue in the
  /// process that made it (the one every process that inherited it reaches through its pipe).
  func objectProcess(_ t: Int, _ slot: Int) -> Int {
    let p = threads[t].process
    return slot < processes[p].locks.count && processes[p].locks[slot].crossProcess ? 0 : p
  }

  /// The op that carries out a call into the scheduler, or nil when the call was done at once (its result given
  /// to the thread, or its exception raised there) and the thread's next op is made.
  private mutating func schedulerOp(_ t: Int, _ call: SchedulerCall, _ instruction: Op) -> Op? {
    let world = python!
    let machine = world.machines[threads[t].process]
    let thread = world.threads[t]
    let p = threads[t].process
    var op = instruction
    func done(_ value: PyValue) -> Op? {
      machine.resume(thread, with: value)
      return nil
    }
    func fail(_ type: String, _ message: String?) -> Op? {
      do {
        try machine.resume(thread, raising: type, message)
      } catch {
        _ = pythonError(t, error)
      }
      return nil
    }
    /// `slot`: the object's, or for a start or join the thread's declaration.
    func sync(_ kind: OpKind, _ slot: Int, _ method: SyncMethod, constant: Int64 = 0) -> Op {
      op.kind = kind
      op.slot = Int32(slot)
      op.constant = constant
      let object = kind == .threadStart || kind == .join ? SyncKind.lock : processes[p].locks[slot].kind
      op.cost += profile.pythonTime(model.syncCost(method, of: object))
      return op
    }
    switch call {
    case .sleep(let d):
      op.kind = .sleep
      op.cost = d
      return op
    case .io(let latency, _):
      op.kind = .io
      op.cost = latency
      return op
    case .native(let time, _):
      op.kind = .native
      op.cost = profile.pythonTime(time)
      return op
    case .acquire(let slot, let timeout):
      let lock = processes[p].locks[slot]
      if timeout == 0 {
        let free: Bool
        switch lock.kind {
        case .semaphore: free = lock.value > 0
        case .rlock, .condition: free = lock.owner < 0 || lock.owner == t
        default: free = lock.owner < 0
        }
        guard free else { return done(.bool(false)) }
      }
      op.kind = .acquireLock
      op.slot = Int32(slot)
      op.constant = max(timeout, 0)
      if case .semaphore = lock.kind { op.cost += profile.pythonTime(model.syncCost(.acquire, of: lock.kind)) }
      threads[t].gaveUp = false
      return op
    case .release(let slot):
      if let error = releaseLock(t, slot) {
        // "RuntimeError: release unlocked lock": the exception's class, then its message.
        let parts = error.split(separator: ":", maxSplits: 1).map { String($0.drop { $0 == " " }) }
        return fail(parts[0], parts.count > 1 ? parts[1] : "")
      }
      return done(.none)
    case .locked(let slot):
      return done(.bool(processes[p].locks[slot].owner >= 0))
    case .start(let object):
      guard object.native < 0 else { return fail("RuntimeError", "threads can only be started once") }
      let name = (try? machine.str(object.attributes["name"] ?? .none)) ?? "Thread"
      let started = newPythonThread(name: name, process: p)
      object.native = started
      world.daemon[started] = machine.flag(object.attributes["daemon"] ?? .bool(false))
      machine.threadObjects[started] = .instance(object)
      do {
        let newThread = world.threads[started]
        if let run = object.type.lookup("run"), case .function = run {
          try machine.startCall(newThread, run, [.instance(object)], [])
        } else if let target = object.attributes["_target"], !machine.isNone(target) {
          var keywords: [(String, PyValue)] = []
          if case .dict(let d)? = object.attributes["_kwargs"] {
            for (k, v) in d.entries { if case .str(let s) = k { keywords.append((s, v)) } }
          }
          try machine.startCall(
            newThread, target, try machine.iterate(object.attributes["_args"] ?? .tuple([])), keywords)
        }
      } catch {
        _ = pythonError(t, error)
        return nil
      }
      return sync(.threadStart, world.declaration[started], .start)
    case .join(let object, let timeout):
      guard object.native >= 0 else { return fail("RuntimeError", "cannot join thread before it is started") }
      guard object.native != t else { return fail("RuntimeError", "cannot join current thread") }
      // A timeout of 0 gives up at once, as a deadline already past.
      return sync(.join, world.declaration[object.native], .join, constant: timeout < 0 ? 0 : max(timeout, 1))
    case .isAlive(let object):
      return done(.bool(object.native >= 0 && !threads[object.native].finished))
    case .aliveThreads(let count):
      let alive = threads.indices.filter { threads[$0].launched && !threads[$0].finished }
      if count { return done(.int(Int64(alive.count))) }
      return done(.list(PyList(alive.compactMap { machine.threadObjects[$0] })))
    case .eventSet(let slot): return sync(.eventSet, slot, .set)
    case .eventClear(let slot): return sync(.eventClear, slot, .clear)
    case .eventIsSet(let slot): return done(.bool(processes[p].locks[slot].value == 1))
    case .eventWait(let slot, let timeout): return sync(.eventWait, slot, .wait, constant: timeout)
    case .conditionWait(let slot, let timeout):
      guard processes[p].locks[slot].owner == t else { return fail("RuntimeError", "cannot wait on un-acquired lock") }
      threads[t].gaveUp = false
      return sync(.conditionWait, slot, .wait, constant: timeout < 0 ? 0 : max(timeout, 1))
    case .conditionNotify(let slot, let count):
      guard processes[p].locks[slot].owner == t else {
        return fail("RuntimeError", "cannot notify on un-acquired lock")
      }
      guard let count else { return sync(.conditionNotify, slot, .notifyAll, constant: -2) }
      // notify(0) wakes nobody.
      if count == 0 { return done(.none) }
      return sync(.conditionNotify, slot, .notify, constant: count)
    case .barrierWait(let slot): return sync(.barrierWait, slot, .wait)
    case .queuePut(let slot, let item, let wait, let timeout):
      let q = processes[objectProcess(t, slot)].locks[slot]
      if !wait, case .queue(let maxsize) = q.kind, maxsize > 0, q.queueCount >= maxsize {
        return fail("queue.Full", nil)
      }
      world.nextValue += 1
      if q.crossProcess {
        // Pickled when it is put, as the feeder thread pickles it: later changes do not travel.
        var seen = Set<ObjectIdentifier>()
        if let error = machine.unpicklable(item, &seen) {
          let type =
            error.hasPrefix("Can't pickle")
            ? "PicklingError" : error.hasPrefix("Queue objects") ? "RuntimeError" : "TypeError"
          return fail(type, error)
        }
        world.values[world.nextValue] = ObjectCopier(mode: .fork, machine: machine).copy(item)
        world.senders[world.nextValue] = p
      } else {
        world.values[world.nextValue] = item
      }
      threads[t].frame.stack.push(world.nextValue)
      threads[t].gaveUp = false
      // A timeout of 0 gives up at once, as a deadline already past.
      return sync(.queuePut, slot, .put, constant: timeout < 0 ? -1 : max(timeout, 1))
    case .queueGet(let slot, let wait, let timeout):
      if !wait && processes[objectProcess(t, slot)].locks[slot].queueCount == 0 { return fail("queue.Empty", nil) }
      threads[t].gaveUp = false
      var get = sync(.queueGet, slot, .get, constant: timeout < 0 ? -1 : max(timeout, 1))
      if processes[p].locks[slot].crossProcess { get.cost += model.pipeTrip }
      return get
    case .queueSize(let slot, let empty):
      let count = processes[objectProcess(t, slot)].locks[slot].queueCount
      return done(empty ? .bool(count == 0) : .int(Int64(count)))
    case .setSwitchInterval(let d):
      scenario.switchInterval = d
      machine.switchInterval = d
      return done(.none)
    case .processStart, .processJoin, .processAlive, .processTerminate, .processName, .cpuCount, .processTimes,
      .processID:
      return processCall(t, call, op)
    }
  }

  /// The thread's op has run: the result of its call goes to the thread. Returns false when the thread ended.
  private mutating func callDone(_ t: Int) -> Bool {
    let world = python!
    if world.shuttingDown && t == 0 {
      // Every thread that was not a daemon has ended: Python exits, and its daemon threads with it.
      finishThread(t)
      if threads.indices.contains(where: { !threads[$0].finished }) { exited = true }
      return false
    }
    guard let call = world.calls[t] else { return true }
    world.calls[t] = nil
    let machine = world.machines[threads[t].process]
    let thread = world.threads[t]
    let p = threads[t].process
    machine.active = thread
    machine.clock = now
    switch call {
    case .acquire(let slot, _):
      let lock = processes[p].locks[slot]
      let taken: Bool
      switch lock.kind {
      case .semaphore: taken = !threads[t].gaveUp
      default: taken = lock.owner == t && !threads[t].gaveUp
      }
      machine.resume(thread, with: .bool(taken))
    case .eventWait(let slot, _):
      machine.resume(thread, with: .bool(processes[p].locks[slot].value == 1))
    case .conditionWait:
      machine.resume(thread, with: .bool(!threads[t].gaveUp))
    case .queueGet where threads[t].gaveUp:
      return raiseInThread(t, "queue.Empty")
    case .queuePut(_, _, _, _) where threads[t].gaveUp:
      world.values.removeValue(forKey: threads[t].frame.stack.pop())
      return raiseInThread(t, "queue.Full")
    case .queueGet:
      let value = threads[t].frame.stack.pop()
      var item = world.values.removeValue(forKey: value) ?? .none
      if let sender = world.senders.removeValue(forKey: value) {
        // Unpickled in this process: functions and classes by their names in its `__main__`.
        item = ObjectCopier(mode: .pickle(into: world.processGlobals[p]), machine: world.machines[sender]).copy(item)
      }
      machine.resume(thread, with: item)
    case .barrierWait:
      machine.resume(thread, with: .int(0))
    case .io(_, let result), .native(_, let result):
      machine.resume(thread, with: result)
    default:
      machine.resume(thread, with: .none)
    }
    return true
  }

  /// The call the thread's op carried out raises `type` in the thread. Returns false when that ended the thread.
  private mutating func raiseInThread(_ t: Int, _ type: String) -> Bool {
    let world = python!
    do {
      try world.machines[threads[t].process].resume(world.threads[t], raising: type, nil)
    } catch {
      return pythonError(t, error)
    }
    return true
  }

  /// The thread's first frame returned (or an exception ended it). The main thread then waits for the threads
  /// that are not daemons, as `threading._shutdown` does, before Python exits.
  private mutating func pythonThreadEnded(_ t: Int) -> Bool {
    let world = python!
    guard t == 0 else {
      if let p = world.processMains.firstIndex(of: t), p > 0 { processEnded(p) }
      finishThread(t)
      return false
    }
    if !world.shuttingDown, let function = world.machine.atExit.popLast() {
      // `threading._shutdown` first calls what `_register_atexit` registered, last first, on the main thread.
      do {
        try world.machine.startCall(world.threads[t], function, [], [])
      } catch {
        return pythonError(t, error)
      }
      programs[threads[t].frame.program].ops[0] = Op(kind: .plain, cost: 0)
      world.ready[t] = true
      return true
    }
    let waited = threads.indices.filter { $0 != 0 && !world.daemon[$0] && threads[$0].launched }
    world.shuttingDown = true
    declarationThreads.append(waited)
    joinWaiters.append(WaitQueue())
    var op = Op(kind: .join, cost: 0)
    op.slot = Int32(declarationThreads.count - 1)
    programs[threads[t].frame.program].ops[0] = op
    world.ready[t] = true
    return true
  }

  /// An exception left the thread's first frame, or giltutor met something it does not model. Returns false:
  /// the thread has ended (or, for the main thread, waits for the others).
  private mutating func pythonError(_ t: Int, _ error: PythonError) -> Bool {
    let world = python!
    let machine = world.machines[threads[t].process]
    switch error {
    case .raised(let id):
      if t == 0 {
        world.exitStatus = 1
      } else if let p = world.processMains.firstIndex(of: t), p > 0 {
        // `BaseProcess._bootstrap`: the process's name, the traceback, exit code 1.
        machine.write("Process \(world.processNames[p]):\n", isError: true)
        world.processObjects[p]?.attributes["exitcode"] = .int(1)
      } else {
        let name = threads[t].name
        machine.write("Exception in thread \(name):\n", isError: true)
      }
      machine.printTraceback(machine.exceptions[id])
      return pythonThreadEnded(t)
    case .unsupported(let what):
      world.problem = .init(message: what, line: currentLine(t), file: currentFile(t))
    case .budget(let count):
      world.problem = .init(
        message: "the program ran \(count) instructions inside a call that a built-in made", line: currentLine(t),
        isBudget: true)
    case .scheduled:
      world.problem = .init(message: "a call into the scheduler was lost", line: currentLine(t))
    }
    finishThread(t)
    exited = true
    return false
  }

  /// The file of the thread's top frame when it is not the program's.
  private func currentFile(_ t: Int) -> String? {
    guard let world = python, let frame = reportedFrame(t) else { return nil }
    let file = world.machines[threads[t].process].file(of: frame)
    return file == world.file ? nil : file
  }

  private func currentLine(_ t: Int) -> Int {
    guard let frame = reportedFrame(t) else { return 0 }
    return frame.compiled.lines[max(0, min(frame.ip - 1, frame.compiled.lines.count - 1))]
  }

  /// The frame a problem is reported at: the innermost, less giltutor's helpers that stand in for C code
  /// (`open`'s), whose caller is where the program did what is refused.
  private func reportedFrame(_ t: Int) -> PythonFrame? {
    guard let world = python else { return nil }
    let machine = world.machines[threads[t].process]
    let frames = world.threads[t].frames
    return frames.last { !machine.file(of: $0).hasPrefix("<giltutor>/_giltutor") } ?? frames.last
  }

  /// At the end: the objects are named after the globals that hold them, the output and exit status go to
  /// the trace.
  mutating func finishPython(_ trace: inout Trace) {
    guard let world = python else { return }
    // Every process writes to the same terminal: their lines in the order of their times.
    trace.output = world.machines.enumerated().flatMap { p, machine in
      machine.written.enumerated().map { ($0.offset, p, $0.element) }
    }
    .sorted { ($0.2.time, $0.1, $0.0) < ($1.2.time, $1.1, $1.0) }.map(\.2)
    trace.exitStatus = world.exitStatus
    trace.pythonProblem = world.problem
  }

  /// Names the program's locks, events and queues after the global variables that hold them (`lock-1`, in
  /// the order they were made, for the others).
  mutating func namePythonObjects() {
    guard let world = python, let globals = world.globals else { return }
    for (key, value) in globals.entries {
      guard case .str(let name) = key, case .instance(let object) = value, object.native >= 0,
        !object.type.isSubclass(of: world.machine.threadType), object.native < scenario.locks.count
      else { continue }
      scenario.locks[object.native].name = name
    }
  }
}
