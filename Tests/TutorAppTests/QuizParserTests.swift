import LessonKit
import SchedulerEngine
import Testing

@testable import TutorApp

/// Scenarios a test quiz may name, by name.
let quizTestScenarios: [String: String] = [
  // The fixture course's two CPU-bound threads.
  "duo":
    (try? String(
      contentsOf: lessonsDirectory.appendingPathComponent("scenarios/two-threads.scenario"), encoding: .utf8)) ?? "",
  "convoy": """
  interpreter: cpython-3.11
  switch_interval: 5ms
  cores: 2
  seed: 1

  thread cpu:
      compute 40ms

  thread net:
      repeat 8:
          io 200us
          compute 15us
  """,
  "race": """
  interpreter: cpython-3.11
  switch_interval: 5ms
  cores: 2
  seed: 1
  shared counter = 0

  thread adder x 2:
      compute 3ms
      repeat 20000:
          x = counter
          call noop
          counter = x + 1
  """,
  "broken": "thread a:\n    compute 5 parsecs\n",
]

/// Parses a quiz written in a test, its scenarios taken from `scenarios`.
func parseQuiz(_ source: String, scenarios: [String: String] = quizTestScenarios) throws(LessonDiagnostic) -> Quiz {
  try QuizParser.parse(
    source, file: "t.quiz", lessonID: "01-test", loadScenario: { scenarios[$0] },
    scenarioPath: { "scenarios/\($0).scenario" })
}

/// One question of every kind.
let everyKindQuiz = """
  # A comment line.
  question: single
  topic: First page
  text: Pick the first
    letter of the alphabet.
  right: A
  wrong: B
  wrong: C
  explain: A comes first.

  question: multiple
  topic: Second page
  text: Pick the vowels.
  right: A
  right: E
  wrong: B
  explain: A and E are vowels.

  question: truefalse
  topic: First page
  text: Two is even.
  answer: true
  explain: It is.

  question: number
  topic: First page
  text: How many milliseconds are in a second?
  answer: 1000
  tolerance: 0.5
  unit: ms
  explain: A thousand.

  question: order
  topic: Second page
  text: Count.
  step: one
  step: two
  step: three
  explain: One, two, three.

  question: timeline
  topic: Second page
  scenario: duo
  ask: holder at 12ms
  text: Who holds the GIL at 12 ms?
  explain: {answer} does.
  """

struct QuizParserTests {
  @Test func everyKindIsRead() throws {
    let quiz = try parseQuiz(everyKindQuiz)
    #expect(quiz.questions.map(\.kind.name) == ["single", "multiple", "truefalse", "number", "order", "timeline"])
    #expect(quiz.questions.map(\.number) == [1, 2, 3, 4, 5, 6])
    #expect(quiz.questions.map(\.line) == [2, 11, 19, 25, 33, 41])
    let first = quiz.questions[0]
    #expect(first.text == "Pick the first letter of the alphabet.")
    #expect(first.topic == "First page")
    guard case .choice(let choices, let multiple) = first.kind else { throw Failure("not a choice") }
    #expect(!multiple)
    #expect(choices == [Choice("A", isRight: true), Choice("B", isRight: false), Choice("C", isRight: false)])
    guard case .number(let value, let tolerance, let unit) = quiz.questions[3].kind else { throw Failure("number") }
    #expect(value == 1000 && tolerance == 0.5 && unit == "ms")
    guard case .order(let steps) = quiz.questions[4].kind else { throw Failure("order") }
    #expect(steps == ["one", "two", "three"])
    guard case .timeline(let timeline) = quiz.questions[5].kind else { throw Failure("timeline") }
    #expect(timeline.query == .holder(at: 12 * Time.millisecond))
    #expect(timeline.scenarioName == "duo")
  }

  @Test func windowsLineEndsAndAByteOrderMark() throws {
    let quiz = try parseQuiz("\u{FEFF}" + everyKindQuiz.replacingOccurrences(of: "\n", with: "\r\n"))
    #expect(quiz.questions.count == 6)
    #expect(quiz.questions[0].text == "Pick the first letter of the alphabet.")
  }

  @Test func everyQueryIsRead() throws {
    func query(_ ask: String, _ scenario: String) throws -> TimelineQuery {
      let quiz = try parseQuiz(
        "question: timeline\ntopic: T\ntext: Q\nexplain: E\nscenario: \(scenario)\nask: \(ask)\ntolerance: 1\n")
      guard case .timeline(let timeline) = quiz.questions[0].kind else { throw Failure("timeline") }
      return timeline.query
    }
    #expect(try query("wait-after-io net", "convoy") == .waitAfterIO(thread: "net"))
    #expect(try query("final counter", "race") == .finalValue(variable: "counter"))
    #expect(try query("handoffs until 50ms", "duo") == .handOffs(until: 50 * Time.millisecond))
    #expect(try query("finish adder-2", "race") == .finish(thread: "adder-2"))
    #expect(try query("handoffs  until 1.5s", "duo") == .handOffs(until: 1_500 * Time.millisecond))
  }

