/// `concurrent.futures.ThreadPoolExecutor` as `with ThreadPoolExecutor(N) as pool: pool.map(job, range(K))` runs
/// it (CPython 3.8+, `Lib/concurrent/futures/thread.py`): each `submit` puts a work item in the pool's queue and, if
/// no worker is idle, starts one more with `Thread.start()`'s hand-shake, up to N; each worker takes items until it
/// takes the shut-down's `None`, which it puts back for the next; `map` then waits for each result in order, and
/// the shut-down joins the workers.
struct PoolState {
  /// The pool's object slot (its name, for messages), or -1 for an event loop's default executor.
  var slot: Int
  /// An event loop's default executor: the loop (its tasks await the items).
  var loop = -1
  /// The workers' program and names; a worker is a thread from its start on, so a pool of 32 that needed 3 shows 3.
  var program: Int
  var workerNames: [String]
  /// The threads of the workers started so far.
  var workers: [Int] = []
  var kind = PoolDeclaration.Kind.threads
  /// A process pool's worker processes, by worker.
  var processes: [Int] = []
  /// The work queue: item numbers, and -1 for the shut-down's `None`.
  var items: [Int] = []
  var head = 0
  /// Workers waiting for an item.
  var getters = WaitQueue()
  /// `_idle_semaphore`: released by a worker after each item, taken by a submit that then starts no worker.
  var idle = 0
  var submitted = 0
  /// Where each job starts in the workers' program, and each item's job.
  var jobStart: [Int] = []
  var jobOf: [Int] = []
  /// The task awaiting each item (`await to_thread:`), or -1.
  var taskOf: [Int] = []
  /// Results taken by `map`'s iterator, in order.
  var collected = 0
  var done: [Bool] = []
  /// The thread in `map` waiting for a result or for the workers to end, or -1.
  var mapper = -1

  /// A declared pool; its program is compiled later.
  init(declared pool: PoolDeclaration, in scenario: Scenario) {
    self.init(
      slot: scenario.locks.firstIndex { $0.name == pool.name } ?? 0, program: -1, workerNames: pool.workerNames)
    kind = pool.kind
    if !pool.kind.sharesTheGIL {
      processes = pool.workerNames.compactMap { name in scenario.processes.firstIndex { $0.name == name } }
    }
  }

  /// An event loop's default executor: `loop.run_in_executor(None, ...)` makes a ThreadPoolExecutor of
  /// min(32, cores + 4) threads named asyncio_0, asyncio_1, …; each job is a function of the loop's tasks.
  init(executorOf loop: Int, program: Int, jobStart: [Int], cores: Int, prefix: String) {
    self.init(slot: -1, program: program, workerNames: (0..<min(32, cores + 4)).map { "\(prefix)asyncio_\($0)" })
    self.loop = loop
    self.jobStart = jobStart
  }

  init(slot: Int, program: Int, workerNames: [String]) {
    self.slot = slot
    self.program = program
    self.workerNames = workerNames
  }

  var hasItem: Bool { head < items.count }
  /// Every worker started has ended (the shut-down's `join`).
  func workersEnded(_ threads: [SimThread]) -> Bool { workers.allSatisfy { threads[$0].finished } }
}

extension Simulation {
  /// A pool op's work at its start, atomically: false when the thread must wait (see `startSync`).
  mutating func startPoolStep(_ t: Int, _ op: Op) -> Bool {
    let k = Int(op.slot)
    switch op.kind {
    case .poolSubmit:
      if threads[t].signalled {
        // The worker this submit started has run: `start()` returns.
        threads[t].signalled = false
        threads[t].arrived = false
        return true
      }
      if threads[t].arrived { return false }
      pools[k].items.append(pools[k].submitted)
      threads[t].poolItem = pools[k].submitted
      pools[k].submitted += 1
      pools[k].done.append(false)
      pools[k].jobOf.append(Int(op.constant))
      pools[k].taskOf.append(-1)
      if let getter = pools[k].getters.removeFirst() { wake(getter, then: .requestGIL) }
      if startsAllWorkersAtOnce(k) {
        while pools[k].workers.count < pools[k].workerNames.count { startProcess(newWorker(of: k)) }
      } else if pools[k].idle > 0 {
        pools[k].idle -= 1
      } else if pools[k].workers.count < pools[k].workerNames.count {
        let worker = newWorker(of: k)
        guard pools[k].kind.sharesTheGIL else {
          startProcess(worker)
          return true
        }
        launch(worker, startedBy: t)
        return false
      }
    case .poolResult:
      guard pools[k].done[pools[k].collected] else { return false }
      pools[k].collected += 1
    case .poolShutdown:
      if !threads[t].arrived {
        threads[t].arrived = true
        putShutdownSignal(k)
      }
      guard pools[k].workersEnded(threads) else { return false }
      threads[t].arrived = false
    case .poolGet:
      guard pools[k].hasItem else { return false }
      let item = pools[k].items[pools[k].head]
      pools[k].head += 1
      // The worker that takes the `None` puts it back for the next one, and ends.
      if item < 0 { putShutdownSignal(k) }
      threads[t].poolItem = item
    case .poolDone:
      let item = threads[t].poolItem
      pools[k].done[item] = true
      pools[k].idle += 1
      wakeMapperIfReady(k)
      if pools[k].taskOf[item] >= 0 { futureDone(task: pools[k].taskOf[item], loop: pools[k].loop) }
    default:
      return true
    }
    return true
  }

