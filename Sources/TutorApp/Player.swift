import LessonKit
import SchedulerEngine
import TerminalUI

/// One live picture: its widget, the scenario as the learner changed it, the trace and the time shown.
public struct Player: Sendable {
  public var widget: Widget
  public var scenario: Scenario
  public var trace: Trace
  public var time: Nanos

  public init(_ widget: Widget, atEnd: Bool) {
    self.widget = widget
    scenario = widget.scenario
    trace = Simulator.run(widget.scenario, budget: .picture)
    time = 0
    if atEnd { time = wall }
  }

  public var wall: Nanos { TraceQueries.wallTime(trace) }
  public var atEnd: Bool { time >= wall }
  /// How long the picture's time axis is: the trace's wall time, or the timeline's `span` when that is longer.
  public var axis: Nanos { max(wall, widget.timeline.span ?? 0) }

  /// Simulated time per real second at speed 1: the whole axis plays in ten seconds.
  public static let secondsPerRun: Double = 10

  public mutating func advance(realNanoseconds: Int64, speed: Double) {
    let rate = Double(axis) / (Player.secondsPerRun * 1e9) * speed
    time = min(wall, time + max(1, Nanos(Double(realNanoseconds) * rate)))
  }

  public mutating func step() {
    time = TraceQueries.nextEventTime(after: time, in: trace, bytecode: widget.kind == .dis) ?? wall
  }

  /// Re-simulates with a changed scenario, keeping the time (clamped to the new end).
  public mutating func resimulate(_ change: (inout Scenario) -> Void) {
    change(&scenario)
    trace = Simulator.run(scenario, budget: .picture)
    time = min(time, wall)
  }

  public func render(width: Int, strings: Strings, glyphs: Glyphs) -> CellGrid {
    let context = WidgetContext(time: time, width: width, strings: strings, glyphs: glyphs)
    switch widget.kind {
    case .timeline:
      return TimelineWidget.render(trace, context, compact: widget.timeline.compact, span: widget.timeline.span)
    case .key: return KeyWidget.render(trace, context)
    case .stick: return StickWidget.render(trace, context)
    case .dis:
      guard let statement = widget.statement else { return CellGrid(width: width, height: 0) }
      return DisWidget.render(trace, statement: statement, source: widget.argument, context)
    }
  }
}
