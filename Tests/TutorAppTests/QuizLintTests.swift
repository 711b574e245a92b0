import Foundation
import Testing

@testable import TutorApp

/// A quiz of `count` true/false questions on `topic`.
func trueFalseQuiz(_ count: Int, topic: String = "Part") -> String {
  (1...count).map { "question: truefalse\ntopic: \(topic)\ntext: Q\($0)\nanswer: true\nexplain: E\n\n" }.joined()
}

@Suite("giltutor lint: quizzes")
struct QuizLintTests {
  func folder(en: String, ru: String, extra: [String: String] = [:]) throws -> LessonFolder {
    var files = [
      "en/01-a.md": "# One\n\n## Part\n\nText.\n", "ru/01-a.md": "# Один\n\n## Part\n\nТекст.\n",
      "en/01-a.quiz": en, "ru/01-a.quiz": ru, "scenarios/two.scenario": twoThreads,
    ]
    files.merge(extra) { $1 }
    return try LessonFolder(files)
  }

  @Test func aGoodQuizHasNoFindings() throws {
    #expect(try folder(en: trueFalseQuiz(15), ru: trueFalseQuiz(15)).lint() == [])
  }

  @Test func tooFewQuestionsIsAWarning() throws {
    #expect(
      try folder(en: trueFalseQuiz(14), ru: trueFalseQuiz(15)).lint() == [
        "L/en/01-a.quiz:1:1: warning: 14 questions; a lesson's quiz should have at least 15",
        "L/ru/01-a.quiz:85:1: warning: differs from L/en/01-a.quiz from question 15 on (15 questions here, 14 there; the kinds must match one for one)",
      ])
  }

  @Test func aParseErrorAMissingScenarioAndAMissingPage() throws {
    let lessons = try folder(
      en: trueFalseQuiz(15) + "question: essay\n",
      ru: trueFalseQuiz(14, topic: "Part")
        + "question: truefalse\ntopic:  Nowhere\ntext: Q\nanswer: true\nexplain: E\n",
      extra: [
        "en/02-b.md": "# Two\n\n## Part\n", "ru/02-b.md": "# Два\n\n## Part\n",
        "en/02-b.quiz": trueFalseQuiz(15)
          + "question: timeline\ntopic: Part\ntext: Q\nexplain: E\nscenario: three\nask: final x\n",
        "ru/03-c.quiz": trueFalseQuiz(15),
      ])
    let path = lessons.url.path
    let findings = lessons.lint()
    #expect(
      findings == [
        "L/en/01-a.quiz:91:11: error: unknown question kind 'essay' (known: single, multiple, truefalse, number, order, timeline)",
        "L/en/02-b.quiz:95:11: error: unknown scenario 'three': no file \(path)/scenarios/three.scenario",
        "L/ru/01-a.quiz:86:9: error: topic 'Nowhere' is not a heading of L/ru/01-a.md (topics name a page's '##' heading)",
        "L/ru/03-c.quiz:1:1: error: no lesson L/ru/03-c.md beside this quiz",
        "L/ru/03-c.quiz:1:1: warning: no English version: L/en/03-c.quiz is missing",
      ])
  }

  @Test func theLanguagesAskTheSameKinds() throws {
    let en = trueFalseQuiz(15) + "question: number\ntopic: Part\ntext: Q\nanswer: 1\nexplain: E\n"
    let ru = trueFalseQuiz(16)
    #expect(
      try folder(en: en, ru: ru).lint() == [
        "L/ru/01-a.quiz:91:1: warning: differs from L/en/01-a.quiz from question 16 on (16 questions here, 16 there; the kinds must match one for one)"
      ])
  }
}
