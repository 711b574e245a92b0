import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Answers to the fixture quiz with `--seed 3` (the seed fixes the order of the choices), the first one wrong:
/// it comes back in round 2 and is answered right there.
let fixtureAnswers = ["1", "1 2", "1", "1000", "2 3 1", "2", "3"]

@Suite("giltutor quiz --plain and giltutor progress")
struct QuizPlainEndToEndTests {
  func run(_ arguments: [String], in scratch: TemporaryDirectory, input: String? = nil) throws
    -> GiltutorProcess.Result
  {
    let data = try QuizFixture.write(into: scratch)
    return try GiltutorProcess.run(
      arguments, environment: ["GILTUTOR_HOME": data.path, "XDG_STATE_HOME": scratch.url.path + "/state"],
      input: input)
  }

  @Test func aWholeQuizAnsweredFromAFile() throws {
    let scratch = try TemporaryDirectory()
    let result = try run(
      ["quiz", "1", "--plain", "--seed", "3"], in: scratch, input: fixtureAnswers.joined(separator: "\n") + "\n")
    #expect(result.status == 0)
    #expect(result.stderr == "")
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.dropLast().last == "score: 5/6")
    #expect(lines.contains("> 1"))
    #expect(lines.contains("Not quite. The answer: A"))
    #expect(lines.contains("Question 1 of 6 · round 2: asked again"))
    #expect(lines.contains("b holds it.") || lines.contains("a holds it."))
    #expect(lines.contains { $0.contains("↑ t = 12 ms: the moment in question") })
    #expect(lines.contains("  - First page (page 1)"))
    #expect(lines.contains("Quiz finished"))
    let quiz = try quizEntry(scratch.url.appendingPathComponent("state"))
    #expect(quiz["attempts"] as? Int == 1)
    let best = try #require(quiz["best"] as? [String: Any])
    #expect(best["right"] as? Int == 5 && best["total"] as? Int == 6 && best["mistakes"] as? [Int] == [1])
    // giltutor progress shows it.
    let shown = try run(["progress"], in: scratch)
    #expect(shown.status == 0)
    #expect(shown.stdout.contains("01-fixture: best 5/6, last 5/6, 1 attempt"))
    #expect(shown.stdout.contains("Topics to revisit: First page"))
  }

  @Test func russianEndsWithTheSameScoreLine() throws {
    let scratch = try TemporaryDirectory()
    let result = try run(
      ["quiz", "1", "--plain", "--seed", "3", "--lang", "ru"], in: scratch,
      input: fixtureAnswers.joined(separator: "\n") + "\n")
    #expect(result.status == 0)
    #expect(result.stdout.hasSuffix("score: 5/6\n"))
    #expect(result.stdout.contains("Верно с первого раза: 5 из 6"))
    #expect(result.stdout.contains("  - Первая страница (стр. 1)"))
  }

  @Test func leavingWithQKeepsTheAnswersSoFar() throws {
    let scratch = try TemporaryDirectory()
    let result = try run(["quiz", "1", "--plain", "--seed", "3"], in: scratch, input: "3\n1 2\nq\n")
    #expect(result.stdout.hasSuffix("score: 2/6\n"))
    #expect(result.stdout.contains("Quiz left early"))
    let quiz = try quizEntry(scratch.url.appendingPathComponent("state"))
    let last = try #require(quiz["last"] as? [String: Any])
    #expect(last["answered"] as? Int == 2 && last["finished"] as? Bool == false)
  }

  @Test func aBrokenQuizFileStopsWithFileLineColumn() throws {
    let scratch = try TemporaryDirectory()
    let data = try QuizFixture.write(into: scratch, quiz: QuizFixture.quiz + "\nquestion: essay\n")
    let result = try GiltutorProcess.run(["quiz", "1", "--plain"], environment: ["GILTUTOR_HOME": data.path])
    #expect(result.status == 2)
    #expect(result.stdout == "")
    #expect(
      result.stderr
        == "\(data.path)/Lessons/en/01-fixture.quiz:43:11: error: unknown question kind 'essay' (known: single, multiple, truefalse, number, order, timeline)\n"
    )
  }

  @Test func aLessonWithoutAQuiz() throws {
    let result = try run(["quiz", "no-such-lesson", "--plain"], in: try TemporaryDirectory())
    #expect(result.status == 2)
    #expect(result.stderr == "giltutor: no lesson 'no-such-lesson' (giltutor list shows them)\n")
  }

  @Test func resetAsksFirst() throws {
    let scratch = try TemporaryDirectory()
    _ = try run(["quiz", "1", "--plain", "--seed", "3"], in: scratch, input: "3\n")
    let declined = try run(["progress", "--reset"], in: scratch, input: "n\n")
    #expect(declined.stdout.contains("Clear all progress"))
    #expect(declined.stdout.hasSuffix("Nothing changed.\n"))
    #expect(try run(["progress"], in: scratch).stdout.contains("01-fixture"))
    let accepted = try run(["progress", "--reset", "--lang", "ru"], in: scratch, input: "д\n")
    #expect(accepted.stdout.hasSuffix("Прогресс стёрт.\n"))
    #expect(try run(["progress"], in: scratch).stdout.hasSuffix("No progress yet.\n"))
  }

  @Test func aCorruptProgressFileIsKeptAsideWithOneLine() throws {
    let scratch = try TemporaryDirectory()
    try scratch.write("{\"version\": 1, \"lesson\": ", to: "state/giltutor/progress.json")
    let result = try run(["progress"], in: scratch)
    #expect(result.status == 0)
    let aside = scratch.url.path + "/state/giltutor/progress.json.broken-1"
    #expect(
      result.stderr == "giltutor: the progress file could not be read (invalid); kept as \(aside), starting fresh\n")
    #expect(try String(contentsOfFile: aside, encoding: .utf8) == "{\"version\": 1, \"lesson\": ")
    #expect(result.stdout.hasSuffix("No progress yet.\n"))
  }

  @Test func aNewerProgressFileIsRefusedAndNotOverwritten() throws {
    let scratch = try TemporaryDirectory()
    let newer = "{\"version\": 7}\n"
    let file = try scratch.write(newer, to: "state/giltutor/progress.json")
    let quiz = try run(["quiz", "1", "--plain", "--seed", "3"], in: scratch, input: "3\n")
    #expect(quiz.stderr.hasPrefix("giltutor: \(file.path) is from a newer giltutor (format 7)"))
    #expect(quiz.stdout.hasSuffix("score: 1/6\n"))
    let reset = try run(["progress", "--reset", "--yes"], in: scratch)
    #expect(reset.status == 1)
    #expect(try String(contentsOf: file, encoding: .utf8) == newer)
  }
}

