import DisplayText
import LessonKit
import SchedulerEngine
import Testing

@testable import TerminalUI

/// A timeline of a Python program shows, under it, the last lines the program printed by the cursor's time: a
/// program has no `shared` variables to show there.
@Suite("What a program printed, under its timeline")
struct ProgramOutputTests {
  static let program = """
    import threading

    print("one", end="")
    print(" two")
    print("three\\nfour \\x1b[2J")


    def boom():
        raise ValueError("bad")


    t = threading.Thread(target=boom, name="t")
    t.start()
    t.join()
    print("five")

    """

  static func trace(_ source: String = program) throws -> Trace {
    Simulator.run(try ScenarioFiles.program(source, file: "p.py"))
  }

  /// Pieces of a line join up, a piece with newlines makes several lines, a line not yet ended is shown as it
  /// stands, and standard error's lines are marked.
  @Test func linesAsTheyArePrinted() throws {
    let trace = try Self.trace()
    let all = ProgramOutput.lines(trace, upTo: .max)
    #expect(all.prefix(3).map(\.text) == ["one two", "three", "four \u{1b}[2J"])
    #expect(all.first { $0.isError }?.text == "Exception in thread t:")
    #expect(all.last == ProgramOutput.Line(text: "five", isError: false))
    #expect(all.filter(\.isError).last?.text == "ValueError: bad")
    let first = try #require(trace.output.first)
    #expect(ProgramOutput.lines(trace, upTo: first.time - 1) == [])
    #expect(ProgramOutput.lines(trace, upTo: first.time) == [ProgramOutput.Line(text: "one", isError: false)])
  }

  /// Three rows at most, the same number from the start, so that the picture keeps its height as it plays; the
  /// last lines printed by the cursor, errors in the error colour, control characters shown as escapes.
  @Test func theLastRowsUnderTheTimeline() throws {
    let trace = try Self.trace()
    let end = TraceQueries.wallTime(trace)
    let atStart = TimelineWidget.render(trace, context(0))
    let atEnd = TimelineWidget.render(trace, context(end))
    #expect(atStart.height == atEnd.height)
    #expect(ProgramOutput.rowCount(trace) == 3)
    #expect(Array(atStart.rows.suffix(3)) == ["printed", "", ""])
    let rows = Array(atEnd.rows.suffix(3))
    #expect(rows[0].hasPrefix("printed      ") && rows[2] == "             five")
    #expect(rows[1] == "             ValueError: bad")
    #expect(atEnd[13, atEnd.height - 2].style.role == .error && atEnd[13, atEnd.height - 1].style.role == .emphasis)
    #expect(atEnd[0, atEnd.height - 3].style.role == .dim)

    let third = try #require(trace.output.dropFirst(2).first)
    let early = TimelineWidget.render(trace, context(third.time)).rows.suffix(3)
    #expect(Array(early) == ["printed      one two", "             three", #"             four \x1b[2J"#])
    #expect(
      TimelineWidget.render(trace, context(third.time, language: .ru)).rows.suffix(3).first == "вывод        one two")
  }

  /// A program that prints one line takes one row; one that prints nothing, none; a long line is cut to the width.
  @Test func asManyRowsAsTheRunPrints() throws {
    let one = try Self.trace("print('x' * 200)\n")
    let rows = TimelineWidget.render(one, context(TraceQueries.wallTime(one))).rows
    #expect(ProgramOutput.rowCount(one) == 1)
    #expect(rows.last == "printed      " + String(repeating: "x", count: 66) + "…")
    let silent = try Self.trace("x = 1\n")
    #expect(ProgramOutput.rowCount(silent) == 0)
    #expect(TimelineWidget.render(silent, context(0), compact: true).rows.last?.contains("└") == true)
  }
}
