import DisplayText
import Foundation
import LessonKit
import SchedulerEngine
import TerminalUI

extension Lint {
  /// A lesson's quiz should have at least this many questions.
  public static let minimumQuestions = 15

  /// The quizzes beside the lessons (`LANG/ID.quiz`): each parses, sits beside its lesson, names topics that are
  /// headings of that lesson, has enough questions, matches the English quiz question for question, and every
  /// timeline question's scenario runs to its end.
  static func checkQuizzes(_ directory: URL, shownAs shown: String, lessons: [String: [String: Lesson]])
    -> [LintFinding]
  {
    var findings: [LintFinding] = []
    var quizzes: [String: [String: Quiz]] = [:]
    var present: [String: Set<String>] = [:]  // language → IDs with a quiz file, parsed or not
    for language in Language.allCases.map(\.rawValue) {
      let folder = directory.appendingPathComponent(language, isDirectory: true)
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
        $0.hasSuffix(".quiz")
      }
      present[language] = Set(names.map { String($0.dropLast(5)) })
      for name in names.sorted() {
        let path = "\(shown)/\(language)/\(name)"
        func finding(_ line: Int, _ column: Int, _ severity: LintFinding.Severity, _ message: String) {
          findings.append(LintFinding(file: path, line: line, column: column, severity: severity, message: message))
        }
        let quiz: Quiz
        do throws(LessonDiagnostic) {
          quiz = try Catalog.loadQuiz(
            folder.appendingPathComponent(name), lessonsDirectory: directory, displayPath: path)
        } catch {
          // A scenario's own mistake is reported once, by the scenario check.
          if error.file == path { finding(error.line, error.column, .error, error.message) }
          continue
        }
        quizzes[language, default: [:]][quiz.lessonID] = quiz
        guard let lesson = lessons[language]?[quiz.lessonID] else {
          finding(1, 1, .error, "no lesson \(shown)/\(language)/\(quiz.lessonID).md beside this quiz")
          continue
        }
        for question in quiz.questions where lesson.page(ofTopic: question.topic) == nil {
          finding(
            question.topicLine, question.topicColumn, .error,
            "topic '\(question.topic)' is not a heading of \(lesson.file) (topics name a page's '##' heading)")
        }
        if quiz.questions.count < minimumQuestions {
          finding(
            1, 1, .warning,
            "\(counted(quiz.questions.count, "question")); a lesson's quiz should have at least \(minimumQuestions)")
        }
        for question in quiz.questions {
          guard case .timeline(let timeline) = question.kind else { continue }
          let trace = PictureTraces.trace(timeline.scenario)
          if trace.truncated {
            finding(
              question.line, 1, .error,
              "scenario '\(timeline.scenarioName)' does not finish within \(eventBudget) events: the answer "
                + "would be computed from part of it")
          }
        }
      }
    }
    findings += compareQuizzes(quizzes, present: present, shown: shown)
    return findings
  }

  /// Each language's quiz asks the same kinds of question, in the same order, as the English one.
  static func compareQuizzes(_ quizzes: [String: [String: Quiz]], present: [String: Set<String>], shown: String)
    -> [LintFinding]
  {
    var findings: [LintFinding] = []
    for (language, byID) in quizzes where language != "en" {
      for (id, quiz) in byID {
        guard let english = quizzes["en"]?[id] else {
          if present["en"]?.contains(id) == true { continue }
          findings.append(
            LintFinding(
              file: quiz.file, line: 1, column: 1, severity: .warning,
              message: "no English version: \(shown)/en/\(id).quiz is missing"))
          continue
        }
        let kinds = quiz.questions.map(\.kind.name)
        let englishKinds = english.questions.map(\.kind.name)
        guard kinds != englishKinds else { continue }
        let index = Array(zip(kinds, englishKinds)).firstIndex { $0.0 != $0.1 } ?? min(kinds.count, englishKinds.count)
        let line = index < quiz.questions.count ? quiz.questions[index].line : 1
        findings.append(
          LintFinding(
            file: quiz.file, line: line, column: 1, severity: .warning,
            message: "differs from \(english.file) from question \(index + 1) on (\(kinds.count) questions here, "
              + "\(englishKinds.count) there; the kinds must match one for one)"))
      }
    }
    return findings
  }
}
