import DisplayText
import Foundation
import LessonKit
import TerminalUI

/// The quiz screens in the frame: the offer at a lesson's end, a question, the feedback on an answer, the summary.
enum QuizView {
  static func bodyWidth(_ state: AppState) -> Int { max(20, min(state.width - 4, 110)) }

  static func help(_ s: Strings) -> Help {
    // The quiz has no use for the mouse: its help leaves the mouse note out.
    Help(lines: s.quizHelpLines.map { (keys: $0.0, what: $0.1) }, notes: [s.layoutNote])
  }

  static func title(_ state: AppState, lesson: Int) -> String {
    let g = state.glyphs
    return "giltutor" + g.separator + g.text(state.strings.quizTitle(state.course.lessons[lesson].title))
  }

  static func offerParts(_ state: AppState) -> FrameParts {
    FrameParts(
      title: title(state, lesson: state.course.lessonIndex),
      status: " " + state.glyphs.text(state.strings.quizHintOffer), help: help(state.strings))
  }

  static func offer(_ grid: inout CellGrid, _ state: AppState) {
    let s = state.strings
    var body = Body(width: bodyWidth(state), glyphs: state.glyphs)
    let count = state.course.quizzes[state.course.lesson.id]?.questions.count ?? 0
    body.blank()
    body.text(s.quizOffer(state.course.lesson.title), Style(.title))
    body.blank()
    body.text(s.quizOfferQuestions(count))
    body.blank()
    for item in s.quizHintOffer.components(separatedBy: "  ") { body.text(item, Style(.key)) }
    Frame.viewport(&grid, body.grid(), scroll: 0, x: 2)
  }

  /// The header counts questions (and rounds, when wrong answers come back); the status bar names the keys.
  static func parts(_ state: AppState, _ quiz: QuizScreenState) -> FrameParts {
    let s = state.strings
    let g = state.glyphs
    var position = ""
    if let current = quiz.feedback?.question ?? quiz.session.current {
      position = "\(current.question.number)/\(quiz.session.questions.count)"
      let round = quiz.feedback?.round ?? quiz.session.round
      if round > 1 { position = s.quizRound(round) + g.separator + position }
    }
    let hint: String
    if quiz.feedback != nil {
      hint = s.quizHintNext
    } else if let question = quiz.session.current {
      hint = hintFor(question.form, s)
    } else {
      hint = s.quizHintSummary
    }
    return FrameParts(
      title: title(state, lesson: quiz.lessonIndex), position: position, status: " " + g.text(hint), help: help(s))
  }

  /// The question, the feedback or the summary, scrolled to keep the highlighted line in view.
  static func body(_ grid: inout CellGrid, _ state: AppState, _ quiz: QuizScreenState) {
    var body = Body(width: bodyWidth(state), glyphs: state.glyphs)
    if let feedback = quiz.feedback {
      self.feedback(&body, feedback.question, right: feedback.right, quiz: quiz, state)
    } else if let question = quiz.session.current {
      asking(&body, question, quiz, state.strings)
    } else {
      summary(&body, quiz, state)
    }
    let visible = Frame.bodyHeight(state)
    let content = body.grid()
    var scroll = quiz.scroll
    if let focus = body.focus { scroll = max(0, focus - visible + 2) }
    scroll = min(scroll, max(0, content.height - visible))
    Frame.viewport(&grid, content, scroll: scroll, x: 2)
  }

  static func hintFor(_ form: AnswerForm, _ s: Strings) -> String {
    switch form {
    case .choice: s.quizHintChoose
    case .order: s.quizHintOrder
    case .number: s.quizHintNumber
    }
  }

  static func asking(_ body: inout Body, _ question: PosedQuestion, _ quiz: QuizScreenState, _ s: Strings) {
    body.blank()
    body.authored(question.question.text, Style(.strong))
    switch question.form {
    case .choice(let options, _, let multiple):
      if multiple { body.text(s.quizSelectAll, Style(.dim)) }
      body.blank()
      for (i, option) in options.enumerated() {
        let ticked = quiz.chosen.contains(i)
        let mark = multiple ? (ticked ? "[x]" : "[ ]") : (ticked ? "(*)" : "( )")
        body.option("\(mark) \(i + 1). ", option, selected: i == quiz.cursor)
      }
    case .order(let steps, _):
      body.text(s.quizPutInOrder, Style(.dim))
      body.blank()
      for (i, step) in steps.enumerated() {
        let rank = quiz.picks.firstIndex(of: i).map { "[\($0 + 1)]" } ?? "[ ]"
        body.option("\(rank) \(i + 1). ", step, selected: i == quiz.cursor)
      }
    case .number(_, _, let unit):
      body.text(s.quizTypeNumber, Style(.dim))
      body.blank()
      body.text(s.quizAnswerField + " " + quiz.typed + "_" + (unit.isEmpty ? "" : " " + unit), Style(.key))
    }
  }

