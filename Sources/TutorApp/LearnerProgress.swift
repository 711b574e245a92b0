/// What giltutor remembers between runs (see docs/progress-format.md): where the learner stopped, and each
/// quiz's scores and mistakes.
public struct LearnerProgress: Codable, Sendable, Equatable {
  /// The format this giltutor writes. A file with a larger number is left alone.
  public static let currentVersion = 1

  public var version: Int
  /// The lesson ID and the page (1-based) where the learner stopped, if anywhere.
  public var lesson: String?
  public var page: Int
  /// By lesson ID.
  public var quizzes: [String: QuizProgress]

  public init(lesson: String? = nil, page: Int = 1, quizzes: [String: QuizProgress] = [:]) {
    version = LearnerProgress.currentVersion
    self.lesson = lesson
    self.page = page
    self.quizzes = quizzes
  }

  /// Remembers a quiz run: the latest one, and the best finished score. A run is saved after every answer;
  /// only its first save (`startsAttempt`) counts as a new attempt.
  public mutating func record(quiz lessonID: String, _ run: QuizRecord, startsAttempt: Bool) {
    var entry = quizzes[lessonID] ?? QuizProgress(attempts: 0, best: nil, last: run)
    if startsAttempt { entry.attempts += 1 }
    entry.last = run
    if run.finished && run.right >= (entry.best?.right ?? -1) { entry.best = run }
    quizzes[lessonID] = entry
  }
}

/// One lesson's quiz history.
public struct QuizProgress: Codable, Sendable, Equatable {
  /// Runs started (finished or left with `q`).
  public var attempts: Int
  /// The finished run with the highest score.
  public var best: QuizRecord?
  public var last: QuizRecord
}

/// One run of a quiz.
public struct QuizRecord: Codable, Sendable, Equatable {
  /// Questions answered right the first time, out of `total`.
  public var right: Int
  public var total: Int
  /// Questions answered at least once (fewer than `total` when the learner left early).
  public var answered: Int
  public var finished: Bool
  /// The numbers (1-based, in the quiz file's order) of the questions first answered wrong.
  public var mistakes: [Int]
  /// Their topics: the lesson pages to revisit.
  public var topics: [String]
  public var seconds: Int

  public init(
    right: Int, total: Int, answered: Int, finished: Bool, mistakes: [Int], topics: [String], seconds: Int
  ) {
    self.right = right
    self.total = total
    self.answered = answered
    self.finished = finished
    self.mistakes = mistakes
    self.topics = topics
    self.seconds = seconds
  }
}
