import Testing

@testable import SchedulerEngine

/// `pool NAME = ThreadPoolExecutor(N):` and `NAME.map(K)`, as concurrent/futures/thread.py runs them.
@Suite("Thread pools")
struct ThreadPoolTests {
  static func pool(_ workers: Int, job: String, items: Int) -> String {
    "shared done = 0\npool workers = ThreadPoolExecutor(\(workers)):\n\(job)    done += 1\n"
      + "main:\n    workers.map(\(items))\n"
  }

  @Test(
    "Every item runs once; the workers start as items are submitted, one after another",
    arguments: [
      InterpreterKind.cpython27, .cpython39, .cpython312, .cpython313t, .cpython314,
    ])
  func everyItemRunsOnce(interpreter: InterpreterKind) throws {
    let trace = try simulate(Self.pool(4, job: "    compute 5ms\n", items: 10)) { $0.interpreter = interpreter }
    #expect(trace.shared("done") == 10)
    #expect(trace.deadlock == nil && !trace.truncated)
    let starts = (1...4).map { trace.stats("workers-\($0)").startedAt }
    #expect(starts.allSatisfy { $0 != nil }, "\(starts)")
    #expect(starts.compactMap { $0 } == starts.compactMap { $0 }.sorted(), "\(starts)")
    // `map` returns after the last result and the shut-down: main ends last.
    #expect(trace.stats("main").finishedAt == trace.statistics.wallTime)
    #expect(trace.statistics.threads.allSatisfy { $0.finishedAt != nil })
  }

  /// Jobs longer than the switch interval: main gets the GIL back while the first is still busy.
  @Test("Fewer items than workers start only as many workers")
  func onlyNeededWorkersStart() throws {
    let trace = try simulate(Self.pool(4, job: "    compute 20ms\n", items: 2))
    #expect(trace.shared("done") == 2)
    #expect(trace.stats("workers-1").startedAt != nil && trace.stats("workers-2").startedAt != nil)
    // A worker is a thread from its start: the pool has two.
    #expect(trace.threads.map(\.name) == ["main", "workers-1", "workers-2"])
  }

  /// A worker that finished an item releases the idle semaphore; the next submit takes it instead of starting a
  /// worker (`_adjust_thread_count`). Jobs far shorter than a submit finish before the next submit.
  @Test("A submit that finds an idle worker starts none")
  func idleWorkersAreReused() throws {
    let trace = try simulate(Self.pool(4, job: "    io 1us\n", items: 6)) { $0.interpreter = .cpython312 }
    #expect(trace.shared("done") == 6)
    #expect(!trace.threads.contains { $0.name == "workers-4" })
  }

  @Test("Jobs that wait for I/O overlap; CPU-bound jobs take their sum under a GIL")
  func ioOverlapsCPUDoesNot() throws {
    let io = try simulate(Self.pool(4, job: "    io 10ms\n", items: 8)) { $0.interpreter = .cpython312 }
    let ioWall = io.ms(io.statistics.wallTime)
    #expect(ioWall >= 20 && ioWall < 22, "8 waits of 10 ms on 4 workers: \(ioWall) ms")
    let cpu = try simulate(Self.pool(4, job: "    compute 10ms\n", items: 8)) { $0.interpreter = .cpython312 }
    let cpuWall = cpu.ms(cpu.statistics.wallTime)
    #expect(cpuWall >= 80 && cpuWall < 82, "8 computations of 10 ms under the GIL: \(cpuWall) ms")
  }

  @Test("Without a GIL the workers compute at once, up to the cores")
  func freeThreadedWorkersRunInParallel() throws {
    let trace = try simulate(Self.pool(4, job: "    compute 10ms\n", items: 8)) {
      $0.interpreter = .cpython314t
      $0.cores = 4
    }
    let wall = trace.ms(trace.statistics.wallTime)
    let ideal = 8 * 10 * 1.075 / 4  // 3.14t runs Python 7.5 % slower
    #expect(wall >= ideal && wall < ideal * 1.1, "\(wall) ms")
  }

  @Test("ThreadPoolExecutor() has Python's default workers: min(32, cores + 4)")
  func defaultWorkers() throws {
    let scenario = try ScenarioParser.parse(
      "cores: 6\npool w = ThreadPoolExecutor():\n    compute 1ms\nmain:\n    w.map(1)\n", file: "t")
    #expect(scenario.pools[0].workers == 10)
    #expect(scenario.locks[0].kind == .threadPool(workers: 10))
  }

