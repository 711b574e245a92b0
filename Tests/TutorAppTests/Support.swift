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

/// Widths come from wcwidth: every test process needs a UTF-8 locale.
let utf8Locale: Void = TextWidth.useUTF8ForTests()

func scenario(_ name: String) throws -> Scenario {
  _ = utf8Locale
  let url = lessonsDirectory.appendingPathComponent("scenarios/\(name).scenario")
  return try ScenarioParser.parse(try String(contentsOf: url, encoding: .utf8), file: url.path)
}

func trace(_ name: String) throws -> Trace { Simulator.run(try scenario(name)) }

func context(_ time: Nanos, width: Int = 80, language: Language = .en, unicode: Bool = true) -> WidgetContext {
  _ = utf8Locale
  return WidgetContext(time: time, width: width, strings: .of(language), glyphs: Glyphs(unicode: unicode))
}

/// Compares a grid's text rows; on a mismatch prints the actual rows as a Swift literal, ready to paste.
func expectRows(
  _ grid: CellGrid, _ expected: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  let rows = grid.rows
  if rows != expected {
    let literal = rows.map { "      \"" + $0.replacingOccurrences(of: "\"", with: "\\\"") + "\"," }
    print("ACTUAL ROWS at \(sourceLocation.line):\n" + literal.joined(separator: "\n"))
  }
  #expect(rows == expected, sourceLocation: sourceLocation)
}

/// The sample lesson in a language, parsed from `Tests/Fixtures/Lessons/`.
func sampleLessons(_ language: String = "en") throws -> [Lesson] {
  _ = utf8Locale
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
  _ = utf8Locale
  return AppState(
    replay: ReplayState(trace: trace, title: title, language: language), width: width, height: height,
    language: language, unicode: true)
}
