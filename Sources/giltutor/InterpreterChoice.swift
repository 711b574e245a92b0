import ArgumentParser
import SchedulerEngine

/// The `--interpreter` values: the scenario language's names and their short forms.
enum InterpreterChoice {
  static let shortForms: [String: InterpreterKind] = [
    "2.7": .cpython27, "3.8": .cpython38, "3.9": .cpython39, "3.10": .cpython310, "3.11": .cpython311,
    "3.12": .cpython312, "3.13": .cpython313, "3.13t": .cpython313t,
    "3.14": .cpython314, "3.14t": .cpython314t, "3.15": .cpython315, "3.15t": .cpython315t,
  ]

  static var allNames: [String] {
    InterpreterKind.allCases.map(\.rawValue) + shortForms.keys.sorted()
  }

  static func parse(_ text: String) throws -> InterpreterKind {
    if let kind = InterpreterKind(rawValue: text) ?? shortForms[text] { return kind }
    throw ValidationError("unknown interpreter '\(text)': use one of \(allNames.joined(separator: ", ")).")
  }
}
