import SchedulerEngine

/// Questions the pictures ask of a trace at a time.
public enum TraceQueries {
  /// The simulated time the trace covers, at least 1 ns (the pictures divide by it).
  public static func wallTime(_ trace: Trace) -> Nanos { max(trace.coveredTime, 1) }

  /// The time of the next event after `t` that a learner would notice (bytecode steps count only when
  /// `bytecode` is set), or nil at the end.
  public static func nextEventTime(after t: Nanos, in trace: Trace, bytecode: Bool) -> Nanos? {
    var i = trace.firstEvent(after: t)
    while i < trace.events.count {
      let kind = trace.events[i].kind
      if bytecode || (kind != .bytecode && kind != .computeStart && kind != .computeEnd) { return trace.events[i].time }
      i += 1
    }
    return nil
  }

  /// The last event at or before `t` that `Wording.event` can describe, searching back at most 10 000 events.
  public static func lastNotableEvent(at t: Nanos, in trace: Trace, process: Int = 0) -> TraceEvent? {
    var i = trace.firstEvent(after: t) - 1
    var budget = 10_000
    let notable: Set<EventKind> = [.gilAcquire, .gilDrop, .gilDropRequest, .ioStart, .ioEnd, .sleepStart, .nativeStart]
    while i >= 0 && budget > 0 {
      let e = trace.events[i]
      if notable.contains(e.kind), e.thread >= 0, Int(e.thread) < trace.threads.count,
        trace.threads[Int(e.thread)].process == process
      {
        return e
      }
      i -= 1
      budget -= 1
    }
    return nil
  }

  /// Threads of `process` waiting for its GIL at `t`, in the order they asked for it.
  public static func waiters(at t: Nanos, in trace: Trace, process: Int = 0) -> [Int] {
    var waiting: [(Int, Nanos)] = []
    for (index, thread) in trace.threads.enumerated() where thread.process == process {
      guard trace.state(of: index, at: t) == .waitingGIL else { continue }
      let since = trace.spans[index].last { $0.start <= t && $0.state == .waitingGIL }?.start ?? 0
      waiting.append((index, since))
    }
    return waiting.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.map(\.0)
  }

  /// When `thread` started its current wait for the GIL.
  public static func waitStart(of thread: Int, at t: Nanos, in trace: Trace) -> Nanos? {
    trace.spans[thread].last { $0.start <= t && $0.state == .waitingGIL }?.start
  }

  /// The thread whose drop request is pending at `t` (it raised its hand and the holder has not dropped yet).
  public static func dropRequester(at t: Nanos, in trace: Trace, process: Int = 0) -> Int? {
    var i = trace.firstEvent(after: t) - 1
    var budget = 100_000
    while i >= 0 && budget > 0 {
      let e = trace.events[i]
      if e.thread >= 0, Int(e.thread) < trace.threads.count, trace.threads[Int(e.thread)].process == process {
        if e.kind == .gilDrop || e.kind == .gilAcquire { return nil }
        if e.kind == .gilDropRequest { return Int(e.thread) }
      }
      i -= 1
      budget -= 1
    }
    return nil
  }

  /// How many times the GIL changed hands up to `t`.
  public static func handOffs(until t: Nanos, in trace: Trace, process: Int = 0) -> Int {
    guard process < trace.gilSpans.count else { return 0 }
    var count = 0
    var last: Int32?
    for span in trace.gilSpans[process] where span.start <= t {
      if let last, last != span.holder { count += 1 }
      last = span.holder
    }
    return count
  }

  /// The thread's latest bytecode instruction at or before `t`; none inside a lean trace's stretch, which does
  /// not say which instruction ran when.
  public static func instruction(of thread: Int, at t: Nanos, in trace: Trace) -> Instruction? {
    var i = trace.firstEvent(after: t) - 1
    while i >= 0 {
      let e = trace.events[i]
      if Int(e.thread) == thread {
        if e.kind == .bytecode, e.detail >= 0, Int(e.detail) < trace.instructions.count {
          return trace.instructions[Int(e.detail)]
        }
        if e.kind == .threadStart || e.kind == .bytecodeRun { return nil }
      }
      i -= 1
    }
    return nil
  }

  /// A shared variable's value at `t`: the last value a store wrote, else its initial value.
  public static func sharedValue(_ name: String, at t: Nanos, in trace: Trace) -> Int64? {
    guard let variable = trace.scenario.shared.first(where: { $0.name == name }) else { return nil }
    var i = trace.firstEvent(after: t) - 1
    while i >= 0 {
      let e = trace.events[i]
      if e.kind == .bytecode, e.detail >= 0, Int(e.detail) < trace.instructions.count {
        let instruction = trace.instructions[Int(e.detail)]
        if instruction.opname.hasPrefix("STORE"), instruction.argrepr == name { return e.value }
      }
      i -= 1
    }
    return variable.initialValue
  }
}
