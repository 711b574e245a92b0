import DisplayText
import LessonKit
import SchedulerEngine
import Testing

@testable import TerminalUI
@testable import TutorApp

/// The first question of `source`, posed in English with seed 1.
func posed(_ source: String, scenarios: [String: String] = quizTestScenarios, seed: UInt64 = 1) throws
  -> PosedQuestion
{
  let quiz = try parseQuiz(source, scenarios: scenarios)
  var random = SeededRandom(seed: seed)
  return QuizQuestions.pose(quiz.questions[0], strings: .en, random: &random)
}

func timelineQuestion(_ scenario: String, ask: String, tolerance: String = "") -> String {
  "question: timeline\ntopic: T\ntext: Q\nexplain: It is {answer}.\nscenario: \(scenario)\nask: \(ask)\n"
    + (tolerance.isEmpty ? "" : "tolerance: \(tolerance)\n")
}

/// The right answer of a posed question, as the learner would give it.
func rightAnswer(_ question: PosedQuestion) -> Answer {
  switch question.form {
  case .choice(_, let right, _): .choices(right)
  case .number(let value, _, _): .number(value)
  case .order(_, let right): .order(right)
  }
}

struct QuizKindTests {
  @Test func singleChoiceIsGradedByTheShuffledRightOption() throws {
    let quiz = try parseQuiz(everyKindQuiz)
    var random = SeededRandom(seed: 7)
    let question = QuizQuestions.pose(quiz.questions[0], strings: .en, random: &random)
    guard case .choice(let options, let right, false) = question.form else { throw Failure("single") }
    #expect(Set(options) == ["A", "B", "C"])
    #expect(right == [options.firstIndex(of: "A")!])
    #expect(question.form.isRight(.choices(right)))
    #expect(!question.form.isRight(.choices([(right.first! + 1) % 3])))
    #expect(!question.form.isRight(.choices([0, 1, 2])))
    #expect(question.answerText == "A")
  }

  @Test func multipleChoiceNeedsExactlyTheRightSet() throws {
    let quiz = try parseQuiz(everyKindQuiz)
    var random = SeededRandom(seed: 1)
    let question = QuizQuestions.pose(quiz.questions[1], strings: .en, random: &random)
    guard case .choice(let options, let right, true) = question.form else { throw Failure("multiple") }
    let a = options.firstIndex(of: "A")!
    let e = options.firstIndex(of: "E")!
    #expect(right == [a, e])
    #expect(question.form.isRight(.choices([a, e])))
    #expect(!question.form.isRight(.choices([a])))
    #expect(!question.form.isRight(.choices([0, 1, 2])))
  }

  @Test func trueFalseKeepsTrueFirstInEitherLanguage() throws {
    let quiz = try parseQuiz(everyKindQuiz)
    var random = SeededRandom(seed: 1)
    let en = QuizQuestions.pose(quiz.questions[2], strings: .en, random: &random)
    let ru = QuizQuestions.pose(quiz.questions[2], strings: .ru, random: &random)
    #expect(en.form == .choice(options: ["True", "False"], right: [0], multiple: false))
    #expect(ru.form == .choice(options: ["Верно", "Неверно"], right: [0], multiple: false))
  }

  @Test func numberWithinTheTolerance() throws {
    let question = try posed(
      "question: number\ntopic: T\ntext: Q\nexplain: E\nanswer: 0.3\ntolerance: 0.05\nunit: ms\n")
    #expect(question.form.isRight(.number(0.1 + 0.2)))
    #expect(question.form.isRight(.number(0.35)))
    #expect(question.form.isRight(.number(0.25)))
    #expect(!question.form.isRight(.number(0.36)))
    #expect(question.answerText == "0.3 ms")
    #expect(QuizAnswerText.parse("0,35", for: question.form) == .number(0.35))
    #expect(QuizAnswerText.parse("about 3", for: question.form) == nil)
  }

  @Test func orderIsShuffledAndGradedByTheStepsOrder() throws {
    for seed: UInt64 in 1...20 {
      let question = try posed(
        "question: order\ntopic: T\ntext: Q\nexplain: E\nstep: one\nstep: two\nstep: three\nstep: four\n",
        seed: seed)
      guard case .order(let steps, let right) = question.form else { throw Failure("order") }
      #expect(steps != ["one", "two", "three", "four"], "seed \(seed) left the steps in order")
      #expect(right.map { steps[$0] } == ["one", "two", "three", "four"])
      #expect(question.form.isRight(.order(right)))
      #expect(!question.form.isRight(.order(Array(right.reversed()))))
    }
  }

