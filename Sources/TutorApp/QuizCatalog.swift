import Foundation
import LessonKit

extension Catalog {
  /// The quiz beside a lesson file: `Lessons/LANG/ID.quiz` next to `Lessons/LANG/ID.md`.
  public static func quizFile(forLesson file: URL) -> URL {
    file.deletingPathExtension().appendingPathExtension("quiz")
  }

  /// Reads and parses a quiz file; scenarios come from `lessonsDirectory/scenarios/NAME.scenario`.
  public static func loadQuiz(_ file: URL, lessonsDirectory: URL, displayPath: String? = nil) throws(LessonDiagnostic)
    -> Quiz
  {
    let shown = displayPath ?? file.path
    let text = try readText(file, shown: shown, what: "quiz")
    let scenarios = lessonsDirectory.appendingPathComponent("scenarios", isDirectory: true)
    func path(_ name: String) -> String { scenarioPath(name, in: scenarios) }
    return try QuizParser.parse(
      text, file: shown, lessonID: file.deletingPathExtension().lastPathComponent,
      loadScenario: { name in
        FileManager.default.contents(atPath: path(name)).flatMap { String(data: $0, encoding: .utf8) }
      },
      scenarioPath: path)
  }

  /// The quizzes of the lessons that have one, by lesson ID.
  public static func loadQuizzes(for lessons: [Lesson], lessonsDirectory: URL) throws(LessonDiagnostic)
    -> [String: Quiz]
  {
    var quizzes: [String: Quiz] = [:]
    for lesson in lessons {
      let file = quizFile(forLesson: URL(fileURLWithPath: lesson.file))
      guard FileManager.default.fileExists(atPath: file.path) else { continue }
      quizzes[lesson.id] = try loadQuiz(file, lessonsDirectory: lessonsDirectory)
    }
    return quizzes
  }

  /// A UTF-8 text file's contents, or a diagnostic at 1:1.
  static func readText(_ file: URL, shown: String, what: String) throws(LessonDiagnostic) -> String {
    guard let data = FileManager.default.contents(atPath: file.path) else {
      throw LessonDiagnostic(file: shown, line: 1, column: 1, message: "cannot read the \(what) file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw LessonDiagnostic(file: shown, line: 1, column: 1, message: "the \(what) file is not UTF-8 text")
    }
    return text
  }
}
