import TerminalUI

/// `giltutor progress` as lines.
public enum ProgressReport {
  public static func lines(_ progress: LearnerProgress, file: String, strings s: Strings) -> [String] {
    var lines = [s.progressFile(file)]
    if progress.lesson == nil && progress.quizzes.isEmpty {
      lines.append(s.progressNothing)
      return lines
    }
    if let lesson = progress.lesson { lines.append(s.progressPosition(lesson, page: progress.page)) }
    guard !progress.quizzes.isEmpty else { return lines }
    lines.append(s.progressQuizzes)
    for id in progress.quizzes.keys.sorted() {
      let quiz = progress.quizzes[id]!
      let best = quiz.best.map { "\($0.right)/\($0.total)" } ?? s.progressNone
      var last = "\(quiz.last.right)/\(quiz.last.total)"
      if !quiz.last.finished { last += " (\(s.progressUnfinished))" }
      lines.append("  \(id): " + s.progressQuiz(best: best, last: last, attempts: quiz.attempts))
      if !quiz.last.topics.isEmpty {
        lines.append("    " + s.quizRevisit + " " + quiz.last.topics.joined(separator: "; "))
      }
    }
    return lines
  }
}
