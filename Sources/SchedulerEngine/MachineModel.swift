/// The named parameters of the OS and interpreter model.
///
/// They are calibrated once, against the measurements of real CPython on a 2-vCPU Linux machine (kernel HZ=250),
/// and never per scenario: every scenario runs with the same model.
public struct MachineModel: Sendable, Equatable {
  // MARK: The operating system

  /// From a futex wake (condition signal, lock release, timer) until the woken thread runs on a core that went
  /// idle a moment ago and is still polling.
  public var wakeLatency: Nanos = 5 * Time.microsecond
  /// The same onto a core that has been idle longer than `idlePollWindow` and halted: the virtual CPU must be
  /// woken by an interrupt first.
  public var deepIdleWakeLatency: Nanos = 20 * Time.microsecond
  /// From a timer's expiry (a timed wait, a sleep) until the thread runs: the host's timer interrupt has to be
  /// delivered to a halted virtual CPU.
  public var timerWakeLatency: Nanos = 60 * Time.microsecond
  /// How long an idle virtual CPU polls before it halts (the guest's `guest_halt_poll_ns`).
  public var idlePollWindow: Nanos = 200 * Time.microsecond
  /// What waking a sleeping thread costs the thread that wakes it: the futex system call and the interrupt to the
  /// idle CPU. Measured here, a `Lock.release()` that wakes a thread asleep in `acquire()`: 2.3 µs on 3.12.1
  /// (p25-p75 2.0-3.1), 3.4 on 3.9.18, 2.5 on 3.13.0, against 0.2 µs with nobody waiting. Charged to a Python-level
  /// release, `set`, `notify`, `put` or `get` that wakes a waiter (not yet to `drop_gil`'s signal).
  public var wakeCost: Nanos = 2_300
  /// Wake-ups vary: each one takes `wakeLatency` ± up to this much (seeded, so runs repeat).
  public var wakeJitter: Nanos = 2 * Time.microsecond
  /// Linux lets a timed wait expire up to 50 µs late for a normal thread (`/proc/PID/timerslack_ns`).
  public var timerSlack: Nanos = 50 * Time.microsecond
  /// What a core loses when it switches from one thread to another.
  public var contextSwitch: Nanos = 3 * Time.microsecond
  /// The scheduler tick (HZ=250): a thread that ran this long is preempted when another one waits for the core.
  public var timeslice: Nanos = 4 * Time.millisecond
  /// A woken thread preempts a running one only if that one has had this much more CPU time (CFS wake-up
  /// granularity).
  public var wakeupGranularity: Nanos = 1 * Time.millisecond
  /// Each core has its own run queue. A core that goes idle while threads wait on another core pulls one of them
  /// only after being idle this long (Linux skips new-idle balancing while a CPU's average idle time is below the
  /// migration cost, 0.5 ms).
  public var idleBalanceDelay: Nanos = 500 * Time.microsecond
  /// `Thread.start()`: from one thread's start to the next one's (the main thread creates them in turn).
  public var threadStart: Nanos = 50 * Time.microsecond
  /// A `multiprocessing` worker: fork, start-up and handing it its work.
  public var processStart: Nanos = 15 * Time.millisecond
  /// `multiprocessing.Process.start()` under `fork`: the parent's `os.fork()` and its bookkeeping, with the GIL
  /// held. Measured here, the start of a process that does nothing, best of 5: 0.85 ms on 3.12.1, 0.97 on 3.9.18,
  /// 0.94 on 3.13.0; with its join, 2.9, 3.1 and 2.5 ms.
  public var forkCost: Nanos = 850 * Time.microsecond
  /// From the fork to the child's first instruction of `run()` (its start-up in `_bootstrap`), so that a start
  /// and a join of an empty process take what they take above.
  public var forkedChildStart: Nanos = 1500 * Time.microsecond
  /// An item's trip through a `multiprocessing.Queue`: pickled, written to the pipe by the feeder thread, read
  /// and unpickled. Measured here, a put and a get there and back between two processes: 89 µs on 3.12.1 and
  /// 3.13.0, 99 on 3.9.18, so 45 µs one way.
  public var pipeTrip: Nanos = 45 * Time.microsecond
  /// Creating a subinterpreter with its own GIL: measured here, `_xxsubinterpreters.create()` (3.12.1) and
  /// `_interpreters.create()` (3.13.0) took 11-16 ms each.
  public var subinterpreterStart: Nanos = 13 * Time.millisecond
  /// What the `forkserver` start method adds before the first worker runs: the server is a fresh interpreter
  /// that must start and import `multiprocessing` first. Measured with 3.13.0 on Linux, a fresh program's
  /// `Pool(2)` to its workers' first moment, medians of 7 and 15 runs: fork 27 and 24 ms, forkserver 104 and
  /// 153 ms.
  public var forkserverLaunch: Nanos = 100 * Time.millisecond
  /// `ThreadPoolExecutor.submit`: a `Future`, a work item, the `SimpleQueue` put and `_adjust_thread_count`'s
  /// idle check. Measured here, 20000 submits while the one worker waited (so without the GIL to share): 27-30 µs
  /// each on 3.12.1, 24-34 on 3.8.18, 30-32 on 3.10.13, 9-12 on 3.13.0.
  public var poolSubmitCost: Nanos = 27 * Time.microsecond
  /// A worker's round for one item besides the job itself: the queue's get, the work item's run, the future's
  /// result set (a Condition's notify_all) and the idle semaphore's release. Measured as above, the worker alone:
  /// 3-4.6 µs on 3.12.1 and 3.13.0, 8-14 on 3.8.18 and 3.10.13.
  public var poolItemCost: Nanos = 4 * Time.microsecond
  /// `map`'s iterator taking one finished future's result (`Future.result()`): 1.7-3.4 µs on 3.12.1.
  public var poolResultCost: Nanos = 2 * Time.microsecond
  /// A `ProcessPoolExecutor` item's way to a worker process and its result's way back: pickled, through the call
  /// queue, the manager thread and the result queue, mostly waiting. Measured here, `map` of 2000 items that do
  /// nothing on 2 workers: 98-103 µs an item on 3.12.1 (112-156 on 3.9.18), so about 200 µs of each worker's time
  /// per item; the engine makes it a wait of the worker (GIL released) before the job.
  public var processPoolItemTrip: Nanos = 200 * Time.microsecond
  /// An `InterpreterPoolExecutor` item (3.14, `Lib/concurrent/futures/interpreter.py`): the function and its
  /// arguments pickled, a script that unpickles and calls it compiled and run in the worker's subinterpreter
  /// (`_interpreters.exec`), the result put in a cross-interpreter queue and taken back. Measured here with
  /// 3.13.0's `_interpreters` and `_interpqueues` doing the same for an item that does nothing: 68 µs an item.
  public var interpreterPoolItemTrip: Nanos = 68 * Time.microsecond
  /// `multiprocessing.Pool.map` sends items in chunks (`chunksize`: the items over 4 × the workers, rounded up),
  /// a chunk making the trip above; splitting them into chunks costs the parent about this much an item (2000
  /// items on 2 workers took 2.5 µs an item in all on 3.12.1, 1.2-1.8 on 3.9.18).
  public var multiprocessingItemCost: Nanos = 1 * Time.microsecond
  /// `PyMutex`'s `TIME_TO_BE_FAIR_NS` (`Python/lock.c`): a waiter parked longer than this is handed the lock.
  public var lockFairnessWait: Nanos = 1 * Time.millisecond
  /// On a free-threaded build, a load or store of a shared variable whose cache line another core may hold
  /// costs up to twice this more, drawn from the seed: the cores drift apart, so the race differs run to run.
  /// (A cache line's trip between cores takes tens of nanoseconds on current x86 parts.)
  public var sharedAccessJitter: Nanos = 30

