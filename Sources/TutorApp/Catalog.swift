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

  /// Reads and parses a lesson file; scenarios come from `lessonsDirectory/scenarios/NAME.scenario` (or
  /// `NAME.py`).
  public static func load(_ file: URL, lessonsDirectory: URL, displayPath: String? = nil) throws(LessonDiagnostic)
    -> Lesson
  {
    let shown = displayPath ?? file.path
    let scenarios = lessonsDirectory.appendingPathComponent("scenarios", isDirectory: true)
    let text = try readText(file, shown: shown, what: "lesson")
    let id = file.deletingPathExtension().lastPathComponent
    func path(_ name: String) -> String { scenarioPath(name, in: scenarios) }
    return try LessonParser.parse(
      text, file: shown, id: id,
      loadScenario: { name in
        FileManager.default.contents(atPath: path(name)).flatMap { String(data: $0, encoding: .utf8) }
      },
      scenarioPath: path)
  }

  /// The file a scenario name stands for: `NAME.py` is a Python program, any other name `NAME.scenario`.
  static func scenarioPath(_ name: String, in scenarios: URL) -> String {
    scenarios.appendingPathComponent(name.hasSuffix(".py") ? name : name + ".scenario").path
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
