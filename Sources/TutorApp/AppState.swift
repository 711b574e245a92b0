import DisplayText
import LessonKit
import SchedulerEngine
import TerminalUI

/// What the app shows: one case per mode, each holding its own state, so that no mode's state can outlive it.
/// A new mode is a new case here, its body and status in `Frame`, and its keys in `App`.
public enum Mode: Sendable {
  /// A lesson page and its live pictures.
  case lesson(LessonPage)
  /// The table of contents; `behind` is the page it was opened over, shown again on Esc.
  case contents(selection: Int, behind: LessonPage?)
  /// The end of a lesson that has a quiz: take it, or go back to the page `behind`.
  case quizOffer(behind: LessonPage)
  /// A quiz being taken.
  case quiz(QuizScreenState)
  /// A recorded or simulated trace, stepped through event by event.
  case replay(ReplayState)
}

/// A lesson page on screen: its live pictures and how far it is scrolled.
public struct LessonPage: Sendable {
  public var players: [Player]
  public var scroll = 0
  public var paused = false
  /// The simulation whose traces the pictures wait for, if any.
  var awaiting: Int?

  public init(players: [Player]) { self.players = players }
}

/// The course behind the lesson modes: the lessons, their quizzes and where the learner is reading.
public struct Course: Sendable {
  public var lessons: [Lesson]
  /// The quizzes of the lessons that have one, by lesson ID.
  public var quizzes: [String: Quiz] = [:]
  /// Seeds the shuffles of the choices (each run of a quiz adds its count).
  public var quizSeed: UInt64 = 0
  var quizRuns = 0
  /// The reading position: the page shown in lesson mode, and the one the other modes return to.
  public internal(set) var lessonIndex = 0
  public internal(set) var pageIndex = 0
  /// Playback speed of the pictures is 2^speedLevel; it stays as the learner turns pages.
  public var speedLevel = 0

  public init(lessons: [Lesson]) { self.lessons = lessons }

  public var lesson: Lesson { lessons[lessonIndex] }
  public var page: Page { lesson.pages[pageIndex] }

  /// (lesson, page) for each line of the table of contents.
  public var contentsEntries: [(lesson: Int, page: Int)] {
    var entries: [(Int, Int)] = []
    for (l, lesson) in lessons.enumerated() {
      for p in lesson.pages.indices { entries.append((l, p)) }
    }
    return entries
  }

  /// Moves the reading position, clamped to the course.
  mutating func move(lesson: Int, page: Int) {
    lessonIndex = max(0, min(lesson, lessons.count - 1))
    pageIndex = max(0, min(page, lessons[lessonIndex].pages.count - 1))
  }
}

/// Effects the run loop carries out besides drawing the new state.
public enum Effect: Sendable, Equatable {
  case quit
  /// Forget the last frame and repaint every cell (Ctrl-L).
  case redraw
  /// The learner moved: remember the lesson and page.
  case saveProgress(lesson: String, page: Int)
  /// The learner answered a quiz question: remember the run so far.
  case saveQuiz(lesson: String, record: QuizRecord, startsAttempt: Bool)
  /// Simulate scenarios off the input path; the result comes back through `App.receive`.
  case simulate(SimulationJob)
}

/// Scenarios to simulate for the pictures of a page, numbered so that a late result can be recognised.
public struct SimulationJob: Sendable, Equatable {
  public let id: Int
  public let scenarios: [Scenario]

  /// Jobs are told apart by their numbers.
  public static func == (a: SimulationJob, b: SimulationJob) -> Bool { a.id == b.id }

  /// Runs every scenario under the pictures' budget: the slow part, which the run loop does on another thread.
  public func run() -> SimulationResult {
    SimulationResult(id: id, traces: scenarios.map(PictureTraces.trace))
  }
}

/// The traces a `SimulationJob` made, in its scenarios' order.
public struct SimulationResult: Sendable {
  public let id: Int
  public let traces: [Trace]
}

