import Testing

@testable import SchedulerEngine
@testable import TraceIO

@Suite struct ChromeImportTests {
  /// The shape VizTracer writes: an object with traceEvents, nested function slices (`X`, cat FEE) with absolute
  /// microsecond times, process/thread name metadata, a counter event and viztracer_metadata.
  static let vizTracer = """
    {"traceEvents": [
    {"ph": "M", "pid": 4242, "tid": 4242, "name": "process_name", "args": {"name": "MainProcess"}},
    {"ph": "M", "pid": 4242, "tid": 4242, "name": "thread_name", "args": {"name": "MainThread"}},
    {"ph": "M", "pid": 4242, "tid": 4250, "name": "thread_name", "args": {"name": "worker"}},
    {"pid": 4242, "tid": 4242, "ts": 1000000.5, "dur": 900.0, "name": "<module> (prog.py:1)", "ph": "X", "cat": "FEE"},
    {"pid": 4242, "tid": 4250, "ts": 1000100.0, "dur": 300.0, "name": "work (prog.py:4)", "ph": "X", "cat": "FEE"},
    {"pid": 4242, "tid": 4250, "ts": 1000150.0, "dur": 100.0, "name": "time.sleep", "ph": "X", "cat": "FEE"},
    {"pid": 4242, "tid": 4242, "ts": 1000200.0, "name": "memory", "ph": "C", "args": {"rss": 10}}
    ],
    "viztracer_metadata": {"version": "0.16.0", "overflow": false}}
    """

  /// The shape py-spy's chrometrace output takes: a bare array of `X` events with integer thread ids and no
  /// metadata, and `B`/`E` pairs as some other samplers write them.
  static let pySpy = """
    [{"name": "countdown (countdown.py:5)", "cat": "py-spy", "ph": "X", "ts": 10, "dur": 5000, "pid": 7, "tid": 101},
     {"name": "countdown (countdown.py:5)", "cat": "py-spy", "ph": "X", "ts": 5010, "dur": 4000, "pid": 7, "tid": 102},
     {"name": "main", "ph": "B", "ts": 0, "pid": 7, "tid": 100},
     {"name": "main", "ph": "E", "ts": 9500, "pid": 7, "tid": 100},
     {"name": "stray", "ph": "E", "ts": 9600, "pid": 7, "tid": 100}]
    """

