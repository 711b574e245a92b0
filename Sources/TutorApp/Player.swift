import DisplayText
import LessonKit
import SchedulerEngine
import TerminalUI

/// One live picture: its widget, the scenario as the learner changed it, the trace and the time shown.
public struct Player: Sendable {
  public var widget: Widget
  public var scenario: Scenario
  /// The simulated run; nil until the first simulation of the page arrives.
  public var trace: Trace?
  public var time: Nanos = 0
  /// Whether a simulation of `scenario` is under way (the picture says so; `trace` is the previous one, if any).
  public var simulating = false

  /// A picture whose scenario is still to simulate.
  public init(_ widget: Widget) {
    self.widget = widget
    scenario = widget.scenario
  }

  /// The picture simulated here and now (the first page, before the first frame; lint; tests).
  public init(_ widget: Widget, atEnd: Bool) {
    self.init(widget)
    receive(PictureTraces.trace(scenario), atEnd: atEnd)
  }

  public var wall: Nanos { trace.map(TraceQueries.wallTime) ?? 0 }
  public var atEnd: Bool { time >= wall }
  /// Whether the picture has a run to play and has not reached its end.
  public var isPlaying: Bool { trace != nil && !atEnd }
  /// How long the picture's time axis is: the trace's wall time, or the timeline's `span` when that is longer.
  public var axis: Nanos { max(wall, widget.timeline.span ?? 0) }

  /// Simulated time per real second at speed 1: the whole axis plays in ten seconds.
  public static let secondsPerRun: Double = 10

  public mutating func advance(realNanoseconds: Int64, speed: Double) {
    guard trace != nil else { return }
    let rate = Double(axis) / (Player.secondsPerRun * 1e9) * speed
    time = min(wall, time + max(1, Nanos(Double(realNanoseconds) * rate)))
  }

  public mutating func step() {
    guard let trace else { return }
    time = TraceQueries.nextEventTime(after: time, in: trace, bytecode: widget.kind == .dis) ?? wall
  }

  /// A new run arrived: a first one starts at the beginning (or the end, without motion); a re-simulation keeps
  /// the time, clamped to the new end.
  public mutating func receive(_ newTrace: Trace, atEnd: Bool) {
    let first = trace == nil
    trace = newTrace
    simulating = false
    time = first ? (atEnd ? wall : 0) : min(time, wall)
  }

  public func render(width: Int, strings: Strings, glyphs: Glyphs) -> CellGrid {
    guard let trace else {
      var grid = CellGrid(width: width, height: 1)
      grid.put(glyphs.text(strings.simulating), x: 0, y: 0, style: Style(.dim))
      return grid
    }
    let context = WidgetContext(time: time, width: width, strings: strings, glyphs: glyphs)
    var grid: CellGrid
    switch widget.kind {
    case .timeline:
      grid = TimelineWidget.render(trace, context, compact: widget.timeline.compact, span: widget.timeline.span)
    case .key: grid = KeyWidget.render(trace, context)
    case .stick: grid = StickWidget.render(trace, context)
    case .dis:
      guard let statement = widget.statement else { return CellGrid(width: width, height: 0) }
      grid = DisWidget.render(trace, statement: statement, source: widget.argument, context)
    }
    if simulating && grid.height > 0 {
      // The old picture stays while the new one is simulated; its top right corner says so.
      let label = " " + glyphs.text(strings.simulating) + " "
      grid.put(label, x: max(0, width - TextWidth.of(label)), y: 0, style: Style(.dim, reverse: true))
    }
    return grid
  }
}
