import DisplayText
import SchedulerEngine

/// dis: the instructions of one statement, with the instruction each thread is on marked.
public enum DisWidget {
  /// The instructions of the first thread's innermost first statement as compiled inside the thread's function
  /// (so that names are numbered as the trace numbers them); the standalone listing when that fails.
  public static func listing(_ scenario: Scenario, statement: StatementKind) -> [Instruction] {
    let shared = Set(scenario.shared.map(\.name))
    var body = scenario.processes.first?.threads.first?.body ?? []
    var line: Int?
    while let first = body.first {
      if case .repeatBlock(_, let inner) = first.kind {
        body = inner
      } else {
        line = first.location.line
        break
      }
    }
    if let line, let thread = scenario.processes.first?.threads.first {
      let function = Bytecode.function(body: thread.body, shared: shared, interpreter: scenario.interpreter)
      let own = function.filter { $0.line == line }.map(\.instruction)
      if !own.isEmpty { return own }
    }
    return Bytecode.listing(for: statement, shared: shared, interpreter: scenario.interpreter)
  }

  public static func render(
    _ trace: Trace, statement: StatementKind, source: String, _ c: WidgetContext
  ) -> CellGrid {
    let s = c.strings
    let g = c.glyphs
    let listing = DisWidget.listing(trace.scenario, statement: statement)
    let threads = Array(trace.threads.indices)
    var grid = CellGrid(width: c.width, height: listing.count + 4)
    grid.blit(c.header("\(s.disTitle): \(source)", trace), x: 0, y: 0)
    var positions: [Int: [Int]] = [:]
    var elsewhere: [Int] = []
    for thread in threads {
      let state = trace.state(of: thread, at: c.time)
      guard state != .notStarted && state != .finished else { continue }
      if let instruction = TraceQueries.instruction(of: thread, at: c.time, in: trace),
        let row = listing.firstIndex(of: instruction)
      {
        positions[row, default: []].append(thread)
      } else {
        elsewhere.append(thread)
      }
    }
    let textWidth = (listing.map { TextWidth.of($0.text) }.max() ?? 10) + 4
    for (row, instruction) in listing.enumerated() {
      let y = row + 1
      let here = positions[row] ?? []
      let running = here.contains { trace.state(of: $0, at: c.time) == .running }
      let mark = instruction.isCheckPoint ? "*" : " "
      grid.put(
        "  \(mark) " + TextWidth.padRight(instruction.text, to: textWidth - 4), x: 0, y: y,
        style: Style(.code, reverse: running))
      var x = textWidth + 1
      for thread in here {
        let state = trace.state(of: thread, at: c.time)
        x = grid.put(
          [
            StyledText(g.marker + " ", Style(.emphasis)),
            StyledText(g.text(threadName(trace, thread)) + " ", Style(role(of: state))),
          ],
          x: x, y: y)
      }
    }
    var y = listing.count + 1
    if !elsewhere.isEmpty {
      grid.put(
        "  \(s.betweenStatements): " + elsewhere.map { g.text(threadName(trace, $0)) }.joined(separator: ", "), x: 0,
        y: y, style: Style(.dim))
    }
    y += 1
    var states: [StyledText] = []
    for thread in threads {
      let state = trace.state(of: thread, at: c.time)
      states.append(StyledText(String(g.cell(state)), Style(role(of: state))))
      states.append(StyledText(" \(g.text(threadName(trace, thread))): \(s.state(state))   "))
    }
    grid.put(states, x: 0, y: y)
    y += 1
    let values = trace.scenario.shared.compactMap { v in
      TraceQueries.sharedValue(v.name, at: c.time, in: trace).map { "\(v.name) = \($0)" }
    }
    grid.put(values.joined(separator: g.separator), x: 0, y: y, style: Style(.emphasis))
    return grid
  }
}
