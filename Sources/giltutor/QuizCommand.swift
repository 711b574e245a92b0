import ArgumentParser
import Foundation
import LessonKit
import Terminal
import TerminalUI
import TutorApp

/// `giltutor quiz [LESSON]`.
struct QuizCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "quiz",
    abstract: "Answer questions about a lesson (in the terminal interface, or line by line with --plain).",
    discussion: """
      Without LESSON, the quiz of the lesson where you stopped (or of the first lesson). Scores and mistakes are \
      kept in the progress file (giltutor progress shows them). With --plain, one answer per line on stdin; the \
      last line printed is 'score: RIGHT/TOTAL'. Exit status: 0 when the quiz ran (whatever the score); 2 when the \
      lesson or its quiz cannot be read or has a mistake (FILE:LINE:COL: error: ...), or when there is no terminal \
      (use --plain); 130 after Ctrl-C.
      """)

  @Argument(help: "The lesson: its ID (01-what-is-the-gil) or its number (1).")
  var lesson: String?

  @Flag(name: .long, help: "Ask on plain stdin/stdout (screen readers, scripts) instead of the terminal interface.")
  var plain = false

  @Option(name: .long, help: "Seed for the order of the choices (default: a new order each time).")
  var seed: UInt64?

  @Option(name: .long, help: "Text width for --plain (default: COLUMNS or 80).")
  var width: Int?

  @OptionGroup var options: InterfaceOptions

  func run() throws {
    let unicode = Terminal.setLocaleFromEnvironment()
    let strings = Strings.of(options.language)
    let (lessons, directory) = try loadLessons(options.language)
    let keeper = ProgressKeeper(environment: options.environment, strings: strings)
    let index: Int
    if let lesson {
      guard let found = Catalog.find(lesson, in: lessons) else {
        printError("giltutor: no lesson '\(lesson)' (giltutor list shows them)")
        throw ExitCode(LessonExit.usage)
      }
      index = found
    } else {
      index = keeper.position.flatMap { Catalog.find($0.lesson, in: lessons) } ?? 0
    }
    let quizzes = try loadQuizzes(for: lessons, directory: directory)
    guard let quiz = quizzes[lessons[index].id] else {
      let file = Catalog.quizFile(forLesson: URL(fileURLWithPath: lessons[index].file)).path
      printError("giltutor: lesson '\(lessons[index].id)' has no quiz (no file \(file))")
      throw ExitCode(LessonExit.usage)
    }
    let seed = self.seed ?? UInt64.random(in: 0...UInt64.max)
    let now = { Date().timeIntervalSince1970 }
    if plain {
      var session = QuizSession(quiz: quiz, strings: strings, seed: seed, startTime: now())
      var started = false
      let columns = width ?? Int(options.environment["COLUMNS"] ?? "") ?? 80
      var runner = QuizPlain(
        lesson: lessons[index], strings: strings, width: max(40, columns), unicode: unicode,
        readLine: { Swift.readLine(strippingNewline: true) },
        write: { Stdout.write($0) }, now: now,
        save: { session in
          guard !session.firstAnswers.isEmpty else { return }
          keeper.update { $0.record(quiz: quiz.lessonID, session.record(now: now()), startsAttempt: !started) }
          started = true
        })
      runner.echo = isatty(0) == 0
      runner.run(&session)
      return
    }
    // Behind the quiz, the lessons stay where the learner stopped (or at the end of the quiz's lesson), so that
    // leaving the quiz does not move the saved position.
    let saved = keeper.position.flatMap { position in
      Catalog.find(position.lesson, in: lessons).map { ($0, position.page) }
    }
    var state = AppState(
      lessons: lessons, width: 80, height: 24, language: options.language, unicode: unicode,
      reducedMotion: options.reduced, lesson: saved?.0 ?? index, page: saved?.1 ?? lessons[index].pages.count - 1)
    state.course.quizzes = quizzes
    state.course.quizSeed = seed
    state.startQuiz(lesson: index)
    let plain = "giltutor quiz \(lessons[index].id) --plain"
    throw ExitCode(LessonRunner.run(state, options: options, keeper: keeper, plain: plain))
  }
}
