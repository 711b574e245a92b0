import LessonKit
import SchedulerEngine
import TerminalUI

/// What the app shows.
public enum Screen: Sendable, Equatable {
  case lesson
  /// The table of contents: every lesson and its pages; `selection` indexes `AppState.contentsEntries`.
  case contents(selection: Int)
  /// The end of a lesson that has a quiz: take it, or go on.
  case quizOffer
  /// The quiz (`AppState.quiz`).
  case quiz
}

/// What the run loop must do besides drawing the new state.
public enum Effect: Sendable, Equatable {
  case quit
  /// Forget the last frame and repaint every cell (Ctrl-L).
  case redraw
  /// The learner moved: remember the lesson and page.
  case saveProgress(lesson: String, page: Int)
  /// The learner answered a quiz question: remember the run so far.
  case saveQuiz(lesson: String, record: QuizRecord, startsAttempt: Bool)
}

/// The whole state of the interface. `update` changes it; `view` draws it.
public struct AppState: Sendable {
  public var lessons: [Lesson]
  public var lessonIndex = 0
  public var pageIndex = 0
  public var screen: Screen = .lesson
  public var scroll = 0
  public var players: [Player] = []
  public var paused = false
  /// Playback speed is 2^speedLevel.
  public var speedLevel = 0
  public var showHelp = false
  public var width: Int
  public var height: Int
  public var reducedMotion: Bool
  public var strings: Strings
  public var glyphs: Glyphs
  /// The quizzes of the lessons that have one, by lesson ID.
  public var quizzes: [String: Quiz] = [:]
  /// The quiz being taken, while `screen` is `.quiz`.
  public var quiz: QuizScreenState?
  /// Seeds the shuffles of the choices (each run of a quiz adds its count).
  public var quizSeed: UInt64 = 0
  var quizRuns = 0
  public var now: @Sendable () -> Double = AppState.wallClock

  public static let minimumWidth = TooSmallScreen.minimumWidth
  public static let minimumHeight = TooSmallScreen.minimumHeight

  public init(
    lessons: [Lesson], width: Int, height: Int, language: Language, unicode: Bool, reducedMotion: Bool,
    lesson: Int = 0, page: Int = 0, screen: Screen = .lesson
  ) {
    self.lessons = lessons
    self.width = width
    self.height = height
    self.reducedMotion = reducedMotion
    strings = .of(language)
    glyphs = Glyphs(unicode: unicode)
    self.screen = screen
    open(lesson: lesson, page: page)
  }

  public var lesson: Lesson { lessons[lessonIndex] }
  public var page: Page { lesson.pages[pageIndex] }
  public var tooSmall: Bool { !TooSmallScreen.fits(width: width, height: height) }
  public var speed: Double { pow2(speedLevel) }

  /// Whether time moves on its own: the run loop then ticks (at most ~30 times a second); otherwise it blocks.
  public var isAnimating: Bool {
    !reducedMotion && !paused && !showHelp && !tooSmall && screen == .lesson && players.contains { !$0.atEnd }
  }

  /// (lesson, page) for each line of the table of contents.
  public var contentsEntries: [(lesson: Int, page: Int)] {
    var entries: [(Int, Int)] = []
    for (l, lesson) in lessons.enumerated() {
      for p in lesson.pages.indices { entries.append((l, p)) }
    }
    return entries
  }

  mutating func open(lesson: Int, page: Int) {
    lessonIndex = max(0, min(lesson, lessons.count - 1))
    pageIndex = max(0, min(page, lessons[lessonIndex].pages.count - 1))
    scroll = 0
    paused = false
    // Let the old page's traces go before the new ones are simulated: a race picture holds ~100 MB of events.
    players = []
    players = self.page.blocks.compactMap {
      if case .widget(let widget) = $0 { return Player(widget, atEnd: reducedMotion) }
      return nil
    }
  }
}

private func pow2(_ level: Int) -> Double {
  level >= 0 ? Double(1 << level) : 1 / Double(1 << -level)
}

/// The app core: every key, tick and resize goes through here.
public enum App {
  /// `state` after `event`, and what the run loop must do.
  @discardableResult
  public static func update(_ state: inout AppState, _ event: InputEvent) -> [Effect] {
    switch event {
    case .resize(let width, let height):
      state.width = width
      state.height = height
      state.scroll = min(state.scroll, maxScroll(state))
      return []
    case .redraw:
      return [.redraw]
    case .tick(let nanoseconds):
      guard state.isAnimating else { return [] }
      for i in state.players.indices { state.players[i].advance(realNanoseconds: nanoseconds, speed: state.speed) }
      return []
    case .mouse(let action):
      switch action {
      // On a lesson page the wheel scrolls, and past the page's top or bottom turns the page; elsewhere it moves
      // as the arrows do.
      case .wheelUp:
        guard state.screen == .lesson, !state.tooSmall, !state.showHelp, state.scroll == 0 else {
          return key(&state, .up)
        }
        return turn(&state, by: -1)
      case .wheelDown:
        guard state.screen == .lesson, !state.tooSmall, !state.showHelp, state.scroll >= maxScroll(state) else {
          return key(&state, .down)
        }
        return turn(&state, by: 1)
      case .click(_, let y):
        // In the table of contents a click opens the entry under the pointer.
        guard !state.tooSmall, !state.showHelp, case .contents(let selection) = state.screen else { return [] }
        let index = contentsFirstEntry(state, selection: selection) + y - contentsTop
        guard y >= contentsTop, y < state.height - 1, index < state.contentsEntries.count else { return [] }
        return contentsKey(&state, .enter, index)
      }
    case .key(let key):
      return self.key(&state, key.latinPosition)
    }
  }

