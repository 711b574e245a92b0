import Foundation
import Testing

@Suite("giltutor quiz in tmux", .serialized)
struct QuizTmuxTests {
  /// The fixture quiz answered with keys at 80×24 (seed 3, as in `fixtureAnswers`): a wrong answer that comes
  /// back, arrows and space, typed digits, ranked steps, the timeline explanation, help, a resize, the summary.
  @Test func aFullQuizAnsweredWithKeys() throws {
    let session = try TmuxSession(width: 80, height: 24)
    let state = try session.startOnQuizFixture("quiz 1 --seed 3")
    try session.waitFor("Which letter comes first?")
    try session.keys("1", "Enter")
    try session.waitFor("Not quite. The answer: A")
    try session.keys("Enter")
    try session.waitFor("Which are vowels?")
    try session.keys("?")
    try session.waitFor("answer / next question")
    try session.keys("x", "1", "2", "Enter")
    try session.waitFor("A and E.")
    try session.keys("Enter")
    try session.waitFor("Two is even.")
    try session.keys("Space", "Enter", "Enter")
    try session.waitFor("How many milliseconds")
    try session.keys("1", "0", "0", "9", "BSpace", "0")
    try session.waitFor("Answer: 1000_")
    try session.keys("Enter", "Enter")
    try session.waitFor("Count up.")
    try session.keys("2", "3")
    try session.waitFor("[2] 3. two")
    try session.keys("Enter")
    try session.waitFor("One, two, three.")
    try session.keys("Enter")
    try session.waitFor("Which thread holds the GIL at 12 ms?")
    try session.keys("2", "Enter")
    try session.waitFor("↑ t = 12 ms: the moment in question")
    try session.resize(width: 100, height: 30)
    try session.waitFor("a holds it.")
    try session.keys("Enter")
    try session.waitFor("round 2: asked again")
    try session.keys("Down", "Down", "Space", "Enter")
    try session.waitFor("Right.")
    try session.keys("Enter")
    let summary = try session.waitFor("Right the first time: 5 of 6")
    #expect(summary.contains("First page (page 1)"))
    try session.keys("Enter")
    try session.waitFor("page 1/2")
    try session.keys("q")
    try session.expectEnded(with: 0)
    let progress = try progressJSON(state)
    let quiz = try quizEntry(progress)
    #expect((quiz["best"] as? [String: Any])?["right"] as? Int == 5)
    #expect(progress["lesson"] as? String == "01-fixture")
  }

  /// In Russian, the quiz is offered at the end of the lesson; Ctrl-C leaves with 130 and keeps the answer given.
  @Test func offeredAtTheLessonsEndInRussian() throws {
    let session = try TmuxSession(width: 80, height: 24)
    let state = try session.startOnQuizFixture("lesson 1 --lang ru")
    try session.waitFor("стр. 1/2")
    try session.keys("Right", "Right")
    try session.waitFor("Урок «Урок-образец» пройден.")
    try session.keys("Enter")
    try session.waitFor("Тест: Урок-образец")
    // The lesson command shuffles with a new seed each time: option 1 may be right or wrong.
    try session.keys("1", "Enter")
    try session.wait("the feedback") { $0.contains("Ответ: A") || $0.contains("Верно.") }
    try session.keys("C-c")
    try session.expectEnded(with: 130)
    let quiz = try quizEntry(state)
    #expect((quiz["last"] as? [String: Any])?["answered"] as? Int == 1)
  }
}