  /// Whether the pool starts every worker at its first submit, rather than one when none is idle:
  /// `multiprocessing.Pool` starts them all when it is made, `ProcessPoolExecutor` at its first submit under `fork`
  /// (measured: 3.8-3.13 on Linux have 4 of 4 after one item); under `forkserver` (3.14+) it starts one more at a
  /// submit that finds none idle (`_adjust_process_count`, gh-90622), as a thread pool does.
  private func startsAllWorkersAtOnce(_ k: Int) -> Bool {
    switch pools[k].kind {
    case .threads, .interpreters: false
    case .multiprocessing: true
    case .processes: profile.startMethod != .forkserver
    }
  }

  /// A worker process starts, without a hand-shake (the submit goes on): after the fork server is ready, under
  /// `forkserver`, which starts once, with the first worker. An interpreter pool's worker thread starts in the
  /// main interpreter and creates its subinterpreter before it takes an item (`WorkerContext.initialize`); the
  /// submit's wait for the thread's start is the few microseconds of a free GIL, so it too goes on.
  private mutating func startProcess(_ worker: Int) {
    threads[worker].launched = true
    if scenario.processes[threads[worker].process].isSubinterpreter {
      queue.push(now + model.threadStart + model.subinterpreterStart, Int32(worker), 0, .start)
      return
    }
    var forkAt = now
    if profile.startMethod == .forkserver {
      if forkServerReadyAt < 0 { forkServerReadyAt = now + model.forkserverLaunch }
      forkAt = max(now, forkServerReadyAt)
    }
    queue.push(forkAt + model.processStart, Int32(worker), 0, .start)
  }

  /// A new thread for the pool's next worker (in its own process, for a process pool).
  private mutating func newWorker(of k: Int) -> Int {
    let program = pools[k].program
    let i = pools[k].workers.count
    var worker = SimThread(
      name: pools[k].workerNames[i], process: pools[k].processes.isEmpty ? 0 : pools[k].processes[i],
      frame: Frame(
        program: program, locals: Array(repeating: 0, count: programs[program].localCount),
        loops: Array(repeating: 0, count: programs[program].loopCount)))
    worker.pool = k
    threads.append(worker)
    spans.append([])
    pools[k].workers.append(threads.count - 1)
    return threads.count - 1
  }

  mutating func putShutdownSignal(_ k: Int) {
    pools[k].items.append(-1)
    if let getter = pools[k].getters.removeFirst() { wake(getter, then: .requestGIL) }
  }

  /// The thread in `map` goes on when what it waits for has come.
  mutating func wakeMapperIfReady(_ k: Int) {
    let mapper = pools[k].mapper
    guard mapper >= 0 else { return }
    let op = programs[threads[mapper].frame.program].ops[threads[mapper].frame.pc]
    guard canPoolProceed(mapper, op) else { return }
    pools[k].mapper = -1
    wake(mapper, then: .requestGIL)
  }

  /// Whether a retry would succeed now.
  func canPoolProceed(_ t: Int, _ op: Op) -> Bool {
    let pool = pools[Int(op.slot)]
    switch op.kind {
    case .poolSubmit: return threads[t].signalled
    case .poolResult: return pool.done[pool.collected]
    case .poolShutdown: return pool.workersEnded(threads)
    case .poolGet: return pool.hasItem
    default: return true
    }
  }

  /// Where a thread that must wait for a pool waits (the started worker wakes a submit itself, `firstRun`).
  mutating func waitForPool(_ t: Int, _ op: Op) {
    let k = Int(op.slot)
    switch op.kind {
    case .poolGet: pools[k].getters.add(t)
    case .poolResult, .poolShutdown: pools[k].mapper = t
    default: break
    }
  }