/// The whole state of the interface: the frame's share (size, language, help, clock) and the mode. `App.update`
/// changes it; `Frame.render` draws it.
public struct AppState: Sendable {
  public var width: Int
  public var height: Int
  public var strings: Strings
  public var glyphs: Glyphs
  public var reducedMotion: Bool
  public var showHelp = false
  /// The wall clock in seconds as of the last tick: the run loop brings it, the app never reads a clock.
  public var now: Double = 0
  public var mode: Mode
  public var course: Course
  /// How many simulations have been asked for: the next job's number.
  var simulations = 0

  public static let minimumWidth = TooSmallScreen.minimumWidth
  public static let minimumHeight = TooSmallScreen.minimumHeight

  /// The lessons, opened at `lesson` and `page` (simulated here, before the first frame), or on the table of
  /// contents when `contents` is set.
  public init(
    lessons: [Lesson], width: Int, height: Int, language: Language, unicode: Bool, reducedMotion: Bool,
    lesson: Int = 0, page: Int = 0, contents: Bool = false
  ) {
    self.width = width
    self.height = height
    self.reducedMotion = reducedMotion
    strings = .of(language)
    glyphs = Glyphs(unicode: unicode)
    course = Course(lessons: lessons)
    course.move(lesson: lesson, page: page)
    mode = .lesson(LessonPage(players: []))
    var page = openPage()
    page.players = page.players.map { Player($0.widget, atEnd: reducedMotion) }
    if contents {
      mode = .contents(selection: 0, behind: page)
    } else {
      mode = .lesson(page)
    }
  }

  /// A trace replayed in the same frame as the lessons.
  public init(replay: ReplayState, width: Int, height: Int, language: Language, unicode: Bool) {
    self.width = width
    self.height = height
    reducedMotion = false
    strings = .of(language)
    glyphs = Glyphs(unicode: unicode)
    course = Course(lessons: [])
    mode = .replay(replay)
  }

  public var tooSmall: Bool { !TooSmallScreen.fits(width: width, height: height) }

  /// Whether time moves on its own: the run loop then ticks (at most ~30 times a second); otherwise it blocks.
  public var isAnimating: Bool {
    guard !showHelp && !tooSmall else { return false }
    switch mode {
    case .lesson(let page): return !reducedMotion && !page.paused && page.players.contains { $0.isPlaying }
    case .replay(let replay): return replay.playing
    case .contents, .quizOffer, .quiz: return false
    }
  }

  /// The lesson page shown, if the mode is a lesson.
  public var lessonPage: LessonPage? {
    if case .lesson(let page) = mode { return page }
    return nil
  }

  /// The quiz being taken, if the mode is a quiz.
  public var quiz: QuizScreenState? {
    if case .quiz(let quiz) = mode { return quiz }
    return nil
  }

  /// The replay, if the mode is one.
  public var replay: ReplayState? {
    if case .replay(let replay) = mode { return replay }
    return nil
  }

  /// A page at the reading position with its pictures still to simulate (`startSimulation` asks for them).
  func openPage() -> LessonPage {
    LessonPage(
      players: course.page.blocks.compactMap {
        if case .widget(let widget) = $0 { return Player(widget) }
        return nil
      })
  }

  /// Opens the page at the reading position: its pictures are simulated off the input path, and the effects say
  /// so (and save the position).
  mutating func openReadingPosition() -> [Effect] {
    // The old page's traces go with the old mode, before the new ones are simulated: a race picture holds
    // ~100 MB of events.
    mode = .lesson(LessonPage(players: []))
    var page = openPage()
    let job = startSimulation(&page)
    mode = .lesson(page)
    return job.map { [.simulate($0)] } ?? []
  }

  /// Numbers a job for the scenarios of `page`'s pictures and marks the page as waiting for it.
  mutating func startSimulation(_ page: inout LessonPage) -> SimulationJob? {
    guard !page.players.isEmpty else { return nil }
    simulations += 1
    page.awaiting = simulations
    for i in page.players.indices { page.players[i].simulating = true }
    return SimulationJob(id: simulations, scenarios: page.players.map(\.scenario))
  }
}
