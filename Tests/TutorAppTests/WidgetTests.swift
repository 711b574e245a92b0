import DisplayText
import Foundation
import LessonKit
import SchedulerEngine
import Testing
import TraceIO

@testable import TerminalUI
@testable import TutorApp

@Suite("Widgets render into fixed grids")
struct WidgetTests {
  @Test func timelineHalfWayAt80Columns() throws {
    let trace = try trace("two-threads")
    let grid = TimelineWidget.render(trace, context(20 * Time.millisecond))
    expectRows(
      grid,
      [
        "Timeline · Two CPU-bound threads                                       t = 20 ms",
        "1 a ██████████░░░░░░░░░██████████░░░░░░░░░",
        "2 b ░░░░░░░░░▌█████████▌░░░░░░░░▌█████████",
        "GIL 111111111⇄222222222⇄11111111⇄222222222",
        "   └┴─────────────────┴──────────────────▲──────────────────┴─────────────────┴",
        "    0                 10 ms              20 ms              30 ms",
        "Legend: █ running bytecode  ░ waiting for the GIL  ▌ ran part of the time",
        " ⇄ GIL hand-off  ▲ t",
      ])
  }

  @Test func timelineFinishedAt160Columns() throws {
    let trace = try trace("two-threads")
    let grid = TimelineWidget.render(trace, context(TraceQueries.wallTime(trace), width: 160))
    expectRows(
      grid,
      [
        "Timeline · Two CPU-bound threads                                                                                                                       t = 40 ms",
        "1 a ████████████████████░░░░░░░░░░░░░░░░░░░▌████████████████████░░░░░░░░░░░░░░░░░░░████████████████████▌░░░░░░░░░░░░░░░░░░░██████████████████",
        "2 b ░░░░░░░░░░░░░░░░░░░▌████████████████████░░░░░░░░░░░░░░░░░░░▌███████████████████▌░░░░░░░░░░░░░░░░░░░████████████████████▌░░░░░░░░░░░░░░░░▌██████████████████",
        "GIL 1111111111111111111⇄2222222222222222222⇄1111111111111111111⇄2222222222222222222⇄1111111111111111111⇄2222222222222222222⇄1111111111111111⇄222222222222222222",
        "   └┴──────────────────┴──────────────────┴───────────────────┴──────────────────┴──────────────────┴───────────────────┴──────────────────┴──────────────────▲",
        "    0                  5 ms               10 ms               15 ms              20 ms              25 ms               30 ms              35 ms",
        "Legend: █ running bytecode  ░ waiting for the GIL  ▌ ran part of the time  ⇄ GIL hand-off  ▲ t",
      ])
  }

  @Test func timelineInRussianAndASCII() throws {
    let trace = try trace("convoy")
    let grid = TimelineWidget.render(trace, context(10 * Time.millisecond, language: .ru, unicode: false))
    expectRows(
      grid,
      [
        "Временная шкала - The convoy effect                                    t = 10 мс",
        "1 cpu ###################",
        "2 net ---------+---------",
        "GIL   111111111/111111111",
        "     ++-----------------^-----------------+-----------------+-----------------+",
        "      0                 10 мс             20 мс             30 мс",
        "Обозначения: # выполняет байт-код  - ждёт GIL  ~ ввод-вывод, GIL отпущен",
        " + выполнялся часть времени  / передача GIL  ^ t",
      ])
  }

  /// `compact` drops the axis labels and the legend; `span` stretches the axis, so the trace fills only its share.
  @Test func compactTimelineOnALongerAxis() throws {
    let trace = try trace("two-threads")
    let grid = TimelineWidget.render(
      trace, context(TraceQueries.wallTime(trace)), compact: true, span: 80 * Time.millisecond)
    expectRows(
      grid,
      [
        "Timeline · Two CPU-bound threads                                       t = 40 ms",
        "1 a █████░░░░▌████▌░░░░█████▌░░░▌████▌",
        "2 b ░░░░▌█████░░░░█████▌░░░░█████░░░░█████",
        "GIL 1111⇄2222⇄1111⇄2222⇄1111⇄222⇄1111⇄2222",
        "   └┴─────────────────┴──────────────────▲──────────────────┴─────────────────┴",
      ])
  }

