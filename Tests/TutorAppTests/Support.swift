import DisplayText
import Foundation
import LessonKit
import SchedulerEngine
import Testing

@testable import TerminalUI
@testable import TutorApp

/// The repository's root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()
/// The frozen sample lesson and its scenarios that the interface tests draw: `Tests/Fixtures/Lessons/`. The
/// course itself (`Lessons/`) changes as it is written; CourseTests check it.
let lessonsDirectory = packageRoot.appendingPathComponent("Tests/Fixtures/Lessons", isDirectory: true)
/// The course shipped with giltutor.
let courseDirectory = packageRoot.appendingPathComponent("Lessons", isDirectory: true)

func scenario(_ name: String) throws -> Scenario {
  let url = lessonsDirectory.appendingPathComponent("scenarios/\(name).scenario")
  return try ScenarioParser.parse(try String(contentsOf: url, encoding: .utf8), file: url.path)
}

func trace(_ name: String) throws -> Trace { Simulator.run(try scenario(name)) }

func context(_ time: Nanos, width: Int = 80, language: Language = .en, unicode: Bool = true) -> WidgetContext {
  return WidgetContext(time: time, width: width, strings: .of(language), glyphs: Glyphs(unicode: unicode))
}

/// Compares a grid's text rows; on a mismatch prints the actual rows as a Swift literal, ready to paste.
func expectRows(
  _ grid: CellGrid, _ expected: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  expectLines(grid.rows, expected, "ROWS", sourceLocation: sourceLocation)
}

/// Compares a grid's style rows (`styleRows`) as `expectRows` compares its text rows.
func expectStyles(
  _ grid: CellGrid, _ expected: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  expectLines(styleRows(grid), expected, "STYLE ROWS", sourceLocation: sourceLocation)
}

private func expectLines(
  _ actual: [String], _ expected: [String], _ what: String, sourceLocation: Testing.SourceLocation
) {
  if actual != expected {
    let literal = actual.map { "      \"" + $0.replacingOccurrences(of: "\"", with: "\\\"") + "\"," }
    print("ACTUAL \(what) at \(sourceLocation.fileName):\(sourceLocation.line):\n" + literal.joined(separator: "\n"))
  }
  #expect(actual == expected, sourceLocation: sourceLocation)
}

/// A grid's styles as rows of text, one character a cell (a wide character's second cell repeats its first),
/// trailing blanks removed, so that each lines up under its text row. The character names the role that carries
/// meaning, upper case in reverse video (a selection):
///
///     (blank) text in any typeface: normal, title, heading, emphasis, strong, code, keyword, string, comment,
///             border (`#` in reverse video)
///     s status bar    e error         d dim           k key           g GIL
///     r running       b builtin       n native        w waiting       i I/O           z sleeping
///     l lock wait     u runnable      f finished      c cursor        h highlight
func styleRows(_ grid: CellGrid) -> [String] {
  (0..<grid.height).map { y in
    var row = ""
    var code: Character = " "
    for x in 0..<grid.width {
      if !grid[x, y].isContinuation { code = styleCode(grid[x, y].style) }
      row.append(code)
    }
    while row.hasSuffix(" ") { row.removeLast() }
    return row
  }
}

/// One cell's character in `styleRows`.
func styleCode(_ style: Style) -> Character {
  let code: Character =
    switch style.role {
    case .normal, .title, .heading, .emphasis, .strong, .code, .keyword, .string, .comment, .border: " "
    case .status: "s"
    case .error: "e"
    case .dim: "d"
    case .key: "k"
    case .gil: "g"
    case .running: "r"
    case .builtin: "b"
    case .native: "n"
    case .waiting: "w"
    case .io: "i"
    case .sleeping: "z"
    case .lockWait: "l"
    case .runnable: "u"
    case .finished: "f"
    case .cursor: "c"
    case .highlight: "h"
    }
  guard style.reverse else { return code }
  return code == " " ? "#" : Character(code.uppercased())
}

