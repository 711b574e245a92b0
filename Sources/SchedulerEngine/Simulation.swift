/// What a thread does once the OS gives it a core.
enum Continuation: UInt8 {
  case none
  /// Run the program (the GIL is held, or not needed).
  case execute
  /// Resume the activity the OS preempted.
  case resumeActivity
  /// Ask for the GIL, then run the program.
  case requestGIL
  /// New GIL: the timed wait expired.
  case gilTimedOut
  /// New GIL: signalled by a release.
  case gilSignalled
  /// New GIL: the switch it waited for (FORCE_SWITCHING) happened.
  case switchDone
  /// Old GIL: try the lock after a wake-up.
  case oldGILTry
  /// Old GIL: take the lock back after the periodic release.
  case oldGILReacquire
  /// A `threading.Lock` waiter was woken.
  case lockWoken
}

/// What a thread is busy with on its core until `activityEnd`.
enum Activity: UInt8 {
  case none
  case instruction
  case compute
  case builtin
  case native
  case sleepZero
  case failedAcquire
  case oldGILRelease
  case taskStep
  /// An event loop's `select(0)`: a quick system call with the GIL released.
  case selectZero
}

/// What a thread does after the GIL switch it waits for (FORCE_SWITCHING) has happened.
enum AfterSwitch: UInt8 {
  case requestGIL
  case startBlockingOp
}

/// The evaluation stack: the statements the language has never need more than two values on it, so it is two
/// registers, not an array (this is the engine's hottest path).
struct ValueStack {
  private var top: Int64 = 0
  private var below: Int64 = 0

  @inline(__always) mutating func push(_ v: Int64) {
    below = top
    top = v
  }

  @inline(__always) mutating func pop() -> Int64 {
    let v = top
    top = below
    return v
  }
}

/// A program being run: a thread's body, or one asyncio task.
struct Frame {
  var program: Int
  var pc = 0
  var stack = ValueStack()
  var locals: [Int64]
  var loops: [Int]
  /// The work left in the op at `pc` (compute, builtin, native, the sleep(0) call), 0 before it starts.
  var opLeft: Nanos = 0
  /// The pc of a lock-taking instruction that has taken its lock but not finished yet.
  var lockTakenAt = -1
}

struct SimThread {
  let name: String
  /// `process/name` where another process has a thread of that name.
  var qualifiedName: String? = nil
  let process: Int
  var frame: Frame
  /// For event-loop threads: the loop.
  var loop: Int = -1
  var generation: UInt32 = 0
  var core = -1
  /// Whether it waits in a run queue (then `core` is -1).
  var queued = false
  var dispatchedAt: Nanos = 0
  var onCoreSince: Nanos = 0
  var next = Continuation.none
  var activity = Activity.none
  var activityStart: Nanos = 0
  var activityEnd: Nanos = 0
  var remaining: Nanos = 0
  var holdsGIL = false
  var state = ThreadState.notStarted
  var stateSince: Nanos = 0
  var savedSwitch: UInt64 = 0
  var awaitingSwitch = false
  var afterSwitch = AfterSwitch.requestGIL
  var finished = false
  var sliceGeneration: UInt32 = 0
  /// When it started waiting for the lock it wants (`PyMutex` hands the lock to a waiter of over 1 ms), or -1.
  var lockWaitStart: Nanos = -1
  /// A PyMutex release handed it the lock it was waiting for.
  var handedLock = false
  /// Its timed acquire or wait gave up (a Python thread's call then returns False).
  var gaveUp = false
  /// Its event was set, its condition notified, its barrier filled, or its wait timed out: the wait it retries
  /// returns (a condition's after taking its lock back).
  var signalled = false
  /// A signal woke the thread from a wait: it raises `KeyboardInterrupt` as soon as it has the GIL.
  var interrupted = false
  /// What waking other threads has cost it and its current or next instruction has not run yet (`wakeCost`).
  var owed: Nanos = 0
  /// It has done the first half of a wait that has two: arrived at a barrier, let go of a condition's lock.
  var arrived = false
  /// The RLock depth a condition's `wait` gave up, to take back.
  var savedDepth = 0
  /// Started by another thread's `start()`: it has been created, and who waits for it to run.
  var launched = false
  var startedBy = -1
  /// It has run Python (its starter has been told).
  var hasRun = false
  /// When a timed acquire or wait gives up (the timeout from its first try), or -1.
  var lockDeadline: Nanos = -1
  /// What its queue `get` took, pushed when the method's step ends.
  var gotValue: Int64 = 0
  /// A pool worker's pool, or -1; and the item it is running (-1: the shut-down's `None`).
  var pool = -1
  var poolItem = 0
  /// The core the thread last ran on: it waits for that core when none is free (Linux keeps a thread on its CPU).
  var lastCore = -1
  var stats = ThreadStatistics()
}

