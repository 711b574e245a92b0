import Testing

@testable import SchedulerEngine

/// `firstSleeping` is `first(where: not woken)` made fast: the same answer after any mix of operations.
@Suite struct WaitQueueTests {
  @Test func firstSleepingIsTheOldestWaiterNotWoken() {
    var queue = WaitQueue()
    var woken = Set<Int>()
    var random = SeededRandom(seed: 7)
    for _ in 0..<20_000 {
      let t = Int(random.next() % 40)
      switch random.next() % 5 {
      case 0: queue.add(t)
      case 1: queue.remove(t)
      case 2:
        queue.setWoken(t, true)
        woken.insert(t)
      case 3:
        queue.setWoken(t, false)
        woken.remove(t)
      default: _ = queue.removeFirst()
      }
      let expected = queue.first { !woken.contains($0) }
      #expect(queue.firstSleeping() == expected)
    }
  }

  @Test func aReaddedWaiterGoesToTheBack() {
    var queue = WaitQueue()
    for t in 0..<3 { queue.add(t) }
    queue.setWoken(0, true)
    #expect(queue.firstSleeping() == 1)
    queue.remove(1)
    queue.add(1)
    #expect(queue.firstSleeping() == 2)
    queue.setWoken(0, false)
    #expect(queue.firstSleeping() == 0)
  }
}