  static func feedback(
    _ body: inout Body, _ question: PosedQuestion, right: Bool, quiz: QuizScreenState, _ state: AppState
  ) {
    let s = state.strings
    body.blank()
    body.authored(question.question.text, Style(.dim))
    body.blank()
    if right {
      body.text(s.quizRight, Style(.running))
    } else {
      body.authored(s.quizWrong + " " + s.quizTheAnswer(question.answerText), Style(.error))
      body.text(s.quizWillReturn, Style(.dim))
    }
    body.blank()
    body.authored(question.explanation)
    if let marked = question.timeline {
      body.blank()
      body.picture(MarkedTimeline.render(marked, width: body.width, strings: s, glyphs: state.glyphs))
    }
  }

  static func summary(_ body: inout Body, _ quiz: QuizScreenState, _ state: AppState) {
    let s = state.strings
    let lesson = state.course.lessons[quiz.lessonIndex]
    let lines = QuizSummary.lines(quiz.session, lesson: lesson, strings: s, now: state.now)
    body.blank()
    body.text(lines[0], Style(.title))
    for line in lines.dropFirst() where !line.hasPrefix("  - ") { body.text(line) }
    body.blank()
    for (i, topic) in quiz.session.topicsToRevisit.enumerated() {
      let page = lesson.page(ofTopic: topic).map { $0 + 1 }
      body.option("  ", s.quizTopic(topic, page: page), selected: i == quiz.cursor)
    }
  }
}

/// The body of a quiz screen built line by line, then drawn into one grid.
struct Body {
  var width: Int
  var glyphs: Glyphs
  var pieces: [CellGrid] = []
  /// The row of the highlighted line, so the screen scrolls to keep it in view.
  var focus: Int?

  init(width: Int, glyphs: Glyphs) {
    self.width = width
    self.glyphs = glyphs
  }

  var height: Int { pieces.reduce(0) { $0 + $1.height } }

  mutating func blank() { pieces.append(CellGrid(width: width, height: 1)) }

  mutating func text(_ text: String, _ style: Style = .normal) {
    for line in PageView.wrap([StyledText(glyphs.text(text), style)], width: width) {
      var grid = CellGrid(width: width, height: 1)
      grid.put(line, x: 0, y: 0)
      pieces.append(grid)
    }
  }

  /// Text an author wrote, with the lessons' inline Markdown (`code`, *emphasis*, **strong**).
  mutating func authored(_ text: String, _ style: Style = .normal) {
    for line in PageView.wrap(PageView.runs(Inlines.parse(text), base: style, glyphs: glyphs), width: width) {
      var grid = CellGrid(width: width, height: 1)
      grid.put(line, x: 0, y: 0)
      pieces.append(grid)
    }
  }

  /// An option an author wrote: `prefix` then its text wrapped under itself; reverse video when selected.
  mutating func option(_ prefix: String, _ text: String, selected: Bool) {
    let indent = TextWidth.of(prefix)
    let runs = PageView.runs(Inlines.parse(text), base: .normal, glyphs: glyphs)
    let lines = PageView.wrap(runs, width: max(10, width - indent))
    if selected { focus = height + lines.count }
    for (i, line) in lines.enumerated() {
      var grid = CellGrid(width: width, height: 1)
      let style = Style(selected ? .highlight : .normal, reverse: selected)
      let end = grid.put(i == 0 ? prefix : "", x: 0, y: 0, style: style)
      grid.put(selected ? line.map { StyledText($0.text, style) } : line, x: max(end, indent), y: 0)
      pieces.append(grid)
    }
  }

  mutating func picture(_ picture: CellGrid) { pieces.append(picture) }

  func grid() -> CellGrid {
    var grid = CellGrid(width: width, height: height)
    var y = 0
    for piece in pieces {
      grid.blit(piece, x: 0, y: y)
      y += piece.height
    }
    return grid
  }
}