struct GILState {
  var locked = false
  var holder = -1
  var lastHolder = -1
  var switchNumber: UInt64 = 0
  var dropRequest = false
  var dropRequester = -1
  /// New GIL: threads in take_gil's timed wait; old GIL: threads asleep on the lock.
  var waiters = WaitQueue()
  /// Threads waiting in drop_gil for another thread to take the GIL.
  var switchWaiters: [Int] = []
  /// Old GIL: the global ticker (`_Py_Ticker`).
  var ticker = 0
  var heldSince: Nanos = 0
}

/// A synchronisation object of one process: a `Lock`, `RLock`, `Event`, `Semaphore` or `Queue`.
struct ThreadingLock {
  var kind = SyncKind.lock
  /// The thread holding a Lock or RLock.
  var owner = -1
  /// How many times the RLock's owner holds it.
  var depth = 0
  /// A semaphore's free count; an event's flag (0 or 1).
  var value = 0
  /// A queue's items, from `head` on.
  var items: [Int64] = []
  var head = 0
  /// Threads waiting to acquire, for the event, for an item.
  var waiters = WaitQueue()
  /// Threads waiting for room in a full queue.
  var putters = WaitQueue()
  /// A list's length; without a GIL, until when its critical section is held and who held it last.
  var length = 0
  var busyUntil: Nanos = 0
  var lastUser = -1
  /// An event loop's selector: a thread waiting on it is the loop idling (`ThreadState.selecting`).
  var selects = false
  /// A `multiprocessing` queue: every process that inherited it reaches the one its maker holds.
  var crossProcess = false

  init(kind: SyncKind = .lock) {
    self.kind = kind
    if case .semaphore(let count, _) = kind { value = count }
  }

  var queueCount: Int { items.count - head }
}

struct ProcessState {
  var gil = GILState()
  var shared: [Int64]
  var locks: [ThreadingLock]
  var gilSpans: [GILSpan] = []
  /// Without a GIL: the thread whose collection has stopped the world, or -1, and the threads it paused.
  var worldStoppedBy = -1
  var stopped: [Int] = []
}

