import DisplayText
import Foundation
import LessonKit
import SchedulerEngine
import Testing

@testable import TerminalUI
@testable import TutorApp

/// The course shipped in `Lessons/`: the same lessons, pages and pictures in every language, scenarios that run to
/// the end, a summary at the end of each lesson, and pages that fit the smallest terminal.
@Suite("The course in Lessons/")
struct CourseTests {
  /// The lesson IDs; quizzes and progress files refer to them, so they are fixed.
  static let ids = ["01-what-is-the-gil", "02-how-it-works", "03-races-and-convoys", "04-beyond-threads"]

  /// The heading of a lesson's last page in each language (see docs/lesson-format.md, "The course").
  static let summaryHeading: [Language: String] = [.en: "Summary", .ru: "Итоги"]

  static func course(_ language: Language) throws -> [Lesson] {
    return try Catalog.loadAll(lessonsDirectory: courseDirectory, language: language.rawValue)
  }

  /// A widget as the languages must agree on it: its kind, its scenario or statement, its options; and a shown
  /// program with its lines.
  static func widgets(_ page: Page) -> [String] {
    page.blocks.compactMap { block in
      if case .program(let excerpt) = block { return excerpt.signature }
      guard case .widget(let widget) = block else { return nil }
      let options = widget.timeline
      return "\(widget.kind.rawValue) \(widget.argument)" + (options.compact ? " compact" : "")
        + (options.span.map { " span=\($0)ns" } ?? "")
        + (options.interpreter.map { " interpreter=\($0.rawValue)" } ?? "")
    }
  }

  @Test func everyLanguageHasTheSameLessons() throws {
    for language in Language.allCases {
      let files = Catalog.lessonFiles(in: courseDirectory, language: language.rawValue)
      #expect(files.map { $0.deletingPathExtension().lastPathComponent } == Self.ids, "\(language)")
    }
  }

