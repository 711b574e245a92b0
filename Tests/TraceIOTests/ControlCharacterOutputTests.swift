import DisplayText
import Foundation
import Testing

@testable import SchedulerEngine
@testable import TraceIO

/// Names and titles from a trace file are the program's: the text outputs show their control characters as
/// escapes, and the JSON outputs keep them exactly, as JSON escapes.
@Suite struct ControlCharacterOutputTests {
  static let hostile = "\u{1b}]0;PWNED\u{07}\u{1b}[2J\u{7f}\u{9b}\u{202e}"

  /// The convoy fixture with a hostile title, thread names (one with a newline), a task and a shared variable.
  static let trace: Trace = {
    var trace = Fixtures.convoy
    trace.scenario.title = "t" + hostile
    trace.threads[0].name = "c" + hostile
    trace.threads[1].name = "i\n" + hostile
    return trace
  }()

  func expectNoControls(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let found = text.unicodeScalars.filter { $0.isControlForOutput && $0 != "\n" }
    #expect(found.isEmpty, "\(found.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
  }

  @Test func textTimelineAndStatistics() {
    let plain = TextTimeline.render(Fixtures.convoy, width: 80, unicode: true)
    for unicode in [true, false] {
      let text = TextTimeline.render(Self.trace, width: 80, unicode: unicode)
      expectNoControls(text)
      #expect(text.hasPrefix(#"t\x1b]0;PWNED\x07"#))
      // A newline in a name does not break its row: the same number of lines as with plain names.
      let separator = unicode ? "│" : "|"
      #expect(
        text.split(separator: "\n").filter { $0.contains(separator) }.count
          == plain.split(separator: "\n").filter { $0.contains("│") }.count)
      #expect(text.contains(#"i\x0a\x1b]0"#))
    }
  }

  @Test func jsonKeepsTheNamesExactly() throws {
    for json in [JSONReport.render(Self.trace, scenarioName: "x"), ChromeTrace.render(Self.trace)] {
      expectNoControls(json)
      #expect(json.contains(#"\u001b]0;PWNED\u0007\u001b[2J\u007f\u009b\u202e"#))
      #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
    }
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(JSONReport.render(Self.trace, scenarioName: "x").utf8))
        as? [String: Any])
    #expect(report["title"] as? String == "t" + Self.hostile)
  }

  @Test func chromeImportErrorsAndTraceFileErrorsAreEscaped() {
    let failure = ChromeImport.Failure(line: 1, column: 2, message: "unexpected '\u{1b}'")
    #expect(failure.description == #"1:2: error: unexpected '\x1b'"#)
    let error = TraceFile.ReadError(offset: 3, message: "name \u{9b}")
    #expect(error.description == #"byte 3: name \u{9b}"#)
  }
}