  /// Broken files: each message names the file, the line and the column of the mistake.
  @Test(arguments: [
    ("", "t.quiz:1:1: error: the quiz has no questions (each starts with 'question: KIND')"),
    ("topic: x\n", "t.quiz:1:1: error: 'topic:' before the first 'question:' line"),
    ("  text\n", "t.quiz:1:1: error: an indented line continues a field, but no field comes before it"),
    (
      "question: single\nthis is prose\n",
      "t.quiz:2:1: error: expected 'FIELD: value' (a question starts with 'question: KIND')"
    ),
    (
      "question: essay\n",
      "t.quiz:1:11: error: unknown question kind 'essay' (known: single, multiple, truefalse, number, order, timeline)"
    ),
    (
      "question:   single\ntitle: x\n",
      "t.quiz:2:1: error: unknown field 'title' (known: question, topic, text, explain, right, wrong, answer, tolerance, unit, step, scenario, ask)"
    ),
    (
      "question: single\ntopic: T\ntext: Q\nexplain: E\nright: A\nright: B\n",
      "t.quiz:1:1: error: a 'single' question has exactly one 'right:' choice (this one has 2)"
    ),
    (
      "question: single\ntopic: T\ntext: Q\nright: A\nwrong: B\n",
      "t.quiz:1:1: error: this 'single' question has no 'explain:' line"
    ),
    ("question: number\ntopic: T\ntopic: U\n", "t.quiz:3:1: error: 'topic:' is given twice in one question"),
    ("question: number\nright: 4\n", "t.quiz:2:1: error: 'right:' does not belong to a 'number' question"),
    (
      "question: number\ntopic: T\ntext: Q\nexplain: E\nanswer:  four\n",
      "t.quiz:5:10: error: expected a number such as 5 or 0.25, found 'four'"
    ),
    (
      "question: truefalse\ntopic: T\ntext: Q\nexplain: E\nanswer: yes\n",
      "t.quiz:5:9: error: a 'truefalse' answer is 'true' or 'false', not 'yes'"
    ),
    (
      "question: order\ntopic: T\ntext: Q\nexplain: E\nstep: a\nstep: b\n",
      "t.quiz:1:1: error: an 'order' question needs at least three 'step:' lines"
    ),
    ("question: single\ntopic:\n", "t.quiz:2:7: error: 'topic:' has no value"),
    (
      "question: timeline\ntopic: T\ntext: Q\nexplain: E\nscenario: nowhere\nask: final x\n",
      "t.quiz:5:11: error: unknown scenario 'nowhere': no file scenarios/nowhere.scenario"
    ),
    (
      "question: timeline\ntopic: T\ntext: Q\nexplain: E\nscenario: broken\nask: final x\n",
      "scenarios/broken.scenario:2:13: error: missing unit after '5'; use ns, us, ms or s, as in 5ms (scenario 'broken' used at t.quiz:5)"
    ),
    (
      "question: timeline\ntopic: T\ntext: Q\nexplain: E\nscenario: duo\nask: holder at noon\n",
      "t.quiz:6:16: error: expected a time such as 12ms, 300us or 1s"
    ),
    (
      "question: timeline\ntopic: T\ntext: Q\nexplain: E\nscenario: duo\nask: finish c\n",
      "t.quiz:6:13: error: expected a thread of the scenario (a, b), found 'c'"
    ),
    (
      "question: timeline\ntopic: T\ntext: Q\nexplain: E\nscenario: duo\nask: final counter\n",
      "t.quiz:6:12: error: expected a shared variable of the scenario (it has none)"
    ),
    (
      "question: timeline\ntopic: T\ntext: Q\nexplain: E\nscenario: duo\nask: who knows\n",
      "t.quiz:6:6: error: expected 'holder at TIME', 'wait-after-io THREAD', 'final VARIABLE', 'handoffs until TIME' or 'finish THREAD'"
    ),
    (
      "question: timeline\ntopic: T\ntext: Q\nexplain: E\nscenario: duo\nask: finish a now\n",
      "t.quiz:6:15: error: unexpected 'now' after the question"
    ),
    (
      "question: timeline\ntopic: T\ntext: Q\nexplain: E\nscenario: duo\nask: holder at 1ms\ntolerance: 1\n",
      "t.quiz:6:6: error: 'tolerance:' applies to questions whose answer is a number"
    ),
  ])
  func brokenFilesAreReportedWhereTheMistakeIs(source: String, message: String) {
    #expect(throws: LessonDiagnostic.self) { try parseQuiz(source) }
    do {
      _ = try parseQuiz(source)
    } catch {
      #expect(error.description == message)
    }
  }
}

struct Failure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