/// The sample lesson in a language, parsed from `Tests/Fixtures/Lessons/`.
func sampleLessons(_ language: String = "en") throws -> [Lesson] {
  return try Catalog.loadAll(lessonsDirectory: lessonsDirectory, language: language)
}

func appState(
  _ language: Language = .en, width: Int = 100, height: Int = 30, reducedMotion: Bool = false, page: Int = 0
) throws -> AppState {
  AppState(
    lessons: try sampleLessons(language.rawValue), width: width, height: height, language: language,
    unicode: true, reducedMotion: reducedMotion, page: page)
}

/// Which mode a state is in, for tests to compare.
enum Shown: Equatable {
  case lesson, quizOffer, quiz, replay
  case contents(selection: Int)
}

/// The tests' words for what the app shows: the reading position, the page's pictures, the mode.
extension AppState {
  var screen: Shown {
    switch mode {
    case .lesson: .lesson
    case .contents(let selection, _): .contents(selection: selection)
    case .quizOffer: .quizOffer
    case .quiz: .quiz
    case .replay: .replay
    }
  }
  var lessonIndex: Int { course.lessonIndex }
  var pageIndex: Int { course.pageIndex }
  var lesson: Lesson { course.lesson }
  var players: [Player] {
    get { lessonPage?.players ?? [] }
    set {
      guard case .lesson(var page) = mode else { return }
      page.players = newValue
      mode = .lesson(page)
    }
  }
  var paused: Bool { lessonPage?.paused ?? false }
  var scroll: Int { lessonPage?.scroll ?? 0 }
  var speed: Double { pow2(course.speedLevel) }
}

/// A trace in the replay mode of the app.
func replayApp(_ trace: Trace, title: String, language: Language, width: Int = 100, height: Int = 30) -> AppState {
  return AppState(
    replay: ReplayState(trace: trace, title: title, language: language), width: width, height: height,
    language: language, unicode: true)
}

/// Two small lessons; the first has the every-kind quiz (choices shuffled with seed 5).
func quizAppState(_ language: Language = .en, width: Int = 80, height: Int = 24) throws -> AppState {
  func lesson(_ id: String, _ title: String) -> Lesson {
    Lesson(
      id: id, title: title, file: "\(id).md",
      pages: [
        Page(blocks: [.heading(level: 2, [.text("First page")]), .paragraph([.text("One.")])]),
        Page(blocks: [.heading(level: 2, [.text("Second page")]), .paragraph([.text("Two.")])]),
      ])
  }
  var state = AppState(
    lessons: [lesson("01-test", "Test"), lesson("02-next", "Next")], width: width, height: height,
    language: language, unicode: true, reducedMotion: true)
  state.course.quizzes = ["01-test": try parseQuiz(everyKindQuiz)]
  state.course.quizSeed = 5
  state.now = 1000
  return state
}

@discardableResult
func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
  var effects: [Effect] = []
  for key in keys { effects += App.settle(&state, .key(key)) }
  return effects
}

/// The keys that answer the current question right.
func rightKeys(_ question: PosedQuestion) -> [Key] {
  switch question.form {
  case .choice(_, let right, _): right.sorted().map { Key.character(Character(String($0 + 1))) } + [.enter]
  case .number(let value, _, _): String(Int(value)).map { Key.character($0) } + [.enter]
  case .order(_, let right): right.map { Key.character(Character(String($0 + 1))) } + [.enter]
  }
}

/// What the learner sees.
func screen(of state: AppState) -> CellGrid { App.view(state) }

/// Answers the quiz on screen by keys, each answer followed by Enter, up to its summary: every question right,
/// but the first choice question wrong the first time when `firstWrong` (it comes back in round 2).
func answerTheQuiz(_ state: inout AppState, firstWrong: Bool = false) {
  var wrong = firstWrong
  while let question = state.quiz?.session.current {
    var keys = rightKeys(question)
    if wrong, case .choice(let options, let right, false) = question.form {
      let other = (right.first! + 1) % options.count + 1
      keys = [Key.character(Character(String(other))), .enter]
      wrong = false
    }
    for key in keys + [.enter] { press(&state, key) }
  }
}
