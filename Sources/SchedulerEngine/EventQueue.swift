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
  /// An idle core's load balancing: it pulls a thread waiting on another core (`thread` is the core's index).
  case balance
  /// A SIGINT reaches the process (`signal SIGINT at D`).
  case signal
}

struct QueuedEvent: Comparable {
  var time: Nanos
  var seq: UInt64
  var thread: Int32
  var generation: UInt32
  var action: Action

  /// By time, then by the order they were scheduled, so runs repeat exactly.
  static func < (a: QueuedEvent, b: QueuedEvent) -> Bool { a.time < b.time || (a.time == b.time && a.seq < b.seq) }
  static func == (a: QueuedEvent, b: QueuedEvent) -> Bool { a.seq == b.seq }
}

/// The simulation's pending events, earliest first.
struct EventQueue {
  private var heap = MinHeap<QueuedEvent>()
  private var counter: UInt64 = 0

  var isEmpty: Bool { heap.isEmpty }
  var nextTime: Nanos { heap.first?.time ?? .max }

  mutating func push(_ time: Nanos, _ thread: Int32, _ generation: UInt32, _ action: Action) {
    counter &+= 1
    heap.insert(QueuedEvent(time: time, seq: counter, thread: thread, generation: generation, action: action))
  }

  mutating func pop() -> QueuedEvent? { heap.popFirst() }

  /// How many events are queued, stale ones included.
  var count: Int { heap.count }

  /// Drops the events `isLive` rejects. A moved activity end leaves its old event behind (a binary heap cannot
  /// remove from the middle); on the old GIL every hand-off moves one a whole op ahead, and tens of thousands of
  /// stale events made every push and pop three times slower.
  mutating func removeStale(isLive: (QueuedEvent) -> Bool) { heap.removeAll { !isLive($0) } }
}

/// A binary min-heap. Written by hand: this module keeps to the standard library (swift-numerics aside, for
/// `math`), and a heap is a few lines.
struct MinHeap<Element: Comparable> {
  private var items: [Element] = []

  var isEmpty: Bool { items.isEmpty }
  var count: Int { items.count }
  var first: Element? { items.first }

  /// Removes the matching items and restores the heap order bottom-up, in time linear in the count.
  mutating func removeAll(where shouldBeRemoved: (Element) -> Bool) {
    items.removeAll(where: shouldBeRemoved)
    var parent = items.count / 2 - 1
    while parent >= 0 {
      siftDown(from: parent)
      parent -= 1
    }
  }

  mutating func insert(_ item: Element) {
    items.append(item)
    items.withUnsafeMutableBufferPointer { heap in
      // Moves parents down into the hole until the new item's place is found: one write a level, no swaps.
      var child = heap.count - 1
      while child > 0 {
        let parent = (child - 1) / 2
        if !(item < heap[parent]) { break }
        heap[child] = heap[parent]
        child = parent
      }
      heap[child] = item
    }
  }

  mutating func popFirst() -> Element? {
    guard !items.isEmpty else { return nil }
    let top = items[0]
    let last = items.removeLast()
    if !items.isEmpty {
      items[0] = last
      siftDown(from: 0)
    }
    return top
  }

  private mutating func siftDown(from start: Int) {
    items.withUnsafeMutableBufferPointer { heap in
      // The same hole technique as `insert`, downwards.
      let item = heap[start]
      var parent = start
      let count = heap.count
      while true {
        let left = 2 * parent + 1
        if left >= count { break }
        var child = left
        if left + 1 < count && heap[left + 1] < heap[left] { child = left + 1 }
        if !(heap[child] < item) { break }
        heap[parent] = heap[child]
        parent = child
      }
      heap[parent] = item
    }
  }
}

/// SplitMix64: a small, fast, well-mixed generator; seeded from the scenario so runs repeat.
public struct SeededRandom: Sendable {
  private var state: UInt64
  public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

  public mutating func next() -> UInt64 {
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
