import DisplayText
import SchedulerEngine

/// The live thread timeline: one row per thread plus a GIL row per process, glyph-coded states, a time axis with
/// a cursor at the current time, a legend, and the shared variables' values (a program: what it printed) at that
/// time. Columns after the cursor stay empty: the picture fills in as it plays.
/// `compact` leaves out the axis labels and the legend; the axis is `span` long when that is longer than the trace.
public enum TimelineWidget {
  public static func render(_ trace: Trace, _ c: WidgetContext, compact: Bool = false, span: Nanos? = nil)
    -> CellGrid
  {
    let glyphs = c.glyphs
    let s = c.strings
    let wall = max(TraceQueries.wallTime(trace), span ?? 0)
    let labels = trace.threads.indices.map {
      "\(ThreadCodes.code(ofThread: $0)) \(glyphs.text(trace.threads[$0].name))"
    }
    let labelWidth = min(16, max(TextWidth.of(s.gilRow), labels.map(TextWidth.of).max() ?? 3))
    let barX = labelWidth + 1
    let columns = max(10, c.width - barX - 1)
    let gilProcesses = trace.scenario.lockModel == .none ? [] : Array(trace.gilSpans.indices)
    let states = presentStates(trace)
    let bounds = TimelineColumns.bounds(0...wall, columns: columns)
    let legendLines =
      compact
      ? []
      : legend(
        states, briefTurns: hasBriefTurns(trace, bounds: bounds), handOffs: hasHandOffs(trace, bounds: bounds), c)
    let values = SharedValues.line(trace, c)
    // A program has no shared variables to show: what it printed stands there instead.
    let printed =
      values.isEmpty ? ProgramOutput.rows(trace, c, label: s.outputRow, labelWidth: labelWidth) : [values]
    let axisRows = compact ? 1 : 2
    let height = 1 + trace.threads.count + gilProcesses.count + axisRows + legendLines.count + printed.count
    var grid = CellGrid(width: c.width, height: height)
    grid.blit(c.header(s.timelineTitle, trace), x: 0, y: 0)
    let cursorColumn = min(columns - 1, Int(Double(min(c.time, wall)) / Double(wall) * Double(columns)))
    var y = 1
    for (index, spans) in trace.spans.enumerated() {
      grid.put(TextWidth.truncate(labels[index], to: labelWidth), x: 0, y: y)
      let cells = TimelineColumns.threadCells(spans, bounds: bounds, upTo: c.time)
      for (column, cell) in cells.enumerated() where column <= cursorColumn {
        grid.put(String(glyphs.cell(cell)), x: barX + column, y: y, style: Style(role(of: cell)))
      }
      y += 1
    }
    for process in gilProcesses {
      let label = gilProcesses.count > 1 ? "\(s.gilRow) \(process + 1)" : s.gilRow
      grid.put(label, x: 0, y: y, style: Style(.gil))
      let cells = TimelineColumns.gilCells(trace.gilSpans[process], bounds: bounds, upTo: c.time)
      for column in 0...cursorColumn {
        grid.put(String(glyphs.cell(cells[column])), x: barX + column, y: y, style: Style(role(of: cells[column])))
      }
      y += 1
    }
    axis(&grid, y: y, barX: barX, columns: columns, window: 0...wall, cursor: cursorColumn, labels: !compact, c)
    y += axisRows
    for line in legendLines {
      grid.put(line, x: 0, y: y)
      y += 1
    }
    for row in printed {
      grid.put(row, x: 0, y: y)
      y += 1
    }
    return grid
  }

  /// The time axis over `window` with its tick labels on the row below (unless `labels` is false), and the cursor
  /// at column `cursor`.
  static func axis(
    _ grid: inout CellGrid, y: Int, barX: Int, columns: Int, window: ClosedRange<Nanos>, cursor: Int?,
    labels: Bool = true, _ c: WidgetContext
  ) {
    let axis = c.glyphs.axis
    let span = max(1, window.upperBound - window.lowerBound)
    grid.put(String(axis.corner), x: barX - 1, y: y, style: Style(.dim))
    grid.put(String(repeating: axis.line, count: columns), x: barX, y: y, style: Style(.dim))
    let step = TimelineColumns.tickStep(wall: span, count: max(1, columns / 14))
    var tick = (window.lowerBound + step - 1) / step * step
    var labelEnd = 0
    while tick <= window.upperBound {
      let column = min(columns - 1, Int(Double(tick - window.lowerBound) / Double(span) * Double(columns)))
      grid.put(String(axis.tick), x: barX + column, y: y, style: Style(.dim))
      let text = tick == 0 ? "0" : c.strings.duration(tick)
      if labels && barX + column >= labelEnd && barX + column + TextWidth.of(text) < c.width {
        grid.put(text, x: barX + column, y: y + 1, style: Style(.dim))
        labelEnd = barX + column + TextWidth.of(text) + 1
      }
      tick += step
    }
    if let cursor { grid.put(String(c.glyphs.cursor), x: barX + cursor, y: y, style: Style(.cursor)) }
  }

  /// The states that occur in the trace, in legend order.
  static func presentStates(_ trace: Trace) -> [ThreadState] {
    var seen = Set<ThreadState>()
    for list in trace.spans { for span in list { seen.insert(span.state) } }
    let order: [ThreadState] = [
      .running, .builtin, .native, .waitingGIL, .waitingLock, .io, .sleeping, .runnable, .selecting, .stopped,
    ]
    return order.filter(seen.contains)
  }

  static func legend(
    _ states: [ThreadState], briefTurns: Bool = false, handOffs: Bool = false, _ c: WidgetContext
  ) -> [[StyledText]] {
    var items = states.map { state in
      [
        StyledText(" " + String(c.glyphs.cell(state)), Style(role(of: state))),
        StyledText(" " + c.strings.state(state)),
      ]
    }
    if briefTurns {
      items.append([
        StyledText(" " + String(c.glyphs.briefTurn), Style(.running)), StyledText(" " + c.strings.briefTurn),
      ])
    }
    if handOffs {
      items.append([StyledText(" " + String(c.glyphs.handOff), Style(.gil)), StyledText(" " + c.strings.handOff)])
    }
    items.append([StyledText(" " + String(c.glyphs.cursor), Style(.cursor)), StyledText(" t")])
    // "Legend:" and each item take their width and a space after them; continuation lines start at the margin.
    items.insert([StyledText(c.strings.legend + ":", Style(.dim))], at: 0)
    let words = items.map { item in TextLayout.Word(width: item.reduce(1) { $0 + TextWidth.of($1.text) }) }
    return TextLayout.lines(words, width: c.width, gap: 0).map { line in
      line.flatMap { index in index == 0 ? items[index] : items[index] + [StyledText(" ")] }
    }
  }

  /// Whether any column of the whole run shows a brief turn, so that the legend explains `▌` (decided on the
  /// whole trace, so that the picture keeps its height as it plays).
  static func hasBriefTurns(_ trace: Trace, bounds: [Nanos]) -> Bool {
    trace.spans.contains { TimelineColumns.threadCells($0, bounds: bounds).contains(.briefTurn) }
  }

  /// Whether any GIL row of the whole run shows a hand-off, so that the legend explains `⇄`.
  static func hasHandOffs(_ trace: Trace, bounds: [Nanos]) -> Bool {
    trace.scenario.lockModel != .none
      && trace.gilSpans.contains { TimelineColumns.gilCells($0, bounds: bounds).contains(.handOff) }
  }
}
