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

  @Test func eventsTakeTwentyFourBytesEach() {
    let trace = Self.simulated
    let bytes = TraceFile.write(trace)
    var fewer = trace
    fewer.events.removeLast(100)
    #expect(bytes.count - TraceFile.write(fewer).count == 100 * TraceFile.eventSize)
  }

  @Test func aNewerVersionIsRefused() {
    var bytes = TraceFile.write(Fixtures.convoy)
    bytes[8] = 2
    #expect(
      throws: TraceFile.ReadError(
        offset: 8, message: "trace file version 2 is newer than this giltutor reads (1); update giltutor")
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
    let eventsStart = bytes.count - Fixtures.convoy.events.count * TraceFile.eventSize
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
