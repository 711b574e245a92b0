/// Threads waiting for something, first come first served, with constant-time membership: thousands of threads may
/// wait for one GIL, and each of them times out every interval.
struct WaitQueue {
  private var entries: [(thread: Int, ticket: Int)] = []
  private var head = 0
  /// By thread: the ticket of its live entry (0: not waiting); older entries of the same thread are stale.
  private var tickets: [Int] = []
  private var nextTicket = 0
  private(set) var count = 0

  var isEmpty: Bool { count == 0 }

  func contains(_ t: Int) -> Bool { t < tickets.count && tickets[t] != 0 }

  mutating func add(_ t: Int) {
    guard !contains(t) else { return }
    if t >= tickets.count { tickets += Array(repeating: 0, count: t + 1 - tickets.count) }
    nextTicket += 1
    tickets[t] = nextTicket
    entries.append((t, nextTicket))
    count += 1
  }

  mutating func remove(_ t: Int) {
    guard contains(t) else { return }
    tickets[t] = 0
    count -= 1
  }

  /// The longest-waiting thread that satisfies `predicate`.
  mutating func first(where predicate: (Int) -> Bool) -> Int? {
    while head < entries.count && !isLive(entries[head]) { head += 1 }
    if head > 1024 && head * 2 > entries.count {
      entries.removeFirst(head)
      head = 0
    }
    for i in head..<entries.count where isLive(entries[i]) && predicate(entries[i].thread) {
      return entries[i].thread
    }
    return nil
  }

  mutating func removeFirst() -> Int? {
    guard let t = first(where: { _ in true }) else { return nil }
    remove(t)
    return t
  }

  private func isLive(_ entry: (thread: Int, ticket: Int)) -> Bool {
    entry.thread < tickets.count && tickets[entry.thread] == entry.ticket
  }
}

/// A first-in first-out queue of threads (the OS run queue) with constant-time removal from the front.
struct FIFO {
  private var items: [Int] = []
  private var head = 0

  var isEmpty: Bool { head == items.count }

  mutating func append(_ t: Int) { items.append(t) }

  mutating func removeFirst() -> Int {
    let t = items[head]
    head += 1
    if head > 1024 && head * 2 > items.count {
      items.removeFirst(head)
      head = 0
    }
    return t
  }
}

/// Awaited waits in progress on an event loop, earliest first (a binary heap: a loop may park thousands of tasks).
struct PendingWaits {
  private var heap: [(time: Nanos, task: Int, isTimer: Bool)] = []

  var isEmpty: Bool { heap.isEmpty }
  var first: (time: Nanos, task: Int, isTimer: Bool)? { heap.first }

  mutating func insert(_ item: (time: Nanos, task: Int, isTimer: Bool)) {
    heap.append(item)
    var child = heap.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      if !Self.before(heap[child], heap[parent]) { break }
      heap.swapAt(child, parent)
      child = parent
    }
  }

  mutating func popFirst() -> (time: Nanos, task: Int, isTimer: Bool)? {
    guard !heap.isEmpty else { return nil }
    heap.swapAt(0, heap.count - 1)
    let top = heap.removeLast()
    var parent = 0
    while true {
      let left = 2 * parent + 1
      if left >= heap.count { break }
      var child = left
      if left + 1 < heap.count && Self.before(heap[left + 1], heap[left]) { child = left + 1 }
      if !Self.before(heap[child], heap[parent]) { break }
      heap.swapAt(child, parent)
      parent = child
    }
    return top
  }

  private static func before(_ a: (time: Nanos, task: Int, isTimer: Bool), _ b: (time: Nanos, task: Int, isTimer: Bool))
    -> Bool
  { (a.time, a.task) < (b.time, b.task) }
}
