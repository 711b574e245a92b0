import SchedulerEngine

/// Events rebuilt from state spans and GIL spans, for traces that come with spans only (Chrome trace files, real
/// programs recorded by the tracer): each change of state or of GIL holder becomes the event the engine would log.
public enum DerivedEvents {
  public static func from(
    spans: [[StateSpan]], gilSpans: [[GILSpan]], dropRequests: [TraceEvent] = []
  ) -> [TraceEvent] {
    var events: [(event: TraceEvent, rank: Int)] = []
    func add(_ time: Nanos, _ thread: Int, _ kind: EventKind, detail: Int32 = -1) {
      events.append((TraceEvent(time: time, thread: Int16(thread), kind: kind, detail: detail), rank(kind)))
    }
    for (thread, list) in spans.enumerated() {
      var previous = ThreadState.notStarted
      for span in list where span.state != previous {
        if previous == .notStarted && span.state != .finished { add(span.start, thread, .threadStart) }
        if let leave = leaving(previous) { add(span.start, thread, leave) }
        if let enter = entering(span.state) { add(span.start, thread, enter) }
        previous = span.state
      }
    }
    // GIL spans come merged (one per holding), so each one is a hand-off in and a release out.
    for spans in gilSpans {
      var previous: Int32 = -1
      for span in spans {
        add(span.start, Int(span.holder), .gilAcquire, detail: previous)
        add(span.end, Int(span.holder), .gilDrop)
        previous = span.holder
      }
    }
    for request in dropRequests { events.append((request, rank(request.kind))) }
    // Stable: by time, then releases before requests before acquisitions, so each hand-off reads in order.
    let order = events.indices.sorted {
      let a = events[$0]
      let b = events[$1]
      if a.event.time != b.event.time { return a.event.time < b.event.time }
      if a.rank != b.rank { return a.rank < b.rank }
      return $0 < $1
    }
    return order.map { events[$0].event }
  }

  private static func leaving(_ state: ThreadState) -> EventKind? {
    switch state {
    case .io: .ioEnd
    case .sleeping: .sleepEnd
    case .native: .nativeEnd
    case .builtin: .builtinEnd
    case .waitingLock: .lockAcquire
    default: nil
    }
  }

  private static func entering(_ state: ThreadState) -> EventKind? {
    switch state {
    case .io: .ioStart
    case .sleeping: .sleepStart
    case .native: .nativeStart
    case .builtin: .builtinStart
    case .waitingLock: .lockWait
    case .waitingGIL: .gilRequest
    case .finished: .threadFinish
    default: nil
    }
  }

  private static func rank(_ kind: EventKind) -> Int {
    switch kind {
    case .threadStart: 0
    case .ioEnd, .sleepEnd, .nativeEnd, .builtinEnd, .lockAcquire: 1
    case .gilDrop: 2
    case .gilDropRequest: 3
    case .gilRequest: 4
    case .gilAcquire: 5
    case .threadFinish: 7
    default: 6
    }
  }

  /// Per-thread CPU, GIL-wait and I/O time from the spans, and the number of GIL hand-offs.
  public static func statistics(spans: [[StateSpan]], gilSpans: [[GILSpan]]) -> Statistics {
    var statistics = Statistics()
    for list in spans {
      var s = ThreadStatistics()
      for span in list {
        let length = span.end - span.start
        switch span.state {
        case .running, .builtin, .native: s.cpu += length
        case .waitingGIL: s.gilWait += length
        case .io: s.io += length
        case .finished: s.finishedAt = s.finishedAt ?? span.start
        default: break
        }
      }
      s.startedAt = ThreadStatistics.firstPython(in: list)
      statistics.threads.append(s)
      statistics.wallTime = max(statistics.wallTime, list.last?.end ?? 0)
    }
    for list in gilSpans {
      for (a, b) in zip(list, list.dropFirst()) where a.holder != b.holder { statistics.gilSwitches += 1 }
      statistics.wallTime = max(statistics.wallTime, list.last?.end ?? 0)
    }
    return statistics
  }
}