  @Test func everyLanguageHasTheSamePagesAndPictures() throws {
    let english = try Self.course(.en)
    for language in Language.allCases where language != .en {
      let other = try Self.course(language)
      #expect(other.map(\.id) == english.map(\.id))
      for (a, b) in zip(english, other) {
        #expect(
          a.pages.count == b.pages.count, "\(b.id): \(a.pages.count) pages in en, \(b.pages.count) in \(language)")
        for (index, (pa, pb)) in zip(a.pages, b.pages).enumerated() {
          #expect(
            Self.widgets(pa) == Self.widgets(pb),
            "\(b.id) page \(index + 1): \(Self.widgets(pa)) in en, \(Self.widgets(pb)) in \(language)")
        }
      }
    }
  }

  @Test func everyPageHasAHeadingAndEveryLessonATitle() throws {
    for language in Language.allCases {
      for lesson in try Self.course(language) {
        #expect(!lesson.title.isEmpty, "\(lesson.file)")
        for (index, page) in lesson.pages.enumerated() {
          #expect(!page.title.isEmpty, "\(lesson.file) page \(index + 1) has no heading")
        }
      }
    }
  }

  /// The last page is headed `## Summary` (`## Итоги`), holds a list of the lesson's points and no picture, and no
  /// other page uses that heading.
  @Test func everyLessonEndsWithASummary() throws {
    for language in Language.allCases {
      let heading = try #require(Self.summaryHeading[language])
      for lesson in try Self.course(language) {
        let last = try #require(lesson.pages.last)
        #expect(last.title == heading, "\(lesson.file): the last page is '\(last.title)'")
        let lists = last.blocks.filter { if case .list = $0 { return true } else { return false } }
        #expect(!lists.isEmpty, "\(lesson.file): the summary has no list")
        #expect(Self.widgets(last).isEmpty, "\(lesson.file): the summary has a picture")
        #expect(lesson.pages.dropLast().allSatisfy { $0.title != heading }, "\(lesson.file)")
      }
    }
  }

  /// English pages and every scenario title are plain ASCII: they read the same outside a UTF-8 locale, where
  /// giltutor draws with ASCII and would show any other character as `?`.
  @Test func englishTextAndTitlesAreASCII() throws {
    for lesson in try Self.course(.en) {
      let text = try String(contentsOfFile: lesson.file, encoding: .utf8)
      for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      where !line.allSatisfy(\.isASCII) {
        Issue.record("\(lesson.file):\(number + 1): not ASCII: \(line)")
      }
      for page in lesson.pages {
        for block in page.blocks {
          if case .program(let excerpt) = block {
            #expect(excerpt.lines.allSatisfy { $0.allSatisfy(\.isASCII) }, "\(excerpt.name) is not ASCII")
          }
          guard case .widget(let widget) = block else { continue }
          let ascii = widget.scenario.title.allSatisfy(\.isASCII)
          #expect(ascii, "\(widget.argument): \(widget.scenario.title)")
        }
      }
    }
  }

  /// Every scenario the course names parses (the catalog already did) and simulates to its end, without hitting
  /// the engine's limits; every scenario file and program in Lessons/scenarios is used by some lesson or quiz.
  @Test func everyScenarioRunsToTheEndAndIsUsed() throws {
    var used = Set<String>()
    for lesson in try Self.course(.en) {
      for page in lesson.pages {
        for block in page.blocks {
          if case .program(let excerpt) = block { used.insert(excerpt.name) }
          guard case .widget(let widget) = block else { continue }
          let trace = Simulator.run(widget.scenario)
          #expect(!trace.truncated, "\(lesson.id): \(widget.argument) is cut short")
          #expect(TraceQueries.wallTime(trace) > 0, "\(lesson.id): \(widget.argument)")
          if widget.kind != .dis { used.insert(widget.argument) }
        }
      }
    }
    // Quizzes use scenarios of their own for their timeline questions.
    for quiz in try Catalog.loadQuizzes(for: try Self.course(.en), lessonsDirectory: courseDirectory).values {
      for question in quiz.questions {
        if case .timeline(let timeline) = question.kind { used.insert(timeline.scenarioName) }
      }
    }
    let files = try FileManager.default.contentsOfDirectory(
      atPath: courseDirectory.appendingPathComponent("scenarios").path)
    let scenarios = Set(
      files.filter { $0.hasSuffix(".scenario") }.map { String($0.dropLast(9)) } + files.filter { $0.hasSuffix(".py") })
    #expect(scenarios.subtracting(used).isEmpty, "unused scenarios: \(scenarios.subtracting(used).sorted())")
  }

  /// The counts lesson 03 quotes about its pictures are the ones those pictures print: a change to the engine
  /// that moves them fails here, so that the text moves with it (in both languages).
  @Test(arguments: Language.allCases)
  func theRaceCountsTheTextQuotesAreTheSimulatedOnes(language: Language) throws {
    let lesson = try #require(try Self.course(language).first { $0.id == "03-races-and-convoys" })
    let text = try String(contentsOfFile: lesson.file, encoding: .utf8).replacingOccurrences(of: "\n", with: " ")
    func printed(_ program: String, on interpreter: InterpreterKind) throws -> Int {
      let widget = try #require(
        lesson.pages.flatMap(\.widgets).first { $0.argument == program && $0.timeline.interpreter == interpreter })
      let output = Simulator.run(widget.scenario).output.map(\.text).joined()
      return try #require(Int(output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").last ?? ""))
    }
    let group = language == .ru ? "\u{00A0}" : ","
    func grouped(_ n: Int) -> String { NumberText.grouped(Int64(n), .en).replacingOccurrences(of: ",", with: group) }
    let on39 = try printed("race.py", on: .cpython39)
    let lost = Double(200_000 - on39) / 200_000
    #expect(text.contains(grouped(on39)), "race.py on 3.9 prints \(on39)")
    #expect(
      text.contains(language == .ru ? "\(Int((lost * 100).rounded()))\u{00A0}%" : String(format: "%.2f lost", lost)),
      "race.py on 3.9 loses \(lost)")
    #expect(try printed("race.py", on: .cpython310) == 200_000)
    #expect(try printed("race.py", on: .cpython312) == 200_000)
    #expect(text.contains(grouped(200_000)))
    let call = try printed("race_call.py", on: .cpython312)
    #expect(text.contains(grouped(200_000 - call)), "race_call.py on 3.12 loses \(200_000 - call)")
    #expect(try printed("race_lock.py", on: .cpython312) == 100_000)
    #expect(text.contains(grouped(100_000)))
  }

  /// At 80×24 no page scrolls: the page, with every picture at its end, fits between the title and status bars.
  @Test(arguments: Language.allCases)
  func everyPageFitsAt80x24(language: Language) throws {
    let lessons = try Self.course(language)
    for (lessonIndex, lesson) in lessons.enumerated() {
      for page in lesson.pages.indices {
        let state = AppState(
          lessons: lessons, width: 80, height: 24, language: language, unicode: true, reducedMotion: true,
          lesson: lessonIndex, page: page)
        let height = PageView.render(state, state.lessonPage!).height
        #expect(height <= 22, "\(lesson.id) page \(page + 1) (\(language)) is \(height) rows, 22 fit")
      }
    }
  }
}
