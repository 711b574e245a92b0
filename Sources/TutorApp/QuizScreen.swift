import LessonKit
import TerminalUI

/// The quiz as a screen of the lesson app: the session plus what the learner is doing on the current question.
public struct QuizScreenState: Sendable {
  public var session: QuizSession
  /// The lesson the quiz is about (an index into `AppState.lessons`).
  public var lessonIndex: Int
  /// The highlighted option, step, or (on the summary) topic.
  public var cursor = 0
  /// Options ticked so far (single and multiple choice).
  public var chosen: Set<Int> = []
  /// Order questions: the steps (indices as shown) in the order the learner picked them.
  public var picks: [Int] = []
  /// Number questions: what has been typed.
  public var typed = ""
  /// After an answer: the question just answered and whether the answer was right (the session has moved on).
  public var feedback: (question: PosedQuestion, right: Bool, round: Int)?
  public var scroll = 0
  /// Whether this run has been saved once already (the first save counts as a new attempt).
  public var saved = false

  public init(session: QuizSession, lessonIndex: Int) {
    self.session = session
    self.lessonIndex = lessonIndex
  }

  /// What the learner has entered so far as an answer, if it is one.
  public func answer(for form: AnswerForm) -> Answer? {
    switch form {
    case .choice(_, _, let multiple):
      if chosen.isEmpty { return multiple ? nil : .choices([cursor]) }
      return .choices(chosen)
    case .number:
      return QuizParser.number(typed).map(Answer.number)
    case .order(let steps, _):
      var order = picks
      // The last step left has only one place to go.
      if order.count == steps.count - 1, let last = steps.indices.first(where: { !order.contains($0) }) {
        order.append(last)
      }
      return order.count == steps.count ? .order(order) : nil
    }
  }
}

extension AppState {
  /// Starts the quiz of lesson `index` (when it has one). The reading position stays where it is.
  public mutating func startQuiz(lesson index: Int) {
    guard index < course.lessons.count, let quiz = course.quizzes[course.lessons[index].id] else { return }
    let seed = course.quizSeed &+ UInt64(course.quizRuns)
    let session = QuizSession(quiz: quiz, strings: strings, seed: seed, startTime: now)
    course.quizRuns += 1
    mode = .quiz(QuizScreenState(session: session, lessonIndex: index))
    showHelp = false
  }
}

/// Keys on the quiz screens: the offer at the end of a lesson, the questions, the feedback, the summary.
enum QuizKeys {
  static func offer(_ state: inout AppState, _ behind: LessonPage, _ key: Key) -> [Effect] {
    switch key {
    case .enter, .character(" "):
      state.startQuiz(lesson: state.course.lessonIndex)
    case .right, .pageDown, .character("l"), .character("n"):
      return LessonKeys.nextLesson(&state, otherwise: behind)
    case .left, .pageUp, .character("h"), .character("p"), .escape:
      state.mode = .lesson(behind)
    default:
      break
    }
    return []
  }

  static func key(_ state: inout AppState, _ quiz: QuizScreenState, _ key: Key) -> [Effect] {
    var quiz = quiz
    if key == .escape {
      // Back to the quiz's lesson, at its last page.
      state.course.move(lesson: quiz.lessonIndex, page: state.course.lessons[quiz.lessonIndex].pages.count - 1)
      return state.openReadingPosition()
    }
    var effects: [Effect] = []
    if quiz.feedback != nil {
      switch key {
      case .up, .character("k"): quiz.scroll = max(0, quiz.scroll - 1)
      case .down, .character("j"): quiz.scroll += 1
      case .enter, .character(" "), .right, .character("l"), .character("n"):
        quiz.feedback = nil
        quiz.scroll = 0
      default: break
      }
    } else if let question = quiz.session.current {
      effects = asking(&quiz, question, key, now: state.now)
    } else {
      // The summary's keys may leave the quiz: the mode they set stands.
      return summary(&state, quiz, key)
    }
    state.mode = .quiz(quiz)
    return effects
  }

