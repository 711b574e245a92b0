import DisplayText
import Testing

@testable import SchedulerEngine
@testable import TraceIO

/// Everything a trace file keeps, compared field by field (Trace is not Equatable: its final values are tuples).
func expectSameTrace(_ a: Trace, _ b: Trace, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
  #expect(a.scenario.title == b.scenario.title, sourceLocation: sourceLocation)
  #expect(a.scenario.interpreter == b.scenario.interpreter, sourceLocation: sourceLocation)
  #expect(a.scenario.switchInterval == b.scenario.switchInterval, sourceLocation: sourceLocation)
  #expect(a.scenario.cores == b.scenario.cores && a.scenario.seed == b.scenario.seed, sourceLocation: sourceLocation)
  #expect(a.scenario.shared.map(\.name) == b.scenario.shared.map(\.name), sourceLocation: sourceLocation)
  #expect(a.scenario.locks.map(\.name) == b.scenario.locks.map(\.name), sourceLocation: sourceLocation)
  #expect(a.scenario.locks.map(\.kind) == b.scenario.locks.map(\.kind), sourceLocation: sourceLocation)
  #expect(a.scenario.pythonGIL == b.scenario.pythonGIL, sourceLocation: sourceLocation)
  #expect(a.scenario.extensions == b.scenario.extensions, sourceLocation: sourceLocation)
  #expect(a.raised == b.raised && a.deadlock == b.deadlock, sourceLocation: sourceLocation)
  #expect(a.scenario.processes.map(\.name) == b.scenario.processes.map(\.name), sourceLocation: sourceLocation)
  #expect(a.threads == b.threads, sourceLocation: sourceLocation)
  #expect(a.tasks == b.tasks, sourceLocation: sourceLocation)
  #expect(a.events == b.events, sourceLocation: sourceLocation)
  #expect(a.spans == b.spans, sourceLocation: sourceLocation)
  #expect(a.gilSpans == b.gilSpans, sourceLocation: sourceLocation)
  #expect(a.instructions == b.instructions, sourceLocation: sourceLocation)
  #expect(a.sharedFinal.map(\.name) == b.sharedFinal.map(\.name), sourceLocation: sourceLocation)
  #expect(a.sharedFinal.map(\.value) == b.sharedFinal.map(\.value), sourceLocation: sourceLocation)
  #expect(a.statistics == b.statistics, sourceLocation: sourceLocation)
  #expect(a.truncated == b.truncated, sourceLocation: sourceLocation)
}

@Suite struct TraceFileTests {
  static let simulated: Trace = {
    let source = """
      title: lost update
      shared counter = 0
      lock l
      thread adder x 2:
          repeat 200:
              counter += 1
          with l:
              counter += 1
      thread net:
          repeat 3:
              io 300us
              compute 20us
      """
    return Simulator.run(try! ScenarioParser.parse(source, file: "t.scenario"))
  }()

  @Test func roundTripKeepsEverything() throws {
    for trace in [Fixtures.convoy, Self.simulated] {
      let bytes = TraceFile.write(trace)
      expectSameTrace(try TraceFile.read(bytes), trace)
      #expect(bytes.starts(with: Array("GILTRACE".utf8)))
    }
    #expect(Self.simulated.events.count > 1000)
    #expect(!Self.simulated.instructions.isEmpty)
  }

  /// Version 2 keeps what each object is, the GIL's setting, the exceptions and the deadlock; a replay of a pool's
  /// or a queue's wait then names it as the simulation did.
  @Test func theOutcomeOfARunIsKept() throws {
    let source = """
      queue jobs = 1
      semaphore slots = 2
      bounded_semaphore b = 1
      barrier gate = 3
      event never
      lock first
      lock second
      import legacy
      pool workers = ThreadPoolExecutor(2):
          never.wait()
      thread a:
          b.release()
      thread c:
          with first:
              io 1ms
              with second:
                  compute 1ms
      thread d:
          with second:
              io 1ms
              with first:
                  compute 1ms
      thread e:
          workers.map(1)
      """
    var scenario = try ScenarioParser.parse(source, file: "t.scenario")
    scenario.interpreter = .cpython314t
    let trace = Simulator.run(scenario)
    #expect(trace.deadlock != nil && !trace.raised.isEmpty && trace.scenario.moduleEnablingGIL == "legacy")
    let read = try TraceFile.read(TraceFile.write(trace))
    expectSameTrace(read, trace)
    #expect(read.scenario.locks.map(\.kind).contains(.threadPool(workers: 2)))
    let e = Int16(try #require(read.threads.firstIndex { $0.name == "e" }))
    let wait = try #require(read.events.first { $0.kind == .lockWait && $0.thread == e })
    #expect(Words.en.explain(wait, in: read).contains("pool workers"))
  }

  /// A lean trace keeps its stretches; a stretch of a negative count or an impossible duration is refused.
  @Test func aLeanTraceRoundTrips() throws {
    let source = "switch_interval: 20us\nshared c = 0\nthread t x 2:\n    repeat 3000:\n        c += 1\n"
    let lean = Simulator.run(try ScenarioParser.parse(source, file: "t"), detail: .lean)
    #expect(lean.isLean)
    let bytes = TraceFile.write(lean)
    expectSameTrace(try TraceFile.read(bytes), lean)
    var outcome = ByteWriter()
    TraceOutcome.write(lean, to: &outcome)
    let eventsStart = bytes.count - outcome.bytes.count - lean.events.count * TraceFile.eventSize
    let index = lean.events.firstIndex { $0.kind == .bytecodeRun }!
    let stretch = eventsStart + index * TraceFile.eventSize
    var negative = bytes
    negative[stretch + 19] |= 0x80  // the count's sign bit
    let count = lean.events[index].detail | Int32.min
    #expect(throws: TraceFile.ReadError(offset: stretch + 16, message: "a bytecode stretch of \(count) instructions")) {
      try TraceFile.read(negative)
    }
    var endless = bytes
    endless[stretch + 15] = 0x7f
    #expect(throws: TraceFile.ReadError.self) { try TraceFile.read(endless) }
  }