/// The discrete-event simulation behind `Simulator.run`.
struct Simulation {
  /// A Python program's run adds the objects it makes to the scenario's, and `sys.setswitchinterval` changes it.
  var scenario: Scenario
  let model: MachineModel
  /// What the simulated interpreter does differently from the others.
  let profile: InterpreterProfile
  /// The profile's lock, kept apart because the hot paths look at it at every instruction.
  let lockModel: InterpreterKind.LockModel
  var random: SeededRandom
  var now: Nanos = 0
  var queue = EventQueue()
  /// The threads of each top-level thread declaration, and who waits in `join` for them.
  var declarationThreads: [[Int]] = []
  var joinWaiters: [WaitQueue] = []
  /// The queue's size at which its stale events are dropped (twice what was live after the last time).
  var removeStaleAt = 64
  var threads: [SimThread] = []
  var programs: [Program] = []
  var processes: [ProcessState] = []
  var cores: [Int]
  var coreIdleSince: [Nanos]
  /// Each core's run queue: the threads waiting for that core.
  var runQueues: [FIFO]
  /// How many threads wait in all the run queues together.
  var queuedThreads = 0
  /// Bumped when a core gets a thread, so that a stale balancing event does nothing.
  var balanceGeneration: [UInt32]
  var loops: [LoopState] = []
  var tasks: [SimTask] = []
  /// The declared pools, in order, then the default executors of the event loops that use one.
  var pools: [PoolState] = []
  /// When the fork server a process pool started first is ready to fork workers (`forkserver`, 3.14+), or -1.
  var forkServerReadyAt: Nanos = -1
  var instructions: [TableEntry] = []
  var events: [TraceEvent] = []
  /// Every event that happened, kept or not.
  var eventCount = 0
  /// Which events are kept: all, a lean trace's, or none (a text or JSON report needs only their number, so a
  /// long run's memory then grows with its state spans alone).
  let detail: EventDetail
  var lean: LeanRecorder
  /// The events that count toward the budget: every event that happened, or for a lean trace the kept ones.
  var budgetSpent = 0
  /// Instructions advanced in bulk in a counted run, of which each sixteenth spends the budget.
  var bulkTally = 0
  /// Whether a Python thread's stretches of local arithmetic advance in bulk (`PythonBulkAdvance.swift`); off,
  /// every instruction runs alone, for tests that compare the two.
  var advancesInBulk = true
  var spans: [[StateSpan]] = []
  var gilSwitches = 0
  /// Whether a compute stretch or an old-GIL release window that ends before the next event may run inline (not
  /// while a thread is restarted from another thread's event).
  var inlineWork = true
  /// Stop a scenario that would run for too long instead of running forever.
  let maxEvents: Int
  let maxTime: Nanos
  /// Scheduling steps (events taken off the queue, kept in the trace or not) bound the time a run takes: a
  /// thousand threads on a thousand cores time out and go back to waiting without a kept event each time.
  let maxSteps: Int
  var steps = 0
  var truncation: Trace.Truncation?
  /// Exceptions that ended threads.
  var raised: [Trace.Raised] = []
  /// A SIGINT has arrived and the main thread has not run its handler yet.
  var signalPending = false {
    didSet { breakerJobs = signalPending || stoppedWorlds > 0 }
  }
  /// How many interpreters a garbage collection has stopped (free-threaded builds).
  var stoppedWorlds = 0 {
    didSet { breakerJobs = signalPending || stoppedWorlds > 0 }
  }
  /// Whether a check point has anything to do besides the GIL's drop request: a signal to handle or a world to
  /// stop. Like CPython's eval breaker, one flag that the hot path reads.
  private(set) var breakerJobs = false
  /// Python exited (a SIGINT while the main thread waited for the others at its end): the run stops there.
  var exited = false
  /// Where the last event that did something left `now` (a stale event only moves `now`).
  var lastLiveTime: Nanos = 0
  var truncated: Bool { truncation != nil }
  /// A Python program's interpreter and threads, when the scenario is a Python program.
  var python: PythonWorld? = nil

  init(scenario: Scenario, model: MachineModel, budget: SimulationBudget, detail: EventDetail = .every) {
    self.detail = detail
    self.lean = LeanRecorder(instructions: [], shared: [])
    self.maxEvents = budget.maxEvents
    self.maxTime = min(budget.maxTime, Limits.maximumDuration)
    self.maxSteps = budget.maxSteps
    self.scenario = scenario
    self.model = model
    self.profile = scenario.interpreter.profile
    // A free-threaded build runs with the GIL after an import that needs it (`_PyImport_CheckGILForModule`).
    self.lockModel = scenario.lockModel
    self.random = SeededRandom(seed: scenario.seed)
    let coreCount = max(scenario.cores, 1)
    self.cores = Array(repeating: -1, count: coreCount)
    self.coreIdleSince = Array(repeating: 0, count: coreCount)
    self.runQueues = Array(repeating: FIFO(), count: coreCount)
    self.balanceGeneration = Array(repeating: 0, count: coreCount)
    build()
    if detail == .lean {
      lean = LeanRecorder(instructions: instructions.map(\.instruction), shared: Set(scenario.shared.map(\.name)))
    }
  }

