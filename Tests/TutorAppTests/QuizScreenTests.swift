import DisplayText
import LessonKit
import SchedulerEngine
import Testing

@testable import TerminalUI
@testable import TutorApp

struct QuizScreenTests {
  // Whole screens at 80×24 (legend of the style rows: `styleRows` in Support.swift).

  @Test func offerScreen() throws {
    var state = try quizAppState()
    _ = press(&state, .right, .right)
    expectRows(screen(of: state), Self.offer)
    expectStyles(screen(of: state), Self.offerStyles)
  }

  @Test func questionAndRightFeedbackScreens() throws {
    var state = try quizAppState()
    _ = press(&state, .right, .right, .enter)
    expectRows(screen(of: state), Self.question)
    expectStyles(screen(of: state), Self.questionStyles)
    _ = press(&state, .character("1"), .enter)
    expectRows(screen(of: state), Self.rightFeedback)
    expectStyles(screen(of: state), Self.rightFeedbackStyles)
  }

  @Test func wrongFeedbackScreen() throws {
    var state = try quizAppState()
    _ = press(&state, .right, .right, .enter, .character("2"), .enter)
    expectRows(screen(of: state), Self.wrongFeedback)
    expectStyles(screen(of: state), Self.wrongFeedbackStyles)
  }

  /// After every question, the first answered wrong once.
  @Test func summaryScreen() throws {
    var state = try quizAppState()
    _ = press(&state, .right, .right, .enter)
    answerTheQuiz(&state, firstWrong: true)
    expectRows(screen(of: state), Self.summary)
    expectStyles(screen(of: state), Self.summaryStyles)
  }

  @Test func theQuizIsOfferedAtTheEndOfALessonThatHasOne() throws {
    var state = try quizAppState()
    _ = press(&state, .right)
    #expect(state.pageIndex == 1 && state.screen == .lesson)
    _ = press(&state, .right)
    #expect(state.screen == .quizOffer)
    let text = App.view(state).text
    #expect(text.contains("You have reached the end of \"Test\"."))
    #expect(text.contains("Test yourself: 6 questions."))
    // → goes on to the next lesson instead; that one has no quiz, so its end is just the end.
    var skipped = state
    #expect(press(&skipped, .right) == [.saveProgress(lesson: "02-next", page: 0)])
    #expect(skipped.screen == .lesson && skipped.lessonIndex == 1)
    _ = press(&skipped, .right, .right)
    #expect(skipped.screen == .lesson && skipped.pageIndex == 1)
    _ = press(&state, .enter)
    #expect(state.screen == .quiz)
    #expect(App.view(state).rows[2].contains("Pick the first letter of the alphabet."))
  }

  @Test func aWholeQuizByKeysWithOneMistakeAskedAgain() throws {
    var state = try quizAppState()
    state.startQuiz(lesson: 0)
    var saves: [Effect] = []
    var first = true
    while let question = state.quiz?.session.current {
      var keys = rightKeys(question)
      if first, case .choice(let options, let right, false) = question.form {
        // A wrong option first: the question comes back in round 2.
        keys = [Key.character(Character(String((right.first! + 1) % options.count + 1))), .enter]
        first = false
      }
      for key in keys { saves += App.settle(&state, .key(key)) }
      #expect(state.quiz?.feedback != nil)
      #expect(App.view(state).text.contains(state.quiz!.feedback!.right ? "Right." : "Not quite. The answer: A"))
      _ = press(&state, .enter)
    }
    let quiz = try #require(state.quiz)
    #expect(quiz.session.isFinished && quiz.session.round == 2)
    #expect(quiz.session.score == (5, 6))
    #expect(saves.count == 7)
    guard case .saveQuiz("01-test", let record, true) = saves[0] else { throw Failure("first save") }
    #expect(record.answered == 1 && record.right == 0)
    guard case .saveQuiz("01-test", let last, false) = saves[6] else { throw Failure("last save") }
    #expect(last.finished && last.right == 5 && last.mistakes == [1] && last.topics == ["First page"])
    let summary = App.view(state).text
    #expect(summary.contains("Right the first time: 5 of 6"))
    #expect(summary.contains("First page (page 1)"))
    // Enter on a topic opens its page.
    #expect(press(&state, .enter) == [.saveProgress(lesson: "01-test", page: 0)])
    #expect(state.screen == .lesson && state.pageIndex == 0)
  }

