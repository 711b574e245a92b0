import DisplayText
import SchedulerEngine
import Testing

@testable import TerminalUI

/// The lessons' timeline and replay's timeline give every thread the same code, the text timeline's.
@Suite struct ThreadCodeTests {
  /// Forty threads that compute 1 ms each, taking turns with the GIL.
  func manyThreads() throws -> Trace {
    var source = "title: Forty\ninterpreter: cpython-3.11\nswitch_interval: 5ms\ncores: 4\nseed: 1\n"
    for index in 1...40 { source += "\nthread t\(index):\n    compute 1ms\n" }
    return Simulator.run(try ScenarioParser.parse(source, file: "forty.scenario"))
  }

  @Test func thread36HasTheSameCodeInTheLessonsAndInReplay() throws {
    let trace = try manyThreads()
    let wall = TraceQueries.wallTime(trace)
    let c = context(wall, width: 120)
    let lesson = TimelineWidget.render(trace, c).rows
    let replay = ReplayTimelineWidget.render(trace, c, window: 0...wall, threads: Array(trace.threads.indices)).rows
    #expect(ThreadCodes.code(ofThread: 35) == "A")
    #expect(lesson.contains { $0.hasPrefix("A t36 ") })
    #expect(replay.contains { $0.hasPrefix("A t36 ") })
    let lessonGIL = try #require(lesson.first { $0.hasPrefix("GIL ") })
    let replayGIL = try #require(replay.first { $0.hasPrefix("GIL ") })
    #expect(lessonGIL.contains("A") && replayGIL.contains("A"))
    #expect(lessonGIL.dropFirst(4).allSatisfy { $0 != "+" })
    #expect(lessonGIL == replayGIL.replacingOccurrences(of: "▲", with: ""))
  }
}
