import LessonKit
import SchedulerEngine
import TerminalUI

/// One run through a quiz: every question once, then the ones answered wrong again, round after round, until each
/// has been answered right once. The score counts the questions answered right the first time.
public struct QuizSession: Sendable {
  public var quiz: Quiz
  public var questions: [PosedQuestion]
  /// Questions (indices into `questions`) still to ask in this round, the current one first.
  public private(set) var queue: [Int]
  /// Questions answered wrong in this round: the next round asks them again.
  public private(set) var retry: [Int] = []
  public private(set) var round = 1
  /// For each question answered at least once: whether its first answer was right.
  public private(set) var firstAnswers: [Int: Bool] = [:]
  public var startTime: Double
  public private(set) var endTime: Double?

  /// Poses every question of `quiz`; `seed` fixes the shuffles.
  public init(quiz: Quiz, strings: Strings, seed: UInt64, startTime: Double) {
    self.quiz = quiz
    var random = SeededRandom(seed: seed)
    questions = quiz.questions.map { QuizQuestions.pose($0, strings: strings, random: &random) }
    queue = Array(questions.indices)
    self.startTime = startTime
  }

  public var current: PosedQuestion? { queue.first.map { questions[$0] } }
  public var isFinished: Bool { queue.isEmpty }
  /// Whether the current question is asked again after a wrong answer.
  public var isRetry: Bool { queue.first.map { firstAnswers[$0] != nil } ?? false }

  /// Grades `answer` to the current question and moves to the next; returns whether it was right.
  @discardableResult
  public mutating func answer(_ answer: Answer, now: Double) -> Bool {
    guard let index = queue.first else { return false }
    let right = questions[index].form.isRight(answer)
    if firstAnswers[index] == nil { firstAnswers[index] = right }
    queue.removeFirst()
    if !right { retry.append(index) }
    if queue.isEmpty && !retry.isEmpty {
      queue = retry
      retry = []
      round += 1
    }
    if queue.isEmpty { endTime = now }
    return right
  }

  /// Questions answered right the first time, out of all.
  public var score: (right: Int, total: Int) { (firstAnswers.values.filter { $0 }.count, questions.count) }

  /// Questions (1-based numbers as in the file) whose first answer was wrong.
  public var mistakes: [Int] {
    questions.indices.filter { firstAnswers[$0] == false }.map { questions[$0].question.number }
  }

  /// The topics (page headings) of the questions answered wrong, each once, in the quiz's order.
  public var topicsToRevisit: [String] {
    var topics: [String] = []
    for index in questions.indices where firstAnswers[index] == false {
      let topic = questions[index].question.topic
      if !topics.contains(topic) { topics.append(topic) }
    }
    return topics
  }

  /// Seconds from the first question to the last right answer (or to `now` while the quiz is running).
  public func elapsed(now: Double) -> Double { max(0, (endTime ?? now) - startTime) }

  /// What the progress file keeps of this run.
  public func record(now: Double) -> QuizRecord {
    QuizRecord(
      right: score.right, total: score.total, answered: firstAnswers.count, finished: isFinished, mistakes: mistakes,
      topics: topicsToRevisit, seconds: Int(elapsed(now: now).rounded()))
  }
}

extension Lesson {
  /// The page whose `##` heading (or first heading) is `topic`: where "topics to revisit" sends the learner.
  public func page(ofTopic topic: String) -> Int? {
    pages.firstIndex { page in
      page.blocks.contains { block in
        if case .heading(let level, let inlines) = block, level <= 2, inlines.plainText == topic { return true }
        return false
      }
    }
  }
}
