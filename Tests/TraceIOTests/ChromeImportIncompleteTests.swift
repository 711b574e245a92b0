import Testing

@testable import SchedulerEngine
@testable import TraceIO

/// giltutor's tracer says in `"giltutor": {"incomplete": ...}` that the program was stopped before its end.
@Suite struct ChromeImportIncompleteTests {
  static func file(giltutor: String) -> [UInt8] {
    Array(
      """
      {"traceEvents": [
      {"ph": "M", "pid": 1, "tid": 1, "name": "thread_name", "args": {"name": "MainThread"}},
      {"pid": 1, "tid": 1, "ts": 0, "dur": 50, "name": "running", "ph": "X"}],
      "giltutor": \(giltutor)}
      """.utf8)
  }

  @Test func anIncompleteRecordingIsATruncatedTraceThatSaysWhy() throws {
    let result = try ChromeImport.read(
      Self.file(giltutor: #"{"title": "loop.py", "incomplete": "the program was stopped by SIGTERM"}"#))
    #expect(result.incomplete == "the program was stopped by SIGTERM")
    #expect(result.trace.truncated)
    // The giltutor trace file keeps the mark.
    #expect(try TraceFile.read(TraceFile.write(result.trace)).truncated)
  }

  @Test func aCompleteRecordingIsNotTruncated() throws {
    let result = try ChromeImport.read(Self.file(giltutor: #"{"title": "loop.py"}"#))
    #expect(result.incomplete == nil)
    #expect(!result.trace.truncated)
  }
}
