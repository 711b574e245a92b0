import SchedulerEngine
import Synchronization

/// The traces of lesson and quiz pictures, simulated once per process. The engine is deterministic, so a
/// scenario gives the same trace every time: a page turned back to, the same picture in the other language, lint's
/// checks of pages already simulated and a quiz's questions over a lesson's scenario need not simulate it again.
/// Kept for the 32 scenarios used last, and no more than two largest pictures' worth of events in all (twice
/// the pictures' budget of 4 million, 24 bytes each: under 200 MB), which bounds the memory.
public enum PictureTraces {
  static let capacity = 32
  static let eventCapacity = 2 * SimulationBudget.picture.maxEvents
  private static let recent = Mutex<[(scenario: Scenario, trace: Trace)]>([])

  /// How many traces are kept, and their events in all.
  static var count: Int { recent.withLock { $0.count } }
  static var events: Int { recent.withLock { entries in entries.reduce(0) { $0 + $1.trace.events.count } } }

  /// The trace of `scenario` under the pictures' budget.
  public static func trace(_ scenario: Scenario) -> Trace {
    let cached: Trace? = recent.withLock { entries in
      guard let index = entries.firstIndex(where: { $0.scenario == scenario }) else { return nil }
      let entry = entries.remove(at: index)
      entries.append(entry)
      return entry.trace
    }
    if let cached { return cached }
    // Simulated outside the lock: two threads asking for one new picture at once both simulate it.
    let trace = Simulator.run(scenario, budget: .picture)
    recent.withLock { entries in
      entries.append((scenario, trace))
      var events = entries.reduce(0) { $0 + $1.trace.events.count }
      while entries.count > capacity || (events > eventCapacity && entries.count > 1) {
        events -= entries.removeFirst().trace.events.count
      }
    }
    return trace
  }
}
