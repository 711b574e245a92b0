import TerminalUI

/// The table of contents: every lesson and its pages, the selected line in reverse video.
enum ContentsView {
  /// The screen row of the first entry.
  static let top = 5

  static func body(_ grid: inout CellGrid, _ state: AppState, selection: Int) {
    let s = state.strings
    grid.put(s.contents, x: 2, y: 2, style: Style(.title))
    grid.put(s.contentsHint, x: 2, y: 3, style: Style(.dim))
    let entries = state.course.contentsEntries
    var y = top
    var index = firstEntry(state, selection: selection)
    while index < entries.count && y < state.height - 1 {
      let entry = entries[index]
      let lesson = state.course.lessons[entry.lesson]
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

  /// The first entry shown when `selection` is selected (the list scrolls to keep it in the middle).
  static func firstEntry(_ state: AppState, selection: Int) -> Int {
    let rows = state.height - 7
    return max(0, min(selection - rows / 2, state.course.contentsEntries.count - rows))
  }
}
