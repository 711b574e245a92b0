import DisplayText
import SchedulerEngine

/// Everything a picture needs besides the trace: where we are in it and how to draw.
public struct WidgetContext: Sendable {
  public var time: Nanos
  public var width: Int
  public var strings: Strings
  public var glyphs: Glyphs

  public init(time: Nanos, width: Int, strings: Strings, glyphs: Glyphs) {
    self.time = time
    self.width = width
    self.strings = strings
    self.glyphs = glyphs
  }
}

/// The name of thread `index`, or `?`.
func threadName(_ trace: Trace, _ index: Int) -> String {
  index >= 0 && index < trace.threads.count ? trace.threads[index].name : "?"
}

extension WidgetContext {
  /// A widget's first row: its name and the scenario's title on the left, the time shown on the right.
  func header(_ title: String, _ trace: Trace) -> CellGrid {
    let c = self
    var grid = CellGrid(width: c.width, height: 1)
    let time = "t = \(c.strings.duration(c.time))"
    let right = c.width - TextWidth.of(time)
    grid.put(time, x: right, y: 0, style: Style(.emphasis))
    grid.put(
      [
        StyledText(title, Style(.title)),
        StyledText(
          trace.scenario.title.isEmpty ? "" : c.glyphs.separator + c.glyphs.text(trace.scenario.title), Style(.dim)),
      ],
      x: 0, y: 0, limit: right - 1)
    return grid
  }

  /// A widget's last row: the latest event the pictures mention, in a sentence ("→ net takes the GIL").
  func lastEvent(_ trace: Trace) -> [StyledText] {
    let c = self
    guard let e = TraceQueries.lastNotableEvent(at: c.time, in: trace) else { return [] }
    let name = c.glyphs.text(threadName(trace, Int(e.thread)))
    let other = e.detail >= 0 ? c.glyphs.text(threadName(trace, Int(e.detail))) : ""
    guard let text = c.strings.event(e.kind, thread: name, other: other) else { return [] }
    return [StyledText(c.glyphs.arrow + " ", Style(.dim)), StyledText(text, Style(.emphasis))]
  }
}
