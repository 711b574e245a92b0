import LessonKit
import SchedulerEngine
import Testing

@Suite("Lesson files")
struct LessonParserTests {
  static let scenario = "title: two\nthread a:\n    compute 1ms\nthread b:\n    compute 1ms\n"

  func parse(_ text: String) throws(LessonDiagnostic) -> Lesson {
    try LessonParser.parse(
      text, file: "l.md", id: "01-x", loadScenario: { $0 == "two" ? Self.scenario : nil },
      scenarioPath: { "Lessons/scenarios/\($0).scenario" })
  }

  func error(_ text: String) -> String {
    do {
      _ = try parse(text)
      return "no error"
    } catch {
      return error.description
    }
  }

  @Test func pagesBlocksAndInlines() throws {
    let lesson = try parse(
      """
      # Title *here*

      A **bold** and `code` para
      continued.

      - one
      - two
        more
      ---
      ## Second
      1. first
      2. second

      ```python
      for i in x:
          pass
      ```
      ::: timeline scenario=two
      ::: dis counter += 1
      """)
    #expect(lesson.title == "Title here")
    #expect(lesson.pages.count == 2)
    guard case .paragraph(let inlines) = lesson.pages[0].blocks[1] else {
      Issue.record("expected a paragraph")
      return
    }
    #expect(inlines == [.text("A "), .strong("bold"), .text(" and "), .code("code"), .text(" para continued.")])
    guard case .list(false, let items) = lesson.pages[0].blocks[2] else {
      Issue.record("expected a list")
      return
    }
    #expect(items.map(\.plainText) == ["one", "two more"])
    #expect(lesson.pages[1].title == "Second")
    guard case .code("python", let code) = lesson.pages[1].blocks[2] else {
      Issue.record("expected code")
      return
    }
    #expect(code == ["for i in x:", "    pass"])
    guard case .widget(let timeline) = lesson.pages[1].blocks[3], case .widget(let dis) = lesson.pages[1].blocks[4]
    else {
      Issue.record("expected widgets")
      return
    }
    #expect(timeline.kind == .timeline && timeline.scenario.title == "two")
    #expect(dis.kind == .dis && dis.scenario.shared.map(\.name) == ["counter"])
    #expect(dis.statement == .augmentedAssign(target: "counter", op: .add, value: .constant(1)))
  }

  @Test func dashesInsideCodeAreNotPageBreaks() throws {
    let lesson = try parse("# T\n```\n---\n```\n")
    #expect(lesson.pages.count == 1)
  }

  @Test func windowsLineEndsAndAByteOrderMark() throws {
    let lesson = try parse("\u{FEFF}# T\r\n\r\nOne.\r\n\r\n---\r\n\r\n## Second\r\n\r\n- item\r\n")
    #expect(lesson.title == "T")
    #expect(lesson.pages.map(\.title) == ["T", "Second"])
    #expect(lesson.pages[1].line == 6)
    #expect(SourceLines.of("a\r\nb\nc\r\n") == ["a", "b", "c", ""])
  }

  @Test func errorsNameFileLineAndColumn() {
    #expect(error("no title\n") == "l.md:1:1: error: a lesson starts with a '# Title' heading")
    #expect(error("# T\n\n::: movie scenario=two\n").hasPrefix("l.md:3:5: error: unknown widget 'movie'"))
    #expect(
      error("# T\n::: key scenario=nope\n")
        == "l.md:2:18: error: unknown scenario 'nope': no file Lessons/scenarios/nope.scenario")
    #expect(error("# T\n::: stick two\n") == "l.md:2:11: error: expected 'scenario=NAME' after 'stick'")
    #expect(error("# T\n```python\nx\n") == "l.md:2:1: error: code block opened here is never closed with ```")
    #expect(error("# T\n::: dis\n") == "l.md:2:8: error: 'dis' needs a statement, e.g. counter += 1")
    #expect(error("# T\n::: dis counter +=\n").hasPrefix("l.md:2:"))
  }

  @Test func timelineOptions() throws {
    let lesson = try parse("# T\n::: timeline scenario=two  compact span=80ms\n::: timeline scenario=two span=2s\n")
    let widgets = lesson.pages[0].blocks.compactMap { block -> LessonKit.Widget? in
      if case .widget(let widget) = block { return widget }
      return nil
    }
    #expect(
      widgets.map(\.timeline) == [
        TimelineOptions(compact: true, span: 80 * Time.millisecond), TimelineOptions(span: 2 * Time.second),
      ])
    #expect(widgets.map(\.argument) == ["two", "two"])
  }

  @Test func timelineOptionErrors() {
    #expect(
      error("# T\n::: timeline scenario=two tiny\n")
        == "l.md:2:27: error: unknown option 'tiny' for 'timeline' (known: compact, span=DURATION, interpreter=VERSION)"
    )
    #expect(
      error("# T\n::: timeline scenario=two span=5\n")
        == "l.md:2:32: error: expected a duration such as 80ms after 'span=' (ns, us, ms or s)")
    #expect(error("# T\n::: timeline scenario=two span=0ms\n").hasPrefix("l.md:2:32: error: expected a duration"))
    #expect(error("# T\n::: timeline scenario=two compact compact\n") == "l.md:2:35: error: 'compact' is given twice")
    #expect(error("# T\n::: key scenario=two compact\n") == "l.md:2:22: error: 'key' takes no options")
  }

  @Test func aBrokenScenarioIsReportedInItsOwnFile() {
    let message: String
    do {
      _ = try LessonParser.parse(
        "# T\n::: key scenario=bad\n", file: "l.md", id: "x", loadScenario: { _ in "cores: lots\n" },
        scenarioPath: { "s/\($0).scenario" })
      message = "no error"
    } catch {
      message = error.description
    }
    #expect(message.hasPrefix("s/bad.scenario:1:"))
    #expect(message.hasSuffix("(scenario 'bad' used at l.md:2)"))
  }
}
