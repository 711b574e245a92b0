import LessonKit
import TerminalUI

/// A lesson page in the frame: the page scrolled into the body, the pictures' controls in the status bar.
enum LessonView {
  /// The header names the lesson and the page; the status bar shows the controls of `page`'s pictures.
  static func parts(_ state: AppState, _ page: LessonPage?) -> FrameParts {
    let s = state.strings
    let g = state.glyphs
    let course = state.course
    var parts = FrameParts(
      title: "giltutor" + g.separator + g.text(course.lesson.title),
      position: "\(s.page) \(course.pageIndex + 1)/\(course.lesson.pages.count)",
      help: Help(lines: s.helpLines.map { (keys: $0.0, what: $0.1) }, notes: [s.layoutNote, s.mouseNote]))
    if let page, !page.players.isEmpty { parts.status = status(state, page) }
    return parts
  }

  static func body(_ grid: inout CellGrid, _ state: AppState, _ page: LessonPage) {
    Frame.viewport(&grid, PageView.render(state, page), scroll: page.scroll)
  }

  /// Playing or paused, the speed, the switch interval and the cores of the first picture; simulating while
  /// a picture is.
  static func status(_ state: AppState, _ page: LessonPage) -> String {
    let s = state.strings
    let g = state.glyphs
    let mode: String
    if page.players.contains(where: \.simulating) {
      mode = g.text(s.simulating)
    } else if state.reducedMotion {
      mode = s.reducedMotion
    } else {
      mode = page.paused || page.players.allSatisfy(\.atEnd) ? "\(g.pause) \(s.paused)" : "\(g.play) \(s.playing)"
    }
    let level = state.course.speedLevel
    let speed = level >= 0 ? "×\(1 << level)" : "×1/\(1 << -level)"
    let first = page.players[0].scenario
    var left = " " + mode + g.separator + "\(s.speed) \(speed)"
    if first.lockModel == .newGIL {
      left += g.separator + "[ ] \(s.duration(first.switchInterval))"
    }
    return left + g.separator + "c \(s.cores) \(first.cores)"
  }
}
