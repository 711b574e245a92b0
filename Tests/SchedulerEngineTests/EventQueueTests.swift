import Testing

@testable import SchedulerEngine

/// The event queue gives events back earliest first (ties in the order they were pushed), also after its stale
/// events were dropped in the middle of a run.
@Suite struct EventQueueTests {
  @Test func popsInTimeThenPushOrderAcrossRemovals() {
    var queue = EventQueue()
    var model: [QueuedEvent] = []  // what the queue should hold, in any order
    var random = SeededRandom(seed: 11)
    var pushed: UInt64 = 0
    for round in 0..<30_000 {
      switch random.next() % 4 {
      case 0, 1:
        let time = Nanos(random.next() % 50)
        queue.push(time, Int32(random.next() % 8), UInt32(random.next() % 3), .run)
        pushed += 1
        model.append(QueuedEvent(time: time, seq: pushed, thread: 0, generation: 0, action: .run))
      case 2:
        let popped = queue.pop()
        let expected = model.min()
        #expect(popped?.time == expected?.time && popped?.seq == expected?.seq, "round \(round)")
        if let expected { model.removeAll { $0.seq == expected.seq } }
      default:
        if round % 50 == 0 {
          // Drop the events pushed at an odd count: a pattern unrelated to the heap's order.
          queue.removeStale { $0.seq % 2 == 0 }
          model.removeAll { $0.seq % 2 == 1 }
          #expect(queue.count == model.count)
        }
      }
    }
    var drained: [QueuedEvent] = []
    while let event = queue.pop() { drained.append(event) }
    #expect(drained.map(\.seq) == model.sorted().map(\.seq))
  }
}
