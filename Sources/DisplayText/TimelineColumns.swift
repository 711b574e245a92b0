import SchedulerEngine

/// What one column of a thread's row shows, in every timeline: `giltutor simulate`'s text, the lessons' pictures,
/// the quiz's marked timeline and replay all compute their columns here, so they always agree.
public enum TimelineCell: Sendable, Equatable {
  /// The state the thread spent most of the column in.
  case state(ThreadState)
  /// The thread held the GIL (bytecode, or C code that keeps it) for some of the column, but not for more than half
  /// of it. It is not drawn as running: under a GIL another thread may have run the rest of that column, and a
  /// column never shows two threads of one process running Python (not even two that held the GIL half each).
  case briefTurn
}

/// What one column of a GIL row shows.
public enum GILCell: Sendable, Equatable {
  /// Nobody held the GIL in the column.
  case free
  /// One thread held the GIL in the column, for all or part of it.
  case held(by: Int32)
  /// The GIL passed from one thread to another within the column: it was taken by a thread other than the one
  /// that held it before (however long it was free in between). Which threads they were, the thread rows show.
  case handOff
}

public enum TimelineColumns {
  /// Ties between states that took equally long go to the earlier one in this list.
  private static let tieOrder: [ThreadState] = [
    .running, .builtin, .native, .waitingGIL, .waitingLock, .io, .sleeping, .runnable, .selecting, .stopped,
    .finished, .notStarted,
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
      if held > 0 && 2 * held <= end - start {
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

  /// One cell per column of a GIL row, counting only the time before `limit`: `.handOff` when a thread other than
  /// the previous holder took the GIL within the column, else the thread that held it, else `.free`.
  public static func gilCells(_ spans: [GILSpan], bounds: [Nanos], upTo limit: Nanos = .max) -> [GILCell] {
    var cells: [GILCell] = []
    cells.reserveCapacity(bounds.count - 1)
    var first = 0
    for c in 0..<(bounds.count - 1) {
      let start = bounds[c]
      let end = min(max(bounds[c + 1], start + 1), max(limit, start + 1))
      while first < spans.count && spans[first].end <= start { first += 1 }
      var holder: Int32?
      var handOff = false
      var i = first
      while i < spans.count && spans[i].start < end {
        if spans[i].start >= start && i > 0 && spans[i - 1].holder != spans[i].holder { handOff = true }
        if min(spans[i].end, end) > max(spans[i].start, start) { holder = spans[i].holder }
        i += 1
      }
      cells.append(handOff ? .handOff : holder.map { .held(by: $0) } ?? .free)
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
