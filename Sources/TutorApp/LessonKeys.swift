import LessonKit
import SchedulerEngine
import TerminalUI

/// Keys on a lesson page and in the table of contents, and turning pages.
enum LessonKeys {
  static func page(_ state: inout AppState, _ page: LessonPage, _ key: Key) -> [Effect] {
    var page = page
    var effects: [Effect] = []
    switch key {
    case .right, .pageDown, .character("l"), .character("n"): return turn(&state, by: 1)
    case .left, .pageUp, .character("h"), .character("p"): return turn(&state, by: -1)
    case .down, .character("j"):
      page.scroll = min(page.scroll + 1, maxScroll(state, page))
    case .up, .character("k"):
      page.scroll = max(0, page.scroll - 1)
    case .home:
      page.scroll = 0
    case .character("t"):
      let course = state.course
      let current = course.contentsEntries.firstIndex {
        $0.lesson == course.lessonIndex && $0.page == course.pageIndex
      }
      state.mode = .contents(selection: current ?? 0, behind: page)
      return []
    case .character(" "):
      if page.players.allSatisfy(\.atEnd) && !state.reducedMotion {
        for i in page.players.indices { page.players[i].time = 0 }
        page.paused = false
      } else {
        page.paused.toggle()
      }
    case .character("."):
      page.paused = true
      for i in page.players.indices { page.players[i].step() }
    case .character("+"), .character("="):
      state.course.speedLevel = min(4, state.course.speedLevel + 1)
    case .character("-"), .character("_"):
      state.course.speedLevel = max(-4, state.course.speedLevel - 1)
    case .character("r"):
      for i in page.players.indices { page.players[i].time = 0 }
      page.paused = false
    case .character("]"), .character("["):
      let double = key == .character("]")
      effects = resimulate(&state, &page) { scenario in
        if scenario.lockModel == .oldGIL {
          scenario.checkInterval =
            double ? min(100_000, scenario.checkInterval * 2) : max(1, scenario.checkInterval / 2)
        } else {
          // Whole microseconds, as CPython keeps it: half of 625 us is 312 us.
          let interval = double ? scenario.switchInterval * 2 : scenario.switchInterval / 2
          let whole = interval / Time.microsecond * Time.microsecond
          scenario.switchInterval = min(Time.second, max(10 * Time.microsecond, whole))
        }
      }
    case .character("c"):
      let steps = [1, 2, 4, 8]
      effects = resimulate(&state, &page) { scenario in
        scenario.cores = steps.first { $0 > scenario.cores } ?? 1
      }
    default:
      break
    }
    state.mode = .lesson(page)
    return effects
  }

  /// Changes every picture's scenario and asks for the new runs; the old pictures stay until they arrive.
  static func resimulate(_ state: inout AppState, _ page: inout LessonPage, _ change: (inout Scenario) -> Void)
    -> [Effect]
  {
    for i in page.players.indices { change(&page.players[i].scenario) }
    return state.startSimulation(&page).map { [.simulate($0)] } ?? []
  }

  static func contents(_ state: inout AppState, _ selection: Int, _ behind: LessonPage?, _ key: Key) -> [Effect] {
    let entries = state.course.contentsEntries
    switch key {
    case .up, .character("k"):
      state.mode = .contents(selection: max(0, selection - 1), behind: behind)
    case .down, .character("j"):
      state.mode = .contents(selection: min(entries.count - 1, selection + 1), behind: behind)
    case .enter, .right, .character("l"):
      let entry = entries[max(0, min(selection, entries.count - 1))]
      state.course.move(lesson: entry.lesson, page: entry.page)
      return state.openReadingPosition() + [App.progress(state)]
    case .escape, .character("t"), .left, .character("h"):
      guard let behind else { return state.openReadingPosition() }
      state.mode = .lesson(behind)
    default:
      break
    }
    return []
  }

  static func turn(_ state: inout AppState, by delta: Int) -> [Effect] {
    let course = state.course
    var lesson = course.lessonIndex
    var page = course.pageIndex + delta
    if page >= course.lesson.pages.count && course.quizzes[course.lesson.id] != nil,
      case .lesson(let shown) = state.mode
    {
      state.mode = .quizOffer(behind: shown)
      return []
    }
    if page >= course.lesson.pages.count {
      guard lesson + 1 < course.lessons.count else { return [] }
      lesson += 1
      page = 0
    } else if page < 0 {
      guard lesson > 0 else { return [] }
      lesson -= 1
      page = course.lessons[lesson].pages.count - 1
    }
    state.course.move(lesson: lesson, page: page)
    return state.openReadingPosition() + [App.progress(state)]
  }

  /// The first page of the next lesson; at the course's end, `otherwise` (or the page at the reading position).
  static func nextLesson(_ state: inout AppState, otherwise: LessonPage? = nil) -> [Effect] {
    guard state.course.lessonIndex + 1 < state.course.lessons.count else {
      guard let otherwise else { return state.openReadingPosition() }
      state.mode = .lesson(otherwise)
      return []
    }
    state.course.move(lesson: state.course.lessonIndex + 1, page: 0)
    return state.openReadingPosition() + [App.progress(state)]
  }

  static func maxScroll(_ state: AppState, _ page: LessonPage) -> Int {
    max(0, PageView.render(state, page).height - (state.height - 2))
  }
}