  /// Compiles every body and creates the threads, tasks and processes.
  private mutating func build() {
    let sharedNames = scenario.shared.map(\.name)
    var compiler = Compiler(
      profile: profile, shared: sharedNames, objects: scenario.locks,
      joinable: scenario.processes[0].threads.map(\.name), poolNames: scenario.pools.map(\.name),
      poolKinds: scenario.pools.map(\.kind), model: model)
    // The declared pools first (their index is their place in the scenario), the loops' executors after.
    pools = scenario.pools.map { PoolState(declared: $0, in: scenario) }
    let executorLoops = scenario.processes.flatMap(\.eventLoops).filter {
      $0.tasks.contains { Self.usesThreads($0.body) }
    }
    var executors: [PoolState] = []
    func compile(_ body: [Statement]) -> Int {
      var c = Compiler(continuing: compiler)
      c.function(body)
      compiler = Compiler(continuing: c)
      programs.append(c.program)
      return programs.count - 1
    }
    func frame(_ program: Int) -> Frame {
      Frame(
        program: program, locals: Array(repeating: 0, count: programs[program].localCount),
        loops: Array(repeating: 0, count: programs[program].loopCount))
    }
    if let source = scenario.python { buildPythonMain(source) }
    if let body = scenario.mainBody {
      // The module's code runs on the main thread, which starts the top-level threads itself.
      var main = SimThread(name: "main", process: 0, frame: frame(compile(body)))
      main.launched = true
      threads.append(main)
    }
    for (p, process) in scenario.processes.enumerated() {
      processes.append(
        ProcessState(
          shared: scenario.shared.map(\.initialValue),
          locks: scenario.locks.map { ThreadingLock(kind: $0.kind) }))
      for declaration in process.threads {
        let program = compile(declaration.body)
        if p == 0 { declarationThreads.append(Array(threads.count..<threads.count + declaration.count)) }
        for name in declaration.instanceNames {
          threads.append(SimThread(name: name, process: p, frame: frame(program)))
        }
      }
      for declaration in process.eventLoops {
        var loop = LoopState(thread: threads.count)
        let usesExecutor = declaration.tasks.contains { Self.usesThreads($0.body) }
        compiler.executor = usesExecutor ? Int32(pools.count + executors.count) : -1
        compiler.executorJobs = []
        for taskDeclaration in declaration.tasks {
          let program = compile(taskDeclaration.body)
          for name in taskDeclaration.instanceNames {
            loop.ready.append(tasks.count)
            tasks.append(SimTask(name: name, loop: loops.count, frame: frame(program)))
          }
        }
        if usesExecutor {
          // The workers run any of the functions the loop's tasks hand them (`PoolState(executorOf:)`).
          var c = Compiler(continuing: compiler)
          let starts = c.poolWorker(compiler.executor, jobs: compiler.executorJobs)
          compiler = Compiler(continuing: c)
          compiler.executor = -1
          compiler.executorJobs = []
          programs.append(c.program)
          let prefix = executorLoops.count > 1 ? "\(declaration.name)-" : ""
          loop.executor = pools.count + executors.count
          executors.append(
            PoolState(
              executorOf: loops.count, program: programs.count - 1, jobStart: starts, cores: scenario.cores,
              prefix: prefix))
        }
        var thread = SimThread(name: declaration.name, process: p, frame: frame(compile([])))
        thread.loop = loops.count
        threads.append(thread)
        loops.append(loop)
      }
    }
    for (k, declaration) in scenario.pools.enumerated() {
      var c = Compiler(continuing: compiler)
      pools[k].jobStart = c.poolWorker(Int32(k), jobs: [declaration.job], trip: itemTrip(of: declaration))
      compiler = Compiler(continuing: c)
      programs.append(c.program)
      pools[k].program = programs.count - 1
    }
    pools += executors
    instructions = compiler.table
    spans = Array(repeating: [], count: threads.count)
    qualifyNamesUsedInSeveralProcesses()
    joinWaiters = Array(repeating: WaitQueue(), count: declarationThreads.count)
    // The main thread starts the threads one after another; a worker process starts after its fork.
    var startIndex: [Int: Int] = [:]
    for (i, thread) in threads.enumerated() {
      // With a `main:` block the main thread starts the top-level threads when its code says so.
      if scenario.mainBody != nil && thread.process == 0 && i > 0 && thread.loop < 0 { continue }
      let k = startIndex[thread.process, default: 0]
      startIndex[thread.process] = k + 1
      let launch = profile.startMethod == .forkserver ? model.forkserverLaunch : 0
      let base: Nanos
      if thread.process == 0 {
        base = 0
      } else if scenario.processes[thread.process].isSubinterpreter {
        base = model.subinterpreterStart
      } else {
        base = model.processStart + launch
      }
      queue.push(base + Nanos(k) * model.threadStart, Int32(i), 0, .start)
    }
    for p in processes.indices { processes[p].gil.ticker = scenario.checkInterval }
    for time in scenario.signals { queue.push(time, 0, 0, .signal) }
  }

