import LessonKit
import SchedulerEngine
import TerminalUI
import Testing

@testable import TutorApp

@Suite("Players keep time")
struct PlayerTests {
  /// Two timelines of 20 and 40 ms, both on an 80 ms axis: they play at one pace and end at their own times.
  @Test func timelinesWithOneSpanShareAClock() throws {
    func scenario(_ milliseconds: Int) -> String { "cores: 1\nthread a:\n    compute \(milliseconds)ms\n" }
    let lesson = try LessonParser.parse(
      "# T\n::: timeline scenario=short span=80ms\n::: timeline scenario=long span=80ms\n::: timeline scenario=long\n",
      file: "l.md", id: "l", loadScenario: { $0 == "short" ? scenario(20) : scenario(40) }, scenarioPath: { $0 })
    var players = lesson.pages[0].blocks.compactMap { block -> Player? in
      if case .widget(let widget) = block { return Player(widget, atEnd: false) }
      return nil
    }
    #expect(players.map(\.axis) == [80 * Time.millisecond, 80 * Time.millisecond, players[2].wall])
    for i in players.indices { players[i].advance(realNanoseconds: 1_000_000_000, speed: 1) }
    // A tenth of the axis per second: 8 ms for both spanned players, a tenth of its own run for the other.
    #expect(players[0].time == 8 * Time.millisecond && players[1].time == 8 * Time.millisecond)
    #expect(players[2].time == players[2].wall / 10)
    for i in players.indices { players[i].advance(realNanoseconds: 2_000_000_000, speed: 1) }
    #expect(players[0].atEnd && players[0].time == players[0].wall)
    #expect(players[1].time == 24 * Time.millisecond && !players[1].atEnd)
  }
}

/// Pictures are simulated once per process: the trace given again is the one the engine makes, and the store
/// stays within its bound however many scenarios pass through it.
@Suite("Picture traces are kept")
struct PictureTraceTests {
  static func scenario(_ microseconds: Int) throws -> Scenario {
    try ScenarioParser.parse(
      "cores: 1\nthread a:\n    compute \(microseconds)us\nthread b:\n    sleep 1us\n", file: "t.scenario")
  }

  @Test func aKeptTraceIsTheEnginesTrace() throws {
    let scenario = try Self.scenario(7_321)
    let fresh = Simulator.run(scenario, budget: .picture)
    for _ in 0..<2 {
      let kept = PictureTraces.trace(scenario)
      #expect(kept.scenario == scenario)
      #expect(kept.events.map(\.kind) == fresh.events.map(\.kind))
      #expect(kept.events.map(\.time) == fresh.events.map(\.time))
    }
    // Another scenario is another trace, not the kept one.
    let other = PictureTraces.trace(try Self.scenario(7_322))
    #expect(TraceQueries.wallTime(other) != TraceQueries.wallTime(PictureTraces.trace(scenario)))
  }

  @Test func theStoreIsBounded() throws {
    for microseconds in 9_000..<(9_000 + PictureTraces.capacity + 8) {
      _ = PictureTraces.trace(try Self.scenario(microseconds))
    }
    #expect(PictureTraces.count <= PictureTraces.capacity)
    #expect(PictureTraces.events <= PictureTraces.eventCapacity || PictureTraces.count == 1)
  }
}