  @Test func arrowsAndSpaceChooseNumbersAreTypedStepsAreRanked() throws {
    var state = try quizAppState()
    state.startQuiz(lesson: 0)
    _ = press(&state, .down, .down, .character(" "))
    #expect(state.quiz?.chosen == [2])
    #expect(App.view(state).text.contains("(*) 3."))
    _ = press(&state, .up, .character(" "))
    #expect(state.quiz?.chosen == [1])
    _ = press(&state, .enter, .enter)  // answer, then next question (multiple)
    _ = press(&state, .character("1"), .character("3"), .character("1"))
    #expect(state.quiz?.chosen == [2])
    #expect(press(&state, .escape).isEmpty)
    #expect(state.screen == .lesson && state.pageIndex == 1)

    state.startQuiz(lesson: 0)
    // Skip to the number question (the fourth) by answering three.
    for _ in 0..<3 { _ = press(&state, .character("1"), .enter, .enter) }
    #expect(state.quiz?.session.current?.question.kind.name == "number")
    _ = press(&state, .character("1"), .character("0"), .character("x"), .backspace, .character("0"))
    #expect(state.quiz?.typed == "10")
    #expect(App.view(state).text.contains("Answer: 10_ ms"))
    _ = press(&state, .enter)
    #expect(state.quiz?.feedback?.right == false)
    _ = press(&state, .enter)
    let order = try #require(state.quiz?.session.current)
    guard case .order(let steps, let right) = order.form else { throw Failure("order") }
    _ = press(&state, .character(Character(String(right[0] + 1))), .character(Character(String(right[1] + 1))))
    #expect(App.view(state).text.contains("[1] \(right[0] + 1). \(steps[right[0]])"))
    _ = press(&state, .backspace)
    #expect(state.quiz?.picks == [right[0]])
    _ = press(&state, .character(Character(String(right[1] + 1))), .enter)
    #expect(state.quiz?.feedback?.right == true)
  }

  @Test func aTimelineAnswerShowsTheMarkedTimeline() throws {
    var state = try quizAppState(width: 100, height: 30)
    state.startQuiz(lesson: 0)
    for _ in 0..<5 {
      for key in rightKeys(state.quiz!.session.current!) + [.enter] { _ = App.settle(&state, .key(key)) }
    }
    #expect(state.quiz?.session.current?.question.kind.name == "timeline")
    _ = press(&state, .character("3"), .enter)  // "nobody": wrong, a thread holds it at 12 ms
    let text = App.view(state).text
    #expect(text.contains("↑ t = 12 ms: the moment in question"))
    #expect(text.contains("▲"))
    #expect(!text.contains("asked again"))
  }

  @Test func russianHelpAndATooSmallTerminal() throws {
    var state = try quizAppState(.ru)
    state.startQuiz(lesson: 0)
    #expect(App.view(state).text.contains("Тест: Test"))
    _ = press(&state, .character("?"))
    #expect(App.view(state).text.contains("ответить / следующий вопрос"))
    #expect(!App.view(state).text.contains("Колесо мыши"))
    _ = press(&state, .character("x"))
    #expect(!state.showHelp)
    _ = App.settle(&state, .resize(width: 60, height: 20))
    #expect(App.view(state).text.contains("терминал мал"))
    _ = App.settle(&state, .resize(width: 80, height: 24))
    #expect(App.view(state).text.contains("Pick the first letter"))
    // q leaves from the quiz too.
    #expect(press(&state, .character("й")).first == .quit)
  }