  /// Each process names its threads on its own: a name that threads of two processes use is shown with the
  /// worker's process, `worker/main`; the main process's threads keep their plain names.
  private mutating func qualifyNamesUsedInSeveralProcesses() {
    var processesOfName: [String: Set<Int>] = [:]
    for thread in threads { processesOfName[thread.name, default: []].insert(thread.process) }
    for t in threads.indices where threads[t].process != 0 && processesOfName[threads[t].name]!.count > 1 {
      threads[t].qualifiedName = scenario.processes[threads[t].process].name + "/" + threads[t].name
    }
  }

  // MARK: The main loop

  mutating func run() -> Trace {
    while let event = queue.pop() {
      if event.time > maxTime {
        // Nothing happens before the next event, which is past the budget: the run reaches the budget's end.
        now = max(now, maxTime)
        truncation = .time
        break
      }
      steps += 1
      if budgetSpent >= maxEvents || steps > maxSteps {
        truncation = .events
        break
      }
      now = event.time
      guard isLive(event) else { continue }
      let t = Int(event.thread)
      switch event.action {
      case .start: threadStarted(t)
      case .sliceEnd: sliceEnded(t)
      case .balance: balance(t)
      case .run: runContinuation(t)
      case .activityDone: activityDone(t)
      case .blockDone: blockDone(t)
      case .woken: wantCore(t, threads[t].next)
      case .gilTimeout: gilTimeout(t)
      case .signal: signalArrived()
      }
      if exited { break }
      // Work run inline moves `now` on past the event.
      lastLiveTime = now
      if queue.count > removeStaleAt {
        // Taken out of `self` while `isLive` reads the threads.
        var pending = EventQueue()
        swap(&pending, &queue)
        pending.removeStale { isLive($0) }
        queue = pending
        removeStaleAt = max(64, 2 * queue.count)
      }
    }
    return finish()
  }

  /// Whether a queued event still asks for something: a newer event of its kind for the same thread (or core)
  /// has a newer generation.
  private func isLive(_ event: QueuedEvent) -> Bool {
    let t = Int(event.thread)
    switch event.action {
    case .start, .signal: return true
    case .sliceEnd: return event.generation == threads[t].sliceGeneration
    case .balance: return event.generation == balanceGeneration[t]
    case .run, .activityDone, .blockDone, .woken, .gilTimeout: return event.generation == threads[t].generation
    }
  }

  private mutating func threadStarted(_ t: Int) {
    // (A process terminated before its first thread started does not start it.)
    guard !threads[t].finished else { return }
    record(t, .threadStart)
    wantCore(t, .requestGIL)
  }

  /// Runs what the thread was waiting to do, now that it has a core.
  private mutating func runContinuation(_ t: Int) {
    let next = threads[t].next
    threads[t].next = .none
    switch next {
    case .none: break
    case .execute: execute(t)
    case .resumeActivity: resumeActivity(t)
    case .requestGIL: requestGIL(t)
    case .gilTimedOut: gilTimedOut(t)
    case .gilSignalled: gilSignalled(t)
    case .switchDone: switchDone(t)
    case .oldGILTry: oldGILTry(t)
    case .oldGILReacquire: oldGILReacquire(t)
    case .lockWoken: lockWoken(t)
    }
  }

  // MARK: Recording

  @inline(__always) mutating func record(_ t: Int, _ kind: EventKind, detail: Int = -1, value: Int64 = 0) {
    eventCount += 1
    let event = TraceEvent(
      time: now, thread: Int16(truncatingIfNeeded: t), kind: kind, detail: Int32(detail), value: value)
    switch self.detail {
    case .every:
      budgetSpent += 1
      if events.count == events.capacity { growEvents() }
      events.append(event)
    case .counted:
      budgetSpent += 1
    case .lean:
      lean.record(event)
      budgetSpent = lean.keptCount
    }
  }

  /// Grows the events fourfold instead of Array's twofold (by 16 million at most, 384 MB), and never beyond the
  /// budget: a long run copies its events a third of a time in all instead of once.
  @inline(never) private mutating func growEvents() {
    let grown = min(max(events.capacity * 4, 1 << 12), events.capacity + (1 << 24))
    events.reserveCapacity(max(min(grown, maxEvents + 1), events.capacity + 1))
  }

