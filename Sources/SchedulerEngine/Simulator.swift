/// How far a simulation may go: it stops at whichever limit it reaches first, and its trace says which
/// (`Trace.truncation`). Events bound the memory a run takes (24 bytes each, plus about as much again in state
/// spans) and, at `stepsPerEvent` scheduling steps each, the time it takes; simulated time bounds a run that waits
/// or computes for hours.
public struct SimulationBudget: Sendable, Equatable {
  public var maxEvents: Int
  public var maxTime: Nanos

  public init(maxEvents: Int, maxTime: Nanos) {
    self.maxEvents = maxEvents
    self.maxTime = maxTime
  }

  /// `giltutor simulate`'s default (its `--max-events` and `--max-time` raise it): well under a gigabyte of
  /// trace, a few seconds of simulation, an hour of simulated time.
  public static let standard = SimulationBudget(maxEvents: 8_000_000, maxTime: 3_600 * Time.second)
  /// The pictures of lessons and quizzes, the same in `giltutor lint` and at run time: a page turn simulates its
  /// pictures in well under a second.
  public static let picture = SimulationBudget(maxEvents: 4_000_000, maxTime: 3_600 * Time.second)
  /// The most events `--max-events` may ask for: about 12 GB of trace.
  public static let maximumEvents = 256_000_000
  /// Scheduling steps allowed for each event the budget allows.
  public static let stepsPerEvent = 8
}

/// Runs a scenario through the scheduling model and returns its trace.
public enum Simulator {
  /// `keepEvents: false` counts the events without keeping them (`Trace.eventCount`), for reports that need only
  /// the state spans and the statistics.
  public static func run(
    _ scenario: Scenario, model: MachineModel = .calibrated, budget: SimulationBudget = .standard,
    keepEvents: Bool = true
  ) -> Trace {
    var simulation = Simulation(
      scenario: scenario, model: model, maxEvents: budget.maxEvents,
      maxTime: min(budget.maxTime, Limits.maximumDuration), keepEvents: keepEvents)
    return simulation.run()
  }
}
