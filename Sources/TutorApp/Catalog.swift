import Foundation
import LessonKit

/// The lessons of one language, read and checked before the interface starts.
public enum Catalog {
  /// The lesson files of `language` under `lessonsDirectory` (`Lessons/`), sorted by name: `Lessons/LANG/*.md`.
  public static func lessonFiles(in lessonsDirectory: URL, language: String) -> [URL] {
    let directory = lessonsDirectory.appendingPathComponent(language, isDirectory: true)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".md") }.sorted().map { directory.appendingPathComponent($0) }
  }

  /// Reads and parses a lesson file; scenarios come from `lessonsDirectory/scenarios/NAME.scenario`.
  public static func load(_ file: URL, lessonsDirectory: URL, displayPath: String? = nil) throws(LessonDiagnostic)
    -> Lesson
  {
    let shown = displayPath ?? file.path
    let scenarios = lessonsDirectory.appendingPathComponent("scenarios", isDirectory: true)
    guard let data = FileManager.default.contents(atPath: file.path) else {
      throw LessonDiagnostic(file: shown, line: 1, column: 1, message: "cannot read the lesson file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw LessonDiagnostic(file: shown, line: 1, column: 1, message: "the lesson file is not UTF-8 text")
    }
    let id = file.deletingPathExtension().lastPathComponent
    func path(_ name: String) -> String { scenarios.appendingPathComponent(name + ".scenario").path }
    return try LessonParser.parse(
      text, file: shown, id: id,
      loadScenario: { name in
        FileManager.default.contents(atPath: path(name)).flatMap { String(data: $0, encoding: .utf8) }
      },
      scenarioPath: path)
  }

  /// Every lesson of a language. Falls back to English when the language has no lessons.
  public static func loadAll(lessonsDirectory: URL, language: String) throws(LessonDiagnostic) -> [Lesson] {
    var files = lessonFiles(in: lessonsDirectory, language: language)
    if files.isEmpty { files = lessonFiles(in: lessonsDirectory, language: "en") }
    var lessons: [Lesson] = []
    for file in files { lessons.append(try load(file, lessonsDirectory: lessonsDirectory)) }
    return lessons
  }

  /// The lesson `id` names: its exact ID, or its number (`1` and `01` both name `01-what-is-the-gil`).
  public static func find(_ id: String, in lessons: [Lesson]) -> Int? {
    if let exact = lessons.firstIndex(where: { $0.id == id }) { return exact }
    guard let number = Int(id) else { return nil }
    return lessons.firstIndex { Int($0.id.prefix { $0.isNumber }) == number }
  }
}

/// Where the learner stopped: `$XDG_STATE_HOME/giltutor/progress` (or `~/.local/state/giltutor/progress`), two
/// lines `lesson ID` and `page N`, written atomically (a temporary file renamed over the old one).
public struct ProgressStore: Sendable {
  public var file: URL

  public init(file: URL) { self.file = file }

  public static func standard(environment: [String: String]) -> ProgressStore? {
    let base: URL
    if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
      base = URL(fileURLWithPath: state, isDirectory: true)
    } else if let home = environment["HOME"], !home.isEmpty {
      base = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".local/state")
    } else {
      return nil
    }
    return ProgressStore(file: base.appendingPathComponent("giltutor/progress"))
  }

  public func load() -> (lesson: String, page: Int)? {
    guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8)
    else { return nil }
    var lesson: String?
    var page = 0
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { continue }
      if parts[0] == "lesson" { lesson = parts[1] }
      if parts[0] == "page" { page = max(0, (Int(parts[1]) ?? 1) - 1) }
    }
    return lesson.map { ($0, page) }
  }

  public func save(lesson: String, page: Int) {
    let text = "lesson \(lesson)\npage \(page + 1)\n"
    try? FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try? Data(text.utf8).write(to: file, options: .atomic)
  }
}