  /// What a thread left waiting on a pool waits for, for a deadlock's report.
  func poolWait(of t: Int, _ op: Op) -> Trace.Deadlock.Wait {
    let pool = pools[Int(op.slot)]
    let name =
      pool.slot >= 0
      ? "pool \(scenario.locks[pool.slot].name)" : "the executor of loop \(threads[loops[pool.loop].thread].name)"
    switch op.kind {
    case .poolGet:
      return .init(thread: t, resource: "an item of \(name)", holder: nil, nobody: "which no thread will submit")
    case .poolResult:
      return .init(thread: t, resource: "a result of \(name)", holder: nil, nobody: "which no worker will set")
    default:
      return .init(thread: t, resource: "the workers of \(name) to end", holder: nil, nobody: "")
    }
  }

  /// `await to_thread:`: the task waits for the item its loop has just submitted.
  mutating func taskAwaitsThread(_ t: Int, _ op: Op, task: Int) {
    let k = Int(op.slot)
    pools[k].taskOf[threads[t].poolItem] = task
    loops[pools[k].loop].threadWaits += 1
  }

  /// The worker set the item's result: `call_soon_threadsafe` schedules the task's wake-up and writes to the
  /// loop's self-pipe, so a selector that waits returns at once.
  private mutating func futureDone(task: Int, loop l: Int) {
    loops[l].threadWaits -= 1
    tasks[task].readySince = now
    loops[l].woken.append(task)
    interruptSelect(l)
  }

  /// The last worker of a loop's executor has ended: the loop, waiting for the shut-down, goes on.
  mutating func executorWorkerEnded(_ k: Int) {
    guard pools[k].loop >= 0, loops[pools[k].loop].executorShutDown, pools[k].workersEnded(threads) else { return }
    interruptSelect(pools[k].loop)
  }

  /// A loop whose selector waits returns from it now.
  private mutating func interruptSelect(_ l: Int) {
    let t = loops[l].thread
    if threads[t].state == .selecting && threads[t].activity == .none && loops[l].currentTask < 0 {
      loops[l].selectOnTimer = false
      threads[t].generation &+= 1
      queue.push(now, Int32(t), threads[t].generation, .blockDone)
    }
  }
}

extension Simulation {
  /// What an item's way to its worker and its result's way back cost the worker (nothing in a thread pool): a
  /// process pool's wait on its pipes, a `multiprocessing.Pool` sending `map`'s items in chunks, a chunk making the
  /// trip; an interpreter pool's pickling and call into the worker's subinterpreter, C code under that
  /// interpreter's own GIL.
  func itemTrip(of pool: PoolDeclaration) -> Op? {
    switch pool.kind {
    case .threads: return nil
    case .processes: return Op(kind: .io, cost: model.processPoolItemTrip)
    case .multiprocessing:
      let items = Self.mapCount(of: pool.name, in: scenario)
      let (chunk, extra) = items.quotientAndRemainder(dividingBy: max(pool.workers * 4, 1))
      return Op(kind: .io, cost: model.processPoolItemTrip / Nanos(max(chunk + (extra > 0 ? 1 : 0), 1)))
    case .interpreters: return Op(kind: .builtin, cost: model.interpreterPoolItemTrip)
    }
  }

  /// The items a pool's `map` submits (a pool maps once).
  static func mapCount(of pool: String, in scenario: Scenario) -> Int {
    func find(_ body: [Statement]) -> Int? {
      for statement in body {
        switch statement.kind {
        case .sync(let call) where call.object == pool && call.method == .map:
          if case .constant(let items) = call.value { return Int(items) }
        case .repeatBlock(_, let inner), .withLock(_, let inner), .awaitThread(let inner):
          if let found = find(inner) { return found }
        default: break
        }
      }
      return nil
    }
    let bodies =
      [scenario.mainBody ?? []] + scenario.processes.flatMap { $0.threads.map(\.body) } + scenario.pools.map(\.job)
    return bodies.lazy.compactMap(find).first ?? 0
  }

  /// Whether a task's body hands work to a thread (`await to_thread:`) anywhere in it.
  static func usesThreads(_ body: [Statement]) -> Bool {
    body.contains { statement in
      switch statement.kind {
      case .awaitThread: true
      case .repeatBlock(_, let inner), .withLock(_, let inner): usesThreads(inner)
      default: false
      }
    }
  }
}