  @Test("A job that waits for what never comes: map waits for its result, and the run ends in a deadlock")
  func deadlockedJob() throws {
    let trace = try simulate("event never\npool w = ThreadPoolExecutor(2):\n    never.wait()\nmain:\n    w.map(1)\n")
    let deadlock = try #require(trace.deadlock)
    let resources = deadlock.waits.map(\.resource)
    #expect(resources.contains("a result of pool w"), "\(resources)")
    #expect(resources.contains("event never"), "\(resources)")
  }

  @Test func mistakes() {
    let job = ":\n    compute 1ms\nmain:\n"
    expectError(
      "pool w = ThreadPoolExecutor(0)\(job)    w.map(1)\n", 1, 29,
      "'0' is out of range: a pool has 1 to 1000 workers")
    expectError(
      "pool w = InterpreterPoolExecuter(2)\(job)    w.map(1)\n", 1, 10,
      "unknown executor 'InterpreterPoolExecuter'; did you mean 'InterpreterPoolExecutor'?")
    expectError(
      "interpreter: 3.13\npool w = InterpreterPoolExecutor(2)\(job)    w.map(1)\n", 2, 1,
      "InterpreterPoolExecutor came with CPython 3.14 (concurrent.futures); cpython-3.13 has none: use "
        + "subinterpreter blocks (3.12+) or a ProcessPoolExecutor")
    expectError(
      "pool w = Pol(2)\(job)    w.map(1)\n", 1, 10, "unknown executor 'Pol'; did you mean 'Pool'?")
    expectError(
      "process w:\n    thread t:\n        compute 1ms\npool w = Pool(1)\(job)    w.map(1)\n", 4, 1,
      "pool 'w' has a worker process 'w', a name the process on line 1 has")
    expectError(
      "pool w = ThreadPoolExecuter(2)\(job)    w.map(1)\n", 1, 10,
      "unknown executor 'ThreadPoolExecuter'; did you mean 'ThreadPoolExecutor'?")
    expectError(
      "pool w = ThreadPoolExecutor(2)\(job)    repeat 2:\n        w.map(1)\n", 5, 9,
      "'w.map()' is the whole 'with' block of the pool (start, submit, results, shut down), so it runs once: map "
        + "more items instead of repeating it")
    expectError(
      "pool w = ThreadPoolExecutor(2)\(job)    w.map(1)\n    w.map(2)\n", 5, 5,
      "pool 'w' is mapped twice (first on line 4); a pool maps once")
    expectError(
      "pool w = ThreadPoolExecutor(2):\n    w.map(1)\nmain:\n    w.map(1)\n", 2, 5,
      "a pool's job cannot map its own pool (it would wait for itself)")
    expectError(
      "pool w = ThreadPoolExecutor(2)\(job)    w.mapp(1)\n", 4, 7,
      "'w' is a pool; its methods are map; did you mean 'map'?")
    expectError(
      "pool w = ThreadPoolExecutor(2)\(job)    w.map()\n", 4, 11, "expected a count after 'w.map(', found ')'")
    expectError(
      "pool w = ThreadPoolExecutor(2)\(job)    with w:\n        compute 1ms\n", 4, 10,
      "'w' is a pool, not a lock: 'with' takes a lock, an rlock, a semaphore or a condition")
    expectError(
      "pool w = ThreadPoolExecutor(2):\n    compute 1ms\nprocess p:\n    thread t:\n        w.map(1)\n", 5, 9,
      "a pool belongs to the main process; map it from a thread there")
  }
}

/// `pool NAME = InterpreterPoolExecutor(N):` (3.14+): a thread pool whose workers each run their items in a
/// subinterpreter of their own, as Lib/concurrent/futures/interpreter.py does.
@Suite("Interpreter pools")
struct InterpreterPoolTests {
  static func pool(_ workers: Int, job: String, items: Int) -> String {
    "interpreter: 3.14\nshared done = 0\npool workers = InterpreterPoolExecutor(\(workers)):\n\(job)    done += 1\n"
      + "main:\n    workers.map(\(items))\n"
  }

