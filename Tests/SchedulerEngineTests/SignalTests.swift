import Testing

@testable import SchedulerEngine

/// `signal SIGINT at D`: a Ctrl-C, handled by the main thread alone, at a check point with the GIL.
@Suite("Signals")
struct SignalTests {
  static func program(_ main: String, signalAt time: String = "100ms", worker: String = "compute 300ms") -> String {
    "signal SIGINT at \(time)\nevent never\nthread worker x 2:\n    \(worker)\nmain:\n    worker.start()\n\(main)"
  }

  static func keyboardInterrupt(_ trace: Trace) -> Trace.Raised? {
    trace.raised.first { $0.thread == trace.thread("main") && $0.error.hasPrefix("KeyboardInterrupt") }
  }

  @Test(
    "From 3.2 a signal interrupts main's join: it raises once it has the GIL back, and the workers go on",
    arguments: [InterpreterKind.cpython38, .cpython310, .cpython312, .cpython313, .cpython314, .cpython314t])
  func joinIsInterrupted(interpreter: InterpreterKind) throws {
    let trace = try simulate(Self.program("    worker.join()\n")) { $0.interpreter = interpreter }
    let raised = try #require(Self.keyboardInterrupt(trace))
    // Within the switch interval it needs to take the GIL back from a CPU-bound worker (and its timer slack).
    #expect(raised.time >= 100 * Time.millisecond && raised.time < 107_700 * Time.microsecond, "\(raised.time)")
    #expect(trace.stats("main").finishedAt == raised.time)
    #expect(trace.stats("worker-1").finishedAt! > 300 * Time.millisecond)
    #expect(trace.count(.signalArrived, thread: "main") == 1)
  }

  @Test("2.7's join cannot be interrupted: main raises only when the workers have ended")
  func python27JoinIsNot() throws {
    let trace = try simulate(Self.program("    worker.join()\n")) { $0.interpreter = .cpython27 }
    let raised = try #require(Self.keyboardInterrupt(trace))
    let lastWorker = max(trace.stats("worker-1").finishedAt!, trace.stats("worker-2").finishedAt!)
    #expect(raised.time >= lastWorker)
  }

  @Test("C code that holds the GIL runs to its end before the handler: Ctrl-C waits for sum(range(10**9))")
  func builtinFinishesFirst() throws {
    let trace = try simulate(Self.program("    builtin 500ms\n")) { $0.interpreter = .cpython312 }
    let raised = try #require(Self.keyboardInterrupt(trace))
    #expect(raised.time >= 500 * Time.millisecond && raised.time < 520 * Time.millisecond, "\(raised.time)")
  }

  @Test(
    "A main thread running Python raises at its next check point", arguments: [InterpreterKind.cpython27, .cpython312])
  func computeStopsAtTheNextBackEdge(interpreter: InterpreterKind) throws {
    let source = "signal SIGINT at 100ms\nmain:\n    compute 1s\n    compute 1s\n"
    let trace = try simulate(source) { $0.interpreter = interpreter }
    let raised = try #require(Self.keyboardInterrupt(trace))
    #expect(raised.time >= 100 * Time.millisecond && raised.time < 101 * Time.millisecond, "\(raised.time)")
    #expect(trace.statistics.wallTime == raised.time)
  }

  @Test("Sleep and I/O are interrupted at once, in every version", arguments: ["sleep 1s", "io 1s"])
  func sleepAndIOAreInterrupted(statement: String) throws {
    for interpreter in [InterpreterKind.cpython27, .cpython312] {
      let trace = try simulate("signal SIGINT at 100ms\nmain:\n    \(statement)\n") { $0.interpreter = interpreter }
      let raised = try #require(Self.keyboardInterrupt(trace))
      #expect(raised.time >= 100 * Time.millisecond && raised.time < 101 * Time.millisecond, "\(raised.time)")
    }
  }

  @Test("A Ctrl-C while main waits for the others at exit stops the program on 3.x; 2.7 lets it go by")
  func atExit() throws {
    let source = Self.program("")
    let three = try simulate(source) { $0.interpreter = .cpython312 }
    #expect(three.statistics.wallTime == 100 * Time.millisecond)
    #expect(three.raised.contains { $0.error.contains("in threading._shutdown, ignored") })
    #expect(three.statistics.threads.allSatisfy { $0.finishedAt != nil } && three.deadlock == nil)
    let two = try simulate(source) { $0.interpreter = .cpython27 }
    #expect(two.raised.isEmpty)
    #expect(two.statistics.wallTime > 600 * Time.millisecond)
  }

  @Test("A Ctrl-C ends a main thread waiting for ever (3.x): no deadlock is left")
  func breaksAWaitForever() throws {
    let trace = try simulate(Self.program("    never.wait()\n", worker: "compute 10ms")) {
      $0.interpreter = .cpython312
    }
    #expect(trace.deadlock == nil)
    #expect(Self.keyboardInterrupt(trace) != nil)
    let old = try simulate(Self.program("    never.wait()\n", worker: "compute 10ms")) { $0.interpreter = .cpython27 }
    #expect(old.deadlock != nil)
  }

  @Test("The exception releases the with-blocks around main's wait; a worker waiting for that lock goes on")
  func withBlocksAreLeft() throws {
    let source = """
      signal SIGINT at 50ms
      lock guard
      thread worker:
          sleep 10ms
          with guard:
              compute 1ms
      main:
          worker.start()
          with guard:
              sleep 1s
      """
    let trace = try simulate(source) { $0.interpreter = .cpython312 }
    #expect(Self.keyboardInterrupt(trace) != nil)
    #expect(trace.stats("worker").finishedAt! < 60 * Time.millisecond)
  }

  @Test func mistakes() {
    expectError(
      "signal SIGINT at 1ms\nthread t:\n    compute 1ms\n", 1, 1,
      "only the main thread handles a signal: add a 'main:' block, which starts the threads with NAME.start()")
    expectError(
      "signal SIGTERM at 1ms\nmain:\n    compute 1ms\n", 1, 8,
      "unknown signal 'SIGTERM'; the one modelled is SIGINT, a Ctrl-C: 'signal SIGINT at 100ms'")
    expectError(
      "signal sigint at 1ms\nmain:\n    compute 1ms\n", 1, 8,
      "unknown signal 'sigint'; write SIGINT: 'signal SIGINT at 100ms'")
    expectError(
      "signal SIGINT 1ms\nmain:\n    compute 1ms\n", 1, 15,
      "expected 'at' and a time after 'signal SIGINT', found '1ms'")
    expectError(
      "signal SIGINT at 1\nmain:\n    compute 1ms\n", 1, 18,
      "missing unit after '1'; use ns, us, ms or s, as in 1ms")
    expectError(
      "signl SIGINT at 1ms\nmain:\n    compute 1ms\n", 1, 1, "unknown declaration 'signl'; did you mean 'signal'?")
  }
}
