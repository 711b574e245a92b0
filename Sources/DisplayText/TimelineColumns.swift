import SchedulerEngine

/// What one column of a thread's row shows, in every timeline: `giltutor simulate`'s text, the lessons' pictures,
/// the quiz's marked timeline and replay all compute their columns here, so they always agree.
public enum TimelineCell: Sendable, Equatable {
  /// The state the thread spent most of the column in.
  case state(ThreadState)
  /// The thread held the GIL (bytecode, or C code that keeps it) for some but less than half of the column. It is
  /// not drawn as running: under a GIL another thread may have run most of that column, and a column never shows
  /// two threads running Python.
  case briefTurn
}

public enum TimelineColumns {
  /// Ties between states that took equally long go to the earlier one in this list.
  private static let tieOrder: [ThreadState] = [
    .running, .builtin, .native, .waitingGIL, .waitingLock, .io, .sleeping, .runnable, .selecting, .finished,
    .notStarted,
  ]

  /// `columns + 1` boundaries over `window`: column `c` covers `bounds[c] ..< bounds[c + 1]`, exactly
  /// `start + length * c / columns` (no rounding through `Double`).
  public static func bounds(_ window: ClosedRange<Nanos>, columns: Int) -> [Nanos] {
    let length = window.upperBound - window.lowerBound
    return (0...columns).map { c in
      window.lowerBound + Int64(columns).dividingFullWidth(length.multipliedFullWidth(by: Int64(c))).quotient
    }
  }

  /// One cell per column (`bounds[c] ..< bounds[c + 1]`), counting only the time before `limit`: a picture that
  /// plays draws its last column from what has happened so far. `spans` are back to back.
  public static func threadCells(_ spans: [StateSpan], bounds: [Nanos], upTo limit: Nanos = .max) -> [TimelineCell] {
    var cells: [TimelineCell] = []
    cells.reserveCapacity(bounds.count - 1)
    var time = [Nanos](repeating: 0, count: ThreadState.allCases.count)
    var first = 0
    for c in 0..<(bounds.count - 1) {
      // A column narrower than a nanosecond (more columns than nanoseconds) shows the instant it starts at.
      let start = bounds[c]
      let end = min(max(bounds[c + 1], start + 1), max(limit, start + 1))
      while first < spans.count && spans[first].end <= start { first += 1 }
      if first == spans.count {
        cells.append(.state(.finished))
        continue
      }
      for i in time.indices { time[i] = 0 }
      var i = first
      while i < spans.count && spans[i].start < end {
        let overlap = min(spans[i].end, end) - max(spans[i].start, start)
        if overlap > 0 { time[Int(spans[i].state.rawValue)] += overlap }
        i += 1
      }
      let held = time[Int(ThreadState.running.rawValue)] + time[Int(ThreadState.builtin.rawValue)]
      if held > 0 && 2 * held < end - start {
        cells.append(.briefTurn)
        continue
      }
      var best = ThreadState.notStarted
      var bestTime: Nanos = 0
      for state in tieOrder where time[Int(state.rawValue)] > bestTime {
        best = state
        bestTime = time[Int(state.rawValue)]
      }
      cells.append(.state(best))
    }
    return cells
  }

  /// Per column, the thread that held the GIL longest in it (ties: the lower thread index), nil if it was free;
  /// only the time before `limit` counts.
  public static func holders(_ spans: [GILSpan], bounds: [Nanos], upTo limit: Nanos = .max) -> [Int32?] {
    var cells: [Int32?] = []
    cells.reserveCapacity(bounds.count - 1)
    var first = 0
    var held: [Int32: Nanos] = [:]
    for c in 0..<(bounds.count - 1) {
      let start = bounds[c]
      let end = min(max(bounds[c + 1], start + 1), max(limit, start + 1))
      while first < spans.count && spans[first].end <= start { first += 1 }
      held.removeAll(keepingCapacity: true)
      var i = first
      while i < spans.count && spans[i].start < end {
        let overlap = min(spans[i].end, end) - max(spans[i].start, start)
        if overlap > 0 { held[spans[i].holder, default: 0] += overlap }
        i += 1
      }
      let best = held.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }
      cells.append(best?.key)
    }
    return cells
  }

  /// The step between axis ticks: 1, 2 or 5 times a power of ten, giving about `count` ticks over `wall`.
  public static func tickStep(wall: Nanos, count: Int) -> Nanos {
    let raw = max(1, wall / Nanos(max(1, count)))
    var magnitude: Nanos = 1
    while magnitude <= raw / 10 { magnitude *= 10 }
    for factor: Nanos in [1, 2, 5, 10] where factor * magnitude >= raw { return factor * magnitude }
    return 10 * magnitude
  }
}
