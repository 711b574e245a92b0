import DisplayText
import SchedulerEngine
import TerminalUI

/// The whole timeline of a trace with one moment marked: the cursor (▲) on the axis at that moment and a line
/// under the axis saying when it is. Timeline questions' explanations show it, in the interface and in --plain.
public enum MarkedTimeline {
  public static func render(_ marked: MarkedTrace, width: Int, strings: Strings, glyphs: Glyphs) -> CellGrid {
    let trace = marked.trace
    let wall = TraceQueries.wallTime(trace)
    let full = TimelineWidget.render(trace, WidgetContext(time: wall, width: width, strings: strings, glyphs: glyphs))
    let gilRows = trace.scenario.lockModel == .none ? 0 : trace.gilSpans.count
    let axisRow = 1 + trace.threads.count + gilRows
    // The bars start one column after the axis corner.
    let corner = String(glyphs.axis.corner)
    guard axisRow + 1 < full.height,
      let cornerX = (0..<full.width).first(where: { String(full[$0, axisRow].character) == corner })
    else { return full }
    let barX = cornerX + 1
    let columns = max(10, width - barX - 1)
    let column = min(columns - 1, Int(Double(min(marked.moment, wall)) / Double(wall) * Double(columns)))
    var grid = CellGrid(width: width, height: full.height + 1)
    grid.blit(full, x: 0, y: 0)
    // The widget's own cursor sits at the end; the mark replaces it.
    let endColumn = columns - 1
    if String(full[barX + endColumn, axisRow].character) == String(glyphs.cursor) {
      grid.put(String(glyphs.axis.line), x: barX + endColumn, y: axisRow, style: Style(.dim))
    }
    grid.put(String(glyphs.cursor), x: barX + column, y: axisRow, style: Style(.cursor))
    grid.fill(x: 0, y: axisRow + 2, width: width, height: 1, style: .normal, character: " ")
    // The label's arrow stands right under the mark: the label runs to its right, or ends at it near the right edge.
    let arrow = glyphs.unicode ? "↑" : "^"
    let text = strings.quizMoment(strings.duration(marked.moment))
    let markX = barX + column
    let rightward = arrow + " " + text
    if markX + TextWidth.of(rightward) <= width {
      grid.put(rightward, x: markX, y: axisRow + 2, style: Style(.cursor))
    } else {
      let leftward = text + " " + arrow
      grid.put(leftward, x: max(0, markX + 1 - TextWidth.of(leftward)), y: axisRow + 2, style: Style(.cursor))
    }
    for y in (axisRow + 2)..<full.height {
      for x in 0..<width { grid[x, y + 1] = full[x, y] }
    }
    return grid
  }
}
