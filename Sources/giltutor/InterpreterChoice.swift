import ArgumentParser
import LessonKit
import SchedulerEngine

/// The `--interpreter` values: the names a lesson's `interpreter=` accepts too.
enum InterpreterChoice {
  static var allNames: [String] { InterpreterNames.all }

  static func parse(_ text: String) throws -> InterpreterKind {
    if let kind = InterpreterNames.parse(text) { return kind }
    throw ValidationError("unknown interpreter '\(text)': use one of \(allNames.joined(separator: ", ")).")
  }
}
