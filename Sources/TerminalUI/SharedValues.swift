import DisplayText
import SchedulerEngine

/// The scenario's shared variables as they stand at the widget's time, for the last row of a timeline:
/// `counter = 131,835` (`counter = 131 835` in Russian). A race shows as a total short of the updates made.
public enum SharedValues {
  /// One row of `name = value` pairs, or nothing when the scenario has no shared variables.
  public static func line(_ trace: Trace, _ c: WidgetContext) -> [StyledText] {
    let values = trace.scenario.shared.compactMap { variable in
      TraceQueries.sharedValue(variable.name, at: c.time, in: trace).map {
        "\(variable.name) = \(NumberText.grouped($0, c.strings.language))"
      }
    }
    return values.isEmpty ? [] : [StyledText(values.joined(separator: c.glyphs.separator), Style(.emphasis))]
  }
}
