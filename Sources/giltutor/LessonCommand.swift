import ArgumentParser
import Foundation
import LessonKit
import Terminal
import TerminalUI
import TutorApp

/// `giltutor lesson ID`.
struct LessonCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lesson",
    abstract: "Open one lesson (by ID, by number, or a lesson file's path).",
    discussion: """
      Exit status: 0 after q; 130 after Ctrl-C; 143 after SIGTERM; 129 after SIGHUP; 2 when the lesson cannot be \
      read or has a mistake (FILE:LINE:COL: error: ...), or when there is no terminal (use --plain).
      """)

  @Argument(help: "The lesson: its ID (01-what-is-the-gil), its number (1), or the path of a .md file.")
  var id: String

  @Flag(name: .long, help: "Print the lesson as text (for pipes and screen readers) instead of opening it.")
  var plain = false

  @Option(name: .long, help: "Text width for --plain (default: COLUMNS or 80).")
  var width: Int?

  @OptionGroup var options: InterfaceOptions

  func run() throws {
    let unicode = Terminal.setLocaleFromEnvironment()
    var lessons: [Lesson]
    var index: Int
    var quizzes: [String: Quiz] = [:]
    if id.hasSuffix(".md") {
      let file = URL(fileURLWithPath: id)
      let lessonsDirectory = file.deletingLastPathComponent().deletingLastPathComponent()
      do {
        lessons = [try Catalog.load(file, lessonsDirectory: lessonsDirectory, displayPath: id)]
      } catch let diagnostic {
        printError(diagnostic.description)
        throw ExitCode(LessonExit.usage)
      }
      index = 0
    } else {
      let directory: URL
      (lessons, directory) = try loadLessons(options.language)
      quizzes = try loadQuizzes(for: lessons, directory: directory)
      guard let found = Catalog.find(id, in: lessons) else {
        printError("giltutor: no lesson '\(id)' (giltutor list shows them)")
        throw ExitCode(LessonExit.usage)
      }
      index = found
    }
    if plain {
      let columns = width ?? Int(options.environment["COLUMNS"] ?? "") ?? 80
      let text = PlainText.render(
        lessons[index], width: max(40, columns), unicode: unicode, strings: .of(options.language))
      Stdout.write(text)
      return
    }
    var state = AppState(
      lessons: lessons, width: 80, height: 24, language: options.language, unicode: unicode,
      reducedMotion: options.reduced, lesson: index)
    state.course.quizzes = quizzes
    state.course.quizSeed = UInt64.random(in: 0...UInt64.max)
    let keeper =
      id.hasSuffix(".md") ? nil : ProgressKeeper(environment: options.environment, strings: .of(options.language))
    throw ExitCode(LessonRunner.run(state, options: options, keeper: keeper))
  }
}
