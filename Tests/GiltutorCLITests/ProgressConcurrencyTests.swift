import Foundation
import TerminalUI
import Testing
import TutorApp

@testable import giltutor

/// Several giltutors using one progress file at once: every change each of them makes is kept.
@Suite("giltutors at once on one progress file")
struct ProgressConcurrencyTests {
  /// A `giltutor quiz LESSON --plain --seed 3` started with `answers` on stdin, not yet waited for.
  func quizRun(
    lesson: String, answers: URL, data: URL, state: URL, scratch: TemporaryDirectory, name: String
  ) throws -> GiltutorProcess.Running {
    try GiltutorProcess.Running(
      ["quiz", lesson, "--plain", "--seed", "3"],
      environment: ["GILTUTOR_HOME": data.path, "XDG_STATE_HOME": state.path], input: answers, scratch: scratch,
      name: name)
  }

  /// N pairs of `giltutor quiz 1 --plain` run at the same time (N = GILTUTOR_PROGRESS_PAIRS, default 8): all 2N
  /// attempts are counted, and the best score is kept.
  @Test func concurrentQuizRunsKeepEveryAttempt() throws {
    let pairs = Int(ProcessInfo.processInfo.environment["GILTUTOR_PROGRESS_PAIRS"] ?? "") ?? 8
    let scratch = try TemporaryDirectory()
    let data = try QuizFixture.write(into: scratch)
    let state = scratch.url.appendingPathComponent("state")
    let answers = try scratch.write(fixtureAnswers.joined(separator: "\n") + "\n", to: "answers")
    for pair in 0..<pairs {
      let runs = try (0..<2).map {
        try quizRun(
          lesson: "1", answers: answers, data: data, state: state, scratch: scratch, name: "run-\(pair)-\($0)")
      }
      for run in runs {
        let (status, stderr) = try run.finish()
        #expect(status == 0 && stderr == "", "pair \(pair)")
      }
    }
    let entry = try quizEntry(state, "01-fixture")
    print("progress concurrency test: \(entry["attempts"] ?? "none") of \(2 * pairs) attempts kept")
    #expect(entry["attempts"] as? Int == 2 * pairs)
    #expect((entry["best"] as? [String: Any])?["right"] as? Int == 5)
    let folder = try FileManager.default.contentsOfDirectory(atPath: state.appendingPathComponent("giltutor").path)
    #expect(folder == ["progress.json"])
  }

  /// Two quizzes of two lessons at once, each saving after every one of its hundreds of answers: both lessons'
  /// entries are in the file at the end.
  @Test func twoQuizzesAtOnceKeepBothLessons() throws {
    let scratch = try TemporaryDirectory()
    let data = try QuizFixture.write(into: scratch, quiz: QuizFixture.endless)
    try scratch.write(QuizFixture.lesson, to: "data/Lessons/en/02-second.md")
    try scratch.write(QuizFixture.endless, to: "data/Lessons/en/02-second.quiz")
    let state = scratch.url.appendingPathComponent("state")
    let answers = try scratch.write(String(repeating: "0\n", count: 300), to: "answers")
    let runs = try ["1", "2"].map {
      try quizRun(lesson: $0, answers: answers, data: data, state: state, scratch: scratch, name: "quiz-\($0)")
    }
    for run in runs {
      let (status, stderr) = try run.finish()
      #expect(status == 0 && stderr == "")
    }
    for lesson in ["01-fixture", "02-second"] {
      let entry = try quizEntry(state, lesson)
      #expect(entry["attempts"] as? Int == 1, "\(lesson)")
      #expect((entry["last"] as? [String: Any])?["answered"] as? Int == 1, "\(lesson)")
    }
  }

  /// A lesson open since before a quiz was finished elsewhere turns a page: the quiz is still in the file.
  @Test func aPageTurnKeepsAQuizFinishedInAnotherGiltutor() throws {
    let scratch = try TemporaryDirectory()
    let store = ProgressStore(file: scratch.url.appendingPathComponent("state/giltutor/progress.json"))
    let lesson = ProgressKeeper(environment: [:], strings: .en, store: store)
    lesson.savePosition(lesson: "01-what-is-the-gil", page: 1)
    let quiz = ProgressKeeper(environment: [:], strings: .en, store: store)
    let run = QuizRecord(right: 4, total: 6, answered: 6, finished: true, mistakes: [2, 5], topics: [], seconds: 40)
    #expect(quiz.update { $0.record(quiz: "01-what-is-the-gil", run, startsAttempt: true) })
    lesson.savePosition(lesson: "01-what-is-the-gil", page: 2)
    let progress = store.load().progress
    #expect(progress.page == 3)
    #expect(progress.quizzes["01-what-is-the-gil"]?.best == run)
    #expect(progress.quizzes["01-what-is-the-gil"]?.attempts == 1)
  }

  /// A giltutor whose learner did not move does not put back, on its way out, the position it started with over
  /// one another giltutor saved since.
  @Test func leavingWithoutMovingKeepsAPositionSavedElsewhere() throws {
    let scratch = try TemporaryDirectory()
    let store = ProgressStore(file: scratch.url.appendingPathComponent("state/giltutor/progress.json"))
    try store.update { $0 = LearnerProgress(lesson: "01", page: 2) }
    let idle = ProgressKeeper(environment: [:], strings: .en, store: store)
    let busy = ProgressKeeper(environment: [:], strings: .en, store: store)
    busy.savePosition(lesson: "03", page: 4)
    // The idle one records a quiz (and so reads the new position), then leaves where it was all along.
    idle.update {
      $0.record(
        quiz: "01", QuizRecord(right: 1, total: 1, answered: 1, finished: true, mistakes: [], topics: [], seconds: 5),
        startsAttempt: true)
    }
    idle.savePosition(lesson: "01", page: 1)
    let progress = store.load().progress
    #expect(progress.lesson == "03" && progress.page == 5)
    #expect(progress.quizzes["01"]?.attempts == 1)
  }

  /// A file with keys missing and keys this giltutor does not know: read, not set aside; the quiz adds its entry
  /// and the unknown keys are still there.
  @Test func aQuizKeepsAFileWithMissingAndUnknownKeys() throws {
    let scratch = try TemporaryDirectory()
    let data = try QuizFixture.write(into: scratch)
    let state = scratch.url.appendingPathComponent("state")
    try scratch.write("{\"lesson\": \"01-fixture\", \"streak\": {\"days\": 3}}\n", to: "state/giltutor/progress.json")
    let answers = try scratch.write("3\nq\n", to: "answers")
    let (status, stderr) = try quizRun(
      lesson: "1", answers: answers, data: data, state: state, scratch: scratch, name: "quiz"
    ).finish()
    #expect(status == 0 && stderr == "")
    let progress = try progressJSON(state)
    #expect((progress["streak"] as? [String: Any])?["days"] as? Int == 3)
    #expect(progress["lesson"] as? String == "01-fixture" && progress["page"] as? Int == 1)
    #expect(try quizEntry(state, "01-fixture")["attempts"] as? Int == 1)
    let folder = try FileManager.default.contentsOfDirectory(atPath: state.appendingPathComponent("giltutor").path)
    #expect(folder == ["progress.json"])
  }
}
