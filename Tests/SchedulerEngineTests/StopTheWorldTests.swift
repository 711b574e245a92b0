import Testing

@testable import SchedulerEngine

/// `gc D`: a garbage collection. With a GIL it is C code holding it; without one it stops the world.
@Suite("Garbage collection and stop-the-world")
struct StopTheWorldTests {
  static let program = """
    cores: 4
    thread worker x 2:
        compute 40ms
    thread collector:
        compute 20ms
        gc 10ms
        compute 5ms
    thread net:
        repeat 15:
            io 2ms
            compute 100us
    subinterpreter other:
        thread busy:
            compute 40ms
    """

  /// The collector's collection: from its start to its end.
  static func collection(_ trace: Trace) throws -> (start: Nanos, end: Nanos) {
    let collector = trace.thread("collector")
    let span = try #require(trace.spans[collector].first { $0.state == .builtin })
    return (span.start, span.end)
  }

  static func states(_ trace: Trace, _ name: String, during window: (start: Nanos, end: Nanos)) -> Set<ThreadState> {
    Set(
      trace.spans[trace.thread(name)].filter { $0.start < window.end && $0.end > window.start }.map(\.state))
  }

  @Test("Without a GIL the collection pauses every other thread of its interpreter, and only of its interpreter")
  func freeThreadedStopsTheWorld() throws {
    let trace = try simulate(Self.program) { $0.interpreter = .cpython314t }
    let window = try Self.collection(trace)
    #expect(window.end - window.start == 10 * Time.millisecond)
    for name in ["worker-1", "worker-2"] {
      // Running up to the next check point, then paused for the rest of the collection.
      let paused = try #require(trace.spans[trace.thread(name)].first { $0.state == .stopped })
      #expect(paused.start - window.start < Time.microsecond && paused.end > window.end - Time.microsecond)
      #expect(!Self.states(trace, name, during: (window.start + Time.microsecond, window.end)).contains(.running))
    }
    // The I/O thread finishes its wait, then pauses before it runs Python.
    #expect(!Self.states(trace, "net", during: window).contains(.running))
    #expect(Self.states(trace, "net", during: window).contains(.stopped))
    // Another interpreter has its own world: its thread runs on.
    #expect(Self.states(trace, "busy", during: window) == [.running])
    #expect(trace.count(.worldStopped, thread: "collector") == 1)
    #expect(trace.count(.worldRestarted, thread: "collector") == 1)
    #expect(trace.deadlock == nil && trace.statistics.threads.allSatisfy { $0.finishedAt != nil })
  }

  @Test("With a GIL the collection is C code holding it: no stop-the-world, nobody else runs Python meanwhile")
  func withAGILItHoldsTheGIL() throws {
    let trace = try simulate(Self.program) { $0.interpreter = .cpython312 }
    let window = try Self.collection(trace)
    #expect(trace.count(.worldStopped) == 0)
    #expect(!trace.spans.joined().contains { $0.state == .stopped })
    for name in ["worker-1", "worker-2", "net"] {
      #expect(!Self.states(trace, name, during: window).contains(.running))
    }
    let holders = trace.gilSpans[0].filter { $0.start < window.end && $0.end > window.start }
    #expect(holders.map(\.holder) == [Int32(trace.thread("collector"))])
  }

  @Test("Two collections in one interpreter take turns: the second waits for the first, then stops the world itself")
  func collectionsTakeTurns() throws {
    let source = "cores: 4\nthread c x 2:\n    gc 10ms\nthread w:\n    compute 30ms\n"
    let trace = try simulate(source) { $0.interpreter = .cpython314t }
    #expect(trace.count(.worldStopped) == 2 && trace.count(.worldRestarted) == 2)
    let collections = trace.threads.indices.compactMap { t in trace.spans[t].first { $0.state == .builtin } }
    #expect(collections.count == 2)
    let sorted = collections.sorted { $0.start < $1.start }
    #expect(sorted[1].start >= sorted[0].end)
  }

  @Test func mistakes() {
    expectError("thread t:\n    gc 0s\n", 2, 8, "'gc' needs a duration greater than 0")
    expectError("thread t:\n    gc\n", 2, 7, "expected a duration such as 5ms after 'gc'")
  }
}
