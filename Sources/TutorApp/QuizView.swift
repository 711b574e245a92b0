import Foundation
import LessonKit
import TerminalUI

/// The quiz screens drawn: a header, the question (or the feedback, the summary, the offer) and a status bar.
enum QuizView {
  static func render(_ state: AppState) -> CellGrid {
    var grid = CellGrid(width: state.width, height: state.height)
    let s = state.strings
    let glyphs = state.glyphs
    let lessonIndex = state.quiz?.lessonIndex ?? state.lessonIndex
    var right = ""
    var hint = s.quizHintOffer
    var body = Body(width: max(20, min(state.width - 4, 110)), glyphs: glyphs)
    if state.screen == .quizOffer {
      offer(&body, state)
    } else if let quiz = state.quiz {
      if let feedback = quiz.feedback {
        self.feedback(&body, feedback.question, right: feedback.right, quiz: quiz, state)
        hint = s.quizHintNext
      } else if let question = quiz.session.current {
        asking(&body, question, quiz, s)
        hint = hintFor(question.form, s)
      } else {
        summary(&body, quiz, state)
        hint = s.quizHintSummary
      }
      let current = quiz.feedback?.question ?? quiz.session.current
      if let current {
        right = "\(current.question.number)/\(quiz.session.questions.count)"
        let round = quiz.feedback?.round ?? quiz.session.round
        if round > 1 { right = s.quizRound(round) + glyphs.separator + right }
      }
    }
    let title = " giltutor" + glyphs.separator + glyphs.text(s.quizTitle(state.lessons[lessonIndex].title))
    bar(&grid, y: 0, left: title, right: right)
    let visible = state.height - 2
    let content = body.grid()
    var scroll = state.quiz?.scroll ?? 0
    if let focus = body.focus { scroll = max(0, focus - visible + 2) }
    scroll = min(scroll, max(0, content.height - visible))
    for row in 0..<visible where row + scroll < content.height {
      for x in 0..<min(content.width, state.width - 2) { grid[x + 2, row + 1] = content[x, row + scroll] }
    }
    bar(&grid, y: state.height - 1, left: " " + glyphs.text(hint), right: s.statusHint)
    // The quiz has no use for the mouse: its help leaves the mouse note out.
    if state.showHelp { App.help(&grid, state, lines: s.quizHelpLines, notes: [s.layoutNote]) }
    return grid
  }

  static func bar(_ grid: inout CellGrid, y: Int, left: String, right: String) {
    grid.fill(x: 0, y: y, width: grid.width, height: 1, style: Style(.status), character: " ")
    let rightX = grid.width - TextWidth.of(right) - 1
    grid.put(left, x: 0, y: y, style: Style(.status), limit: rightX - 1)
    grid.put(right, x: rightX, y: y, style: Style(.status))
  }

  static func hintFor(_ form: AnswerForm, _ s: Strings) -> String {
    switch form {
    case .choice: s.quizHintChoose
    case .order: s.quizHintOrder
    case .number: s.quizHintNumber
    }
  }

  static func offer(_ body: inout Body, _ state: AppState) {
    let s = state.strings
    let count = state.quizzes[state.lesson.id]?.questions.count ?? 0
    body.blank()
    body.text(s.quizOffer(state.lesson.title), Style(.title))
    body.blank()
    body.text(s.quizOfferQuestions(count))
    body.blank()
    for item in s.quizHintOffer.components(separatedBy: "  ") { body.text(item, Style(.key)) }
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
    let lesson = state.lessons[quiz.lessonIndex]
    let lines = QuizSummary.lines(quiz.session, lesson: lesson, strings: s, now: state.now())
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
