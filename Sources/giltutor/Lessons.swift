import ArgumentParser
import Foundation
import LessonKit
import SchedulerEngine
import Terminal
import TerminalUI
import TutorApp

#if canImport(Glibc)
  import Glibc
#endif

/// Options of every command that opens the lessons.
struct InterfaceOptions: ParsableArguments {
  @Option(name: .long, help: "Language of the lessons and the interface: ru or en (default: from LC_ALL/LANG).")
  var lang: String?

  @Flag(name: .long, help: "No colours, attributes only (also when NO_COLOR is set).")
  var noColor = false

  @Flag(
    name: .long,
    help: "Pictures change only when you step, never on a timer (also GILTUTOR_REDUCED_MOTION=1).")
  var reducedMotion = false

  @Flag(name: .long, help: "Do not capture the mouse (the terminal's own selection keeps working).")
  var noMouse = false

  func validate() throws {
    if let lang, Language(rawValue: lang) == nil {
      throw ValidationError("--lang must be 'ru' or 'en', not '\(lang)'")
    }
  }

  var environment: [String: String] { ProcessInfo.processInfo.environment }

  var language: Language {
    lang.flatMap(Language.init(rawValue:)) ?? Language.fromEnvironment(environment)
  }

  var reduced: Bool {
    if reducedMotion { return true }
    let value = environment["GILTUTOR_REDUCED_MOTION"] ?? ""
    return !value.isEmpty && value != "0"
  }

  var colorMode: ColorMode {
    noColor || !(environment["NO_COLOR"] ?? "").isEmpty ? .monochrome : .automatic
  }
}

/// Exit statuses of the lesson commands.
enum LessonExit {
  static let usage: Int32 = 2
}

/// Loads the lessons (exit 2 with `FILE:LINE:COL: error: ...` on a mistake).
func loadLessons(_ language: Language) throws -> (lessons: [Lesson], directory: URL) {
  guard let data = ResourceLocator.current.dataDirectory() else {
    printError("giltutor: cannot find the Lessons folder (set GILTUTOR_HOME to the folder that holds it)")
    throw ExitCode(LessonExit.usage)
  }
  let directory = data.appendingPathComponent("Lessons", isDirectory: true)
  do {
    let lessons = try Catalog.loadAll(lessonsDirectory: directory, language: language.rawValue)
    guard !lessons.isEmpty else {
      printError("giltutor: no lessons in \(directory.path)/\(language.rawValue)")
      throw ExitCode(LessonExit.usage)
    }
    return (lessons, directory)
  } catch let diagnostic as LessonDiagnostic {
    printError(diagnostic.description)
    throw ExitCode(LessonExit.usage)
  }
}

/// Loads the quizzes beside the lessons (exit 2 with `FILE:LINE:COL: error: ...` on a mistake).
func loadQuizzes(for lessons: [Lesson], directory: URL) throws -> [String: Quiz] {
  do {
    return try Catalog.loadQuizzes(for: lessons, lessonsDirectory: directory)
  } catch {
    printError(error.description)
    throw ExitCode(LessonExit.usage)
  }
}

/// `giltutor` with no arguments: resume where the learner stopped, or open the table of contents.
struct Start: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "start",
    abstract: "Open the lessons where you stopped (or the list of lessons the first time).",
    shouldDisplay: false)

  @OptionGroup var options: InterfaceOptions

  func run() throws {
    let unicode = TextWidth.setLocaleFromEnvironment()
    let (lessons, directory) = try loadLessons(options.language)
    let quizzes = try loadQuizzes(for: lessons, directory: directory)
    let keeper = ProgressKeeper(environment: options.environment, strings: .of(options.language))
    var lesson = 0
    var page = 0
    var contents = true
    if let saved = keeper.position, let index = Catalog.find(saved.lesson, in: lessons) {
      lesson = index
      page = min(saved.page, lessons[index].pages.count - 1)
      contents = false
    }
    var state = AppState(
      lessons: lessons, width: 80, height: 24, language: options.language, unicode: unicode,
      reducedMotion: options.reduced, lesson: lesson, page: page, contents: contents)
    state.course.quizzes = quizzes
    state.course.quizSeed = UInt64.random(in: 0...UInt64.max)
    throw ExitCode(LessonRunner.run(state, options: options, keeper: keeper))
  }
}

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
    let unicode = TextWidth.setLocaleFromEnvironment()
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

/// `giltutor list`.
struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "Print each lesson's ID and title, one per line.")

  @OptionGroup var options: InterfaceOptions

  func run() throws {
    _ = TextWidth.setLocaleFromEnvironment()
    let lessons = try loadLessons(options.language).lessons
    let width = lessons.map(\.id.count).max() ?? 0
    var text = ""
    for lesson in lessons {
      text += lesson.id + String(repeating: " ", count: width - lesson.id.count + 2)
      text += lesson.title.escapingControlCharacters() + "\n"
    }
    Stdout.write(text)
  }
}

/// The lessons in the run loop: progress is saved on every page turn and on the way out.
enum LessonRunner {
  /// `plain` is what to run instead where there is no terminal.
  static func run(
    _ state: AppState, options: InterfaceOptions, keeper: ProgressKeeper?, plain: String = "giltutor lesson ID --plain"
  ) -> Int32 {
    InterfaceRunner.run(
      state, options: options, plain: plain,
      perform: { effect in
        switch effect {
        case .quit: return .quit
        case .redraw: return .redraw
        case .saveProgress(let lesson, let page):
          keeper?.savePosition(lesson: lesson, page: page)
          return .keepGoing
        case .saveQuiz(let lesson, let record, let startsAttempt):
          keeper?.update { $0.record(quiz: lesson, record, startsAttempt: startsAttempt) }
          return .keepGoing
        case .simulate:
          return .keepGoing  // The run loop runs simulations itself.
        }
      },
      finish: { state in keeper?.savePosition(lesson: state.course.lesson.id, page: state.course.pageIndex) })
  }
}
