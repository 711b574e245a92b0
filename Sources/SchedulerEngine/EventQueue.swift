/// What a queued event asks the simulation to do.
enum Action: UInt8 {
  /// A thread's first moment.
  case start
  /// A thread that was given a core runs its continuation.
  case run
  /// The activity a thread runs on its core has reached its end (or its next check point).
  case activityDone
  /// An I/O call or a sleep has finished.
  case blockDone
  /// A thread asleep on a condition or a lock was woken and now wants a core.
  case woken
  /// A new-GIL waiter's timed wait expired.
  case gilTimeout
  /// The OS scheduler's tick for a thread that has used up its time slice.
  case sliceEnd
}

struct QueuedEvent {
  var time: Nanos
  var seq: UInt64
  var thread: Int32
  var generation: UInt32
  var action: Action
}

/// A binary min-heap of events ordered by time, then by the order they were scheduled, so runs repeat exactly.
/// Written by hand: swift-collections' Heap is not in this standard-library-only module, and this one is a few lines.
struct EventQueue {
  private var heap: [QueuedEvent] = []
  private var counter: UInt64 = 0

  var isEmpty: Bool { heap.isEmpty }
  var nextTime: Nanos { heap.first?.time ?? .max }

  mutating func push(_ time: Nanos, _ thread: Int32, _ generation: UInt32, _ action: Action) {
    counter &+= 1
    heap.append(QueuedEvent(time: time, seq: counter, thread: thread, generation: generation, action: action))
    var child = heap.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      if !Self.before(heap[child], heap[parent]) { break }
      heap.swapAt(child, parent)
      child = parent
    }
  }

  mutating func pop() -> QueuedEvent? {
    guard let top = heap.first else { return nil }
    let last = heap.removeLast()
    if !heap.isEmpty {
      heap[0] = last
      var parent = 0
      let count = heap.count
      while true {
        let left = 2 * parent + 1
        if left >= count { break }
        var child = left
        if left + 1 < count && Self.before(heap[left + 1], heap[left]) { child = left + 1 }
        if !Self.before(heap[child], heap[parent]) { break }
        heap.swapAt(child, parent)
        parent = child
      }
    }
    return top
  }

  @inline(__always) private static func before(_ a: QueuedEvent, _ b: QueuedEvent) -> Bool {
    a.time < b.time || (a.time == b.time && a.seq < b.seq)
  }
}

/// SplitMix64: a small, fast, well-mixed generator; seeded from the scenario so runs repeat.
struct SeededRandom {
  private var state: UInt64
  init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in -spread...spread.
  mutating func jitter(_ spread: Nanos) -> Nanos {
    spread <= 0 ? 0 : Nanos(next() % UInt64(2 * spread + 1)) - spread
  }
}
