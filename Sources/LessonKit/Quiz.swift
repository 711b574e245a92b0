import SchedulerEngine

/// The questions about one lesson in one language: `Lessons/LANG/ID.quiz` (see docs/quiz-format.md).
public struct Quiz: Sendable {
  /// The lesson's ID: the quiz file's name without `.quiz`.
  public var lessonID: String
  public var file: String
  public var questions: [Question]

  public init(lessonID: String, file: String, questions: [Question]) {
    self.lessonID = lessonID
    self.file = file
    self.questions = questions
  }
}

/// One question as the author wrote it.
public struct Question: Sendable {
  /// 1-based position in the file; progress remembers mistakes by it.
  public var number: Int
  /// The line of its `question:` field.
  public var line: Int
  /// The `##` heading of the lesson page that teaches it: where "topics to revisit" sends the learner.
  public var topic: String
  /// Where the topic's value starts, for messages about it.
  public var topicLine: Int
  public var topicColumn: Int
  public var text: String
  public var explanation: String
  public var kind: QuestionKind

  public init(
    number: Int, line: Int, topic: String, text: String, explanation: String, kind: QuestionKind,
    topicLine: Int = 0, topicColumn: Int = 0
  ) {
    self.number = number
    self.line = line
    self.topic = topic
    self.topicLine = topicLine
    self.topicColumn = topicColumn
    self.text = text
    self.explanation = explanation
    self.kind = kind
  }
}

public struct Choice: Sendable, Equatable {
  public var text: String
  public var isRight: Bool
  public init(_ text: String, isRight: Bool) {
    self.text = text
    self.isRight = isRight
  }
}

public enum QuestionKind: Sendable {
  /// `single` (exactly one right choice) or `multiple` ("select all that apply").
  case choice([Choice], multiple: Bool)
  case trueFalse(Bool)
  /// A number within `tolerance` of `value` is right; `unit` is shown after the answer field.
  case number(value: Double, tolerance: Double, unit: String)
  /// The steps in their right order; the learner sees them shuffled.
  case order([String])
  /// A question about a scenario whose answer the engine computes when the quiz runs.
  case timeline(TimelineQuestion)

  /// The name written after `question:`.
  public var name: String {
    switch self {
    case .choice(_, let multiple): multiple ? "multiple" : "single"
    case .trueFalse: "truefalse"
    case .number: "number"
    case .order: "order"
    case .timeline: "timeline"
    }
  }
}

public struct TimelineQuestion: Sendable {
  /// The scenario's name: `Lessons/scenarios/NAME.scenario`.
  public var scenarioName: String
  public var scenario: Scenario
  public var query: TimelineQuery
  /// For numeric queries, in the query's unit (milliseconds for times, a count otherwise).
  public var tolerance: Double

  public init(scenarioName: String, scenario: Scenario, query: TimelineQuery, tolerance: Double) {
    self.scenarioName = scenarioName
    self.scenario = scenario
    self.query = query
    self.tolerance = tolerance
  }
}

/// What a timeline question asks of the scenario's trace (the `ask:` field).
public enum TimelineQuery: Sendable, Equatable {
  /// `holder at TIME`: which thread holds the GIL (a choice among the threads and "nobody").
  case holder(at: Nanos)
  /// `wait-after-io THREAD`: the typical (median) time THREAD waits for the GIL after its I/O ends, in ms.
  case waitAfterIO(thread: String)
  /// `final VARIABLE`: the shared variable's value at the end.
  case finalValue(variable: String)
  /// `handoffs until TIME`: how many times the GIL changed hands up to TIME.
  case handOffs(until: Nanos)
  /// `finish THREAD`: when THREAD finishes, in ms.
  case finish(thread: String)

  /// Whether the answer is a number (else a choice).
  public var isNumeric: Bool {
    if case .holder = self { return false }
    return true
  }
}
