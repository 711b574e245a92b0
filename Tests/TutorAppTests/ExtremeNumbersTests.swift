import DisplayText
import LessonKit
import SchedulerEngine
import Testing
import TraceIO

@testable import TerminalUI
@testable import TutorApp

/// Every number a scenario or a lesson may hold, at its limit and beyond it: the file is either refused with a
/// message or simulated and drawn by every renderer. A trap here ends the test run.
@Suite("Extreme numbers in scenarios and lessons")
struct ExtremeNumbersTests {
  static let durations = [
    "0ns", "1ns", "0.5ms", "3599s", "3601s", "86399.999999999s", "86400s", "86400.000000001s", "86401s",
    "9223372036.854775807s", "9223372036854775807ns", "9223372036854775808ns", "99999999999999999999999s",
  ]
  static let counts = [
    "-1", "0", "1", "999", "1000", "1001", "1024", "1025", "10000", "10001", "1000000000", "1000000001",
    "9223372036854775807", "9223372036854775808", "99999999999999999999",
  ]

  /// Scenarios that put each value in each place a number can stand.
  static var scenarios: [String] {
    var out: [String] = []
    for d in durations {
      for statement in ["compute", "io", "sleep", "native", "builtin"] {
        out.append("thread a:\n    \(statement) \(d)\nthread b:\n    io 1ms\n    compute 1ms\n")
      }
      out.append(
        "eventloop l:\n    task t x 2:\n        await io \(d)\n        await sleep \(d)\n        compute 1ms\n")
      out.append("switch_interval: \(d)\nthread t x 2:\n    compute 20ms\n")
    }
    for n in counts {
      out.append("shared c = 0\nthread t x 2:\n    repeat \(n):\n        c += 1\n")
      out.append("shared c = \(n)\nthread t x 2:\n    c += \(n)\n    c *= \(n)\n    x = c * \(n)\n    c = x - \(n)\n")
      out.append("thread t x \(n):\n    compute 1ms\n")
      out.append("eventloop l:\n    task t x \(n):\n        await sleep 1ms\n")
      out.append("cores: \(n)\nthread t x 3:\n    compute 10ms\n")
      out.append("seed: \(n)\nthread t x 3:\n    compute 10ms\n")
      out.append(
        "interpreter: 2.7\ncheck_interval: \(n)\nshared c = 0\nthread t x 2:\n    repeat 50:\n        c += 1\n")
    }
    return out
  }

  /// Small budgets: the property is about arithmetic on the values, which the first few thousand events reach.
  static let budgets = [
    SimulationBudget(maxEvents: 3_000, maxTime: SimulationBudget.picture.maxTime),
    SimulationBudget(maxEvents: 3_000, maxTime: Limits.maximumDuration),
  ]

  private func draw(_ trace: Trace) {
    _ = TextTimeline.render(trace, width: 100, unicode: true)
    _ = TextTimeline.render(trace, width: 40, unicode: false)
    _ = JSONReport.render(trace, scenarioName: "extreme")
    _ = ChromeTrace.render(trace)
    _ = TraceFile.write(trace)
    let wall = TraceQueries.wallTime(trace)
    for time in [0, wall / 3, wall, Nanos.max / 2] {
      _ = TimelineWidget.render(trace, context(time), span: Limits.maximumDuration)
      _ = TimelineWidget.render(trace, context(time, width: 120), compact: true)
      _ = KeyWidget.render(trace, context(time))
      _ = StickWidget.render(trace, context(time))
    }
  }

  @Test("Each value in each place is refused with a message, or simulated and drawn")
  func scenariosAtAndBeyondTheirLimits() {
    var simulated = 0
    for text in Self.scenarios {
      let scenario: Scenario
      do {
        scenario = try ScenarioParser.parse(text, file: "extreme.scenario")
      } catch {
        #expect(!error.message.isEmpty)
        #expect(error.location.line >= 1)
        continue
      }
      for budget in Self.budgets {
        let trace = Simulator.run(scenario, budget: budget)
        #expect(trace.statistics.wallTime <= Limits.maximumTraceTime)
        draw(trace)
        simulated += 1
      }
    }
    // The values at their limits are accepted: the test is not only about refusals.
    #expect(simulated > 100)
  }

  @Test("A timeline's span at and beyond its limit is refused at its column, or drawn")
  func lessonSpans() {
    let scenario = "thread a:\n    compute 2ms\nthread b:\n    io 1ms\n"
    for span in ["1ns", "80ms", "86400s", "86401s", "999999999999s", "99999999999999999999999999s", "0ms", "-1ms"] {
      let source = "# Extreme\n\n## Page\n\n::: timeline scenario=s span=\(span)\n"
      do {
        let lesson = try LessonParser.parse(
          source, file: "x.md", id: "x", loadScenario: { _ in scenario }, scenarioPath: { "scenarios/\($0).scenario" })
        _ = PlainText.render(lesson, width: 80, unicode: true, strings: .of(.en))
        for widget in lesson.pages.flatMap(\.widgets) {
          var player = Player(widget, atEnd: false)
          player.advance(realNanoseconds: 1_000_000_000, speed: 100)
          _ = player.render(width: 80, strings: .of(.en), glyphs: Glyphs(unicode: true))
        }
      } catch {
        #expect(error.line == 5, "\(span): \(error)")
        #expect(!error.message.isEmpty)
      }
    }
  }

  @Test("Inline Markdown is parsed in linear time: a long line of unclosed markers is quick")
  func inlineMarkdownIsLinear() {
    // 160 KB of `*_*_` took 15 s when every marker searched the rest of the line; a count of the characters
    // scanned would be the ideal check, so this keeps to a size that only a quadratic parse makes slow.
    let line = String(repeating: "*_`*_", count: 40_000)
    let inlines = Inlines.parse(line)
    #expect(inlines.map(\.text).joined().count <= line.count)
  }

  @Test("Files over a megabyte are refused at 1:1 with the limit named")
  func oversizedFiles() {
    let big = String(repeating: "a", count: Limits.maximumSourceBytes + 1)
    #expect(throws: SourceDiagnostic.self) { try ScenarioParser.parse(big, file: "big.scenario") }
    do {
      _ = try LessonParser.parse(
        "# T\n" + big, file: "big.md", id: "big", loadScenario: { _ in nil }, scenarioPath: { $0 })
      Issue.record("an oversized lesson was read")
    } catch {
      #expect(error.line == 1 && error.column == 1)
      #expect(error.message.contains("at most 1048576 bytes"))
    }
  }
}