  @Test func theSameSeedGivesTheSameOrderAndSeedsDiffer() throws {
    let source = "question: single\ntopic: T\ntext: Q\nexplain: E\nright: a\nwrong: b\nwrong: c\nwrong: d\nwrong: e\n"
    let first = try posed(source, seed: 42).form
    #expect(try posed(source, seed: 42).form == first)
    let others = try (1...10).map { try posed(source, seed: UInt64($0)).form }
    #expect(others.contains { $0 != first })
  }

  @Test func typedAnswers() {
    let single = AnswerForm.choice(options: ["a", "b", "c"], right: [1], multiple: false)
    let multiple = AnswerForm.choice(options: ["a", "b", "c"], right: [0, 2], multiple: true)
    let order = AnswerForm.order(steps: ["x", "y", "z"], right: [2, 0, 1])
    #expect(QuizAnswerText.parse("2", for: single) == .choices([1]))
    #expect(QuizAnswerText.parse("1 2", for: single) == nil)
    #expect(QuizAnswerText.parse("4", for: single) == nil)
    #expect(QuizAnswerText.parse("", for: single) == nil)
    #expect(QuizAnswerText.parse("3,1", for: multiple) == .choices([0, 2]))
    #expect(QuizAnswerText.parse("1 1", for: multiple) == nil)
    #expect(QuizAnswerText.parse("3 1 2", for: order) == .order([2, 0, 1]))
    #expect(QuizAnswerText.parse("3 1", for: order) == nil)
    #expect(QuizAnswerText.parse("3 3 1", for: order) == nil)
  }
}

struct TimelineAnswerTests {
  @Test func whoHoldsTheGILIsReadOffTheTrace() throws {
    let question = try posed(timelineQuestion("duo", ask: "holder at 12ms"))
    let trace = try #require(question.timeline?.trace)
    let holder = try #require(trace.gilHolder(process: 0, at: 12 * Time.millisecond))
    guard case .choice(let options, let right, false) = question.form else { throw Failure("choice") }
    #expect(options.count == 3 && options.last == "nobody: the GIL is free")
    #expect(options[right.first!] == trace.threads[holder].name)
    #expect(question.explanation == "It is \(trace.threads[holder].name).")
    #expect(question.timeline?.moment == 12 * Time.millisecond)
  }

  /// Editing the scenario changes the computed answer: nothing is written down in the quiz.
  @Test func answersFollowTheScenario() throws {
    var scenarios = quizTestScenarios
    func answer(_ ask: String, tolerance: String = "") throws -> String {
      try posed(timelineQuestion("duo", ask: ask, tolerance: tolerance), scenarios: scenarios).answerText
    }
    let holder5 = try answer("holder at 7ms")
    let handOffs5 = try answer("handoffs until 30ms")
    let finish5 = try answer("finish a")
    scenarios["duo"] = scenarios["duo"]!.replacingOccurrences(of: "switch_interval: 5ms", with: "switch_interval: 3ms")
    #expect(holder5 == "b")
    #expect(try answer("holder at 7ms") == "a")
    #expect(Int(handOffs5)! < Int(try answer("handoffs until 30ms"))!)
    scenarios["duo"] = scenarios["duo"]!.replacingOccurrences(of: "compute 20ms", with: "compute 10ms")
    #expect(try answer("finish a") != finish5)
  }

  @Test func theFinalValueOfARaceComesFromTheEngine() throws {
    var scenarios = quizTestScenarios
    let racy = try posed(timelineQuestion("race", ask: "final counter"), scenarios: scenarios)
    let trace = try #require(racy.timeline?.trace)
    let final = try #require(trace.sharedFinal.first { $0.name == "counter" }?.value)
    #expect(final < 40_000)
    #expect(racy.form == .number(value: Double(final), tolerance: 0, unit: ""))
    scenarios["race"] = scenarios["race"]!.replacingOccurrences(
      of: "        x = counter\n        call noop\n        counter = x + 1", with: "        counter += 1")
    let safe = try posed(timelineQuestion("race", ask: "final counter"), scenarios: scenarios)
    #expect(safe.form == .number(value: 40_000, tolerance: 0, unit: ""))
  }

