import DisplayText
import Foundation
import LessonKit
import SchedulerEngine
import TerminalUI
import TraceIO

/// One thing `giltutor lint` found: an error or a warning at a place in a file.
public typealias LintFinding = LessonDiagnostic

/// Checks a lessons folder as an author needs it checked: every lesson and directive parses, every scenario parses
/// and simulates, pages fit an 80×24 terminal, and each lesson exists in every language with the same pictures.
public enum Lint {
  /// The terminal every page must fit.
  public static let columns = AppState.minimumWidth
  public static let rows = AppState.minimumHeight
  /// A lesson scenario with more events than this makes page turns slow (about 0.3 s and 100 MB at the limit).
  public static let eventBudget = SimulationBudget.picture.maxEvents

  /// Every finding for `directory` (a `Lessons/` folder: `LANG/*.md` and `scenarios/`), sorted by file and line.
  /// `shownAs` is how the folder is named in messages.
  public static func check(_ directory: URL, shownAs shown: String) -> [LintFinding] {
    var findings: [LintFinding] = []
    let languages = Language.allCases.map(\.rawValue)
    var lessons: [String: [String: Lesson]] = [:]  // language → id → lesson
    var files: [String: [String]] = [:]  // language → ids
    for language in languages {
      let urls = Catalog.lessonFiles(in: directory, language: language)
      files[language] = urls.map { $0.deletingPathExtension().lastPathComponent }
      for url in urls {
        let path = "\(shown)/\(language)/\(url.lastPathComponent)"
        do {
          let lesson = try Catalog.load(url, lessonsDirectory: directory, displayPath: path)
          lessons[language, default: [:]][lesson.id] = lesson
          findings += checkSource(url, shownAs: path)
        } catch let diagnostic {
          // A scenario's own mistake is reported once, by the scenario check, not once per lesson that uses it.
          guard diagnostic.file == path else { continue }
          findings.append(diagnostic)
        }
      }
    }
    findings += checkLanguages(files: files, lessons: lessons, shown: shown)
    findings += checkShownPrograms(lessons.values.flatMap(\.values), shownAs: "\(shown)/scenarios")
    findings += checkScenarioFiles(directory.appendingPathComponent("scenarios"), shownAs: "\(shown)/scenarios")
    findings += checkQuizzes(directory, shownAs: shown, lessons: lessons)
    let all = lessons.values.flatMap(\.values).sorted { $0.file < $1.file }
    let (simulationFindings, tooBig) = checkSimulations(all)
    findings += simulationFindings
    for (language, byID) in lessons {
      let interface = Language(rawValue: language) ?? .en
      for lesson in byID.values { findings += checkPages(lesson, in: interface, skipping: tooBig) }
    }
    if files.values.allSatisfy(\.isEmpty) {
      findings.append(
        LintFinding(
          file: shown, line: 1, column: 1, severity: .error,
          message: "no lessons: expected files like \(shown)/en/01-name.md"))
    }
    var seen = Set<String>()
    return findings.filter { seen.insert($0.description).inserted }.sorted {
      ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column)
    }
  }

  /// Lines of the file itself: code lines the interface would cut at 80 columns.
  static func checkSource(_ url: URL, shownAs path: String) -> [LintFinding] {
    // An oversized file is reported by the parser; its lines are not worth a look.
    guard let text = try? String(contentsOf: url, encoding: .utf8), Limits.oversized(text, what: "lesson") == nil
    else { return [] }
    var findings: [LintFinding] = []
    for (number, line) in codeLines(text) {
      if let finding = tooWide(line, file: path, line: number) { findings.append(finding) }
    }
    return findings
  }

  /// The lines of programs that `::: code` shows, as code lines of the lessons: reported in the program, where
  /// they are fixed, once however many lessons show them.
  static func checkShownPrograms(_ lessons: [Lesson], shownAs folder: String) -> [LintFinding] {
    var findings: [LintFinding] = []
    for excerpt in lessons.flatMap({ $0.pages.flatMap(\.programs) }) {
      for (number, line) in zip(excerpt.numbers, excerpt.lines) {
        if let finding = tooWide(line, file: "\(folder)/\(excerpt.name)", line: number) { findings.append(finding) }
      }
    }
    return findings
  }

  /// A code line the interface would cut at 80 columns: it indents code by four columns inside a two-column
  /// margin on each side.
  static func tooWide(_ text: String, file: String, line: Int) -> LintFinding? {
    let fits = columns - 2 * PageView.margin - 4
    let width = TextWidth.of(text)
    guard width > fits else { return nil }
    return LintFinding(
      file: file, line: line, column: column(of: fits + 1, in: text), severity: .error,
      message: "this code line is \(width) columns wide; at \(columns) columns only \(fits) fit")
  }

  /// Pages taller than the screen (the learner would have to scroll), laid out with the interface in the lesson's
  /// own language: a warning at the page's first line. Pages with a scenario in `skipping` are left out: laying
  /// them out would run that scenario in full.
  static func checkPages(_ lesson: Lesson, in language: Language, skipping: Set<String>) -> [LintFinding] {
    var findings: [LintFinding] = []
    for page in lesson.pages.indices
    where !lesson.pages[page].widgets.contains(where: { skipping.contains($0.run) }) {
      let state = AppState(
        lessons: [lesson], width: columns, height: rows, language: language, unicode: true, reducedMotion: true,
        page: page)
      let extra = App.pageOverflow(state)
      guard extra > 0 else { continue }
      findings.append(
        LintFinding(
          file: lesson.file, line: lesson.pages[page].line, column: 1, severity: .warning,
          message: "page \(page + 1) is \(counted(extra, "row")) too tall for \(columns)×\(rows): "
            + "the learner has to scroll"))
    }
    return findings
  }

  /// Each lesson in every language, with the same pages and the same pictures on them.
  static func checkLanguages(files: [String: [String]], lessons: [String: [String: Lesson]], shown: String)
    -> [LintFinding]
  {
    var findings: [LintFinding] = []
    let languages = Language.allCases.map(\.rawValue)
    for language in languages {
      for id in files[language] ?? [] {
        let file = "\(shown)/\(language)/\(id).md"
        for other in languages where other != language && !(files[other] ?? []).isEmpty {
          if !(files[other] ?? []).contains(id) {
            findings.append(
              LintFinding(
                file: file, line: 1, column: 1, severity: .error,
                message: "no \(languageName(other)) version: \(shown)/\(other)/\(id).md is missing"))
          }
        }
      }
    }
    // Compare every language with English, which the others are written beside.
    for language in languages where language != "en" {
      for (id, lesson) in lessons[language] ?? [:] {
        guard let english = lessons["en"]?[id] else { continue }
        findings += comparePictures(lesson, with: english)
      }
    }
    return findings
  }

  static func comparePictures(_ lesson: Lesson, with english: Lesson) -> [LintFinding] {
    if lesson.pages.count != english.pages.count {
      return [
        LintFinding(
          file: lesson.file, line: 1, column: 1, severity: .warning,
          message: "\(counted(lesson.pages.count, "page")), but the English version has \(english.pages.count)")
      ]
    }
    var findings: [LintFinding] = []
    for (page, englishPage) in zip(lesson.pages, english.pages) {
      let mine = page.figures
      let theirs = englishPage.figures
      guard mine.map(\.signature) != theirs.map(\.signature) else { continue }
      let line = mine.first?.line ?? 1
      findings.append(
        LintFinding(
          file: lesson.file, line: line, column: 1, severity: .warning,
          message: "the pictures on this page (\(mine.map(\.signature).joined(separator: ", "))) differ from "
            + "the English page's (\(theirs.map(\.signature).joined(separator: ", ")))"))
    }
    return findings
  }

  /// Every scenario file parses and every Python program compiles, those lessons do not use included (authors keep
  /// drafts and references there).
  static func checkScenarioFiles(_ folder: URL, shownAs shown: String) -> [LintFinding] {
    let names = (FileManager.default.subpaths(atPath: folder.path) ?? []).filter {
      $0.hasSuffix(".scenario") || $0.hasSuffix(".py")
    }.sorted()
    var findings: [LintFinding] = []
    for name in names {
      let path = "\(shown)/\(name)"
      guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else {
        findings.append(
          LintFinding(file: path, line: 1, column: 1, severity: .error, message: "cannot read this file as UTF-8"))
        continue
      }
      do {
        _ =
          name.hasSuffix(".py")
          ? try ScenarioFiles.program(text, file: path) : try ScenarioParser.parse(text, file: path)
      } catch let d {
        findings.append(
          LintFinding(
            file: d.file, line: d.location.line, column: d.location.column, severity: .error, message: d.message))
      }
    }
    return findings
  }

  /// Every scenario a lesson shows runs to its end, small enough to replay at a page turn. Returns the findings
  /// and the names of the scenarios that are too big.
  static func checkSimulations(_ lessons: [Lesson]) -> ([LintFinding], tooBig: Set<String>) {
    var done = Set<String>()
    var tooBig = Set<String>()
    var findings: [LintFinding] = []
    for lesson in lessons {
      for widget in lesson.pages.flatMap(\.widgets) where widget.kind != .dis {
        guard done.insert(widget.run).inserted else { continue }
        if let problem = widget.scenario.subinterpreterProblem {
          findings.append(
            LintFinding(
              file: lesson.file, line: widget.line, column: 1, severity: .error,
              message: "scenario '\(widget.run)': \(problem)"))
        }
        let trace = PictureTraces.trace(widget.scenario)
        if let deadlock = trace.deadlock {
          findings.append(
            LintFinding(
              file: lesson.file, line: widget.line, column: 1, severity: .warning,
              message: "scenario '\(widget.run)' ends in a " + DeadlockText.describe(deadlock, in: trace)))
        }
        guard trace.truncated else { continue }
        tooBig.insert(widget.run)
        findings.append(
          LintFinding(
            file: lesson.file, line: widget.line, column: 1, severity: .error,
            message: "scenario '\(widget.run)' needs more than \(eventBudget) events (or an hour of simulated "
              + "time); lesson pictures must be smaller: shorten it or raise the switch interval"))
      }
    }
    return (findings, tooBig)
  }

  /// The lines inside code blocks, found as the lesson parser finds them.
  static func codeLines(_ text: String) -> [(Int, String)] {
    var code: [(Int, String)] = []
    var inCode = false
    for (index, line) in SourceLines.of(text).enumerated() {
      if inCode {
        if line.trimmingCharacters(in: .whitespaces) == "```" { inCode = false } else { code.append((index + 1, line)) }
      } else if line.hasPrefix("```") {
        inCode = true
      }
    }
    return code
  }

  /// The 1-based character column at which `line` reaches display column `target`.
  static func column(of target: Int, in line: String) -> Int {
    var width = 0
    for (index, character) in line.enumerated() {
      width += TextWidth.of(String(character))
      if width >= target { return index + 1 }
    }
    return line.count
  }

  static func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

  static func languageName(_ code: String) -> String { code == "ru" ? "Russian" : code == "en" ? "English" : code }
}

extension Page {
  /// The page's live pictures, in order.
  var widgets: [Widget] {
    blocks.compactMap {
      if case .widget(let widget) = $0 { return widget }
      return nil
    }
  }

  /// The programs the page shows with `::: code`, in order.
  var programs: [ProgramExcerpt] {
    blocks.compactMap {
      if case .program(let excerpt) = $0 { return excerpt }
      return nil
    }
  }

  /// What a translation must keep of the page: its pictures and the programs it shows, in order.
  var figures: [(signature: String, line: Int)] {
    blocks.compactMap {
      switch $0 {
      case .widget(let widget): (widget.signature, widget.line)
      case .program(let excerpt): (excerpt.signature, excerpt.line)
      default: nil
      }
    }
  }
}

extension Widget {
  /// The run a picture shows: its scenario, with the interpreter a timeline chose for it (`race.py
  /// interpreter=3.9`); for `dis`, the statement.
  var run: String { argument + (timeline.interpreter.map { " interpreter=\(InterpreterNames.short($0))" } ?? "") }
  /// What the learner sees: the kind and its run (`timeline convoy`, `dis counter += 1`).
  var signature: String { "\(kind.rawValue) \(run)" }
}
