import DisplayText
import Foundation
import Testing

@testable import SchedulerEngine
@testable import TraceIO

@Suite struct TextTimelineTests {
  @Test func goldenAtWidth80() {
    let expected = """
      convoy · cpython-3.11 · switch interval 5 ms · 2 cores · seed 7
      cpu          │ ██████████████████████████████████████████████████▌██████████████
      io           │ ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░▌≈≈≈≈≈≈≈≈≈░░░░░
      sleepy-work… │           zzzzzzzzzzzzzzzzzzzz×××××▒▒▒▒▒
      GIL main     │ 11111111111111111111111111111111111111111111111111⇄11111111111111
      loop         │ ◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦█████◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦◦
      GIL worker   │ ····················44444········································
                   └─┴───────────────────┴───────────────────┴───────────────────┴────
                ms   0                   2                   4                   6
      Legend: █ running bytecode  ▓ C code, GIL held  ▒ C code, GIL released
              ░ waiting for the GIL  × waiting for a lock  ≈ I/O, GIL released
              z sleeping  ┈ runnable, no free core  ◦ event loop idle
              ▌ ran part of the time  blank: not started or finished
      GIL held by: 1 cpu  2 io  3 sleepy-work…  4 loop  · free  ⇄ GIL hand-off

      thread        cpu ms  GIL wait ms  I/O ms  finished at ms
      cpu            6.450        0.050   0.000           6.500
      io             0.020        5.480   1.000               -
      sleepy-work…   0.500        0.000   0.000           4.000
      loop           0.500        0.000   0.000           6.000
      Total: wall time 6.500 ms · GIL switches 3 · events 7
      Shared: counter = 123456  hits = -3

      task  loop  finished at ms  max lateness ms
      tick  loop           6.000            1.500
      slow  loop               -            0.000
      """
    #expect(TextTimeline.render(Fixtures.convoy, width: 80, unicode: true) == expected + "\n")
  }

  @Test(arguments: [40, 41, 80, 133, 200])
  func fitsTheWidth(width: Int) {
    for unicode in [true, false] {
      let lines = TextTimeline.render(Fixtures.convoy, width: width, unicode: unicode).split(separator: "\n")
      for line in lines {
        #expect(TextWidth.of(String(line)) <= width, "\(line)")
      }
      // The thread rows fill the width exactly: label, separator, one cell per column.
      let row = lines.first { $0.hasPrefix("GIL main") }
      #expect(row.map { TextWidth.of(String($0)) } == width)
    }
  }

  @Test func asciiModeIsPureASCII() {
    var trace = Fixtures.convoy
    trace.scenario.title = "Конвой ✓"
    trace.threads[0].name = "поток"
    for width in [40, 80, 200] {
      let text = TextTimeline.render(trace, width: width, unicode: false)
      let ascii = text.unicodeScalars.allSatisfy { $0.isASCII }
      #expect(ascii)
      #expect(text.contains("#"))
    }
    #expect(TextTimeline.render(trace, width: 80, unicode: true).contains("Конвой ✓"))
  }

