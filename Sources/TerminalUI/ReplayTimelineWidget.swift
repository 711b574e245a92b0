import DisplayText
import SchedulerEngine

/// The replay's timeline: like `TimelineWidget`, but the whole recording is drawn (not only up to the cursor),
/// over a time window that can be zoomed, for a chosen set of threads, with the cursor on the axis.
public enum ReplayTimelineWidget {
  public static func render(
    _ trace: Trace, _ c: WidgetContext, window: ClosedRange<Nanos>, threads: [Int]
  ) -> CellGrid {
    let glyphs = c.glyphs
    let s = c.strings
    let labels = threads.map { "\(ThreadCodes.code(ofThread: $0)) \(glyphs.text(trace.threads[$0].name))" }
    let labelWidth = min(16, max(TextWidth.of(s.gilRow), labels.map(TextWidth.of).max() ?? 3))
    let barX = labelWidth + 1
    let columns = max(10, c.width - barX - 1)
    let gilProcesses = trace.scenario.lockModel == .none ? [] : Array(trace.gilSpans.indices)
    let span = max(1, window.upperBound - window.lowerBound)
    let bounds = TimelineColumns.bounds(window, columns: columns)
    let legendLines = TimelineWidget.legend(
      TimelineWidget.presentStates(trace), briefTurns: TimelineWidget.hasBriefTurns(trace, bounds: bounds),
      handOffs: TimelineWidget.hasHandOffs(trace, bounds: bounds), c)
    let height = threads.count + gilProcesses.count + 2 + legendLines.count
    var grid = CellGrid(width: c.width, height: height)
    func column(_ t: Nanos) -> Int { Int(Double(t - window.lowerBound) / Double(span) * Double(columns)) }
    let cursorColumn = window.contains(c.time) ? min(columns - 1, column(c.time)) : nil
    var y = 0
    for (row, index) in threads.enumerated() {
      grid.put(TextWidth.truncate(labels[row], to: labelWidth), x: 0, y: y)
      let cells = TimelineColumns.threadCells(trace.spans[index], bounds: bounds, upTo: window.upperBound)
      for (x, cell) in cells.enumerated() {
        grid.put(String(glyphs.cell(cell)), x: barX + x, y: y, style: Style(role(of: cell), reverse: x == cursorColumn))
      }
      y += 1
    }
    for process in gilProcesses {
      grid.put(gilProcesses.count > 1 ? "\(s.gilRow) \(process + 1)" : s.gilRow, x: 0, y: y, style: Style(.gil))
      let cells = TimelineColumns.gilCells(trace.gilSpans[process], bounds: bounds, upTo: window.upperBound)
      for (x, cell) in cells.enumerated() {
        grid.put(String(glyphs.cell(cell)), x: barX + x, y: y, style: Style(role(of: cell), reverse: x == cursorColumn))
      }
      y += 1
    }
    TimelineWidget.axis(&grid, y: y, barX: barX, columns: columns, window: window, cursor: cursorColumn, c)
    y += 2
    for line in legendLines {
      grid.put(line, x: 0, y: y)
      y += 1
    }
    return grid
  }
}
