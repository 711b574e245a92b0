/// `::: code NAME.py` or `::: code NAME.py lines=FIRST-LAST`: lines of a program in the scenarios folder, shown as
/// a Python code block, so that a page shows the very code its pictures simulate rather than a copy of it.
public struct ProgramExcerpt: Sendable, Equatable {
  /// The program's name, as the directive gives it (`race.py`).
  public var name: String
  /// The file's lines that `lines=` chose, 1-based; nil for the whole file.
  public var chosen: ClosedRange<Int>?
  /// The lines shown.
  public var lines: [String]
  /// The lesson's line with the directive.
  public var line: Int

  public init(name: String, chosen: ClosedRange<Int>?, lines: [String], line: Int) {
    self.name = name
    self.chosen = chosen
    self.lines = lines
    self.line = line
  }

  /// The file's line number of each line shown.
  public var numbers: ClosedRange<Int> {
    chosen ?? 1...max(1, lines.count)
  }

  /// The directive as the learner sees its result: `code race.py lines=9-13`.
  public var signature: String {
    "code \(name)" + (chosen.map { " lines=\($0.lowerBound)-\($0.upperBound)" } ?? "")
  }

  /// The lines of a program's text that a whole-file excerpt shows: its lines without the blank ones at its end.
  static func shownLines(of text: String) -> [String] {
    var lines = SourceLines.of(text)
    while lines.last?.allSatisfy({ $0 == " " || $0 == "\t" }) == true { lines.removeLast() }
    return lines
  }

  /// `lines=FIRST-LAST` or `lines=LINE` of a file with `count` lines, or a message about the value.
  static func range(_ value: String, count: Int) -> Result<ClosedRange<Int>, Failure> {
    let parts = value.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    guard (1...2).contains(parts.count),
      parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
    else { return .failure(Failure("expected lines=FIRST-LAST, e.g. lines=5-12 (or lines=5 for one line)")) }
    // Numbers too large for an Int are past any end.
    let first = Int(parts[0]) ?? .max
    let last = Int(parts[parts.count - 1]) ?? .max
    guard first >= 1 else { return .failure(Failure("line numbers start at 1")) }
    guard first <= last else { return .failure(Failure("lines=\(value) ends before it starts")) }
    guard last <= count else {
      return .failure(
        Failure("lines=\(value) goes past the end: the program has \(count) line\(count == 1 ? "" : "s")"))
    }
    return .success(first...last)
  }

  struct Failure: Error {
    var message: String
    init(_ message: String) { self.message = message }
  }
}