  @Test func asciiRowsUseTheASCIIGlyphs() {
    let lines = TextTimeline.render(Fixtures.convoy, width: 80, unicode: false).split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("io           | -") && $0.contains("+~~~~~~~~~-----") })
    #expect(lines.contains { $0.hasPrefix("sleepy-work~ |           zzzzzzzzzzzzzzzzzzzzxxxxx=====") })
    #expect(lines.contains { $0.hasPrefix("GIL worker   | ....................44444.....") })
  }

  @Test func everyStateHasItsOwnGlyph() {
    for unicode in [true, false] {
      let glyphs = Glyphs(unicode: unicode)
      let drawn = ThreadState.allCases.filter { $0 != .notStarted && $0 != .finished }.map(glyphs.cell)
      #expect(Set(drawn).count == drawn.count)
      #expect(!drawn.contains(" "))
      #expect(!drawn.contains(glyphs.gilFree))
      #expect(glyphs.cell(.notStarted) == " " && glyphs.cell(.finished) == " ")
      #expect(drawn.allSatisfy { TextWidth.of($0) == 1 })
    }
  }

  func io(_ count: Int) -> [TimelineCell] { Array(repeating: .state(.io), count: count) }

  @Test func shortGILTurnStaysVisible() {
    // 10 columns of 1 ms; the thread runs 10 µs in column 3 and waits for the GIL otherwise.
    let spans = [
      StateSpan(start: 0, end: 3_000_000, state: .waitingGIL),
      StateSpan(start: 3_000_000, end: 3_010_000, state: .running),
      StateSpan(start: 3_010_000, end: 10_000_000, state: .io),
    ]
    let bounds = TextTimeline.columnBounds(wall: 10_000_000, columns: 10)
    let cells = TimelineColumns.threadCells(spans, bounds: bounds)
    #expect(cells == [.state(.waitingGIL), .state(.waitingGIL), .state(.waitingGIL), .briefTurn] + io(6))
  }

  @Test func turnsWithinAColumn() {
    // Two columns of 10 ms; the thread runs 6 ms of the first and 4 ms of the second.
    let spans = [
      StateSpan(start: 0, end: 6_000_000, state: .running),
      StateSpan(start: 6_000_000, end: 16_000_000, state: .waitingGIL),
      StateSpan(start: 16_000_000, end: 20_000_000, state: .running),
    ]
    let bounds = TextTimeline.columnBounds(wall: 20_000_000, columns: 2)
    #expect(TimelineColumns.threadCells(spans, bounds: bounds) == [.state(.running), .briefTurn])
  }

  @Test func majorityWinsWithoutTheGIL() {
    let spans = [
      StateSpan(start: 0, end: 400, state: .sleeping),
      StateSpan(start: 400, end: 1000, state: .io),
      StateSpan(start: 1000, end: 1500, state: .native),
      StateSpan(start: 1500, end: 2000, state: .waitingGIL),
    ]
    let cells = TimelineColumns.threadCells(spans, bounds: TextTimeline.columnBounds(wall: 2000, columns: 2))
    // Column 2 is a tie between native and waiting for the GIL: the more active state wins.
    #expect(cells == [.state(.io), .state(.native)])
  }

  @Test func gilRowShowsTheHolderHandOffsAndFree() {
    let spans = [
      GILSpan(start: 0, end: 30, holder: 0), GILSpan(start: 30, end: 100, holder: 2),
      GILSpan(start: 150, end: 190, holder: 2), GILSpan(start: 260, end: 280, holder: 0),
    ]
    let cells = TimelineColumns.gilCells(spans, bounds: TextTimeline.columnBounds(wall: 400, columns: 4))
    // 0 hands the GIL to 2 in column 0; 2 takes it back after a pause in column 1 (no hand-off); 0 in column 2.
    #expect(cells == [.handOff, .held(by: 2), .handOff, .free])
    // Up to time 20 column 0 has no hand-off yet.
    #expect(TimelineColumns.gilCells(spans, bounds: [0, 100], upTo: 20) == [.held(by: 0)])
  }

  @Test func moreColumnsThanNanoseconds() {
    let spans = [StateSpan(start: 0, end: 2, state: .running), StateSpan(start: 2, end: 4, state: .io)]
    let cells = TimelineColumns.threadCells(spans, bounds: TextTimeline.columnBounds(wall: 4, columns: 8))
    #expect(cells == Array(repeating: .state(.running), count: 4) + io(4))
  }

  @Test func axisUnitFollowsTheSpan() {
    func labelLine(wall: Nanos) -> String {
      var trace = Fixtures.convoy
      trace.statistics.wallTime = wall
      trace.spans = trace.spans.map { _ in [StateSpan(start: 0, end: wall, state: .running)] }
      trace.gilSpans = [[GILSpan(start: 0, end: wall, holder: 0)], []]
      let lines = TextTimeline.timelineLines(trace, width: 80, unicode: true)
      return lines.first {
        $0.trimmingCharacters(in: .whitespaces).hasPrefix("µs") || $0.contains(" ms  ")
          || $0.contains(" s  ")
      } ?? ""
    }
    #expect(labelLine(wall: 800 * Time.microsecond).hasPrefix("          µs   0"))
    #expect(labelLine(wall: 800 * Time.microsecond).hasSuffix("200             400             600"))
    #expect(labelLine(wall: 40 * Time.millisecond).hasPrefix("          ms   0"))
    #expect(labelLine(wall: 3 * Time.second).hasPrefix("           s   0"))
    #expect(labelLine(wall: 3 * Time.second).contains("2.5"))
  }

  @Test func tickSteps() {
    #expect(TimelineColumns.tickStep(wall: 6_500_000, count: 6) == 2_000_000)
    #expect(TimelineColumns.tickStep(wall: 10_000_000, count: 10) == 1_000_000)
    #expect(TimelineColumns.tickStep(wall: 7, count: 10) == 1)
    #expect(TimelineColumns.tickStep(wall: 3_000_000_000, count: 6) == 500_000_000)
  }

  @Test func titleNamesTheIntervalTheInterpreterUses() {
    var trace = Fixtures.convoy
    trace.scenario.interpreter = .cpython27
    trace.scenario.checkInterval = 100
    #expect(TextTimeline.render(trace, width: 80, unicode: true).hasPrefix("convoy · cpython-2.7 · check interval 100"))
    trace.scenario.interpreter = .cpython313t
    trace.scenario.cores = 1
    trace.scenario.title = ""
    let text = TextTimeline.render(trace, width: 80, unicode: true)
    #expect(text.hasPrefix("(untitled) · cpython-3.13t · no GIL · 1 core · seed 7\n"))
    #expect(!text.contains("GIL main"))
    trace.scenario.interpreter = .cpython312
    trace.scenario.switchInterval = 500 * Time.microsecond
    #expect(TextTimeline.render(trace, width: 80, unicode: false).contains("switch interval 500 us"))
  }

  @Test func emptyTraceDoesNotCrash() {
    let trace = Simulator.run(Scenario(title: "empty"))
    let text = TextTimeline.render(trace, width: 40, unicode: true)
    #expect(text.contains("nothing ran"))
    #expect(text.contains("wall time 0.000 ms"))
  }

  @Test func narrowStatisticsStackPerThread() {
    let text = TextTimeline.render(Fixtures.convoy, width: 40, unicode: true)
    #expect(text.contains("\nio\n  cpu 0.020 ms  GIL wait 5.480 ms\n  I/O 1.000 ms  finished at -\n"))
  }
}

@Test func asciiTextSpellsOutArrowsAndDashes() {
  let ascii = Glyphs(unicode: false)
  #expect(ascii.text("↑↓ scroll  → next  ⌫ undo") == "Up/Down scroll  Right next  Backspace undo")
  #expect(ascii.text("5\u{00A0}µs — «done»…") == "5 us - \"done\"...")
  #expect(ascii.text("поток") == "?????")
  #expect(Glyphs(unicode: true).text("↑↓ µs") == "↑↓ µs")
}
