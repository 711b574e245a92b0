import Foundation
import Testing

@testable import TutorApp

/// A lessons folder written for one test, removed after it.
struct LessonFolder {
  let url: URL

  init(_ files: [String: String]) throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("giltutor-lint-\(UUID().uuidString)")
    for (path, text) in files {
      let file = url.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: file)
    }
  }

  func lint() -> [String] {
    defer { try? FileManager.default.removeItem(at: url) }
    return Lint.check(url, shownAs: "L").map(\.description)
  }
}

let twoThreads = """
  thread a:
    compute 2ms
  thread b:
    compute 2ms
  """

func lesson(_ title: String, _ body: String = "Text.\n\n::: timeline scenario=two") -> String {
  "# \(title)\n\n\(body)\n"
}

@Suite("giltutor lint")
struct LintTests {
  @Test func theCourseIsClean() {
    let findings = Lint.check(courseDirectory, shownAs: "Lessons")
    #expect(findings.map(\.description) == [])
  }

  @Test func aGoodFolderHasNoFindings() throws {
    let folder = try LessonFolder([
      "en/01-a.md": lesson("One"), "ru/01-a.md": lesson("Один"), "scenarios/two.scenario": twoThreads,
    ])
    #expect(folder.lint() == [])
  }

  /// A picture of a deadlock is allowed (a lesson may show one), but the author is told.
  @Test func aScenarioThatDeadlocksIsAWarning() throws {
    let selfLock = "lock guard\nthread a:\n    with guard:\n        with guard:\n            compute 1ms\n"
    let folder = try LessonFolder([
      "en/01-a.md": lesson("One"), "ru/01-a.md": lesson("Один"), "scenarios/two.scenario": selfLock,
    ])
    #expect(
      folder.lint() == [
        "L/en/01-a.md:5:1: warning: scenario 'two' ends in a deadlock at 163 ns (a thread waits for itself): a waits "
          + "for lock guard, which it holds itself"
      ])
  }

  @Test func unknownWidgetAndMissingScenario() throws {
    let folder = try LessonFolder([
      "en/01-a.md": lesson("One", "::: movie scenario=two"),
      "ru/01-a.md": lesson("Один", "::: timeline scenario=tow"),
      "scenarios/two.scenario": twoThreads,
    ])
    #expect(
      folder.lint() == [
        "L/en/01-a.md:3:5: error: unknown widget 'movie' (known: key, stick, timeline, dis, code)",
        "L/ru/01-a.md:3:23: error: unknown scenario 'tow': no file \(folder.url.path)/scenarios/tow.scenario",
      ])
  }

  @Test func aScenarioThatDoesNotParseIsReportedWhereItIs() throws {
    let folder = try LessonFolder([
      "en/01-a.md": lesson("One"), "ru/01-a.md": lesson("Один"),
      "scenarios/two.scenario": "thread a:\n  compuet 2ms\n",
    ])
    let findings = folder.lint()
    #expect(findings.count == 1)
    #expect(findings.first?.hasPrefix("L/scenarios/two.scenario:2:3: error: ") == true)
  }

  @Test func aLessonInOneLanguageOnly() throws {
    let folder = try LessonFolder([
      "en/01-a.md": lesson("One"), "ru/01-a.md": lesson("Один"), "en/02-b.md": lesson("Two"),
      "scenarios/two.scenario": twoThreads,
    ])
    #expect(folder.lint() == ["L/en/02-b.md:1:1: error: no Russian version: L/ru/02-b.md is missing"])
  }

  @Test func aCodeLineTooWideForEightyColumns() throws {
    let long = "print(" + String(repeating: "x", count: 70) + ")"
    let folder = try LessonFolder([
      "en/01-a.md": lesson("One", "```python\nok = 1\n\(long)\n```\n"),
      "ru/01-a.md": lesson("Один", "```python\nok = 1\n```\n"),
    ])
    #expect(folder.lint() == ["L/en/01-a.md:5:73: error: this code line is 77 columns wide; at 80 columns only 72 fit"])
  }

  @Test func aPageTooTallIsAWarningAtItsFirstLine() throws {
    let tall = (1...30).map { "- item \($0)" }.joined(separator: "\n")
    let folder = try LessonFolder([
      "en/01-a.md": lesson("One", "Short.\n\n---\n\n## Long\n\n\(tall)"),
      "ru/01-a.md": lesson("Один", "Коротко.\n\n---\n\n## Длинно\n\nТекст."),
    ])
    let findings = folder.lint()
    #expect(findings.count == 1)
    #expect(findings.first?.hasPrefix("L/en/01-a.md:6:1: warning: page 2 is ") == true)
    #expect(findings.first?.hasSuffix("too tall for 80×24: the learner has to scroll") == true)
  }

  @Test func picturesThatDifferBetweenLanguages() throws {
    let folder = try LessonFolder([
      "en/01-a.md": lesson("One", "::: timeline scenario=two\n\n---\n\n## B\n\nText."),
      "ru/01-a.md": lesson("Один", "::: key scenario=two\n\n---\n\n## Б\n\nТекст."),
      "scenarios/two.scenario": twoThreads,
    ])
    #expect(
      folder.lint() == [
        "L/ru/01-a.md:3:1: warning: the pictures on this page (key two) differ from the English page's "
          + "(timeline two)"
      ])
    let pages = try LessonFolder([
      "en/01-a.md": lesson("One", "Text.\n\n---\n\n## B\n\nText."), "ru/01-a.md": lesson("Один", "Текст."),
    ])
    #expect(pages.lint() == ["L/ru/01-a.md:1:1: warning: 1 page, but the English version has 2"])
  }

  @Test func aScenarioTooBigForALessonPicture() throws {
    let folder = try LessonFolder([
      "en/01-a.md": lesson("One", "::: timeline scenario=big"),
      "ru/01-a.md": lesson("Один", "::: timeline scenario=big"),
      "scenarios/big.scenario": "interpreter: cpython-2.7\nthread a:\n  compute 10s\nthread b:\n  compute 10s\n",
    ])
    let findings = folder.lint()
    #expect(findings.count == 1)
    #expect(findings.first?.hasPrefix("L/en/01-a.md:3:1: error: scenario 'big' needs more than 4000000 events") == true)
  }

  static let program = "import threading\n\ncounter = 0\n\nfor _ in range(10):\n    counter += 1\nprint(counter)\n"

  /// `::: code`: the program must exist and compile, and `lines=` be in it, reported at the directive's place.
  @Test func aProgramShownWithCode() throws {
    let folder = try LessonFolder([
      "en/01-a.md": lesson("One", "::: code p.py lines=5-6\n\n::: timeline scenario=p.py"),
      "ru/01-a.md": lesson("Один", "::: code p.py lines=5-9\n\n::: timeline scenario=p.py"),
      "scenarios/p.py": Self.program,
    ])
    #expect(folder.lint() == ["L/ru/01-a.md:3:21: error: lines=5-9 goes past the end: the program has 7 lines"])
    let missing = try LessonFolder([
      "en/01-a.md": lesson("One", "::: code q.py"), "ru/01-a.md": lesson("Один", "::: code p.py"),
      "scenarios/p.py": "import tkinter\n",
    ])
    let findings = missing.lint()
    #expect(findings.count == 2)
    #expect(findings.first?.hasPrefix("L/en/01-a.md:3:10: error: unknown program 'q.py': no file ") == true)
    #expect(findings.last?.hasPrefix("L/scenarios/p.py:1:8: error: 'import tkinter' is not in giltutor's") == true)
  }

  /// A program line that `::: code` shows must fit as a code block's line does: reported in the program, once
  /// however many lessons show it; a line that is not shown may be as wide as the author likes.
  @Test func aShownProgramLineTooWide() throws {
    let long = "print(\"" + String(repeating: "x", count: 70) + "\")"
    let program = "import threading\n\(long)\n\(long)\n"
    let folder = try LessonFolder([
      "en/01-a.md": lesson("One", "::: code p.py lines=1-2"), "ru/01-a.md": lesson("Один", "::: code p.py lines=1-2"),
      "scenarios/p.py": program,
    ])
    #expect(
      folder.lint() == ["L/scenarios/p.py:2:73: error: this code line is 79 columns wide; at 80 columns only 72 fit"])
  }

  /// A translation shows the same lines of the same program, and its timelines the same interpreters.
  @Test func shownLinesAndInterpretersThatDifferBetweenLanguages() throws {
    let folder = try LessonFolder([
      "en/01-a.md": lesson("One", "::: code p.py lines=5-6\n\n::: timeline scenario=p.py interpreter=3.9"),
      "ru/01-a.md": lesson("Один", "::: code p.py\n\n::: timeline scenario=p.py interpreter=3.10"),
      "scenarios/p.py": Self.program,
    ])
    #expect(
      folder.lint() == [
        "L/ru/01-a.md:3:1: warning: the pictures on this page (code p.py, timeline p.py interpreter=3.10) differ from "
          + "the English page's (code p.py lines=5-6, timeline p.py interpreter=3.9)"
      ])
  }

  /// Each interpreter a timeline chooses is a run of its own, checked against the budget on its own.
  @Test func aRunTooBigOnTheInterpreterATimelineChooses() throws {
    let both = "::: timeline scenario=cpu compact\n::: timeline scenario=cpu interpreter=2.7 compact"
    let folder = try LessonFolder([
      "en/01-a.md": lesson("One", both), "ru/01-a.md": lesson("Один", both),
      "scenarios/cpu.scenario": "thread a:\n  compute 10s\nthread b:\n  compute 10s\n",
    ])
    let findings = folder.lint()
    #expect(findings.count == 1)
    #expect(
      findings.first?.hasPrefix(
        "L/en/01-a.md:4:1: error: scenario 'cpu interpreter=2.7' needs more than 4000000 events")
        == true)
  }

  @Test func anEmptyFolder() throws {
    let folder = try LessonFolder([:])
    #expect(folder.lint() == ["L:1:1: error: no lessons: expected files like L/en/01-name.md"])
  }
}
