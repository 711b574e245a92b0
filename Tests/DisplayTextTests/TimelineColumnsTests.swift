import DisplayText
import Foundation
import SchedulerEngine
import Testing

/// The column rule every timeline draws with: under a GIL a column never shows two threads running Python, and a
/// GIL row's column says when the GIL changed hands in it.
@Suite struct TimelineColumnsTests {
  static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Lessons/scenarios")

  /// The course's scenarios, simulated.
  static let traces: [(name: String, trace: Trace)] = {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: scenarios.path)) ?? []
    return files.filter { $0.hasSuffix(".scenario") }.sorted().compactMap { file in
      let url = scenarios.appendingPathComponent(file)
      guard let source = try? String(contentsOf: url, encoding: .utf8),
        let scenario = try? ScenarioParser.parse(source, file: file)
      else { return nil }
      return (file, Simulator.run(scenario))
    }
  }()

  @Test func twoThreadsThatHeldTheGILHalfAColumnEachAreBothBrief() {
    let a = [
      StateSpan(start: 0, end: 5, state: .running), StateSpan(start: 5, end: 10, state: .waitingGIL),
    ]
    let b = [
      StateSpan(start: 0, end: 5, state: .waitingGIL), StateSpan(start: 5, end: 10, state: .builtin),
    ]
    let bounds = TimelineColumns.bounds(0...10, columns: 1)
    #expect(TimelineColumns.threadCells(a, bounds: bounds) == [.briefTurn])
    #expect(TimelineColumns.threadCells(b, bounds: bounds) == [.briefTurn])
    // More than half is a turn of its own.
    let c = [StateSpan(start: 0, end: 6, state: .running), StateSpan(start: 6, end: 10, state: .waitingGIL)]
    #expect(TimelineColumns.threadCells(c, bounds: bounds) == [.state(.running)])
  }

  @Test func underAGILAColumnNeverShowsTwoThreadsRunning() throws {
    #expect(Self.traces.count > 20)
    for (name, trace) in Self.traces where trace.scenario.interpreter.lockModel != .none {
      let wall = max(1, trace.statistics.wallTime)
      for columns in [7, 40, 80, 200, 1_000] {
        let bounds = TimelineColumns.bounds(0...wall, columns: columns)
        var running = [[Int]](repeating: [Int](repeating: 0, count: columns), count: trace.gilSpans.count + 1)
        for (thread, spans) in trace.spans.enumerated() {
          let process = trace.threads[thread].process
          for (column, cell) in TimelineColumns.threadCells(spans, bounds: bounds).enumerated()
          where cell == .state(.running) || cell == .state(.builtin) {
            running[min(process, trace.gilSpans.count)][column] += 1
          }
        }
        for process in trace.gilSpans.indices {
          #expect(running[process].allSatisfy { $0 <= 1 }, "\(name) at \(columns) columns")
        }
      }
    }
  }

  /// A GIL row's column is a hand-off exactly when a thread took the GIL from another in it (replay's hand-off).
  @Test func handOffColumnsAreWhereTheGILChangedHands() throws {
    var seen = 0
    for (name, trace) in Self.traces where trace.scenario.interpreter.lockModel != .none {
      let wall = max(1, trace.statistics.wallTime)
      let handOffs = trace.events.filter { $0.kind == .gilAcquire && $0.detail >= 0 && $0.detail != $0.thread }
      for columns in [13, 80, 500] {
        let bounds = TimelineColumns.bounds(0...wall, columns: columns)
        for (process, spans) in trace.gilSpans.enumerated() {
          var expected = [Bool](repeating: false, count: columns)
          for event in handOffs where trace.threads[Int(event.thread)].process == process {
            let column = bounds.lastIndex { $0 <= event.time } ?? 0
            expected[min(column, columns - 1)] = true
          }
          let cells = TimelineColumns.gilCells(spans, bounds: bounds)
          #expect(cells.map { $0 == .handOff } == expected, "\(name), process \(process), \(columns) columns")
          seen += cells.filter { $0 == .handOff }.count
          // Elsewhere the row shows the one holder, or that the GIL was free.
          for (column, cell) in cells.enumerated() where cell != .handOff {
            let holders = Set(
              spans.filter { $0.start < bounds[column + 1] && $0.end > bounds[column] }.map(\.holder))
            #expect(cell == (holders.first.map { .held(by: $0) } ?? .free) && holders.count <= 1)
          }
        }
      }
    }
    #expect(seen > 100)
  }

  @Test func theHandOffGlyphIsOneColumnAndStandsApart() {
    for unicode in [true, false] {
      let glyphs = Glyphs(unicode: unicode)
      let codes = (0..<70).map { ThreadCodes.code(ofThread: $0) }
      #expect(TextWidth.of(glyphs.handOff) == 1)
      #expect(!codes.contains(glyphs.handOff) && glyphs.handOff != glyphs.gilFree)
      #expect(glyphs.cell(GILCell.handOff) == glyphs.handOff)
      #expect(glyphs.cell(GILCell.held(by: 35)) == "A" && glyphs.cell(GILCell.free) == glyphs.gilFree)
    }
    #expect(Words.en.handOff == "GIL hand-off" && Words.ru.handOff == "передача GIL")
  }
}