  @Test("Each worker has its own interpreter and GIL: CPU-bound jobs run at once, and main's globals stay as they were")
  func workersRunInParallel() throws {
    let trace = try simulate(Self.pool(2, job: "    compute 20ms\n", items: 8))
    #expect(trace.deadlock == nil && !trace.truncated)
    // Isolated: each worker counts in its own copy of `done`.
    #expect(trace.shared("done") == 0)
    let workers = trace.scenario.processes.filter { $0.name.hasPrefix("workers-") }
    #expect(workers.map(\.name) == ["workers-1", "workers-2"] && workers.allSatisfy(\.isSubinterpreter))
    #expect(trace.gilSpans.count == 3)
    // 13 ms to create the first interpreter, then 4 rounds of 20 ms on each of the two cores.
    let wall = trace.ms(trace.statistics.wallTime)
    #expect(wall > 93 && wall < 95, "\(wall) ms")
    let threads = try simulate(
      Self.pool(2, job: "    compute 20ms\n", items: 8).replacing("Interpreter", with: "Thread"))
    #expect(threads.ms(threads.statistics.wallTime) > 160)
  }

  @Test("Workers start as a thread pool's do, one more at a submit that finds none idle, each creating its interpreter")
  func workersStartOnDemand() throws {
    let trace = try simulate(Self.pool(4, job: "    compute 20ms\n", items: 2))
    #expect(trace.threads.map(\.name) == ["main", "workers-1", "workers-2"])
    let first = try #require(trace.stats("workers-1").startedAt)
    #expect(first >= 13 * Time.millisecond && first < 14 * Time.millisecond, "\(first)")
  }

  /// Each item is pickled, run through a script compiled in the worker's interpreter and its result queued back:
  /// 68 µs of C code in the worker (measured with 3.13's `_interpreters`), far more than a thread pool's 4 µs.
  @Test("Small items cost each worker the trip into its interpreter")
  func smallItemsPayTheTrip() throws {
    let trace = try simulate(Self.pool(2, job: "    compute 1us\n", items: 1000))
    let perItem = Double(trace.stats("workers-1").cpu + trace.stats("workers-2").cpu) / 1000
    #expect(perItem > 73_000 && perItem < 75_000, "\(perItem) ns of a worker's time an item: trip, job, round")
    #expect(trace.count(.builtinStart, thread: "workers-1") > 100)
  }
}

/// `await to_thread:` in a task: `asyncio.to_thread` (3.9+; `loop.run_in_executor(None, f)` before), run by the
/// loop's default executor.
@Suite("asyncio.to_thread")
struct ToThreadTests {
  static let program = """
    eventloop loop:
        task fetch x 3:
            await sleep 2ms
            await to_thread:
                io 30ms
                compute 2ms
        task ticker:
            repeat 20:
                await sleep 5ms
                compute 100us
    """

  @Test("Blocking calls run in the executor's threads while the loop goes on; asyncio.run shuts it down at the end")
  func blockingCallsLeaveTheLoop() throws {
    let trace = try simulate(Self.program) { $0.interpreter = .cpython312 }
    #expect(trace.deadlock == nil && !trace.truncated)
    #expect(trace.threads.map(\.name) == ["loop", "asyncio_0", "asyncio_1", "asyncio_2"])
    // The three waits of 30 ms overlap: every fetch ends by about 38 ms, not 90.
    for name in ["fetch-1", "fetch-2", "fetch-3"] {
      let finished = try #require(trace.tasks.first { $0.name == name }?.finishedAt)
      #expect(trace.ms(finished) > 32 && trace.ms(finished) < 42, "\(name): \(trace.ms(finished)) ms")
    }
    // The ticker keeps its pace: late only by the workers' 2 ms stretches of Python.
    let ticker = try #require(trace.tasks.first { $0.name == "ticker" })
    #expect(trace.ms(ticker.maxLateness) < 7, "\(trace.ms(ticker.maxLateness)) ms")
    // The workers end after the loop has finished its tasks, and the loop after them.
    #expect(trace.statistics.threads.allSatisfy { $0.finishedAt != nil })
    #expect(trace.stats("loop").finishedAt == trace.statistics.wallTime)
  }