  // MARK: The interpreter

  /// `compute` is a Python loop: a back-edge (a check point) comes round this often.
  public var computeCheckSpacing: Nanos = 60
  /// `time.sleep(0)` on 2.7 is a `select()` with no timeout: a quick system call, made with the GIL released.
  /// (3.11–3.13 call `clock_nanosleep`, which sleeps for the timer slack: CPython issue #125997.)
  public var selectZeroCost: Nanos = 2 * Time.microsecond
  /// What the event loop runs in Python to resume one task (its `_run_once` share, the Task step).
  public var taskStepCost: Nanos = 10 * Time.microsecond
  /// `selector.select(timeout)` waits in whole milliseconds, rounded up (epoll_wait's unit).
  public var selectorResolution: Nanos = 1 * Time.millisecond

  // MARK: The old GIL (2.7)

  /// One 2.7 tick in a `compute` loop. Measured: `while n > 0: n -= 1` on 2.7.18 takes 21.5 ns an iteration and
  /// releases the GIL once per 33.7 iterations with 100 ticks (0.72 µs of bytecode between two releases).
  public var tickCost: Nanos = 7
  /// Waking a waiter asleep on the lock: glibc's `sem_post` frees the lock and then makes the futex_wake system
  /// call, paid by the releaser while the lock is free (measured: a waiter on the other core takes it 0.1–3 µs
  /// after the post).
  public var futexWakeCost: Nanos = 1 * Time.microsecond
  /// A woken waiter that finds the lock taken: its failed acquire and the futex wait, on its own core.
  public var failedAcquireCost: Nanos = 4 * Time.microsecond
  /// The holder's slowdown after a waiter on another core touched the lock (the cache line moves away and back,
  /// the futex's hash bucket is shared).
  public var contentionPenalty: Nanos = 2500
  /// The instructions between the release and the re-acquire in 2.7's eval loop.
  public var releaseGap: Nanos = 100