  mutating func setState(_ t: Int, _ state: ThreadState) {
    let old = threads[t].state
    guard old != state else { return }
    let since = threads[t].stateSince
    if now > since {
      // States that lasted no time in between leave two spans of one state back to back: they are one span.
      if let last = spans[t].last, last.state == old, last.end == since {
        spans[t][spans[t].count - 1].end = now
      } else {
        spans[t].append(StateSpan(start: since, end: now, state: old))
      }
    }
    switch old {
    case .waitingGIL: threads[t].stats.gilWait += now - since
    case .io, .sleeping, .selecting: threads[t].stats.io += now - since
    default: break
    }
    threads[t].state = state
    threads[t].stateSince = now
  }

  private mutating func finish() -> Trace {
    namePythonObjects()
    // The run ends when the last thread does (or where the limits cut it); with threads that can never go on, at
    // the last thing that happened: they are drawn waiting up to there.
    let deadlock = truncated ? nil : findDeadlock()
    let wall: Nanos
    if truncated {
      wall = now
    } else if deadlock != nil {
      wall = lastLiveTime
      now = wall
    } else {
      wall = threads.compactMap(\.stats.finishedAt).max() ?? now
    }
    now = max(now, wall)
    for t in threads.indices {
      if threads[t].core >= 0 { threads[t].stats.cpu += now - threads[t].onCoreSince }
      setState(t, .finished)
      if wall > threads[t].stateSince {
        spans[t].append(StateSpan(start: threads[t].stateSince, end: wall, state: .finished))
      }
    }
    var gilSpans: [[GILSpan]] = []
    for p in processes.indices {
      var list = processes[p].gilSpans
      if processes[p].gil.locked && processes[p].gil.holder >= 0 && now > processes[p].gil.heldSince {
        list.append(GILSpan(start: processes[p].gil.heldSince, end: now, holder: Int32(processes[p].gil.holder)))
      }
      gilSpans.append(lockModel == .none ? [] : list)
    }
    for t in threads.indices { threads[t].stats.startedAt = ThreadStatistics.firstPython(in: spans[t]) }
    let statistics = Statistics(wallTime: wall, gilSwitches: gilSwitches, threads: threads.map(\.stats))
    let info = threads.map {
      ThreadInfo(name: $0.qualifiedName ?? $0.name, process: $0.process, isEventLoop: $0.loop >= 0)
    }
    let taskInfo = tasks.map {
      TaskInfo(name: $0.name, loopThread: loops[$0.loop].thread, finishedAt: $0.finishedAt, maxLateness: $0.maxLateness)
    }
    // The lists' lengths follow the shared variables, as `len(NAME)`.
    let finals =
      scenario.shared.enumerated().map { (name: $0.element.name, value: processes[0].shared[$0.offset]) }
      + scenario.locks.indices.filter { scenario.locks[$0].kind == .list }.map {
        (name: "len(\(scenario.locks[$0].name))", value: Int64(processes[0].locks[$0].length))
      }
    var trace = Trace(
      scenario: scenario, threads: info, tasks: taskInfo, events: detail == .lean ? lean.finish() : events,
      spans: spans, gilSpans: gilSpans,
      instructions: instructions.map(\.instruction), sharedFinal: finals, statistics: statistics)
    trace.truncation = truncation
    trace.deadlock = deadlock
    trace.raised = raised
    trace.eventCount = eventCount
    finishPython(&trace)
    return trace
  }

  /// With nothing left to happen, the threads that have not finished wait for something no one will give them:
  /// what each waits for and who holds it, and the cycle of waits if there is one.
  private func findDeadlock() -> Trace.Deadlock? {
    // Threads left waiting when Python exits (daemons) wait for nothing any more.
    guard !exited else { return nil }
    let blocked = threads.indices.filter { !threads[$0].finished && threads[$0].state != .notStarted }
    guard !blocked.isEmpty else { return nil }
    let waits = blocked.map { deadlockWait(of: $0) }
    // Follow "waits for what is held by" from each blocked thread until a thread repeats.
    var cycle: [Int] = []
    let holderOf = Dictionary(uniqueKeysWithValues: waits.map { ($0.thread, $0.holder) })
    for start in blocked where cycle.isEmpty {
      var path: [Int] = []
      var t: Int? = start
      while let current = t, !path.contains(current) {
        path.append(current)
        t = holderOf[current] ?? nil
      }
      if let repeated = t, let at = path.firstIndex(of: repeated) { cycle = Array(path[at...]) }
    }
    return Trace.Deadlock(time: lastLiveTime, waits: waits, cycle: cycle)
  }
}