  /// The pure form of `update`, for tests.
  public static func updated(_ state: AppState, _ events: [InputEvent]) -> AppState {
    var state = state
    for event in events { update(&state, event) }
    return state
  }

  static func isQuit(_ key: Key) -> Bool { key == .character("q") || key == .function(10) }

  static func key(_ state: inout AppState, _ key: Key) -> [Effect] {
    if key == .control("c") || isQuit(key) {
      return [.quit, progress(state)]
    }
    if key == .control("l") { return [.redraw] }
    if state.tooSmall { return [] }
    if state.showHelp {
      state.showHelp = false
      return []
    }
    if key == .character("?") || key == .function(1) {
      state.showHelp = true
      return []
    }
    if case .contents(let selection) = state.screen { return contentsKey(&state, key, selection) }
    if state.screen == .quizOffer { return QuizKeys.offer(&state, key) }
    if state.screen == .quiz { return QuizKeys.key(&state, key) }
    switch key {
    case .right, .pageDown, .character("l"), .character("n"): return turn(&state, by: 1)
    case .left, .pageUp, .character("h"), .character("p"): return turn(&state, by: -1)
    case .down, .character("j"):
      state.scroll = min(state.scroll + 1, maxScroll(state))
    case .up, .character("k"):
      state.scroll = max(0, state.scroll - 1)
    case .home:
      state.scroll = 0
    case .character("t"):
      let current = state.contentsEntries.firstIndex { $0.lesson == state.lessonIndex && $0.page == state.pageIndex }
      state.screen = .contents(selection: current ?? 0)
    case .character(" "):
      if state.players.allSatisfy(\.atEnd) && !state.reducedMotion {
        for i in state.players.indices { state.players[i].time = 0 }
        state.paused = false
      } else {
        state.paused.toggle()
      }
    case .character("."):
      state.paused = true
      for i in state.players.indices { state.players[i].step() }
    case .character("+"), .character("="):
      state.speedLevel = min(4, state.speedLevel + 1)
    case .character("-"), .character("_"):
      state.speedLevel = max(-4, state.speedLevel - 1)
    case .character("r"):
      for i in state.players.indices { state.players[i].time = 0 }
      state.paused = false
    case .character("]"), .character("["):
      let double = key == .character("]")
      for i in state.players.indices {
        state.players[i].resimulate { scenario in
          if scenario.interpreter.lockModel == .oldGIL {
            scenario.checkInterval =
              double ? min(100_000, scenario.checkInterval * 2) : max(1, scenario.checkInterval / 2)
          } else {
            let interval = double ? scenario.switchInterval * 2 : scenario.switchInterval / 2
            scenario.switchInterval = min(Time.second, max(10 * Time.microsecond, interval))
          }
        }
      }
    case .character("c"):
      let steps = [1, 2, 4, 8]
      for i in state.players.indices {
        state.players[i].resimulate { scenario in
          scenario.cores = steps.first { $0 > scenario.cores } ?? 1
        }
      }
    default:
      break
    }
    return []
  }

  static func contentsKey(_ state: inout AppState, _ key: Key, _ selection: Int) -> [Effect] {
    let entries = state.contentsEntries
    switch key {
    case .up, .character("k"):
      state.screen = .contents(selection: max(0, selection - 1))
    case .down, .character("j"):
      state.screen = .contents(selection: min(entries.count - 1, selection + 1))
    case .enter, .right, .character("l"):
      let entry = entries[max(0, min(selection, entries.count - 1))]
      state.screen = .lesson
      state.open(lesson: entry.lesson, page: entry.page)
      return [progress(state)]
    case .escape, .character("t"), .left, .character("h"):
      state.screen = .lesson
    default:
      break
    }
    return []
  }

  static func turn(_ state: inout AppState, by delta: Int) -> [Effect] {
    var lesson = state.lessonIndex
    var page = state.pageIndex + delta
    if page >= state.lesson.pages.count && state.quizzes[state.lesson.id] != nil {
      state.screen = .quizOffer
      return []
    }
    if page >= state.lesson.pages.count {
      guard lesson + 1 < state.lessons.count else { return [] }
      lesson += 1
      page = 0
    } else if page < 0 {
      guard lesson > 0 else { return [] }
      lesson -= 1
      page = state.lessons[lesson].pages.count - 1
    }
    state.open(lesson: lesson, page: page)
    return [progress(state)]
  }

  /// The first page of the next lesson, if there is one.
  static func nextLesson(_ state: inout AppState) -> [Effect] {
    guard state.lessonIndex + 1 < state.lessons.count else { return [] }
    state.open(lesson: state.lessonIndex + 1, page: 0)
    return [progress(state)]
  }

  static func progress(_ state: AppState) -> Effect {
    .saveProgress(lesson: state.lesson.id, page: state.pageIndex)
  }

  static func maxScroll(_ state: AppState) -> Int {
    max(0, PageView.contentHeight(state) - (state.height - 2))
  }
}