  @Test func theConvoyWaitIsAboutOneInterval() throws {
    let question = try posed(timelineQuestion("convoy", ask: "wait-after-io net", tolerance: "0.5"))
    guard case .number(let value, 0.5, "ms") = question.form else { throw Failure("number") }
    #expect(value > 4 && value < 6)
    let trace = try #require(question.timeline?.trace)
    let net = try #require(TraceQueries.thread(named: "net", in: trace))
    let waits = TraceQueries.gilWaitsAfterIO(of: net, in: trace)
    #expect(waits.count == 8)
    #expect(question.timeline?.moment == waits.first { Double($0.wait) / 1e6 == value }?.ioEnd)
    // Alone, the I/O thread hardly waits.
    var scenarios = quizTestScenarios
    scenarios["convoy"] = scenarios["convoy"]!.replacingOccurrences(of: "compute 40ms", with: "compute 1us")
    let alone = try posed(timelineQuestion("convoy", ask: "wait-after-io net"), scenarios: scenarios)
    guard case .number(let aloneValue, _, _) = alone.form else { throw Failure("number") }
    #expect(aloneValue < 0.1)
  }

  @Test func queriesOnATrace() {
    #expect(TraceQueries.median([5, 1, 3]) == 3)
    #expect(TraceQueries.median([4, 1, 3, 2]) == 2)
    #expect(TraceQueries.median([]) == nil)
  }

  @Test func theMarkedTimelinePointsAtTheMoment() throws {
    let question = try posed(timelineQuestion("duo", ask: "holder at 10ms"))
    let marked = try #require(question.timeline)
    let grid = MarkedTimeline.render(marked, width: 80, strings: .en, glyphs: Glyphs(unicode: true))
    let rows = grid.rows
    let axis = try #require(rows.firstIndex { $0.contains("└") })
    let label = rows[axis + 2]
    #expect(label.contains("↑ t = 10 ms: the moment in question"))
    // The mark on the axis is right above the label's arrow, a quarter of the way along (10 ms of 40 ms).
    let markColumn = try #require(Array(rows[axis]).firstIndex(of: "▲"))
    #expect(Array(label).firstIndex(of: "↑") == markColumn)
    let barStart = try #require(Array(rows[axis]).firstIndex(of: "└")) + 1
    let fraction = Double(markColumn - barStart) / Double(80 - barStart - 1)
    #expect(abs(fraction - 0.25) < 0.02)
    #expect(rows[axis + 1].contains("10 ms"))
    // Outside a UTF-8 locale: ASCII only.
    let ascii = MarkedTimeline.render(marked, width: 80, strings: .en, glyphs: Glyphs(unicode: false)).rows
    #expect(ascii.contains { $0.contains("^ t = 10 ms: the moment in question") })
    #expect(ascii.allSatisfy { $0.allSatisfy(\.isASCII) })
  }

  @Test("Near the right edge the label ends at the mark, its arrow still right under it")
  func theMarkNearTheRightEdge() throws {
    let question = try posed(timelineQuestion("duo", ask: "finish b", tolerance: "3"))
    let marked = try #require(question.timeline)
    for width in [80, 100] {
      let rows = MarkedTimeline.render(marked, width: width, strings: .en, glyphs: Glyphs(unicode: true)).rows
      let axis = try #require(rows.firstIndex { $0.contains("└") })
      let markColumn = try #require(Array(rows[axis]).firstIndex(of: "▲"))
      #expect(markColumn > width - 5, "the moment is the end of the run")
      #expect(Array(rows[axis + 2]).firstIndex(of: "↑") == markColumn)
      #expect(rows[axis + 2].contains("the moment in question ↑"))
    }
  }
}

struct QuizSessionTests {
  @Test func wrongAnswersComeBackUntilRightAndTheScoreCountsFirstTries() throws {
    let quiz = try parseQuiz(everyKindQuiz)
    var session = QuizSession(quiz: quiz, strings: .en, seed: 3, startTime: 100)
    #expect(session.queue == [0, 1, 2, 3, 4, 5])
    for index in 0..<6 {
      let question = try #require(session.current)
      // Wrong on questions 2 and 5 (indices 1 and 4), right elsewhere.
      let answer = index == 1 || index == 4 ? Answer.number(-1) : rightAnswer(question)
      #expect(session.answer(answer, now: 110) == !(index == 1 || index == 4))
    }
    #expect(session.round == 2)
    #expect(session.queue == [1, 4])
    #expect(session.isRetry)
    #expect(!session.isFinished)
    // Wrong again on question 2: it comes back once more, in round 3.
    session.answer(.number(-1), now: 120)
    session.answer(rightAnswer(session.current!), now: 130)
    #expect(session.round == 3 && session.queue == [1])
    session.answer(rightAnswer(session.current!), now: 145)
    #expect(session.isFinished)
    #expect(session.score == (4, 6))
    #expect(session.mistakes == [2, 5])
    #expect(session.topicsToRevisit == ["Second page"])
    #expect(session.elapsed(now: 999) == 45)
    let record = session.record(now: 999)
    #expect(
      record
        == QuizRecord(
          right: 4, total: 6, answered: 6, finished: true, mistakes: [2, 5], topics: ["Second page"], seconds: 45))
  }

  @Test func leavingEarlyKeepsWhatWasAnswered() throws {
    var session = QuizSession(quiz: try parseQuiz(everyKindQuiz), strings: .en, seed: 3, startTime: 0)
    session.answer(.number(-1), now: 5)
    session.answer(rightAnswer(session.current!), now: 9)
    let record = session.record(now: 12)
    #expect(record.answered == 2 && record.right == 1 && !record.finished && record.seconds == 12)
    #expect(record.topics == ["First page"])
  }
}

