import DisplayText
import TerminalUI

/// What a mode puts into the frame: the header's two ends, the status bar's left end and its help.
struct FrameParts {
  /// The header's left end: what is shown (`giltutor · What is the GIL?`).
  var title: String
  /// The header's right end: where in it the learner is (`page 1/5`).
  var position = ""
  /// The status bar's left end: the mode's state and controls.
  var status = ""
  var help: Help
}

/// The one frame every mode is drawn in, as htop's screen manager draws every screen: a header, the mode's body,
/// a status bar with the help hint, and over them the help box; on a terminal under 80×24, only the too-small
/// screen. The modes draw only their bodies and name their parts.
public enum Frame {
  /// The whole screen for `state`.
  public static func render(_ state: AppState) -> CellGrid {
    if state.tooSmall { return TooSmallScreen.render(width: state.width, height: state.height, strings: state.strings) }
    var grid = CellGrid(width: state.width, height: state.height)
    let parts: FrameParts
    switch state.mode {
    case .lesson(let page):
      parts = LessonView.parts(state, page)
      LessonView.body(&grid, state, page)
    case .contents(let selection, _):
      parts = LessonView.parts(state, nil)
      ContentsView.body(&grid, state, selection: selection)
    case .quizOffer:
      parts = QuizView.offerParts(state)
      QuizView.offer(&grid, state)
    case .quiz(let quiz):
      parts = QuizView.parts(state, quiz)
      QuizView.body(&grid, state, quiz)
    case .replay(let replay):
      parts = ReplayView.parts(state, replay)
      ReplayView.body(&grid, state, replay)
    }
    let glyphs = state.glyphs
    bar(&grid, y: 0, left: " " + parts.title, right: parts.position)
    bar(&grid, y: state.height - 1, left: parts.status, right: state.strings.statusHint)
    if state.showHelp { HelpOverlay.draw(&grid, parts.help, strings: state.strings, glyphs: glyphs) }
    return grid
  }

  /// The rows between the header and the status bar.
  static func bodyHeight(_ state: AppState) -> Int { state.height - 2 }

  /// Rows `scroll...` of `content` into the body, from column `x`.
  static func viewport(_ grid: inout CellGrid, _ content: CellGrid, scroll: Int, x: Int = 0) {
    for row in 0..<(grid.height - 2) where row + scroll < content.height {
      for column in 0..<min(content.width, grid.width - x) { grid[x + column, row + 1] = content[column, row + scroll] }
    }
  }

  /// A header or status bar: `left` cut short of `right`, which ends a column before the edge.
  static func bar(_ grid: inout CellGrid, y: Int, left: String, right: String) {
    grid.fill(x: 0, y: y, width: grid.width, height: 1, style: Style(.status), character: " ")
    let rightX = grid.width - TextWidth.of(right) - 1
    grid.put(left, x: 0, y: y, style: Style(.status), limit: rightX - 1)
    grid.put(right, x: rightX, y: y, style: Style(.status))
  }
}

extension App {
  /// The whole screen for `state`.
  public static func view(_ state: AppState) -> CellGrid { Frame.render(state) }
}
