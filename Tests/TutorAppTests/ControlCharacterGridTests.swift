import DisplayText
import SchedulerEngine
import Testing

@testable import TerminalUI
@testable import TutorApp

/// The cell grid is what the terminal draws: no cell may hold a character the terminal would act on.
@Suite("Control characters never reach a cell")
struct ControlCharacterGridTests {
  static let hostile = "\u{1b}]0;PWNED\u{07}\u{1b}[2J\u{7f}\u{9b}\u{202e}"

  func controls(in grid: CellGrid) -> [Cell] {
    grid.cells.filter { $0.character.unicodeScalars.contains(where: \.isControlForOutput) }
  }

  @Test func putWritesEscapes() {
    var grid = CellGrid(width: 60, height: 2)
    let end = grid.put("a" + Self.hostile + "\nb", x: 0, y: 0)
    #expect(grid.rows[0] == #"a\x1b]0;PWNED\x07\x1b[2J\x7f\u{9b}\u{202e}\x0ab"#)
    #expect(end == grid.rows[0].count)
    // Clipped like any text.
    grid.put("\u{1b}\u{1b}", x: 0, y: 1, limit: 6)
    #expect(grid.rows[1] == #"\x1b\x"#)
    #expect(controls(in: grid).isEmpty)
  }

  @Test func aCellSetDirectlyIsDrawnAsAQuestionMark() {
    #expect(Cell("\u{1b}").printableCharacter == "?")
    #expect(Cell("\u{9b}").printableCharacter == "?")
    #expect(Cell("\r\n").printableCharacter == "?")
    #expect(Cell("█").printableCharacter == "█")
    #expect(Cell("é").printableCharacter == "é")
  }

  @Test func replayScreensOfAHostileTrace() throws {
    var trace = try trace("two-threads")
    trace.scenario.title = "t" + Self.hostile
    trace.threads[0].name = "a\n" + Self.hostile
    trace.threads[1].name = "b" + Self.hostile
    for language in [Language.en, .ru] {
      var state = replayApp(trace, title: trace.scenario.title, language: language, width: 120, height: 40)
      for _ in 0..<8 {
        let grid = state.view()
        #expect(controls(in: grid).isEmpty)
        #expect(grid.text.contains(#"\x1b]0;PWNED"#))
        _ = state.update(.key(.right))
      }
      let plain = ReplayPlain.render(state.replay!)
      #expect(!plain.unicodeScalars.contains { $0.isControlForOutput && $0 != "\n" })
      #expect(plain.split(separator: "\n").count == state.replay!.steps.count)
    }
  }

  @Test func widgetsOfAHostileTrace() throws {
    var trace = try trace("two-threads")
    trace.scenario.title = "t" + Self.hostile
    trace.threads[0].name = "a" + Self.hostile
    let time = 20 * Time.millisecond
    for grid in [
      TimelineWidget.render(trace, context(time)), KeyWidget.render(trace, context(time)),
      StickWidget.render(trace, context(time)),
    ] {
      #expect(controls(in: grid).isEmpty)
    }
  }
}