  /// The raw values are the file's: docs/trace-format.md lists those version 3 added.
  @Test func version3KindsKeepTheirNumbers() {
    #expect(
      [EventKind.signalArrived, .worldStopped, .worldRestarted, .bytecodeRun].map(\.rawValue) == [26, 27, 28, 29])
    #expect(ThreadState.stopped.rawValue == 11)
  }

  /// A version-1 file (no outcome after the events) still reads, its objects as locks.
  @Test func aVersionOneFileStillReads() throws {
    var plain = Self.simulated
    plain.scenario.locks = plain.scenario.locks.map { LockDeclaration(name: $0.name) }
    let whole = TraceFile.write(plain)
    var outcome = ByteWriter()
    TraceOutcome.write(plain, to: &outcome)
    var old = Array(whole.dropLast(outcome.bytes.count))
    old[8] = 1
    expectSameTrace(try TraceFile.read(old), plain)
  }

  @Test func eventsTakeTwentyFourBytesEach() {
    let trace = Self.simulated
    let bytes = TraceFile.write(trace)
    var fewer = trace
    fewer.events.removeLast(100)
    #expect(bytes.count - TraceFile.write(fewer).count == 100 * TraceFile.eventSize)
  }

  @Test func aNewerVersionIsRefused() {
    var bytes = TraceFile.write(Fixtures.convoy)
    bytes[8] = 4
    #expect(
      throws: TraceFile.ReadError(
        offset: 8, message: "trace file version 4 is newer than this giltutor reads (3); update giltutor")
    ) {
      try TraceFile.read(bytes)
    }
  }

  @Test func everyTruncationIsAnErrorWithAnOffset() {
    let bytes = TraceFile.write(Fixtures.convoy)
    for length in 0..<bytes.count {
      do {
        _ = try TraceFile.read(Array(bytes[0..<length]))
        Issue.record("reading \(length) of \(bytes.count) bytes did not fail")
      } catch {
        #expect(error.offset <= length, "\(error)")
        #expect(!error.message.isEmpty)
      }
    }
  }

  @Test func damagedBytesAreReportedWhereTheyAre() throws {
    let bytes = TraceFile.write(Fixtures.convoy)
    var outcome = ByteWriter()
    TraceOutcome.write(Fixtures.convoy, to: &outcome)
    let eventsStart = bytes.count - outcome.bytes.count - Fixtures.convoy.events.count * TraceFile.eventSize
    var badKind = bytes
    badKind[eventsStart + 22] = 200
    #expect(throws: TraceFile.ReadError(offset: eventsStart + 22, message: "unknown event kind 200")) {
      try TraceFile.read(badKind)
    }
    var badThread = bytes
    badThread[eventsStart + 20] = 99
    #expect(throws: TraceFile.ReadError(offset: eventsStart + 20, message: "event for thread 99, which does not exist"))
    {
      try TraceFile.read(badThread)
    }
    #expect(throws: TraceFile.ReadError.self) { try TraceFile.read(bytes + [0]) }
    #expect(throws: TraceFile.ReadError.self) { try TraceFile.read(Array("{\"traceEvents\":[]}".utf8)) }
    // Random damage anywhere never crashes: it reads or it fails with a position.
    var generator = SeededRandom(seed: 42)
    for _ in 0..<2000 {
      var damaged = bytes
      let at = Int(generator.next() % UInt64(bytes.count))
      damaged[at] = UInt8(truncatingIfNeeded: generator.next())
      do {
        _ = try TraceFile.read(damaged)
      } catch {
        #expect(error.offset <= bytes.count)
      }
    }
  }
}