  public init() {}

  public static let calibrated = MachineModel()

  /// The time one instruction takes (a few tens of ns on this machine kind). `specializedRange`: 3.12 added
  /// FOR_ITER_RANGE, which steps a `range` without calling its iterator.
  /// `with lock:` costs 200-360 ns more than the loop around it (measured on this machine kind, best of 7 runs of
  /// 500,000: 2.7.18 203 ns, 3.9.18 252, 3.11.7 239, 3.12.1 356, 3.13.0 300), most of it in finding and calling
  /// `__enter__` and `__exit__`: the instructions that do so cost this much, the rest as their names say.
  public var withEnterCost: Nanos = 120
  public var withExitCost: Nanos = 110

  /// The Python code of a synchronisation method (threading.py, queue.py) that does not block: measured with
  /// 3.12.1 on this machine kind (`timeit`, best of 5): `Event.set()` with `clear()` 1.53 µs, `wait()` of a set
  /// event 1.07 µs, `Semaphore` acquire with release 2.89 µs, `Queue` put with get 3.72 µs, `join()` of a finished
  /// thread 0.51 µs. A C lock's methods are the CALL instruction.
  public func syncCost(_ method: SyncMethod, of kind: SyncKind) -> Nanos {
    switch method {
    case .set, .clear, .notify, .notifyAll: 765
    case .wait: 1_070
    case .acquire, .release: 1_445
    case .put, .get: 1_860
    case .join: 510
    // `Thread()` and `start()`'s own Python code; creating the OS thread is `threadStart`.
    case .start: 10_000
    // `map` is priced by its parts (`poolSubmitCost`, `poolResultCost`), this is its own call.
    case .map: 1_000
    // `list.append` is a C method: the CALL instruction.
    case .append: 0
    }
  }

  /// An instruction's time in a scenario on `dialect`'s interpreter: 3.12's fitted time where the scenario is
  /// 3.12's (its instructions are the ones the fitted times are for), else the time of its kind of instruction.
  func cost(of opname: String, dialect: Dialect, specializedRange: Bool = false) -> Nanos {
    if dialect == .py312, let fitted = Self.fittedTimes[.py312]![opname] { return fitted }
    return cost(of: opname, specializedRange: specializedRange)
  }

  /// A Python program's instruction (3.12's or 3.13's instruction set, which giltutor compiles programs to) on
  /// `dialect`'s interpreter: the times fitted to that version's loops. 3.14 and 3.15, which do not run here, take
  /// 3.13's.
  func programCost(of opname: String, dialect: Dialect, specializedRange: Bool) -> Nanos {
    let fitted = Self.fittedTimes[min(dialect, .py313)] ?? Self.fittedTimes[.py312]!
    return fitted[opname] ?? cost(of: opname, specializedRange: specializedRange)
  }

  /// The time of each of 3.12's instructions, fitted to the real interpreters' loops on this machine kind
  /// (`scripts/measure-opcode-times.py`, best of 7-9 interleaved rounds of 2 million iterations). ns an iteration
  /// for `for _ in range(n): pass`, `while n > 0: n -= 1`, `counter += 1` on a global, a global loaded and
  /// dropped, `x = x + 1` on a local, `f()` of an empty function:
  /// - 3.8.18: 18.6, 38.1, 64.1, 28.3, 42.9, 72.8 (fitted: 19, 39, 64, 28, 43, 73)
  /// - 3.9.18: 20.8, 40.7, 70.6, 31.3, 45.2, 79.2 (fitted: 21, 41, 71, 32, 47, 79)
  /// - 3.10.13: 20.0, 36.2, 67.3, 29.4, 44.3, 76.3 (fitted: 20, 37, 67, 29, 45, 76)
  /// - 3.11.7: 15.5, 30.9, 51.9, 18.0, 34.5, 36.1 (fitted: 15, 32, 52, 18, 35, 36)
  /// - 3.12.1: 21.6-22.8, 31.0-32.0, 72.2-76.4, 24.1-30.8, 51.1-53.0, 37.9-42.0 (fitted: 22, 32, 74, 26, 46, 39)
  /// - 3.13.0: 23.0, 34.5, 69.9, 23.9, 45.5, 38.8 (fitted: 23, 34, 70, 25, 47, 39)
  /// From 3.11 the specialising interpreter makes loads, constants, jumps and comparisons of ints almost free and
  /// a call of a Python function cheap (no C recursion); the time goes to making and freeing int objects (FOR_ITER
  /// over a range, BINARY_OP, the stores that free the old value) and to a global's dict store. Up to 3.10 a
  /// comparison and a global's load cost more, and a call costs twice as much. Instructions not fitted take the
  /// time of their kind (`cost(of:)`). (3.8-3.10 have no RESUME: the frame's start is in the call's time.)
  static let fittedTimes: [Dialect: [String: Nanos]] = [
    .py38: fitted(
      forIter: 9, compare: 10, binary: 14, loadGlobal: 8, storeGlobal: 22, call: 42, resume: 0,
      slotCall: 146),
    .py39: fitted(
      forIter: 11, compare: 10, binary: 16, loadGlobal: 10, storeGlobal: 23, call: 44, resume: 0,
      slotCall: 146),
    .py310: fitted(
      forIter: 10, compare: 7, binary: 15, loadGlobal: 8, storeGlobal: 23, call: 44, resume: 0,
      slotCall: 88),
    .py311: fitted(
      forIter: 5, compare: 7, binary: 10, loadGlobal: 2, storeGlobal: 24, call: 14, resume: 1,
      slotCall: 9),
    .py312: fitted(
      forIter: 12, compare: 3, binary: 14, loadGlobal: 3, storeGlobal: 34, call: 9, resume: 1,
      slotCall: 44),
    .py313: fitted(
      forIter: 13, compare: 5, binary: 14, loadGlobal: 1, storeGlobal: 31, call: 10, resume: 1,
      slotCall: 40),
  ]

