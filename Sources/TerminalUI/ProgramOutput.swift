import DisplayText
import SchedulerEngine

/// What a simulated Python program has printed by the widget's time, for the last rows of its timeline: the last
/// few lines, standard error's marked as errors, so that a race's final count appears as the run ends.
public enum ProgramOutput {
  /// At most this many rows, so that a page with two timelines still fits 80×24.
  public static let maximumRows = 3

  /// One line of output: its text (control characters not yet escaped) and whether it went to standard error.
  struct Line: Equatable {
    var text: String
    var isError: Bool
  }

  /// The lines printed up to `time`, a line not yet ended included; pieces of one line written to different
  /// streams start a line of their own.
  static func lines(_ trace: Trace, upTo time: Nanos) -> [Line] {
    var lines: [Line] = []
    var open = false
    for write in trace.output where write.time <= time {
      let pieces = write.text.split(separator: "\n", omittingEmptySubsequences: false)
      for (index, piece) in pieces.enumerated() {
        let last = index == pieces.count - 1
        if last && piece.isEmpty {
          open = false
          break
        }
        if index == 0, open, lines.last?.isError == write.isError {
          lines[lines.count - 1].text += piece
        } else {
          lines.append(Line(text: String(piece), isError: write.isError))
        }
        open = last
      }
    }
    return lines
  }

  /// How many rows the whole run's output takes under its timeline: the same at every time, so that the picture
  /// keeps its height as it plays. None for a scenario, or a program that prints nothing.
  public static func rowCount(_ trace: Trace) -> Int {
    trace.output.isEmpty ? 0 : min(maximumRows, lines(trace, upTo: .max).count)
  }

  /// The rows at the widget's time: `label` in the first row's label column (`labelWidth` wide), then the last
  /// lines printed by then, top to bottom, blank rows below them until more is printed.
  public static func rows(_ trace: Trace, _ c: WidgetContext, label: String, labelWidth: Int) -> [[StyledText]] {
    let count = rowCount(trace)
    guard count > 0 else { return [] }
    let shown = lines(trace, upTo: c.time).suffix(count)
    let textWidth = max(1, c.width - labelWidth - 1)
    var rows: [[StyledText]] = shown.map { line in
      let text = c.glyphs.name(line.text, width: textWidth)
      return [
        StyledText(String(repeating: " ", count: labelWidth + 1)),
        StyledText(text, Style(line.isError ? .error : .emphasis)),
      ]
    }
    while rows.count < count { rows.append([]) }
    let title = c.glyphs.name(label, width: labelWidth)
    let rest = rows[0].dropFirst()
    rows[0] = [StyledText(TextWidth.padRight(title, to: labelWidth + 1), Style(.dim))] + rest
    return rows
  }
}