  static func asking(_ quiz: inout QuizScreenState, _ question: PosedQuestion, _ key: Key, now: Double) -> [Effect] {
    let count: Int
    switch question.form {
    case .choice(let options, _, _): count = options.count
    case .order(let steps, _): count = steps.count
    case .number: count = 0
    }
    switch (question.form, key) {
    case (.number, .character(let c)) where c.isNumber || c == "." || c == "," || c == "-":
      if quiz.typed.count < 20 { quiz.typed.append(c) }
    case (.number, .backspace):
      if !quiz.typed.isEmpty { quiz.typed.removeLast() }
    case (_, .up), (_, .character("k")):
      quiz.cursor = max(0, quiz.cursor - 1)
    case (_, .down), (_, .character("j")):
      quiz.cursor = min(max(0, count - 1), quiz.cursor + 1)
    case (_, .character(" ")):
      pick(&quiz, question.form, quiz.cursor)
    case (_, .character(let c)) where c.wholeNumberValue.map { $0 >= 1 && $0 <= count } ?? false:
      quiz.cursor = c.wholeNumberValue! - 1
      pick(&quiz, question.form, quiz.cursor)
    case (.order, .backspace):
      if !quiz.picks.isEmpty { quiz.picks.removeLast() }
    case (_, .enter):
      guard let answer = quiz.answer(for: question.form) else { return [] }
      let round = quiz.session.round
      let right = quiz.session.answer(answer, now: now)
      quiz.feedback = (question, right, round)
      quiz.cursor = 0
      quiz.chosen = []
      quiz.picks = []
      quiz.typed = ""
      quiz.scroll = 0
      let effect = Effect.saveQuiz(
        lesson: quiz.session.quiz.lessonID, record: quiz.session.record(now: now), startsAttempt: !quiz.saved)
      quiz.saved = true
      return [effect]
    default:
      break
    }
    return []
  }

  /// Space or a number key on option `index`: tick it (single choice: only it), toggle it, or rank it next.
  static func pick(_ quiz: inout QuizScreenState, _ form: AnswerForm, _ index: Int) {
    switch form {
    case .choice(_, _, let multiple):
      if multiple {
        if quiz.chosen.contains(index) { quiz.chosen.remove(index) } else { quiz.chosen.insert(index) }
      } else {
        quiz.chosen = [index]
      }
    case .order:
      if let at = quiz.picks.firstIndex(of: index) { quiz.picks.remove(at: at) } else { quiz.picks.append(index) }
    case .number:
      break
    }
  }

  static func summary(_ state: inout AppState, _ quiz: QuizScreenState, _ key: Key) -> [Effect] {
    var quiz = quiz
    let topics = quiz.session.topicsToRevisit
    let lesson = state.course.lessons[quiz.lessonIndex]
    switch key {
    case .up, .character("k"): quiz.cursor = max(0, quiz.cursor - 1)
    case .down, .character("j"): quiz.cursor = min(max(0, topics.count - 1), quiz.cursor + 1)
    case .character("r"):
      state.startQuiz(lesson: quiz.lessonIndex)
      return []
    case .enter:
      // Back to the page of the highlighted topic (or to the lesson's end when there is nothing to revisit).
      let page =
        topics.indices.contains(quiz.cursor)
        ? lesson.page(ofTopic: topics[quiz.cursor]) ?? 0 : lesson.pages.count - 1
      state.course.move(lesson: quiz.lessonIndex, page: page)
      return state.openReadingPosition() + [App.progress(state)]
    case .right, .character("l"), .character("n"):
      state.course.move(lesson: quiz.lessonIndex, page: lesson.pages.count - 1)
      return LessonKeys.nextLesson(&state)
    default: break
    }
    state.mode = .quiz(quiz)
    return []
  }
}