  /// The call of an iterator class's Python `__next__` by FOR_ITER (`slot_tp_iternext`: a C call into a new
  /// frame, which no version inlines), besides the instructions on both sides. Measured here, ns an item of
  /// `for x in Countdown(200_000)` (best of three, real minus simulated without it): 3.9.18 261-115, 3.10.13
  /// 197-109, 3.11.7 104-95, 3.12.1 150-106, 3.13.0 149-109; 3.8 as 3.9.
  static let iteratorSlotCall = "FOR_ITER calling __next__"

  /// One version's fitted times: what the loops tell apart, the rest (loads of locals and constants, jumps,
  /// returns, a local's store) alike on every version.
  private static func fitted(
    forIter: Nanos, compare: Nanos, binary: Nanos, loadGlobal: Nanos, storeGlobal: Nanos, call: Nanos, resume: Nanos,
    slotCall: Nanos
  ) -> [String: Nanos] {
    [
      iteratorSlotCall: slotCall,
      "FOR_ITER": forIter, "STORE_FAST": 8, "JUMP_BACKWARD": 2, "LOAD_FAST": 1, "LOAD_CONST": 1, "POP_TOP": 1,
      "POP_JUMP_IF_FALSE": 1, "POP_JUMP_IF_TRUE": 1, "COMPARE_OP": compare, "BINARY_OP": binary,
      "LOAD_GLOBAL": loadGlobal, "STORE_GLOBAL": storeGlobal, "CALL": call, "RESUME": resume, "RETURN_CONST": 3,
      "RETURN_VALUE": 3,
      // 3.11's: PRECALL's time is in its CALL's (fitted on 3.12's code, which has none); a conditional jump
      // back costs its test and a jump back; `and`/`or` keep a value in one jump.
      "PRECALL": 0, "POP_JUMP_FORWARD_IF_FALSE": 1, "POP_JUMP_FORWARD_IF_TRUE": 1, "POP_JUMP_BACKWARD_IF_FALSE": 3,
      "POP_JUMP_BACKWARD_IF_TRUE": 3, "JUMP_IF_FALSE_OR_POP": 1, "JUMP_IF_TRUE_OR_POP": 1,
      // 3.13's: a conversion to bool before a jump (free for a bool), two locals' loads or stores as one.
      "TO_BOOL": 1, "LOAD_FAST_LOAD_FAST": 2, "STORE_FAST_LOAD_FAST": 9, "STORE_FAST_STORE_FAST": 16, "CALL_KW": call,
    ]
  }

  public func cost(of opname: String, specializedRange: Bool = false) -> Nanos {
    switch opname {
    case "FOR_ITER" where specializedRange: 8
    case "CALL", "CALL_FUNCTION": 45
    case "RETURN_VALUE", "RETURN_CONST": 25
    case "BINARY_OP", "INPLACE_ADD", "INPLACE_SUBTRACT", "INPLACE_MULTIPLY", "BINARY_ADD", "BINARY_SUBTRACT",
      "BINARY_MULTIPLY":
      25
    case "STORE_GLOBAL": 20
    case "LOAD_GLOBAL", "FOR_ITER", "BEFORE_WITH", "SETUP_WITH", "WITH_CLEANUP", "GET_ITER", "LOAD_SPECIAL": 15
    case "RESUME", "JUMP_BACKWARD", "JUMP_ABSOLUTE", "PRECALL", "NOP", "END_FOR", "POP_BLOCK", "SETUP_LOOP", "COPY",
      "SWAP":
      5
    default: 8
    }
  }
}