  @Test("The same call made in the task itself blocks the loop: the ticker is late by the whole call")
  func aBlockingCallInTheTaskStallsTheLoop() throws {
    let blocking = Self.program.replacingOccurrences(
      of: "        await to_thread:\n            io 30ms\n            compute 2ms\n",
      with: "        compute 30ms\n")
    let trace = try simulate(blocking) { $0.interpreter = .cpython312 }
    let ticker = try #require(trace.tasks.first { $0.name == "ticker" })
    #expect(trace.ms(ticker.maxLateness) > 55, "\(trace.ms(ticker.maxLateness)) ms")
  }

  @Test("A thread that never returns leaves its loop waiting in the selector: a deadlock, named")
  func aStuckThreadIsADeadlock() throws {
    let trace = try simulate(
      "event never\neventloop loop:\n    task t:\n        await to_thread:\n            never.wait()\n")
    let deadlock = try #require(trace.deadlock)
    #expect(
      deadlock.waits.map(\.resource) == ["the results of its executor's threads", "event never"], "\(deadlock.waits)")
  }

  @Test("The executor has min(32, cores + 4) workers, started as calls need them")
  func executorSize() throws {
    let trace = try simulate(
      "cores: 2\neventloop loop:\n    task t x 10:\n        await to_thread:\n            io 10ms\n")
    #expect(trace.threads.count == 1 + 6)
    #expect(trace.threads.last?.name == "asyncio_5")
  }

  @Test func mistakes() {
    expectError(
      "eventloop loop:\n    task t:\n        await to_thread\n", 3, 24,
      "expected ':' after 'await to_thread'")
    expectError(
      "eventloop loop:\n    task t:\n        await to_thread:\n            await sleep 1ms\n", 4, 13,
      "'await' is only allowed inside a task")
    expectError(
      "eventloop loop:\n    task t:\n        await to_threads:\n            io 1ms\n", 3, 15,
      "expected 'io', 'sleep' or 'to_thread:' after 'await', found 'to_threads'")
  }
}

/// `ProcessPoolExecutor(N)` and `multiprocessing.Pool(N)`: workers that are processes, each with its own GIL.
@Suite("Process pools")
struct ProcessPoolTests {
  @Test("Pool(2) runs two CPU-bound jobs at once: about half the time in a row, plus a process's start")
  func poolRunsInParallel() throws {
    let trace = try simulate("pool p = Pool(2):\n    compute 400ms\nmain:\n    p.map(2)\n") {
      $0.interpreter = .cpython312
    }
    // Measured (reference pool.py): 0.48-0.56 of the sequential time.
    let ratio = trace.ms(trace.statistics.wallTime) / 800
    #expect(ratio > 0.5 && ratio < 0.56, "\(ratio)")
    #expect(trace.threads.map(\.name) == ["main", "p-1", "p-2"])
    #expect(Set(trace.threads.map(\.process)).count == 3)
  }

  /// Measured on 3.12.1: 2000 items that do nothing, on 2 workers, took 200-209 ms with the executor's start and
  /// shut-down; each worker process has its own globals, so main's counter does not move.
  @Test("ProcessPoolExecutor: each item's trip through the pipes is what a small item costs")
  func itemsMakeTheTrip() throws {
    let trace = try simulate(
      "shared done = 0\npool p = ProcessPoolExecutor(2):\n    done += 1\nmain:\n    p.map(2000)\n"
    ) {
      $0.interpreter = .cpython312
    }
    let wall = trace.ms(trace.statistics.wallTime)
    #expect(wall > 190 && wall < 240, "\(wall) ms")
    #expect(trace.shared("done") == 0)
  }

  @Test("Under fork every worker starts at the first submit; under forkserver (3.14) after the server, on demand")
  func startMethods() throws {
    let program = "pool p = ProcessPoolExecutor(4):\n    compute 50ms\nmain:\n    p.map(2)\n"
    let fork = try simulate(program) { $0.interpreter = .cpython313 }
    #expect(fork.threads.count == 5)
    let server = try simulate(program) { $0.interpreter = .cpython314 }
    // Two items, the first worker still starting when the second is submitted: two workers, after the server.
    #expect(server.threads.count == 3)
    #expect(server.statistics.threads.dropFirst().allSatisfy { ($0.startedAt ?? 0) >= 115 * Time.millisecond })
  }
}
