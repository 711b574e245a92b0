import LessonKit
import TerminalUI

extension App {
  /// The whole screen for `state`.
  public static func view(_ state: AppState) -> CellGrid {
    var grid = CellGrid(width: state.width, height: state.height)
    let s = state.strings
    if state.tooSmall { return TooSmallScreen.render(width: state.width, height: state.height, strings: s) }
    if state.screen == .quiz || state.screen == .quizOffer { return QuizView.render(state) }
    // Header.
    grid.fill(x: 0, y: 0, width: state.width, height: 1, style: Style(.status), character: " ")
    let pageText = "\(s.page) \(state.pageIndex + 1)/\(state.lesson.pages.count)"
    let right = state.width - TextWidth.of(pageText) - 1
    grid.put(
      " giltutor" + state.glyphs.separator + state.glyphs.text(state.lesson.title), x: 0, y: 0,
      style: Style(.status), limit: right - 1)
    grid.put(pageText, x: right, y: 0, style: Style(.status))
    // Body.
    switch state.screen {
    case .lesson:
      let page = PageView.render(state)
      for row in 0..<(state.height - 2) where row + state.scroll < page.height {
        for x in 0..<min(page.width, state.width) { grid[x, row + 1] = page[x, row + state.scroll] }
      }
    case .contents(let selection):
      contents(&grid, state, selection: selection)
    case .quiz, .quizOffer:
      break
    }
    // Status bar.
    let y = state.height - 1
    grid.fill(x: 0, y: y, width: state.width, height: 1, style: Style(.status), character: " ")
    var left = ""
    // The players' controls belong to the page; the table of contents has its own hint line.
    if !state.players.isEmpty && state.screen == .lesson {
      let mode: String
      if state.reducedMotion {
        mode = s.reducedMotion
      } else {
        mode =
          state.paused || state.players.allSatisfy(\.atEnd)
          ? "\(state.glyphs.pause) \(s.paused)" : "\(state.glyphs.play) \(s.playing)"
      }
      let speed = state.speedLevel >= 0 ? "×\(1 << state.speedLevel)" : "×1/\(1 << -state.speedLevel)"
      let first = state.players[0].scenario
      left = " " + mode + state.glyphs.separator + "\(s.speed) \(speed)"
      if first.interpreter.lockModel == .newGIL {
        left += state.glyphs.separator + "[ ] \(s.duration(first.switchInterval))"
      }
      left += state.glyphs.separator + "c \(s.cores) \(first.cores)"
    }
    grid.put(left, x: 0, y: y, style: Style(.status))
    grid.put(s.statusHint, x: state.width - TextWidth.of(s.statusHint) - 1, y: y, style: Style(.status))
    if state.showHelp { help(&grid, state) }
    return grid
  }

  static func contents(_ grid: inout CellGrid, _ state: AppState, selection: Int) {
    let s = state.strings
    grid.put(s.contents, x: 2, y: 2, style: Style(.title))
    grid.put(s.contentsHint, x: 2, y: 3, style: Style(.dim))
    let entries = state.contentsEntries
    let first = contentsFirstEntry(state, selection: selection)
    var y = contentsTop
    var index = first
    while index < entries.count && y < state.height - 1 {
      let entry = entries[index]
      let lesson = state.lessons[entry.lesson]
      let title = lesson.pages[entry.page].title
      let text =
        entry.page == 0
        ? "\(entry.lesson + 1). \(lesson.title)"
        : "     \(entry.page + 1). \(title.isEmpty ? "\(s.page) \(entry.page + 1)" : title)"
      let selected = index == selection
      grid.put(
        state.glyphs.text(text), x: 2, y: y, style: Style(entry.page == 0 ? .heading : .normal, reverse: selected))
      y += 1
      index += 1
    }
  }

  /// The screen row of the first entry of the table of contents.
  static let contentsTop = 5

  /// The first entry shown when `selection` is selected (the list scrolls to keep it in the middle).
  static func contentsFirstEntry(_ state: AppState, selection: Int) -> Int {
    let rows = state.height - 7
    return max(0, min(selection - rows / 2, state.contentsEntries.count - rows))
  }

