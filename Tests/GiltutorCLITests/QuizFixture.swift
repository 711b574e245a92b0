import Foundation
import Testing

/// A data folder (`GILTUTOR_HOME`) with one small lesson in both languages and its quizzes, for the quiz's
/// end-to-end tests: its answers do not change when the course is edited.
enum QuizFixture {
  static let lesson = """
    # Fixture lesson

    ## First page

    One.

    ---

    ## Second page

    Two.
    """

  static let lessonRu = """
    # Урок-образец

    ## Первая страница

    Один.

    ---

    ## Вторая страница

    Два.
    """

  /// The fixture course's two CPU-bound threads (`Tests/Fixtures/Lessons/scenarios/two-threads.scenario`).
  static var duo: String {
    get throws { try String(contentsOf: GiltutorProcess.fixtureScenario("two-threads"), encoding: .utf8) }
  }

  /// One question of each kind.
  static let quiz = """
    question: single
    topic: First page
    text: Which letter comes first?
    right: A
    wrong: B
    wrong: C
    explain: A comes first.

    question: multiple
    topic: Second page
    text: Which are vowels?
    right: A
    right: E
    wrong: B
    explain: A and E.

    question: truefalse
    topic: First page
    text: Two is even.
    answer: true
    explain: It is.

    question: number
    topic: First page
    text: How many milliseconds in a second?
    answer: 1000
    explain: A thousand.

    question: order
    topic: Second page
    text: Count up.
    step: one
    step: two
    step: three
    explain: One, two, three.

    question: timeline
    topic: Second page
    scenario: quiz-duo
    ask: holder at 12ms
    text: Which thread holds the GIL at 12 ms?
    explain: {answer} holds it.
    """

  /// The same quiz in Russian (the same questions in the same order, so the same answers).
  static var quizRu: String {
    quiz.replacingOccurrences(of: "topic: First page", with: "topic: Первая страница")
      .replacingOccurrences(of: "topic: Second page", with: "topic: Вторая страница")
  }

  /// A quiz whose one question is always answered wrong by "0": it is asked again for every line of input.
  static let endless = """
    question: number
    topic: First page
    text: One?
    answer: 1
    explain: One.
    """

  /// Writes the data folder into `directory` and returns it.
  @discardableResult
  static func write(into directory: TemporaryDirectory, quiz: String = quiz) throws -> URL {
    try directory.write(lesson, to: "data/Lessons/en/01-fixture.md")
    try directory.write(lessonRu, to: "data/Lessons/ru/01-fixture.md")
    try directory.write(quiz, to: "data/Lessons/en/01-fixture.quiz")
    try directory.write(
      quiz == self.quiz ? quizRu : quiz.replacingOccurrences(of: "First page", with: "Первая страница"),
      to: "data/Lessons/ru/01-fixture.quiz")
    try directory.write(try duo, to: "data/Lessons/scenarios/quiz-duo.scenario")
    return directory.url.appendingPathComponent("data")
  }
}

/// The progress file under `state` (an `XDG_STATE_HOME`), decoded.
func progressJSON(_ state: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
  let data = try Data(contentsOf: state.appendingPathComponent("giltutor/progress.json"))
  return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], sourceLocation: sourceLocation)
}

/// The entry of `lesson`'s quiz in a decoded progress file.
func quizEntry(
  _ progress: [String: Any], _ lesson: String = "01-fixture", sourceLocation: SourceLocation = #_sourceLocation
) throws -> [String: Any] {
  let quizzes = try #require(progress["quizzes"] as? [String: Any], sourceLocation: sourceLocation)
  return try #require(quizzes[lesson] as? [String: Any], "no entry for \(lesson)", sourceLocation: sourceLocation)
}

/// The entry of `lesson`'s quiz in the progress file under `state`.
func quizEntry(
  _ state: URL, _ lesson: String = "01-fixture", sourceLocation: SourceLocation = #_sourceLocation
) throws -> [String: Any] {
  try quizEntry(try progressJSON(state, sourceLocation: sourceLocation), lesson, sourceLocation: sourceLocation)
}

extension TmuxSession {
  /// Starts giltutor with ARGUMENTS on the quiz fixture, written into `home`; returns the state folder
  /// (`XDG_STATE_HOME`) that holds its progress.
  @discardableResult
  func startOnQuizFixture(_ arguments: String) throws -> URL {
    let data = try QuizFixture.write(into: home)
    let state = home.url.appendingPathComponent("state")
    try start(arguments, environment: "GILTUTOR_HOME=\(data.path) XDG_STATE_HOME=\(state.path)")
    return state
  }
}
