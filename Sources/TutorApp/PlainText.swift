import DisplayText
import LessonKit
import SchedulerEngine
import TerminalUI

/// `giltutor lesson ID --plain`: the lesson as text for pipes and screen readers. Widgets become text timelines
/// of the whole trace (in the interface's language) or bytecode listings.
public enum PlainText {
  public static func render(_ lesson: Lesson, width: Int, unicode: Bool, strings: Strings) -> String {
    var lines: [String] = []
    let glyphs = Glyphs(unicode: unicode)
    for (index, page) in lesson.pages.enumerated() {
      if index > 0 {
        lines.append("")
        lines.append("-- \(strings.page) \(index + 1)/\(lesson.pages.count) --")
        lines.append("")
      }
      for block in page.blocks {
        switch block {
        case .heading(let level, let inlines):
          let text = glyphs.text(inlines.plainText)
          lines.append(text)
          if level <= 2 {
            lines.append(String(repeating: level == 1 ? "=" : "-", count: max(3, TextWidth.of(text))))
          }
        case .paragraph(let inlines):
          lines += PageView.wrap([StyledText(glyphs.text(inlines.plainText))], width: width).map(join)
        case .list(let ordered, let items):
          for (i, item) in items.enumerated() {
            let bullet = ordered ? "\(i + 1). " : "- "
            let wrapped = PageView.wrap([StyledText(glyphs.text(item.plainText))], width: width - bullet.count)
            for (j, line) in wrapped.enumerated() {
              lines.append((j == 0 ? bullet : String(repeating: " ", count: bullet.count)) + join(line))
            }
          }
        case .code(_, let code):
          lines += code.map { "    " + glyphs.text($0) }
        case .program(let excerpt):
          lines += excerpt.lines.map { "    " + glyphs.text($0) }
        case .widget(let widget):
          lines += widgetText(widget, width: width, unicode: unicode, strings: strings)
        }
        lines.append("")
      }
    }
    while lines.last == "" { lines.removeLast() }
    return lines.joined(separator: "\n") + "\n"
  }

  static func join(_ runs: [StyledText]) -> String { runs.map(\.text).joined() }

  /// A widget as text in the interface's language: the whole trace's timeline (for every picture of a
  /// scenario), or the statement's bytecode for `dis`.
  static func widgetText(_ widget: Widget, width: Int, unicode: Bool, strings: Strings) -> [String] {
    let trace = PictureTraces.trace(widget.scenario)
    if widget.kind == .dis, let statement = widget.statement {
      let listing = DisWidget.listing(widget.scenario, statement: statement)
      return ["dis: \(widget.argument)"] + listing.map { "    " + ($0.isCheckPoint ? "* " : "  ") + $0.text }
    }
    let context = WidgetContext(
      time: TraceQueries.wallTime(trace), width: width, strings: strings, glyphs: Glyphs(unicode: unicode))
    return TimelineWidget.render(trace, context).rows
  }
}
