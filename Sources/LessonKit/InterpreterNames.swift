import SchedulerEngine

/// The names an interpreter goes by wherever one is chosen (`giltutor simulate --interpreter`, a timeline's
/// `interpreter=`): the scenario language's `cpython-3.9`, or its short form `3.9`.
public enum InterpreterNames {
  public static let shortForms: [String: InterpreterKind] = [
    "2.7": .cpython27, "3.8": .cpython38, "3.9": .cpython39, "3.10": .cpython310, "3.11": .cpython311,
    "3.12": .cpython312, "3.13": .cpython313, "3.13t": .cpython313t,
    "3.14": .cpython314, "3.14t": .cpython314t, "3.15": .cpython315, "3.15t": .cpython315t,
  ]

  /// Every accepted name: the long ones, then the short ones.
  public static var all: [String] { InterpreterKind.allCases.map(\.rawValue) + shortForms.keys.sorted() }

  /// The interpreter `text` names, or nil.
  public static func parse(_ text: String) -> InterpreterKind? {
    InterpreterKind(rawValue: text) ?? shortForms[text]
  }

  /// The short form (`3.9`, `3.13t`).
  public static func short(_ kind: InterpreterKind) -> String {
    String(kind.rawValue.dropFirst("cpython-".count))
  }

  /// How a picture's title names it: `CPython 3.9`.
  public static func display(_ kind: InterpreterKind) -> String { "CPython " + short(kind) }
}
