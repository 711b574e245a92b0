import SchedulerEngine

/// Reads a Chrome Trace Event file (what `simulate --format chrome`, VizTracer and py-spy write) into a `Trace`.
///
/// - Each (pid, tid) with slices becomes a thread row, named by its `thread_name` metadata; each pid a process.
/// - Slices (`X`, or `B`/`E` pairs) become states: a slice named like a state of giltutor's own export
///   ("running", "waiting for GIL", "I/O", …) is that state; any other slice (a function, as VizTracer and py-spy
///   name them) means the thread was inside that call and shows as running. The innermost slice wins.
/// - A track named `GIL` gives who held that process's GIL (slices named after the holder); without one there is
///   no GIL row, since who held it cannot be known from function slices.
/// - Everything else (counters, flows, async events, unknown instants) is counted in `notes`, not guessed.
public enum ChromeImport {
  public struct Failure: Error, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "\(line):\(column): error: \(message)".escapingControlCharacters() }
  }

  public struct Result: Sendable {
    public var trace: Trace
    /// What could not be mapped, one line each.
    public var notes: [String]
    /// Why the recording stops early (`"giltutor": {"incomplete": ...}`, from giltutor's tracer); the trace is
    /// then marked truncated.
    public var incomplete: String? = nil
  }

  private struct Slice {
    var start: Double
    var end: Double
    var name: String
  }

  /// The most thread rows an imported trace may have (a screen shows a few dozen; events name threads in 16 bits).
  public static let maximumThreads = 4_096

  public static func read(_ bytes: [UInt8]) throws(Failure) -> Result {
    let root: JSONText
    do {
      root = try JSONReader.parse(bytes)
    } catch {
      throw Failure(line: error.line, column: error.column, message: error.message)
    }
    let list: [JSONText]
    if case .array(let items) = root {
      list = items
    } else if case .array(let items)? = root["traceEvents"] {
      list = items
    } else {
      throw Failure(line: 1, column: 1, message: "not a Chrome trace: no traceEvents array")
    }
    var notes: [String] = []
    var skipped: [String: Int] = [:]
    // Lists keep the order of first appearance; the dictionaries beside them keep every look-up constant time, so
    // that reading is linear in the file.
    var pids: [String] = []
    var pidOrder: [String: Int] = [:]
    var keys: [String] = []
    var keyOrder: [String: Int] = [:]
    var keyPid: [String: String] = [:]
    var names: [String: String] = [:]
    var processNames: [String: String] = [:]
    var slices: [String: [Slice]] = [:]
    var open: [String: [(Double, String)]] = [:]
    var drops: [(key: String, time: Double, holder: String)] = []
    var earliest = Double.infinity
    var latest = -Double.infinity

    func id(_ value: JSONText?) -> String {
      switch value {
      case .number(let n)?: n
      case .string(let s)?: s
      default: "0"
      }
    }
    func note(_ key: String) {
      if keyOrder[key] == nil {
        keyOrder[key] = keys.count
        keys.append(key)
      }
    }
    for item in list {
      guard case .object = item, let phase = item["ph"]?.stringValue else {
        skipped["without a phase", default: 0] += 1
        continue
      }
      let pid = id(item["pid"])
      let key = pid + "/" + id(item["tid"])
      if pidOrder[pid] == nil {
        pidOrder[pid] = pids.count
        pids.append(pid)
      }
      let name = item["name"]?.stringValue ?? ""
      // Times beyond ±10⁹ s would not fit in nanoseconds: such an event is skipped, not trusted.
      let ts = item["ts"]?.doubleValue.flatMap { $0.isFinite && abs($0) < 1e15 ? $0 : nil }
      switch phase {
      case "M":
        let value = item["args"]?["name"]?.stringValue
        if name == "thread_name", let value {
          names[key] = value
          keyPid[key] = pid
          note(key)
        } else if name == "process_name", let value {
          processNames[pid] = value
        }
      case "X", "B", "E":
        guard let ts else {
          skipped["'\(phase)' without a time", default: 0] += 1
          continue
        }
        keyPid[key] = pid
        note(key)
        if slices[key] == nil && open[key] == nil {
          // Refused as soon as it is clear, not after reading the rest of a huge file.
          guard slices.count + open.count < maximumThreads else {
            throw Failure(
              line: 1, column: 1,
              message: "more than \(maximumThreads) threads (pid and tid pairs) have slices; giltutor shows at most "
                + "\(maximumThreads): record fewer threads, or filter the trace")
          }
        }
        earliest = min(earliest, ts)
        latest = max(latest, ts)
        if phase == "X" {
          let end = ts + min(1e15, max(0, item["dur"]?.doubleValue ?? 0))
          latest = max(latest, end)
          slices[key, default: []].append(Slice(start: ts, end: end, name: name))
        } else if phase == "B" {
          open[key, default: []].append((ts, name))
        } else if let begin = open[key]?.popLast() {
          slices[key, default: []].append(Slice(start: begin.0, end: ts, name: begin.1))
        } else {
          skipped["'E' without a matching 'B'", default: 0] += 1
        }
      case "i", "I":
        if name == "GIL drop request", let ts {
          drops.append((key, ts, item["args"]?["holder"]?.stringValue ?? ""))
        } else {
          skipped["of phase '\(phase)' (instants other than GIL drop requests)", default: 0] += 1
        }
      default:
        skipped["of phase '\(phase)'", default: 0] += 1
      }
    }
    for (key, stack) in open {
      for (ts, name) in stack {
        slices[key, default: []].append(Slice(start: ts, end: latest, name: name))
      }
      if !stack.isEmpty { notes.append("\(stack.count) 'B' events never ended: closed at the end of the trace") }
    }
    if earliest == .infinity {
      throw Failure(line: 1, column: 1, message: "the trace has no slices ('X' or 'B'/'E' events) to show")
    }

    // Rows: every thread with slices, in pid order then tid order; GIL tracks apart.
    let sortedKeys = keys.sorted { a, b in
      let pa = pidOrder[keyPid[a] ?? ""] ?? 0
      let pb = pidOrder[keyPid[b] ?? ""] ?? 0
      if pa != pb { return pa < pb }
      let ta = Double(a.split(separator: "/").last ?? "") ?? 0
      let tb = Double(b.split(separator: "/").last ?? "") ?? 0
      return ta != tb ? ta < tb : a < b
    }
    let gilKeys = sortedKeys.filter { names[$0] == "GIL" }
    let threadKeys = sortedKeys.filter { names[$0] != "GIL" && !(slices[$0] ?? []).isEmpty }
    let pidsWithThreads = Set(threadKeys.compactMap { keyPid[$0] })
    let usedPids = pids.filter { pidsWithThreads.contains($0) }
    let processOf = Dictionary(uniqueKeysWithValues: usedPids.enumerated().map { ($0.element, $0.offset) })
    guard (latest - earliest) * 1000 <= Double(Limits.maximumTraceTime) else {
      throw Failure(
        line: 1, column: 1,
        message: "the trace spans \(Int((latest - earliest) / 86_400e6)) days; giltutor shows at most "
          + "\(Limits.maximumTraceTime / (86_400 * Time.second)) days")
    }
    func nanos(_ us: Double) -> Nanos { Nanos(((us - earliest) * 1000).rounded()) }
    let wall = max(1, nanos(latest))

    var scenario = Scenario(processes: usedPids.map { ProcessDeclaration(name: processNames[$0] ?? "pid \($0)") })
    scenario.title = ""
    var threads: [ThreadInfo] = []
    var spans: [[StateSpan]] = []
    var functionSlices = 0
    var example = ""
    let stateNames = Dictionary(
      uniqueKeysWithValues: ThreadState.allCases.map { (TraceLabels.name(of: $0).lowercased(), $0) })
    for key in threadKeys {
      let tid = key.split(separator: "/").last.map(String.init) ?? key
      threads.append(ThreadInfo(name: names[key] ?? "tid \(tid)", process: processOf[keyPid[key] ?? ""] ?? 0))
      let mapped = (slices[key] ?? []).map { slice -> (Nanos, Nanos, ThreadState) in
        if let state = stateNames[slice.name.lowercased()] { return (nanos(slice.start), nanos(slice.end), state) }
        functionSlices += 1
        if example.isEmpty { example = slice.name }
        return (nanos(slice.start), nanos(slice.end), .running)
      }
      spans.append(flatten(mapped, wall: wall))
    }
    if functionSlices > 0 {
      notes.append(
        "\(functionSlices) slices named after functions (e.g. '\(example)') are shown as running: the thread was "
          + "inside that call; whether it held the GIL there is not in the file")
    }

    // The GIL: holdings named after their holder, in the same process.
    var gilSpans: [[GILSpan]] = []
    var threadNamed: [String: Int] = [:]
    for (index, thread) in threads.enumerated().reversed() { threadNamed["\(thread.process)/\(thread.name)"] = index }
    if !gilKeys.isEmpty {
      gilSpans = Array(repeating: [], count: usedPids.count)
      for key in gilKeys {
        guard let process = processOf[keyPid[key] ?? ""] else { continue }
        var holdings: [GILSpan] = []
        for slice in (slices[key] ?? []).sorted(by: { $0.start < $1.start }) {
          guard let holder = threadNamed["\(process)/\(slice.name)"] else {
            skipped["on the GIL track naming an unknown thread", default: 0] += 1
            continue
          }
          let span = GILSpan(start: nanos(slice.start), end: nanos(slice.end), holder: Int32(holder))
          if let last = holdings.last, last.holder == span.holder, last.end >= span.start {
            holdings[holdings.count - 1].end = max(last.end, span.end)
          } else {
            holdings.append(span)
          }
        }
        gilSpans[process] = holdings
      }
    } else {
      notes.append("no GIL track: who held the GIL is not in the file, so there is no GIL row")
    }
    let row = Dictionary(uniqueKeysWithValues: threadKeys.enumerated().map { ($0.element, $0.offset) })
    let requests = drops.compactMap { drop -> TraceEvent? in
      guard let thread = row[drop.key] else { return nil }
      let holder = threadNamed["\(threads[thread].process)/\(drop.holder)"]
      return TraceEvent(
        time: nanos(drop.time), thread: Int16(thread), kind: .gilDropRequest, detail: Int32(holder ?? -1))
    }
    for (what, count) in skipped.sorted(by: { $0.key < $1.key }) {
      notes.append("skipped \(count) event\(count == 1 ? "" : "s") \(what)")
    }

    if let info = root["giltutor"] {
      if let name = info["interpreter"]?.stringValue, let kind = InterpreterKind(rawValue: name) {
        scenario.interpreter = kind
      }
      if let interval = info["switch_interval_ns"]?.doubleValue, interval >= 1,
        interval <= Double(Limits.maximumDuration)
      {
        scenario.switchInterval = Nanos(interval)
      }
      if let title = info["title"]?.stringValue { scenario.title = title }
    }
    let incomplete = root["giltutor"]?["incomplete"]?.stringValue
    let statistics = DerivedEvents.statistics(spans: spans, gilSpans: gilSpans)
    var trace = Trace(
      scenario: scenario, threads: threads, tasks: [],
      events: DerivedEvents.from(spans: spans, gilSpans: gilSpans, dropRequests: requests), spans: spans,
      gilSpans: gilSpans, instructions: [], sharedFinal: [], statistics: statistics)
    if incomplete != nil { trace.truncation = .recordingStopped }
    return Result(trace: trace, notes: notes, incomplete: incomplete)
  }

  /// Nested slices into back-to-back spans from 0 to `wall`: the innermost slice decides; before the first slice
  /// the thread has not started, after the last it has finished, and gaps between slices stay blank (not started).
  static func flatten(_ slices: [(Nanos, Nanos, ThreadState)], wall: Nanos) -> [StateSpan] {
    let sorted = slices.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 > $1.1 }
    var out: [StateSpan] = []
    func emit(_ start: Nanos, _ end: Nanos, _ state: ThreadState) {
      guard end > start else { return }
      if let last = out.last, last.state == state, last.end == start {
        out[out.count - 1].end = end
      } else {
        out.append(StateSpan(start: start, end: end, state: state))
      }
    }
    var stack: [(end: Nanos, state: ThreadState)] = []
    var cursor: Nanos = 0
    func popUntil(_ time: Nanos) {
      while let top = stack.last, top.end <= time {
        emit(cursor, top.end, top.state)
        cursor = max(cursor, top.end)
        stack.removeLast()
      }
    }
    for (start, end, state) in sorted {
      popUntil(start)
      emit(cursor, start, stack.last?.state ?? .notStarted)
      cursor = max(cursor, start)
      stack.append((min(end, stack.last?.end ?? end), state))
    }
    popUntil(Nanos.max)
    emit(cursor, wall, .finished)
    return out
  }
}
