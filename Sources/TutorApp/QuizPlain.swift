import DisplayText
import Foundation
import LessonKit
import SchedulerEngine
import TerminalUI

/// `giltutor quiz LESSON --plain`: the quiz on plain lines, for screen readers, scripts and tests. One answer
/// per line; the last line printed is always `score: RIGHT/TOTAL`.
public struct QuizPlain {
  public var lesson: Lesson
  public var strings: Strings
  public var width: Int
  public var glyphs: Glyphs
  /// The next line of input, or nil at the end.
  public var readLine: () -> String?
  public var write: (String) -> Void
  public var now: () -> Double
  /// Called after every answer and at the end, so progress survives leaving at any point.
  public var save: (QuizSession) -> Void
  /// Repeat each answer after the prompt, so that a transcript read from a file shows what was answered.
  public var echo = false

  public init(
    lesson: Lesson, strings: Strings, width: Int, unicode: Bool, readLine: @escaping () -> String?,
    write: @escaping (String) -> Void, now: @escaping () -> Double, save: @escaping (QuizSession) -> Void
  ) {
    self.lesson = lesson
    self.strings = strings
    self.width = width
    glyphs = Glyphs(unicode: unicode)
    self.readLine = readLine
    self.write = write
    self.now = now
    self.save = save
  }

  public func run(_ session: inout QuizSession) {
    let s = strings
    print(s.quizTitle(lesson.title))
    print(s.quizPlainQuit)
    questions: while let posed = session.current {
      print("")
      var header = s.quizQuestion(posed.question.number, of: session.questions.count)
      if session.isRetry { header += glyphs.separator + s.quizRound(session.round) }
      print(header)
      wrap(posed.question.text)
      let prompt = show(posed.form)
      var answer: Answer?
      while answer == nil {
        print(prompt)
        write("> ")
        guard let line = readLine() else {
          print("")
          break questions
        }
        let text = line.trimmingCharacters(in: .whitespaces)
        if echo { write(text + "\n") }
        if text == "q" || text == "й" { break questions }
        answer = QuizAnswerText.parse(text, for: posed.form)
        if answer == nil { print(s.quizNotAnAnswer(text)) }
      }
      guard let answer else { break }
      let right = session.answer(answer, now: now())
      print(right ? s.quizRight : s.quizWrong + " " + s.quizTheAnswer(posed.answerText))
      wrap(posed.explanation)
      if let marked = posed.timeline {
        for row in MarkedTimeline.render(marked, width: width, strings: s, glyphs: glyphs).rows {
          print(trimmed(row))
        }
      }
      if !right { print(s.quizWillReturn) }
      save(session)
    }
    save(session)
    print("")
    for line in QuizSummary.lines(session, lesson: lesson, strings: s, now: now()) { print(line) }
    let score = session.score
    print("score: \(score.right)/\(score.total)")
  }

  /// The options (numbered) and the prompt line for a form.
  func show(_ form: AnswerForm) -> String {
    switch form {
    case .choice(let options, _, let multiple):
      for (i, option) in options.enumerated() { wrap(option, prefix: "  \(i + 1). ") }
      return multiple ? strings.quizPlainMany : strings.quizPlainOne
    case .order(let steps, _):
      for (i, step) in steps.enumerated() { wrap(step, prefix: "  \(i + 1). ") }
      return strings.quizPlainOrder
    case .number(_, _, let unit):
      return strings.quizPlainNumber + (unit.isEmpty ? "" : " (\(unit))")
    }
  }

  func print(_ line: String) { write(glyphs.text(line) + "\n") }

  func wrap(_ text: String, prefix: String = "") {
    let indent = String(repeating: " ", count: prefix.count)
    let lines = PageView.wrap([StyledText(glyphs.text(text))], width: max(20, width - prefix.count))
    for (i, line) in lines.enumerated() { print((i == 0 ? prefix : indent) + line.map(\.text).joined()) }
  }

  func trimmed(_ row: String) -> String {
    var row = row
    while row.last == " " { row.removeLast() }
    return row
  }
}

/// The end of a quiz in lines: how it went, the score, the time, and the pages to revisit.
public enum QuizSummary {
  public static func lines(_ session: QuizSession, lesson: Lesson, strings s: Strings, now: Double) -> [String] {
    let score = session.score
    var lines = [
      session.isFinished ? s.quizDone : s.quizLeft, s.quizScore(score.right, score.total),
      s.quizTime(session.elapsed(now: now)),
    ]
    let topics = session.topicsToRevisit
    if topics.isEmpty {
      if session.isFinished { lines.append(s.quizNothingToRevisit) }
    } else {
      lines.append(s.quizRevisit)
      for topic in topics {
        lines.append("  - " + s.quizTopic(topic, page: lesson.page(ofTopic: topic).map { $0 + 1 }))
      }
    }
    return lines
  }
}

/// Answers typed as text: option or step numbers (`2`, `1 3`, `3,1,2`), or a number (`4.5`, `4,5`).
public enum QuizAnswerText {
  public static func parse(_ text: String, for form: AnswerForm) -> Answer? {
    switch form {
    case .number:
      return QuizParser.number(text).map(Answer.number)
    case .choice(let options, _, let multiple):
      guard let numbers = numbers(text, upTo: options.count), !numbers.isEmpty else { return nil }
      let chosen = Set(numbers)
      guard chosen.count == numbers.count, multiple || chosen.count == 1 else { return nil }
      return .choices(chosen)
    case .order(let steps, _):
      guard let numbers = numbers(text, upTo: steps.count), Set(numbers) == Set(steps.indices),
        numbers.count == steps.count
      else { return nil }
      return .order(numbers)
    }
  }

  /// 0-based indices from 1-based numbers separated by spaces or commas; nil when one is not a number in range.
  static func numbers(_ text: String, upTo count: Int) -> [Int]? {
    var result: [Int] = []
    for word in text.split(whereSeparator: { $0 == " " || $0 == "," }) {
      guard let n = Int(word), n >= 1, n <= count else { return nil }
      result.append(n - 1)
    }
    return result
  }
}
