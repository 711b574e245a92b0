import ArgumentParser
import DisplayText
import Foundation
import LessonKit
import TerminalUI
import TutorApp

/// Loads the lessons (exit 2 with `FILE:LINE:COL: error: ...` on a mistake).
func loadLessons(_ language: Language) throws -> (lessons: [Lesson], directory: URL) {
  guard let data = ResourceLocator.current.dataDirectory() else {
    printError("giltutor: cannot find the Lessons folder (set GILTUTOR_HOME to the folder that holds it)")
    throw ExitCode(LessonExit.usage)
  }
  let directory = data.appendingPathComponent("Lessons", isDirectory: true)
  do {
    let lessons = try Catalog.loadAll(lessonsDirectory: directory, language: language.rawValue)
    guard !lessons.isEmpty else {
      printError("giltutor: no lessons in \(directory.path)/\(language.rawValue)")
      throw ExitCode(LessonExit.usage)
    }
    return (lessons, directory)
  } catch let diagnostic as LessonDiagnostic {
    printError(diagnostic.description)
    throw ExitCode(LessonExit.usage)
  }
}

/// Loads the quizzes beside the lessons (exit 2 with `FILE:LINE:COL: error: ...` on a mistake).
func loadQuizzes(for lessons: [Lesson], directory: URL) throws -> [String: Quiz] {
  do {
    return try Catalog.loadQuizzes(for: lessons, lessonsDirectory: directory)
  } catch {
    printError(error.description)
    throw ExitCode(LessonExit.usage)
  }
}
