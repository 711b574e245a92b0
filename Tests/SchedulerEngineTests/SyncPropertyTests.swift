import Testing

@testable import SchedulerEngine

/// Random programs over every synchronisation object, on every interpreter: the run never traps and ends in a
/// consistent state, whatever waits, wakes, timeouts, raises and deadlocks happen.
@Suite("Synchronisation objects: random programs")
struct SyncPropertyTests {
  /// One random statement about the objects the generated scenario declares.
  static func statement(_ random: inout SeededRandom, depth: Int) -> [String] {
    func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    let simple = [
      "compute 50us", "io 30us", "sleep 20us", "counter += 1", "ready.set()", "ready.clear()",
      "ready.wait(timeout=200us)", "jobs.put(1)", "x = jobs.get()", "slots.acquire(timeout=300us)", "slots.release()",
      "guard.acquire(timeout=100us)", "guard.release()", "gate.wait()", "call noop", "bound.release()",
      "r.acquire()", "r.release()",
    ]
    switch random.next() % 10 {
    case 0 where depth < 2:
      return ["with guard:"] + statement(&random, depth: depth + 1).map { "    " + $0 }
    case 1 where depth < 2:
      return ["with cv:", "    cv.notify_all()"] + statement(&random, depth: depth + 1).map { "    " + $0 }
    case 2 where depth < 2:
      return ["with cv:", "    cv.wait(timeout=150us)"]
    case 3 where depth < 2:
      return ["repeat 3:"] + statement(&random, depth: depth + 1).map { "    " + $0 }
    default:
      return [pick(simple)]
    }
  }

  static func scenario(seed: UInt64) -> String {
    var random = SeededRandom(seed: seed)
    var text = """
      shared counter = 0
      lock guard
      rlock r
      event ready
      semaphore slots = 2
      bounded_semaphore bound = 1
      queue jobs = 2
      condition cv
      barrier gate = 2

      """
    let threads = 2 + Int(random.next() % 3)
    for t in 0..<threads {
      text += "thread t\(t):\n"
      for _ in 0..<(1 + Int(random.next() % 6)) {
        text += statement(&random, depth: 0).map { "    " + $0 + "\n" }.joined()
      }
    }
    if random.next() % 2 == 0 { text += "thread boss:\n    t0.join()\n" }
    return text
  }

  @Test func randomProgramsEndConsistently() throws {
    var deadlocks = 0
    var raised = 0
    var whole = 0
    for seed: UInt64 in 1...400 {
      let source = Self.scenario(seed: seed)
      let parsed = try ScenarioParser.parse(source, file: "random.scenario")
      for interpreter in [InterpreterKind.cpython27, .cpython39, .cpython312, .cpython313, .cpython314t] {
        var scenario = parsed
        scenario.interpreter = interpreter
        scenario.seed = seed
        let trace = Simulator.run(scenario, budget: SimulationBudget(maxEvents: 200_000, maxTime: Time.second))
        let context = "seed \(seed), \(interpreter)\n\(source)"
        #expect(!trace.truncated, "\(context)")
        let waiting = Set(trace.deadlock?.waits.map(\.thread) ?? [])
        for t in trace.threads.indices {
          // Every thread either finished (perhaps by an exception) or is named in the deadlock.
          let finished = trace.statistics.threads[t].finishedAt != nil
          #expect(finished != waiting.contains(t), "thread \(trace.threads[t].name): \(context)")
          let spans = trace.spans[t]
          for (a, b) in zip(spans, spans.dropFirst()) {
            #expect(a.end == b.start && a.state != b.state, "\(context)")
          }
          #expect(spans.last.map { $0.end == trace.statistics.wallTime } ?? true, "\(context)")
        }
        #expect(zip(trace.events, trace.events.dropFirst()).allSatisfy { $0.time <= $1.time }, "\(context)")
        if let cycle = trace.deadlock?.cycle { #expect(Set(cycle).isSubset(of: waiting), "\(context)") }
        if trace.deadlock != nil { deadlocks += 1 } else { whole += 1 }
        if !trace.raised.isEmpty { raised += 1 }
      }
    }
    // The programs reach every ending: some deadlock, some raise, some finish.
    #expect(deadlocks >= 20)
    #expect(raised >= 20)
    #expect(whole >= 100)
  }
}
