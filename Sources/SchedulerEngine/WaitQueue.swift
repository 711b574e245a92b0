/// Threads waiting for something, first come first served, with constant-time membership: thousands of threads may
/// wait for one GIL, and each of them times out every interval.
struct WaitQueue {
  private var entries: [(thread: Int, ticket: Int)] = []
  private var head = 0
  /// By thread: the ticket of its live entry (0: not waiting); older entries of the same thread are stale.
  private var tickets: [Int] = []
  private var nextTicket = 0
  /// Stored, and read as `count > 0` (there is no computed `isEmpty`): the tests build the engine optimised but not
  /// whole-module, and there a computed getter of another file is a call that copies the queue, retaining its
  /// arrays: a third of an old-GIL run's time.
  private(set) var count = 0
  /// Threads already woken for this wait (they will try the lock when they get a core), by thread.
  private var woken: [Bool] = []
  /// Entries of waiters not woken, oldest ticket first, removed lazily: `firstSleeping` then skips the woken ones
  /// without walking past them, which pile up when hundreds of threads share two cores.
  private var sleeping = MinHeap<SleepingEntry>()
  /// By thread: the ticket of its entry in `sleeping` (0: none).
  private var sleepingTicket: [Int] = []

  func contains(_ t: Int) -> Bool { t < tickets.count && tickets[t] != 0 }

  mutating func add(_ t: Int) {
    guard !contains(t) else { return }
    grow(to: t)
    nextTicket += 1
    tickets[t] = nextTicket
    entries.append((t, nextTicket))
    count += 1
    if !woken[t] { pushSleeping(t) }
  }

  /// Marks a waiter woken (or asleep again). `firstSleeping` returns only waiters that are not woken.
  mutating func setWoken(_ t: Int, _ value: Bool) {
    grow(to: t)
    woken[t] = value
    if !value && contains(t) && sleepingTicket[t] != tickets[t] { pushSleeping(t) }
  }

  /// The longest-waiting thread that has not been woken: `first(where: { !woken })` in logarithmic time.
  mutating func firstSleeping() -> Int? {
    while let top = sleeping.first {
      let t = top.thread
      if tickets[t] == top.ticket && !woken[t] { return t }
      _ = sleeping.popFirst()
      if sleepingTicket[t] == top.ticket { sleepingTicket[t] = 0 }
    }
    return nil
  }

  private mutating func pushSleeping(_ t: Int) {
    sleeping.insert(SleepingEntry(ticket: tickets[t], thread: t))
    sleepingTicket[t] = tickets[t]
  }

  private mutating func grow(to t: Int) {
    guard t >= tickets.count else { return }
    let more = t + 1 - tickets.count
    tickets += Array(repeating: 0, count: more)
    woken += Array(repeating: false, count: more)
    sleepingTicket += Array(repeating: 0, count: more)
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

private struct SleepingEntry: Comparable {
  var ticket: Int
  var thread: Int
  static func < (a: SleepingEntry, b: SleepingEntry) -> Bool { a.ticket < b.ticket }
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
