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
  var count: Int { items.count - head }

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

/// An awaited wait in progress on an event loop: when it ends, whose it is, and whether it is a timer or I/O.
struct PendingWait: Comparable {
  var time: Nanos
  var task: Int
  var isTimer: Bool

  static func < (a: PendingWait, b: PendingWait) -> Bool { (a.time, a.task) < (b.time, b.task) }
}