struct QuizPlainTests {
  func transcript(_ input: [String], language: Language = .en, quiz: String = everyKindQuiz) throws -> [String] {
    var session = QuizSession(quiz: try parseQuiz(quiz), strings: .of(language), seed: 5, startTime: 0)
    let lesson = Lesson(
      id: "01-test", title: "Test", file: "t.md",
      pages: [
        Page(blocks: [.heading(level: 2, [.text("First page")])]),
        Page(blocks: [.heading(level: 2, [.text("Second page")])]),
      ])
    var lines = input[...]
    var output = ""
    var saves = 0
    let plain = QuizPlain(
      lesson: lesson, strings: .of(language), width: 80, unicode: true,
      readLine: { lines.popFirst() }, write: { output += $0 }, now: { 65 }, save: { _ in saves += 1 })
    plain.run(&session)
    #expect(saves >= min(input.count, 1))
    return output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast()
  }

  /// The right answers in the order they are asked, as typed.
  func rightLines(_ quiz: String = everyKindQuiz) throws -> [String] {
    let session = QuizSession(quiz: try parseQuiz(quiz), strings: .en, seed: 5, startTime: 0)
    return session.questions.map { question in
      switch rightAnswer(question) {
      case .choices(let set): set.sorted().map { String($0 + 1) }.joined(separator: " ")
      case .number(let value): String(value)
      case .order(let order): order.map { String($0 + 1) }.joined(separator: " ")
      }
    }
  }

  @Test func allRightScoresFull() throws {
    let lines = try transcript(try rightLines())
    #expect(lines.last == "score: 6/6")
    #expect(lines.contains("Nothing to revisit: well done."))
    #expect(lines.contains("Time: 1:05"))
    #expect(lines.filter { $0.hasSuffix("Right.") }.count == 6)
    // The timeline question's explanation shows the marked timeline.
    #expect(lines.contains { $0.contains("↑ t = 12 ms: the moment in question") })
  }

  @Test func aWrongAnswerIsAskedAgainAndTheTopicLinksToItsPage() throws {
    var input = try rightLines()
    let first = input[0]
    input[0] = first == "1" ? "2" : "1"
    input.append("nonsense")
    input.append(first)
    let lines = try transcript(input)
    #expect(lines.last == "score: 5/6")
    #expect(lines.contains("> 'nonsense' is not an answer to this question; try again."))
    #expect(lines.contains { $0.hasPrefix("Question 1 of 6 · round 2: asked again") })
    #expect(lines.contains("  - First page (page 1)"))
    #expect(lines.contains("Quiz finished"))
  }

  @Test func theEndOfInputOrQLeavesWithTheScoreLastInRussianToo() throws {
    let lines = try transcript(["q"], language: .ru)
    #expect(lines.last == "score: 0/6")
    #expect(lines.contains("Тест прерван"))
    #expect(lines.contains("Верно с первого раза: 0 из 6"))
    let early = try transcript(Array(try rightLines().prefix(2)))
    #expect(early.last == "score: 2/6")
    #expect(early.contains("Quiz left early"))
  }
}

@Suite struct QuizBudgetTests {
  @Test("A timeline question's scenario is simulated within the pictures' budget, as lint checks it")
  func longScenarioStaysWithinThePictureBudget() throws {
    let long = "shared c = 0\nthread t x 4:\n    repeat 100000000:\n        c += 1\n"
    let question = try posed(timelineQuestion("long", ask: "final c"), scenarios: ["long": long])
    let trace = try #require(question.timeline?.trace)
    #expect(trace.truncation == .events)
    #expect(trace.events.count <= SimulationBudget.picture.maxEvents)
  }
}
