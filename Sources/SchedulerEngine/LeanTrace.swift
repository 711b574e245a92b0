/// Which events a simulation keeps in its trace.
public enum EventDetail: Sendable, Equatable {
  /// Every event: a learner can step through each bytecode instruction.
  case every
  /// A lean trace, for runs too long to keep whole: every event but the bytecode a thread runs far from anything
  /// else happening, which becomes one `bytecodeRun` event per stretch (see `LeanRecorder`).
  case lean
  /// None: they are only counted (`Trace.eventCount`), for reports that need the spans and statistics alone.
  case counted
}

/// Keeps a lean trace. A thread's bytecode is kept next to everything else that happens to it — the `window`
/// instructions before and after each GIL hand-off, lock operation, I/O, start or end — so that a learner who zooms
/// in on a switch sees the instructions on both sides of it. The instructions in between, the long stretches of a
/// loop that nothing interrupts, become one `bytecodeRun` event each (how many, for how long), followed by the last
/// store of each shared variable in the stretch, so that a shared value read at the stretch's end is exact.
///
/// A 5-million-iteration loop in two threads is 70 million events; each GIL hand-off keeps some 40 of them.
/// Keeping only the check points and shared accesses would still be 3 events an iteration, 700 MB.
struct LeanRecorder {
  /// Instructions kept on each side of something that happens to a thread.
  static let window = 16

  /// Kept events with their place in the order they happened (twice the count of events recorded before them, plus
  /// one; a stretch's event comes just before its first instruction): a thread's recent instructions are decided on
  /// later than the other threads' events recorded meanwhile, so the trace is put in order at the end.
  private var kept: [(order: Int, event: TraceEvent)] = []
  private var order = 0
  private var threads: [ThreadLog] = []
  /// Per instruction of the trace's table, whether it stores a shared variable.
  private let storesShared: [Bool]

  var keptCount: Int { kept.count }

  init(instructions: [Instruction], shared: Set<String>) {
    storesShared = instructions.map { $0.opname.hasPrefix("STORE") && shared.contains($0.argrepr) }
  }

  /// A thread's instructions that are not decided on yet.
  private struct ThreadLog {
    /// The latest instructions, oldest first (a ring of `window` entries starting at `head`).
    var recent: [(order: Int, event: TraceEvent)] = []
    var head = 0
    /// How many more instructions are kept for something that just happened.
    var keepNext = 0
    /// The stretch of instructions being aggregated, if `run.open`.
    var run = Run()
  }

  /// Mutated in place inside its thread's log: a copy would copy its stores on every store.
  private struct Run {
    var open = false
    var order = 0
    var start: Nanos = 0
    var end: Nanos = 0
    var instructions = 0
    /// The last store of each shared variable in the stretch, one per storing instruction (a handful).
    var stores: [(order: Int, event: TraceEvent)] = []
  }

  private static func aggregates(_ kind: EventKind) -> Bool {
    kind == .bytecode || kind == .computeStart || kind == .computeEnd
  }

  mutating func record(_ event: TraceEvent) {
    order += 2
    let t = Int(event.thread)
    guard t >= 0 else {
      kept.append((order, event))
      return
    }
    while threads.count <= t { threads.append(ThreadLog()) }
    guard Self.aggregates(event.kind) else {
      // Something happened to the thread: its recent instructions are kept, and so are the next ones.
      settle(t)
      threads[t].keepNext = Self.window
      kept.append((order, event))
      return
    }
    if threads[t].keepNext > 0 {
      threads[t].keepNext -= 1
      kept.append((order, event))
      return
    }
    if threads[t].recent.count < Self.window {
      threads[t].recent.append((order, event))
      return
    }
    // The oldest recent instruction is too far from anything that happened: it joins the stretch.
    let oldest = threads[t].recent[threads[t].head]
    threads[t].recent[threads[t].head] = (order, event)
    threads[t].head = (threads[t].head + 1) % Self.window
    aggregate(t, oldest)
  }

  private mutating func aggregate(_ t: Int, _ entry: (order: Int, event: TraceEvent)) {
    let e = entry.event
    if !threads[t].run.open {
      threads[t].run.open = true
      threads[t].run.order = entry.order
      threads[t].run.start = e.time
    }
    threads[t].run.end = e.time
    guard e.kind == .bytecode else { return }
    threads[t].run.instructions += 1
    guard e.detail >= 0, Int(e.detail) < storesShared.count, storesShared[Int(e.detail)] else { return }
    if let i = threads[t].run.stores.firstIndex(where: { $0.event.detail == e.detail }) {
      threads[t].run.stores[i] = entry
    } else {
      threads[t].run.stores.append(entry)
    }
  }

  /// Ends the thread's stretch (its event, then its last stores) and keeps its recent instructions.
  private mutating func settle(_ t: Int) {
    let log = threads[t]
    let recent = log.recent[log.head...] + log.recent[..<log.head]
    threads[t].recent = []
    threads[t].head = 0
    if threads[t].run.open {
      let run = threads[t].run
      let count = Int32(clamping: run.instructions)
      let summary = TraceEvent(
        time: run.start, thread: Int16(t), kind: .bytecodeRun, detail: count, value: run.end - run.start)
      kept.append((run.order - 1, summary))
      kept.append(contentsOf: run.stores)
      threads[t].run = Run()
    }
    kept.append(contentsOf: recent)
  }

  /// The kept events in the order they happened; every thread's last instructions are kept.
  mutating func finish() -> [TraceEvent] {
    for t in threads.indices { settle(t) }
    kept.sort { $0.order < $1.order }
    return kept.map(\.event)
  }
}
