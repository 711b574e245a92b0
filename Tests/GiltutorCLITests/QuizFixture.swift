import Foundation

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

  static let duo = """
    title: Two CPU-bound threads
    interpreter: cpython-3.11
    switch_interval: 5ms
    cores: 2
    seed: 1

    thread a:
        compute 20ms

    thread b:
        compute 20ms
    """

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
    try directory.write(duo, to: "data/Lessons/scenarios/quiz-duo.scenario")
    return directory.url.appendingPathComponent("data")
  }
}
