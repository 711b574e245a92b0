import DisplayText
import SchedulerEngine

/// A trace in the Chrome Trace Event format, for Perfetto (ui.perfetto.dev) and chrome://tracing.
///
/// - `M` metadata events name each process (`pid` = process index + 1) and thread (`tid` = thread index + 1).
/// - One complete `X` event (cat `state`) per state span, named after the state ("running", "waiting for GIL");
///   not-started and finished spans and empty spans are left out.
/// - Per process with a GIL, a track named `GIL` (`tid` = thread count + process index + 1, sorted first) with an
///   `X` event (cat `gil`) per holding, named after the holder.
/// - Thread-scoped instant events (`i`, `s: "t"`) for GIL drop requests and lock waits.
/// - `ts` and `dur` are microseconds with 3 decimals (exact for nanosecond times).
public enum ChromeTrace {
  public static func render(_ trace: Trace) -> String {
    var events: [String] = []
    let processCount = TraceLabels.processCount(of: trace)
    func pid(ofThread index: Int) -> Int {
      (index >= 0 && index < trace.threads.count ? trace.threads[index].process : 0) + 1
    }
    func gilTid(_ process: Int) -> Int { trace.threads.count + process + 1 }

    for process in 0..<processCount {
      events.append(
        metadata("process_name", pid: process + 1, tid: 0, arg: "name", TraceLabels.processName(process, in: trace)))
      if TraceLabels.hasGIL(process: process, in: trace) {
        events.append(metadata("thread_name", pid: process + 1, tid: gilTid(process), arg: "name", "GIL"))
        events.append(metadata("thread_sort_index", pid: process + 1, tid: gilTid(process), number: -1))
      }
    }
    for (index, info) in trace.threads.enumerated() {
      events.append(metadata("thread_name", pid: info.process + 1, tid: index + 1, arg: "name", info.name))
      events.append(metadata("thread_sort_index", pid: info.process + 1, tid: index + 1, number: index))
    }
    for (index, spans) in trace.spans.enumerated() {
      for span in spans where span.end > span.start && span.state != .notStarted && span.state != .finished {
        events.append(
          complete(
            TraceLabels.name(of: span.state), category: "state", pid: pid(ofThread: index), tid: index + 1,
            start: span.start, end: span.end))
      }
    }
    for (process, spans) in trace.gilSpans.enumerated() where TraceLabels.hasGIL(process: process, in: trace) {
      for span in spans where span.end > span.start {
        events.append(
          complete(
            TraceLabels.threadName(Int(span.holder), in: trace), category: "gil", pid: process + 1,
            tid: gilTid(process), start: span.start, end: span.end))
      }
    }
    for event in trace.events {
      let thread = Int(event.thread)
      switch event.kind {
      case .gilDropRequest:
        let holder = event.detail >= 0 ? TraceLabels.threadName(Int(event.detail), in: trace) : "?"
        events.append(
          instant(
            "GIL drop request", category: "gil", pid: pid(ofThread: thread), tid: thread + 1, time: event.time,
            args: "\"holder\":" + JSONText.quoted(holder)))
      case .lockWait:
        let locks = trace.scenario.locks
        let lock = event.detail >= 0 && Int(event.detail) < locks.count ? locks[Int(event.detail)].name : "?"
        events.append(
          instant(
            "waits for lock " + lock, category: "lock", pid: pid(ofThread: thread), tid: thread + 1,
            time: event.time, args: "\"lock\":" + JSONText.quoted(lock)))
      default:
        break
      }
    }
    return "{\"traceEvents\":[\n" + events.joined(separator: ",\n") + "\n],\n\"displayTimeUnit\":\"ms\"}\n"
  }

  private static func metadata(_ name: String, pid: Int, tid: Int, arg: String, _ value: String) -> String {
    "{\"name\":\"\(name)\",\"ph\":\"M\",\"pid\":\(pid),\"tid\":\(tid),\"args\":{\"\(arg)\":"
      + JSONText.quoted(value) + "}}"
  }

  private static func metadata(_ name: String, pid: Int, tid: Int, number: Int) -> String {
    "{\"name\":\"\(name)\",\"ph\":\"M\",\"pid\":\(pid),\"tid\":\(tid),\"args\":{\"sort_index\":\(number)}}"
  }

  private static func complete(
    _ name: String, category: String, pid: Int, tid: Int, start: Nanos, end: Nanos
  ) -> String {
    "{\"name\":" + JSONText.quoted(name) + ",\"cat\":\"\(category)\",\"ph\":\"X\",\"ts\":"
      + NumberText.micros(start) + ",\"dur\":" + NumberText.micros(end - start) + ",\"pid\":\(pid),\"tid\":\(tid)}"
  }

  private static func instant(
    _ name: String, category: String, pid: Int, tid: Int, time: Nanos, args: String
  ) -> String {
    "{\"name\":" + JSONText.quoted(name) + ",\"cat\":\"\(category)\",\"ph\":\"i\",\"s\":\"t\",\"ts\":"
      + NumberText.micros(time) + ",\"pid\":\(pid),\"tid\":\(tid),\"args\":{\(args)}}"
  }
}
