import DisplayText
import LessonKit
import SchedulerEngine
import Testing

@testable import TerminalUI
@testable import TutorApp

/// `::: code NAME.py` shows the program a timeline simulates, whole or some of its lines: parsed and checked with
/// the lesson, printed by `--plain`, drawn on the page.
@Suite("A lesson showing a program's code")
struct ProgramCodeTests {
  static let program = """
    # giltutor: seed=3
    import threading

    counter = 0


    def add():
        global counter
        for _ in range(500):
            counter += 1


    threads = [threading.Thread(target=add, name=name) for name in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("counter =", counter)


    """

  func parse(_ text: String, program: String = program) throws(LessonDiagnostic) -> Lesson {
    try LessonParser.parse(
      text, file: "l.md", id: "01-x", loadScenario: { $0 == "p.py" ? program : nil },
      scenarioPath: { "Lessons/scenarios/\($0)" })
  }

  func error(_ text: String, program: String = program) -> String {
    do {
      _ = try parse(text, program: program)
      return "no error"
    } catch {
      return error.description
    }
  }

  func excerpt(_ directive: String) throws -> ProgramExcerpt? {
    guard case .program(let excerpt) = try parse("# T\n\n\(directive)\n").pages[0].blocks.last else { return nil }
    return excerpt
  }

  @Test func theWholeFileOrSomeOfItsLines() throws {
    let whole = try #require(try excerpt("::: code p.py"))
    // The blank lines at the end are left out.
    #expect(whole.lines.count == 18)
    #expect(whole.lines.first == "# giltutor: seed=3")
    #expect(whole.lines.last == "print(\"counter =\", counter)")
    #expect(whole.chosen == nil && whole.numbers == 1...18 && whole.line == 3)
    #expect(whole.signature == "code p.py")

    let add = try #require(try excerpt("::: code p.py  lines=7-10"))
    #expect(add.lines == ["def add():", "    global counter", "    for _ in range(500):", "        counter += 1"])
    #expect(add.numbers == 7...10)
    #expect(add.signature == "code p.py lines=7-10")
    #expect(try excerpt("::: code p.py lines=18")?.lines == ["print(\"counter =\", counter)"])
  }

  @Test(arguments: [
    ("::: code", "l.md:3:9: error: expected a Python program's name after 'code', e.g. race.py"),
    ("::: code p", "l.md:3:10: error: expected a Python program's name after 'code', e.g. race.py"),
    (
      "::: code scenario=p.py",
      "l.md:3:10: error: a scenario name has letters, digits, '-' and '_' only (and '.py' at the end for a Python "
        + "program)"
    ),
    ("::: code q.py", "l.md:3:10: error: unknown program 'q.py': no file Lessons/scenarios/q.py"),
    ("::: code p.py lines=0-3", "l.md:3:21: error: line numbers start at 1"),
    ("::: code p.py lines=9-7", "l.md:3:21: error: lines=9-7 ends before it starts"),
    ("::: code p.py lines=5-19", "l.md:3:21: error: lines=5-19 goes past the end: the program has 18 lines"),
    (
      "::: code p.py lines=99999999999999999999",
      "l.md:3:21: error: lines=99999999999999999999 goes past the end: the program has 18 lines"
    ),
    (
      "::: code p.py lines=a-b",
      "l.md:3:21: error: expected lines=FIRST-LAST, e.g. lines=5-12 (or lines=5 for one line)"
    ),
    (
      "::: code p.py lines=3-", "l.md:3:21: error: expected lines=FIRST-LAST, e.g. lines=5-12 (or lines=5 for one line)"
    ),
    ("::: code p.py lines=", "l.md:3:15: error: unknown option 'lines=' for 'code' (known: lines=FIRST-LAST)"),
    ("::: code p.py lines=1 lines=2", "l.md:3:23: error: 'lines' is given twice"),
    ("::: code p.py compact", "l.md:3:15: error: unknown option 'compact' for 'code' (known: lines=FIRST-LAST)"),
  ])
  func mistakesAreReportedAtTheirColumn(directive: String, message: String) {
    #expect(error("# T\n\n\(directive)\n") == message)
  }

  /// A program that does not compile is reported in it, as a timeline's program is.
  @Test func aProgramThatDoesNotCompile() {
    let message = error("# T\n\n::: code p.py\n", program: "import threading\nx = (1,\n")
    #expect(message.hasPrefix("Lessons/scenarios/p.py:2:5: error: "))
    #expect(message.hasSuffix("(scenario 'p.py' used at l.md:3)"))
  }

  static let lesson = "# Race\n\nThe worker:\n\n::: code p.py lines=7-10\n\n::: timeline scenario=p.py compact\n"

  /// `--plain` prints the lines as a code block, and the timeline what the program printed.
  @Test func plainTextShowsTheCodeAndTheOutput() throws {
    let text = PlainText.render(try parse(Self.lesson), width: 80, unicode: true, strings: .en)
    #expect(text.contains("The worker:\n\n    def add():\n        global counter\n"))
    #expect(text.contains("            counter += 1\n\nTimeline · p.py"))
    #expect(text.hasSuffix("\nprinted      counter = 1000\n"))
  }

  /// The page at 80×24: the program's lines highlighted as Python, then its timeline at its end.
  @Test func thePageOnScreen() throws {
    let state = AppState(
      lessons: [try parse(Self.lesson)], width: 80, height: 24, language: .en, unicode: true, reducedMotion: true)
    let grid = screen(of: state)
    expectRows(
      grid,
      [
        " giltutor · Race                                                       page 1/1",
        "  Race",
        "",
        "  The worker:",
        "",
        "      def add():",
        "          global counter",
        "          for _ in range(500):",
        "              counter += 1",
        "",
        "  Timeline · p.py                                                   t = 208 µs",
        "  1 MainThread ▌××××××××××××××××░░░░░░░░░░▌███××××××××××××××××░░░░░░░░░░░▌███",
        "  2 a                         ███████████▌",
        "  3 b                                                       ▌███████████",
        "  GIL          1··············⇄22222222222⇄111··············⇄33333333333·⇄111",
        "              └┴────────────────────────────┴─────────────────────────────┴─▲",
        "  printed      counter = 1000",
        "",
        "",
        "",
        "",
        "",
        "",
        " reduced motion · speed ×1 · [ ] 5 ms · c cores 2                ? help  q quit",
      ])
    // Keywords are highlighted as in a ```python block; the output is emphasised, its label dim.
    let rows = styleRows(grid)
    #expect(grid.rows[5] == "      def add():" && rows[5].isEmpty)
    #expect(styleCode(grid[6, 5].style) == " " && grid[6, 5].style.role == .keyword)
    #expect(grid[2, 16].style.role == .dim && grid[15, 16].style.role == .emphasis)
  }
}