  // Style rows, one character a cell: s status bar, e error, d dim, k key, g GIL, r running, w waiting, i I/O,
  // f finished, c cursor, h highlight, blank for text; upper case (`#` for text) in reverse video. The whole legend:
  // `styleRows` in Support.swift.
  static let offer = [
    " giltutor · Quiz: Test",
    "",
    "  You have reached the end of \"Test\".",
    "",
    "  Test yourself: 6 questions. Wrong answers come back until you get them",
    "  right.",
    "",
    "  Enter: start the quiz",
    "  →: next lesson",
    "  ←: back",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    " Enter: start the quiz  →: next lesson  ←: back                  ? help  q quit",
  ]

  static let offerStyles = [
    "ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss",
    "",
    "",
    "",
    "",
    "",
    "",
    "  kkkkkk kkkkk kkk kkkk",
    "  kk kkkk kkkkkk",
    "  kk kkkk",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss",
  ]

  static let question = [
    " giltutor · Quiz: Test                                                      1/6",
    "",
    "  Pick the first letter of the alphabet.",
    "",
    "  ( ) 1. A",
    "  ( ) 2. C",
    "  ( ) 3. B",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    " 1-9 or ↑↓ space: choose  Enter: answer                          ? help  q quit",
  ]

  static let questionStyles = [
    "ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss",
    "",
    "",
    "",
    "  HHHHHHHH",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss",
  ]

  static let rightFeedback = [
    " giltutor · Quiz: Test                                                      1/6",
    "",
    "  Pick the first letter of the alphabet.",
    "",
    "  Right.",
    "",
    "  A comes first.",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    " ↑↓ scroll  Enter: next question                                 ? help  q quit",
  ]

  static let rightFeedbackStyles = [
    "ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss",
    "",
    "  dddd ddd ddddd dddddd dd ddd ddddddddd",
    "",
    "  rrrrrr",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss",
  ]

  static let wrongFeedback = [
    " giltutor · Quiz: Test                                                      1/6",
    "",
    "  Pick the first letter of the alphabet.",
    "",
    "  Not quite. The answer: A",
    "  This question comes back at the end of the round.",
    "",
    "  A comes first.",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    " ↑↓ scroll  Enter: next question                                 ? help  q quit",
  ]

  static let wrongFeedbackStyles = [
    "ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss",
    "",
    "  dddd ddd ddddd dddddd dd ddd ddddddddd",
    "",
    "  eee eeeeee eee eeeeeee e",
    "  dddd dddddddd ddddd dddd dd ddd ddd dd ddd dddddd",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss",
  ]

  static let summary = [
    " giltutor · Quiz: Test",
    "",
    "  Quiz finished",
    "  Right the first time: 5 of 6",
    "  Time: 0:00",
    "  Topics to revisit:",
    "",
    "    First page (page 1)",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    " ↑↓ topic  Enter: open its page  r: again  →: next lesson        ? help  q quit",
  ]

  static let summaryStyles = [
    "ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss",
    "",
    "",
    "",
    "",
    "",
    "",
    "  HHHHHHHHHHHHHHHHHHHHH",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss",
  ]
}

/// Authors write questions with the lessons' inline Markdown; the screen shows code as code, not backticks.
@Test func authoredTextKeepsInlineCodeAsCode() throws {
  var state = try quizAppState()
  state.course.quizzes = [
    "01-test": try parseQuiz(
      """
      question: single
      topic: First page
      text: Can `counter += 1` lose updates on **3.11**?
      right: only with a `call` between the load and the store
      wrong: always
      explain: The `+=` has no check point inside.
      """)
  ]
  _ = press(&state, .right, .right, .enter)
  #expect(state.screen == .quiz)
  let grid = App.view(state)
  #expect(!grid.text.contains("`") && !grid.text.contains("**"))
  let row = try #require(grid.rows.firstIndex { $0.contains("Can counter += 1 lose") })
  let line = grid.rows[row]
  let column = line.distance(from: line.startIndex, to: try #require(line.firstRange(of: "counter")).lowerBound)
  #expect(grid[column, row].style.role == .code)
}