@Suite("progress survives SIGKILL while saving", .serialized)
struct ProgressKillTests {
  /// `giltutor quiz --plain` saves after every answer; fed thousands of wrong answers it saves continuously. Killed
  /// at a random moment, over and over, the progress file must always be a whole version: never cut, never empty.
  @Test func killedAtAnyMomentTheFileIsOldOrNew() throws {
    let scratch = try TemporaryDirectory()
    let data = try QuizFixture.write(into: scratch, quiz: QuizFixture.endless)
    let state = scratch.url.appendingPathComponent("state")
    let file = state.appendingPathComponent("giltutor/progress.json")
    let input = try scratch.write(String(repeating: "0\n", count: 20_000), to: "answers")
    var generator = SystemRandomNumberGenerator()
    var lastAnswered = 0
    var midSave = 0
    for round in 0..<60 {
      let before = (try? Data(contentsOf: file)) ?? Data()
      let process = try GiltutorProcess.launch(
        ["quiz", "1", "--plain", "--seed", "1"],
        environment: ["GILTUTOR_HOME": data.path, "XDG_STATE_HOME": state.path],
        input: try FileHandle(forReadingFrom: input))
      // Wait until this run has saved at least once, then kill it a random moment later.
      let deadline = Date().addingTimeInterval(20)
      while ((try? Data(contentsOf: file)) ?? Data()) == before && Date() < deadline && process.isRunning {
        usleep(1_000)
      }
      usleep(UInt32.random(in: 0...20_000, using: &generator))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      #expect(process.terminationReason == .uncaughtSignal, "round \(round): the run ended before the kill")
      let progress = try progressJSON(state)
      #expect(progress["version"] as? Int == 1, "round \(round)")
      let quiz = try quizEntry(progress)
      let last = try #require(quiz["last"] as? [String: Any])
      let answered = try #require(last["answered"] as? Int)
      #expect(answered == 1)
      #expect(quiz["attempts"] as? Int == round + 1 || quiz["attempts"] as? Int == round, "round \(round)")
      lastAnswered = answered
      // A temporary file left behind means the kill came in the middle of a save.
      let folder = file.deletingLastPathComponent()
      for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix(".progress") {
        midSave += 1
        try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
      }
    }
    print("progress kill test: \(midSave) of 60 kills came in the middle of a save")
    #expect(midSave > 0)
    #expect(lastAnswered == 1)
    // Nothing was ever found broken and moved aside.
    let names = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
    #expect(!names.contains { $0.contains("broken") })
  }
}
