import LessonKit
import SchedulerEngine
import TerminalUI

/// A question ready to ask: its choices shuffled, a timeline question's answer computed from its scenario's trace.
public struct PosedQuestion: Sendable {
  public var question: Question
  public var form: AnswerForm
  /// The right answer in words, shown after the learner answers.
  public var answerText: String
  /// For timeline questions: the trace and the moment the explanation marks on it.
  public var timeline: MarkedTrace?

  /// The explanation with `{answer}` replaced by the right answer.
  public var explanation: String { question.explanation.replacingOccurrences(of: "{answer}", with: answerText) }
}

/// A trace with one moment in it singled out.
public struct MarkedTrace: Sendable {
  public var trace: Trace
  public var moment: Nanos
}

/// How the learner answers, and what is right.
public enum AnswerForm: Sendable, Equatable {
  /// Options in the order shown; `right` indexes them. Single choice and true/false have one right option.
  case choice(options: [String], right: Set<Int>, multiple: Bool)
  case number(value: Double, tolerance: Double, unit: String)
  /// Steps in the order shown; `right` lists their indices in the right order.
  case order(steps: [String], right: [Int])

  public func isRight(_ answer: Answer) -> Bool {
    switch (self, answer) {
    case (.choice(_, let right, _), .choices(let chosen)): chosen == right
    // The small slack absorbs decimal fractions that binary doubles cannot hold exactly (0.1 + 0.2).
    case (.number(let value, let tolerance, _), .number(let given)): abs(given - value) <= tolerance + 1e-9
    case (.order(_, let right), .order(let given)): given == right
    default: false
    }
  }
}

/// What the learner answered: option indices, a number, or step indices in the order they put them.
public enum Answer: Sendable, Equatable {
  case choices(Set<Int>)
  case number(Double)
  case order([Int])
}

public enum QuizQuestions {
  /// `question` as it will be asked: choices shuffled with `random`, computed answers computed.
  public static func pose(_ question: Question, strings: Strings, random: inout SeededRandom) -> PosedQuestion {
    let s = strings
    switch question.kind {
    case .choice(let choices, let multiple):
      let shuffled = shuffle(choices, &random)
      let right = Set(shuffled.indices.filter { shuffled[$0].isRight })
      return PosedQuestion(
        question: question, form: .choice(options: shuffled.map(\.text), right: right, multiple: multiple),
        answerText: shuffled.filter(\.isRight).map(\.text).joined(separator: "; "), timeline: nil)
    case .trueFalse(let value):
      return PosedQuestion(
        question: question, form: .choice(options: [s.quizTrue, s.quizFalse], right: [value ? 0 : 1], multiple: false),
        answerText: value ? s.quizTrue : s.quizFalse, timeline: nil)
    case .number(let value, let tolerance, let unit):
      return PosedQuestion(
        question: question, form: .number(value: value, tolerance: tolerance, unit: unit),
        answerText: s.quizNumber(value) + (unit.isEmpty ? "" : " " + unit), timeline: nil)
    case .order(let steps):
      var shown = shuffle(Array(steps.indices), &random)
      // A shuffle that changed nothing would give the answer away.
      if shown == Array(steps.indices) { shown.append(shown.removeFirst()) }
      let right = steps.indices.map { step in shown.firstIndex(of: step)! }
      return PosedQuestion(
        question: question, form: .order(steps: shown.map { steps[$0] }, right: right),
        answerText: steps.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "  "),
        timeline: nil)
    case .timeline(let timeline):
      return poseTimeline(question, timeline, strings: s, random: &random)
    }
  }

  /// Runs the scenario and reads the answer off its trace.
  static func poseTimeline(
    _ question: Question, _ timeline: TimelineQuestion, strings s: Strings, random: inout SeededRandom
  ) -> PosedQuestion {
    let trace = PictureTraces.trace(timeline.scenario)
    let end = TraceQueries.wallTime(trace)
    func numeric(_ value: Double, moment: Nanos, text: String, unit: String) -> PosedQuestion {
      PosedQuestion(
        question: question, form: .number(value: value, tolerance: timeline.tolerance, unit: unit), answerText: text,
        timeline: MarkedTrace(trace: trace, moment: moment))
    }
    func milliseconds(_ nanos: Nanos, moment: Nanos) -> PosedQuestion {
      numeric(Double(nanos) / 1e6, moment: moment, text: s.duration(nanos), unit: s.quizMilliseconds)
    }
    switch timeline.query {
    case .holder(let at):
      let threads = trace.threads.indices.filter { trace.threads[$0].process == 0 }
      let holder =
        trace.gilSpans.isEmpty ? nil : trace.gilHolder(process: 0, at: at).flatMap { threads.contains($0) ? $0 : nil }
      let order = shuffle(threads, &random)
      let options = order.map { trace.threads[$0].name } + [s.quizNobody]
      let right = holder.flatMap { order.firstIndex(of: $0) } ?? order.count
      return PosedQuestion(
        question: question, form: .choice(options: options, right: [right], multiple: false),
        answerText: options[right], timeline: MarkedTrace(trace: trace, moment: at))
    case .waitAfterIO(let name):
      let waits = TraceQueries.thread(named: name, in: trace).map { TraceQueries.gilWaitsAfterIO(of: $0, in: trace) }
      let median = TraceQueries.median(waits?.map(\.wait) ?? []) ?? 0
      return milliseconds(median, moment: waits?.first { $0.wait == median }?.ioEnd ?? 0)
    case .finalValue(let name):
      let value = trace.sharedFinal.first { $0.name == name }?.value ?? 0
      return numeric(Double(value), moment: end, text: String(value), unit: "")
    case .handOffs(let until):
      let count = TraceQueries.handOffs(until: until, in: trace)
      return numeric(Double(count), moment: until, text: String(count), unit: "")
    case .finish(let name):
      let index = TraceQueries.thread(named: name, in: trace)
      let finish = index.flatMap { trace.statistics.threads[$0].finishedAt } ?? end
      return milliseconds(finish, moment: finish)
    }
  }

  /// Fisher–Yates with the quiz's seeded generator, so a seed fixes the order.
  static func shuffle<T>(_ items: [T], _ random: inout SeededRandom) -> [T] {
    var items = items
    guard items.count > 1 else { return items }
    for i in stride(from: items.count - 1, to: 0, by: -1) {
      let j = Int(random.next() % UInt64(i + 1))
      items.swapAt(i, j)
    }
    return items
  }
}
