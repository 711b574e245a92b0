import SchedulerEngine
import Testing

@testable import TerminalUI
@testable import TraceIO
@testable import TutorApp

/// Whatever a trace file holds, it is either refused with a message or drawn: every replay screen, the text
/// timeline and the plain listing. A crash here ends the test run.
@Suite("Trace files: what loads can be drawn")
struct TraceFileFuzzTests {
  /// Values that break careless time arithmetic: the extremes, -1, and times just past what a trace may hold.
  private static let extremes: [Int64] = [
    .max, .min, -1, 0, 1, .max - 1, .max / 2, Limits.maximumTraceTime, Limits.maximumTraceTime + 1,
    Int64(Int32.max), Int64(Int32.min), Int64(Int16.max),
  ]

  /// Loads and draws; returns whether the file was accepted.
  @discardableResult
  private func exercise(_ bytes: [UInt8]) -> Bool {
    guard let trace = try? TraceFile.read(bytes) else { return false }
    _ = TextTimeline.render(trace, width: 100, unicode: true)
    _ = JSONReport.render(trace, scenarioName: "fuzz")
    _ = ChromeTrace.render(trace)
    var state = replayApp(trace, title: "fuzz", language: .en, width: 120, height: 40)
    _ = state.view()
    for key: Key in [.right, .character("+"), .end, .character("-"), .left] {
      _ = state.update(.key(key))
    }
    _ = state.view()
    _ = ReplayPlain.render(state.replay!)
    return true
  }

  private func original() -> [UInt8] {
    TraceFile.write(Simulator.run(try! ScenarioParser.parse(Self.convoy, file: "convoy.scenario")))
  }

  private static let convoy = """
    thread cpu:
        compute 30ms
    thread net:
        repeat 4:
            io 200us
            compute 10us
    """

  @Test("An extreme 8-byte value at a random offset is refused or drawn")
  func extremeValues() {
    let bytes = original()
    var random = SeededRandom(seed: 11)
    var accepted = 0
    for _ in 0..<300 {
      let offset = Int(random.next() % UInt64(bytes.count - 8))
      let value = Self.extremes[Int(random.next() % UInt64(Self.extremes.count))]
      var mutated = bytes
      withUnsafeBytes(of: value.littleEndian) { mutated.replaceSubrange(offset..<offset + 8, with: $0) }
      if exercise(mutated) { accepted += 1 }
    }
    // Many mutations land in values the screens do not rely on (a shared value, an event's detail): those load.
    #expect(accepted > 0)
  }

  @Test("Random byte flips are refused or drawn")
  func randomFlips() {
    let bytes = original()
    var random = SeededRandom(seed: 12)
    for _ in 0..<300 {
      var mutated = bytes
      for _ in 0...Int(random.next() % 4) {
        mutated[Int(random.next() % UInt64(mutated.count))] = UInt8(truncatingIfNeeded: random.next())
      }
      exercise(mutated)
    }
  }

  @Test("The bytes ff ff ff ff ff ff ff 7f at offset 510 of the course's convoy trace: refused or drawn")
  func reportedReproduction() throws {
    let url = courseDirectory.appendingPathComponent("scenarios/convoy.scenario")
    let scenario = try ScenarioParser.parse(try String(contentsOf: url, encoding: .utf8), file: url.path)
    var bytes = TraceFile.write(Simulator.run(scenario))
    bytes.replaceSubrange(510..<518, with: [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])
    exercise(bytes)
  }

  @Test("Times outside what a trace may hold are refused with the byte they are at")
  func outOfRangeTimesAreRefused() throws {
    let bytes = original()
    // The first event's time: the 24-byte records before the run's outcome are events, each starting with its time.
    let trace = Simulator.run(try ScenarioParser.parse(Self.convoy, file: "c"))
    var outcome = ByteWriter()
    TraceOutcome.write(trace, to: &outcome)
    let firstEvent = bytes.count - outcome.bytes.count - trace.events.count * 24
    for value: Int64 in [-1, .max] {
      var mutated = bytes
      withUnsafeBytes(of: value.littleEndian) { mutated.replaceSubrange(firstEvent..<firstEvent + 8, with: $0) }
      #expect(throws: TraceFile.ReadError.self) { try TraceFile.read(mutated) }
      do {
        _ = try TraceFile.read(mutated)
      } catch {
        #expect(error.offset == firstEvent)
        #expect(error.message.contains("outside what a trace may hold"))
      }
    }
  }
}