  @Test func vizTracerThreadsBecomeRowsAndWhatCannotBeMappedIsReported() throws {
    let result = try ChromeImport.read(Array(Self.vizTracer.utf8))
    let trace = result.trace
    #expect(trace.threads.map(\.name) == ["MainThread", "worker"])
    #expect(trace.scenario.processes.map(\.name) == ["MainProcess"])
    #expect(trace.gilSpans.isEmpty)
    // Times start at 0, in nanoseconds; the innermost slice wins, function slices show as running.
    #expect(trace.spans[0] == [StateSpan(start: 0, end: 900_000, state: .running)])
    #expect(
      trace.spans[1] == [
        StateSpan(start: 0, end: 99_500, state: .notStarted),
        StateSpan(start: 99_500, end: 399_500, state: .running),
        StateSpan(start: 399_500, end: 900_000, state: .finished),
      ])
    #expect(result.notes.contains { $0.contains("3 slices named after functions") })
    #expect(result.notes.contains { $0.contains("skipped 1 event of phase 'C'") })
    #expect(result.notes.contains { $0.contains("no GIL track") })
    #expect(trace.events.contains { $0.kind == .threadStart && $0.thread == 1 && $0.time == 99_500 })
  }

  @Test func pySpyArraysAndBeginEndPairs() throws {
    let result = try ChromeImport.read(Array(Self.pySpy.utf8))
    let trace = result.trace
    #expect(trace.threads.map(\.name) == ["tid 100", "tid 101", "tid 102"])
    #expect(trace.spans[0].first == StateSpan(start: 0, end: 9_500_000, state: .running))
    #expect(trace.spans[2].first == StateSpan(start: 0, end: 5_010_000, state: .notStarted))
    #expect(result.notes.contains { $0.contains("skipped 1 event 'E' without a matching 'B'") })
    #expect(trace.statistics.wallTime == 9_600_000)
  }

  @Test func giltutorsOwnExportComesBackWithItsStatesAndGIL() throws {
    let original = Fixtures.convoy
    let result = try ChromeImport.read(Array(ChromeTrace.render(original).utf8))
    let trace = result.trace
    #expect(trace.threads.map(\.name) == original.threads.map(\.name))
    #expect(trace.threads.map(\.process) == original.threads.map(\.process))
    for (index, spans) in trace.spans.enumerated() {
      let busy = { (list: [StateSpan]) in list.filter { $0.state != .notStarted && $0.state != .finished } }
      #expect(busy(spans) == busy(original.spans[index]), "thread \(index)")
    }
    #expect(trace.gilSpans == original.gilSpans)
    #expect(trace.events.contains { $0.kind == .gilDropRequest && $0.thread == 1 && $0.detail == 0 })
    #expect(trace.events.contains { $0.kind == .gilAcquire && $0.thread == 1 && $0.detail == 0 })
    #expect(!result.notes.contains { $0.contains("functions") })
  }

  @Test func damagedJSONSaysWhere() {
    let text = String(Self.vizTracer.prefix(300))
    do {
      _ = try ChromeImport.read(Array(text.utf8))
      Issue.record("a truncated file was read")
    } catch {
      #expect(error.line == text.filter { $0 == "\n" }.count + 1)
      #expect(error.message.hasPrefix("the file ends"))
    }
    #expect(throws: ChromeImport.Failure(line: 2, column: 3, message: "expected a quoted key")) {
      try ChromeImport.read(Array("{\"traceEvents\": [\n {,}]}".utf8))
    }
    #expect(throws: ChromeImport.Failure.self) { try ChromeImport.read(Array("{\"traceEvents\": []}".utf8)) }
    #expect(throws: ChromeImport.Failure.self) { try ChromeImport.read(Array("{\"other\": 1}".utf8)) }
    // Every prefix of a good file is read or refused, never a crash.
    let bytes = Array(ChromeTrace.render(Fixtures.convoy).utf8)
    for length in stride(from: 0, to: bytes.count, by: 7) { _ = try? ChromeImport.read(Array(bytes[0..<length])) }
  }
}

@Suite("Chrome import: limits")
struct ChromeImportLimitTests {
  @Test("More threads than a screen can show are refused, as soon as the reader meets them")
  func tooManyThreads() {
    let events = (0..<5_000).map {
      "{\"ph\": \"X\", \"pid\": \($0), \"tid\": 1, \"ts\": \($0), \"dur\": 1, \"name\": \"f\"}"
    }
    do {
      _ = try ChromeImport.read(Array(("[" + events.joined(separator: ",") + "]").utf8))
      Issue.record("5000 threads were read")
    } catch {
      #expect(error.message.contains("more than 4096 threads"))
    }
  }

  @Test("A trace spanning more than a trace may hold is refused")
  func tooLong() {
    let json = """
      [{"ph": "X", "pid": 1, "tid": 1, "ts": 0, "dur": 1, "name": "running"},
       {"ph": "X", "pid": 1, "tid": 1, "ts": 900000000000000, "dur": 1, "name": "running"}]
      """
    #expect(throws: ChromeImport.Failure.self) { try ChromeImport.read(Array(json.utf8)) }
  }

  @Test("A byte-order mark before the JSON is skipped")
  func byteOrderMark() throws {
    let json = "[{\"ph\": \"X\", \"pid\": 1, \"tid\": 1, \"ts\": 0, \"dur\": 5, \"name\": \"running\"}]"
    let result = try ChromeImport.read([0xEF, 0xBB, 0xBF] + Array(json.utf8))
    #expect(result.trace.threads.count == 1)
  }
}