  /// Shared variables stand under the timeline with their value at the cursor, digits grouped per language.
  @Test func sharedValuesUnderTheTimeline() throws {
    let trace = Simulator.run(
      try ScenarioParser.parse(
        "shared counter = 0\nthread adder x 2:\n    repeat 600:\n        counter += 1\n", file: "race.scenario"))
    let end = TraceQueries.wallTime(trace)
    #expect(TimelineWidget.render(trace, context(end)).rows.last == "counter = 1,200")
    #expect(TimelineWidget.render(trace, context(end, language: .ru)).rows.last == "counter = 1 200")
    #expect(TimelineWidget.render(trace, context(0)).rows.last == "counter = 0")
    #expect(NumberText.grouped(-1_234_567, .en) == "-1,234,567")
    #expect(NumberText.grouped(999, .ru) == "999")
    #expect(SharedValues.line(try TutorAppTests.trace("two-threads"), context(0)).isEmpty)
  }

  @Test func timelineAtStartShowsNothingYet() throws {
    let trace = try trace("two-threads")
    let rows = TimelineWidget.render(trace, context(0)).rows
    #expect(rows[1] == "1 a █")
    #expect(rows[2] == "2 b")
  }

  @Test func keyWithARaisedHand() throws {
    let trace = try trace("convoy")
    let request = try #require(trace.events.first { $0.kind == .gilDropRequest })
    let grid = KeyWidget.render(trace, context(request.time))
    expectRows(
      grid,
      [
        "The lock as a key · The convoy effect                                t = 5.16 ms",
        "",
        "        queue at the door ┌─ interpreter (GIL) ───────────────────────────────┐",
        "                ✋░ net   ▯ 🔑 cpu █ running bytecode                         │",
        "                          └───────────────────────────────────────────────────┘",
        "away, without the key:",
        "✋ raised hand: waited one interval, asks for the key",
        "→ net asks cpu to drop the GIL",
      ])
  }

  @Test func keyWhileAThreadIsInIO() throws {
    let trace = try trace("convoy")
    let io = try #require(trace.events.first { $0.kind == .ioStart })
    let grid = KeyWidget.render(trace, context(io.time + 1000, width: 120, language: .ru))
    expectRows(
      grid,
      [
        "Замок и ключ · The convoy effect                                                                             t = 5,16 мс",
        "",
        "                        очередь у двери ┌─ интерпретатор (GIL) ───────────────────────────────────────────────────────┐",
        "                                ░ cpu   ▯ внутри никого: ключ у двери                                                 │",
        "                                        └─────────────────────────────────────────────────────────────────────────────┘",
        "снаружи, без ключа: ≈ net (ввод-вывод, GIL отпущен)",
        "",
        "→ net уходит в ввод-вывод и отдаёт GIL",
      ])
  }

  @Test func stickWithFourThreads() throws {
    let trace = try trace("four-threads")
    let grid = StickWidget.render(trace, context(7 * Time.millisecond))
    expectRows(
      grid,
      [
        "The talking stick · Four CPU-bound threads                              t = 7 ms",
        "",
        "               ░ worker-1",
        "                                          worker-2 speaks",
        "                                          switch interval 5 ms:",
        "     ░ worker-4          🎤 worker-2      ██████░░░░░░░░░░ 1.9 ms",
        "                                          hand-offs: 1",
        "",
        "               ░ worker-3",
        "",
        "→ worker-2 takes the GIL",
      ])
  }

  /// Half of a 120-column screen (the lessons' side-by-side layout): the circle widens until no two names on a
  /// row overlap, and at 40 columns the seats go one under another; every name stays whole.
  @Test(arguments: [58, 40]) func stickNamesNeverOverlap(width: Int) throws {
    let trace = try trace("four-threads")
    for milliseconds in 1...30 {
      let time = Nanos(milliseconds) * Time.millisecond
      let grid = StickWidget.render(trace, context(time, width: width))
      let text = grid.rows.joined(separator: "\n")
      for name in ["worker-1", "worker-2", "worker-3", "worker-4"] {
        #expect(text.contains(" " + name), "\(name) at \(time): \(text)")
      }
      #expect(grid.rows.allSatisfy { TextWidth.of($0) <= width })
    }
  }