  /// The help box over the screen: `lines` are (keys, what they do) and `notes` the lines under them; the
  /// lessons' by default.
  static func help(
    _ grid: inout CellGrid, _ state: AppState, lines: [(String, String)]? = nil, notes: [String]? = nil
  ) {
    let s = state.strings
    let lines = lines ?? s.helpLines
    let width = min(state.width - 4, 72)
    let height = lines.count + 7
    let x = (state.width - width) / 2
    let y = max(1, (state.height - height) / 2)
    let box = state.glyphs.box
    grid.fill(x: x, y: y, width: width, height: height, style: .normal, character: " ")
    grid.put(
      String(box.tl) + String(repeating: box.h, count: width - 2) + String(box.tr), x: x, y: y, style: Style(.border))
    for row in 1..<(height - 1) {
      grid.put(String(box.v), x: x, y: y + row, style: Style(.border))
      grid.put(String(box.v), x: x + width - 1, y: y + row, style: Style(.border))
    }
    grid.put(
      String(box.bl) + String(repeating: box.h, count: width - 2) + String(box.br), x: x, y: y + height - 1,
      style: Style(.border))
    grid.put(" " + s.help + " ", x: x + 2, y: y, style: Style(.title))
    for (i, line) in lines.enumerated() {
      grid.put(state.glyphs.text(line.0), x: x + 3, y: y + 2 + i, style: Style(.key))
      grid.put(line.1, x: x + 16, y: y + 2 + i, limit: x + width - 1)
    }
    for (i, note) in (notes ?? [s.layoutNote, s.mouseNote]).enumerated() {
      grid.put(
        state.glyphs.text(note), x: x + 3, y: y + lines.count + 3 + i, style: Style(.dim), limit: x + width - 1)
    }
    grid.put(s.helpClose, x: x + 3, y: y + height - 2, style: Style(.dim), limit: x + width - 1)
  }
}

/// A lesson page laid out for a width: text wrapped by display width, code highlighted, widgets drawn at their
/// players' times.
public enum PageView {
  static let margin = 2

  static func contentWidth(_ state: AppState) -> Int { max(20, min(state.width - 2 * margin, 110)) }

  public static func contentHeight(_ state: AppState) -> Int { render(state).height }

  public static func render(_ state: AppState) -> CellGrid {
    let width = contentWidth(state)
    var rows: [[StyledText]] = []
    var grids: [Int: CellGrid] = [:]
    var player = 0
    let glyphs = state.glyphs
    for block in state.page.blocks {
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
        let python = ["python", "py", "python3", "pycon"].contains(language.lowercased())
        for line in lines {
          rows.append([StyledText("    ")] + (python ? Python.highlight(line) : [StyledText(line, Style(.code))]))
        }
      case .widget:
        if player < state.players.count {
          grids[rows.count] = state.players[player].render(width: width, strings: state.strings, glyphs: glyphs)
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
    var units: [[(String, Style, Bool)]] = []
    for word in words {
      if word.2 || units.isEmpty { units.append([word]) } else { units[units.count - 1].append(word) }
    }
    var lines: [[StyledText]] = []
    var line: [StyledText] = []
    var used = 0
    func newLine() {
      lines.append(line)
      line = []
      used = 0
    }
    for unit in units {
      let unitWidth = unit.reduce(0) { $0 + TextWidth.of($1.0) }
      if used > 0 && unitWidth <= width && used + 1 + unitWidth > width { newLine() }
      for (word, style, spaced) in unit {
        let w = TextWidth.of(word)
        if used > 0 && used + (spaced ? 1 : 0) + w > width { newLine() }
        if used > 0 && spaced { line.append(StyledText(" ")) }
        line.append(StyledText(used == 0 ? TextWidth.truncate(word, to: width) : word, style))
        used += (used > 0 && spaced ? 1 : 0) + w
      }
    }
    if !line.isEmpty || lines.isEmpty { lines.append(line) }
    return lines
  }
}

/// Python syntax colouring for code blocks: keywords, strings, comments, numbers.
public enum Python {
  static let keywords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
    "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
  ]

  public static func highlight(_ line: String) -> [StyledText] {
    var result: [StyledText] = []
    let chars = Array(line)
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == "#" {
        result.append(StyledText(String(chars[i...]), Style(.comment)))
        break
      }
      if c == "\"" || c == "'" {
        var j = i + 1
        while j < chars.count && chars[j] != c { j += chars[j] == "\\" ? 2 : 1 }
        j = min(j + 1, chars.count)
        result.append(StyledText(String(chars[i..<j]), Style(.string)))
        i = j
        continue
      }
      if c.isLetter || c == "_" {
        var j = i
        while j < chars.count && (chars[j].isLetter || chars[j].isNumber || chars[j] == "_") { j += 1 }
        let word = String(chars[i..<j])
        result.append(StyledText(word, Style(keywords.contains(word) ? .keyword : .code)))
        i = j
        continue
      }
      result.append(StyledText(String(c), Style(.code)))
      i += 1
    }
    return result
  }
}
