import SchedulerEngine

/// Makes the diagnostics of one Python file: `FILE:LINE:COL: error: SyntaxError: …` with the line and a caret, as
/// CPython names its errors, or, for what lies outside giltutor's subset, the subset's own message.
struct SyntaxErrors: Sendable {
  let file: String
  let lines: [String]

  init(file: String, source: String) {
    self.file = file
    var text = source
    if text.unicodeScalars.first == "\u{FEFF}" { text = String(text.unicodeScalars.dropFirst()) }
    lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.map(String.init)
  }

  /// A syntax error of kind `kind` (`SyntaxError`, `IndentationError`, `TabError`), as CPython would raise it.
  func at(_ location: SourceLocation, _ message: String, kind: String = "SyntaxError") -> SourceDiagnostic {
    diagnostic(location, "\(kind): \(message)")
  }

  /// Valid Python that giltutor does not model.
  func subset(_ location: SourceLocation, _ message: String) -> SourceDiagnostic {
    diagnostic(location, message)
  }

  /// The same error, placed at `location` of this file.
  func moved(_ error: SourceDiagnostic, to location: SourceLocation) -> SourceDiagnostic {
    diagnostic(location, error.message)
  }

  private func diagnostic(_ location: SourceLocation, _ message: String) -> SourceDiagnostic {
    // A location past the last line (the end of the file) is shown on the last line, after its text.
    var shown = location
    if shown.line > lines.count, let last = lines.last {
      shown = SourceLocation(line: max(lines.count, 1), column: last.count + 1)
    }
    let sourceLine = shown.line >= 1 && shown.line <= lines.count ? lines[shown.line - 1] : ""
    // The tokenizer counts code points; the caret counts characters.
    let scalars = sourceLine.unicodeScalars
    let before = scalars.prefix(max(shown.column - 1, 0))
    shown.column = String(String.UnicodeScalarView(before)).count + 1
    shown.column = min(max(shown.column, 1), sourceLine.count + 1)
    return SourceDiagnostic(file: file, location: shown, message: message, sourceLine: sourceLine)
  }
}