  @Test func stickWrapsItsTextAtEightyColumns() throws {
    let scenario = try ScenarioParser.parse("thread alone:\n  compute 10ms\n", file: "alone.scenario")
    let grid = StickWidget.render(Simulator.run(scenario), context(5 * Time.millisecond))
    let right = grid.rows.map { String($0.dropFirst(42)).trimmingCharacters(in: .whitespaces) }
    #expect(right[4...5] == ["nobody waits: the speaker keeps the", "stick"])
    #expect(grid.rows.allSatisfy { TextWidth.of($0) <= 80 })
  }

  @Test func stickAt160Columns() throws {
    let trace = try trace("four-threads")
    let grid = StickWidget.render(trace, context(23 * Time.millisecond, width: 160, language: .ru))
    expectRows(
      grid,
      [
        "Палочка слова · Four CPU-bound threads                                                                                                                 t = 23 мс",
        "",
        "                       🎤 worker-1",
        "                                                          worker-1 говорит",
        "                                                          интервал переключения 5 мс:",
        "     ░ worker-4                          ░ worker-2       ████████░░░░░░░░ 2,72 мс",
        "                                                          передачи: 4",
        "",
        "                       ░ worker-3",
        "",
        "→ worker-1 берёт GIL",
      ])
  }

  @Test func disMarksTheInstructionEachThreadIsOn() throws {
    let lessons = try sampleLessons()
    let widget = try #require(
      lessons[0].pages.flatMap(\.blocks).compactMap { block -> LessonKit.Widget? in
        if case .widget(let w) = block, w.kind == .dis { return w }
        return nil
      }.first)
    let trace = Simulator.run(widget.scenario)
    let stores = trace.events.filter {
      $0.kind == .bytecode && trace.instructions[Int($0.detail)].opname == "STORE_GLOBAL"
    }
    let time = try #require(stores.first).time
    let grid = DisWidget.render(
      trace, statement: try #require(widget.statement), source: widget.argument, context(time))
    expectRows(
      grid,
      [
        "dis: counter += 1                                                     t = 184 ns",
        "    LOAD_GLOBAL 2 (counter)",
        "    LOAD_CONST 2 (1)",
        "    BINARY_OP 13 (+=)",
        "    STORE_GLOBAL 1 (counter) ◀ t-1",
        "",
        "█ t-1: running bytecode     t-2: not started",
        "counter = 1",
      ])
    // The instruction a running thread is on is shown in reverse video; the others are not.
    #expect(grid[4, 4].style.reverse)
    #expect(!grid[4, 1].style.reverse)
  }
}

@Suite("Timelines never show two threads running under one GIL")
struct OneRunnerPerColumnTests {
  @Test("Every course scenario, at every width: at most one thread of a process holds a column of its GIL")
  func courseScenarios() throws {
    let folder = courseDirectory.appendingPathComponent("scenarios")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".scenario") }
    #expect(names.count > 5)
    for name in names.sorted() {
      let url = folder.appendingPathComponent(name)
      let scenario = try ScenarioParser.parse(try String(contentsOf: url, encoding: .utf8), file: url.path)
      guard scenario.interpreter.lockModel != .none else { continue }
      let trace = Simulator.run(scenario, budget: .picture)
      let wall = TraceQueries.wallTime(trace)
      for columns in [20, 61, 100, 250] {
        let bounds = TextTimeline.columnBounds(wall: wall, columns: columns)
        let cells = trace.spans.map { TimelineColumns.threadCells($0, bounds: bounds) }
        for column in 0..<columns {
          for process in trace.gilSpans.indices {
            let running = trace.threads.indices.filter { thread in
              trace.threads[thread].process == process
                && [TimelineCell.state(.running), .state(.builtin)].contains(cells[thread][column])
            }
            #expect(running.count <= 1, "\(name) at \(columns) columns, column \(column): \(running)")
          }
        }
      }
      // The lesson picture draws the same columns.
      let grid = TimelineWidget.render(trace, context(wall, width: 100))
      for x in 0..<grid.width {
        let full = (1...trace.threads.count).filter { grid[x, $0].character == "█" || grid[x, $0].character == "▓" }
        #expect(
          full.count <= 1 || Set(full.map { trace.threads[$0 - 1].process }).count == full.count, "\(name) x \(x)")
      }
    }
  }
}
