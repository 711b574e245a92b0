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
    trace = Simulator.run(widget.scenario)
    time = 0
    if atEnd { time = wall }
  }

  public var wall: Nanos { TraceQueries.wallTime(trace) }
  public var atEnd: Bool { time >= wall }

  /// Simulated time per real second at speed 1: the whole trace plays in ten seconds.
  public static let secondsPerRun: Double = 10

  public mutating func advance(realNanoseconds: Int64, speed: Double) {
    let rate = Double(wall) / (Player.secondsPerRun * 1e9) * speed
    time = min(wall, time + max(1, Nanos(Double(realNanoseconds) * rate)))
  }

  public mutating func step() {
    time = TraceQueries.nextEventTime(after: time, in: trace, bytecode: widget.kind == .dis) ?? wall
  }

  /// Re-simulates with a changed scenario, keeping the time (clamped to the new end).
  public mutating func resimulate(_ change: (inout Scenario) -> Void) {
    change(&scenario)
    trace = Simulator.run(scenario)
    time = min(time, wall)
  }

  public func render(width: Int, strings: Strings, glyphs: Glyphs) -> CellGrid {
    let context = WidgetContext(time: time, width: width, strings: strings, glyphs: glyphs)
    switch widget.kind {
    case .timeline: return TimelineWidget.render(trace, context)
    case .key: return KeyWidget.render(trace, context)
    case .stick: return StickWidget.render(trace, context)
    case .dis:
      guard let statement = widget.statement else { return CellGrid(width: width, height: 0) }
      return DisWidget.render(trace, statement: statement, source: widget.argument, context)
    }
  }
}
