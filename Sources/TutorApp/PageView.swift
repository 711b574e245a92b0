import DisplayText
import LessonKit
import TerminalUI

/// A lesson page laid out for a width: text wrapped by display width, code highlighted, widgets drawn at their
/// players' times.
public enum PageView {
  static let margin = 2

  static func contentWidth(_ state: AppState) -> Int { max(20, min(state.width - 2 * margin, 110)) }

  /// The page at the reading position with `shown`'s pictures (as they stand in their players).
  public static func render(_ state: AppState, _ shown: LessonPage) -> CellGrid {
    let width = contentWidth(state)
    var rows: [[StyledText]] = []
    var grids: [Int: CellGrid] = [:]
    var player = 0
    let glyphs = state.glyphs
    for block in state.course.page.blocks {
      switch block {
      case .heading(let level, let inlines):
        let role: Role = level == 1 ? .title : level == 2 ? .heading : .strong
        for line in wrap(runs(inlines, base: Style(role), glyphs: glyphs), width: width) { rows.append(line) }
      case .paragraph(let inlines):
        rows += wrap(runs(inlines, base: .normal, glyphs: glyphs), width: width)
      case .list(let ordered, let items):
        for (i, item) in items.enumerated() {
          let bullet = ordered ? "\(i + 1). " : (glyphs.unicode ? "• " : "- ")
          let lines = wrap(runs(item, base: .normal, glyphs: glyphs), width: width - TextWidth.of(bullet))
          for (j, line) in lines.enumerated() {
            let prefix = j == 0 ? bullet : String(repeating: " ", count: TextWidth.of(bullet))
            rows.append([StyledText(prefix, Style(.dim))] + line)
          }
        }
      case .code(let language, let lines):
        rows += code(lines, python: ["python", "py", "python3", "pycon"].contains(language.lowercased()))
      case .program(let excerpt):
        rows += code(excerpt.lines, python: true)
      case .widget:
        if player < shown.players.count {
          grids[rows.count] = shown.players[player].render(width: width, strings: state.strings, glyphs: glyphs)
          rows.append([])
        }
        player += 1
      }
      rows.append([])
    }
    if rows.last?.isEmpty == true && grids[rows.count - 1] == nil { rows.removeLast() }
    let height = rows.indices.reduce(0) { $0 + (grids[$1]?.height ?? 1) }
    var grid = CellGrid(width: width + margin, height: height)
    var y = 0
    for (index, row) in rows.enumerated() {
      if let widget = grids[index] {
        grid.blit(widget, x: margin, y: y)
        y += widget.height
      } else {
        grid.put(row, x: margin, y: y)
        y += 1
      }
    }
    return grid
  }

  /// A code block's rows, indented by four columns, Python highlighted.
  static func code(_ lines: [String], python: Bool) -> [[StyledText]] {
    lines.map { [StyledText("    ")] + (python ? PythonHighlighter.highlight($0) : [StyledText($0, Style(.code))]) }
  }

  static func runs(_ inlines: [Inline], base: Style, glyphs: Glyphs) -> [StyledText] {
    inlines.map { inline in
      switch inline {
      case .text(let t): StyledText(glyphs.text(t), base)
      case .emphasis(let t): StyledText(glyphs.text(t), Style(.emphasis))
      case .strong(let t): StyledText(glyphs.text(t), Style(.strong))
      case .code(let t): StyledText(glyphs.text(t), Style(.code))
      }
    }
  }

  /// Styled runs word-wrapped to `width` columns by display width. Inline code that fits on a line is never split
  /// (`counter += 1` stays whole).
  public static func wrap(_ runs: [StyledText], width: Int) -> [[StyledText]] {
    var words: [(String, Style, Bool)] = []  // word, style, preceded by a space
    var space = false
    for run in runs {
      if run.style.role == .code, run.text.contains(" "), TextWidth.of(run.text) <= width {
        words.append((run.text, run.style, space))
        space = false
        continue
      }
      var word = ""
      for character in run.text {
        if character == " " {
          if !word.isEmpty { words.append((word, run.style, space)) }
          word = ""
          space = true
        } else {
          word.append(character)
        }
      }
      if !word.isEmpty {
        words.append((word, run.style, space))
        space = false
      }
    }
    // A word not preceded by a space sticks to the one before it (`(`, `time.sleep`, `)`): lines break at spaces.
    let layout = TextLayout.lines(words.map { TextLayout.Word(width: TextWidth.of($0.0), spaced: $0.2) }, width: width)
    return layout.map { line in
      line.flatMap { index in
        let (word, style, spaced) = words[index]
        if index == line.lowerBound { return [StyledText(TextWidth.truncate(word, to: width), style)] }
        return (spaced ? [StyledText(" ")] : []) + [StyledText(word, style)]
      }
    }
  }
}
