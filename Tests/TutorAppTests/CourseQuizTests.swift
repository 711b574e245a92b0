import LessonKit
import Testing

@testable import TutorApp

/// The course's own quizzes: enough questions of every kind for each lesson, in both languages, and each one
/// can be asked and answered.
@Suite("the course's quizzes")
struct CourseQuizTests {
  @Test(arguments: ["en", "ru"])
  func everyLessonHasAFullQuiz(language: String) throws {
    let lessons = try CourseTests.course(language == "ru" ? .ru : .en)
    let quizzes = try Catalog.loadQuizzes(for: lessons, lessonsDirectory: courseDirectory)
    #expect(lessons.count >= 4)
    for lesson in lessons {
      let quiz = try #require(quizzes[lesson.id], "\(lesson.id) has no \(language) quiz")
      #expect(quiz.questions.count >= Lint.minimumQuestions, "\(lesson.id)")
      let kinds = Set(quiz.questions.map(\.kind.name))
      #expect(kinds.isSuperset(of: ["single", "truefalse", "timeline"]), "\(lesson.id): \(kinds)")
      #expect(quiz.questions.filter { $0.kind.name == "timeline" }.count >= 3, "\(lesson.id)")
      for question in quiz.questions {
        #expect(lesson.page(ofTopic: question.topic) != nil, "\(lesson.id) question \(question.number)")
      }
      // Answered right throughout, it scores full marks in one round.
      var session = QuizSession(quiz: quiz, strings: .of(language == "ru" ? .ru : .en), seed: 9, startTime: 0)
      while let question = session.current { session.answer(rightAnswer(question), now: 1) }
      #expect(session.round == 1 && session.score == (quiz.questions.count, quiz.questions.count), "\(lesson.id)")
    }
    let kinds = Set(quizzes.values.flatMap { $0.questions.map(\.kind.name) })
    #expect(kinds == ["single", "multiple", "truefalse", "number", "order", "timeline"])
  }
}
