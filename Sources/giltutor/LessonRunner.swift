import TutorApp

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
