import ArgumentParser
import Terminal
import TerminalUI
import TutorApp

/// `giltutor` with no arguments: resume where the learner stopped, or open the table of contents.
struct Start: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "start",
    abstract: "Open the lessons where you stopped (or the list of lessons the first time).",
    shouldDisplay: false)

  @OptionGroup var options: InterfaceOptions

  func run() throws {
    let unicode = Terminal.setLocaleFromEnvironment()
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
