/// How far a simulation may go: it stops at whichever limit it reaches first, and its trace says which
/// (`Trace.truncation`). Events bound the memory a run takes (24 bytes each, plus about as much again in state
/// spans) and, at `stepsPerEvent` scheduling steps each, the time it takes; simulated time bounds a run that waits
/// or computes for hours.
public struct SimulationBudget: Sendable, Equatable {
  public var maxEvents: Int
  public var maxTime: Nanos
  /// Scheduling steps (events taken off the queue): `stepsPerEvent` for each event allowed, unless given.
  public var maxSteps: Int

  public init(maxEvents: Int, maxTime: Nanos, maxSteps: Int? = nil) {
    self.maxEvents = maxEvents
    self.maxTime = maxTime
    let (steps, overflow) = maxEvents.multipliedReportingOverflow(by: Self.stepsPerEvent)
    self.maxSteps = maxSteps ?? (overflow ? Int.max : steps)
  }

  /// `giltutor simulate`'s default (its `--max-events` and `--max-time` raise it): well under a gigabyte of
  /// trace, a few seconds of simulation, an hour of simulated time.
  public static let standard = SimulationBudget(maxEvents: 8_000_000, maxTime: 3_600 * Time.second)
  /// The same for a run whose events are counted, not kept (a text or JSON report): memory is then the state spans
  /// alone (a 5-million-iteration loop in two threads, 70 million events, takes about 25 MB and a second), so the
  /// events may be many more; the steps, which bound the time, stay the standard budget's.
  public static let counted = SimulationBudget(
    maxEvents: 100_000_000, maxTime: standard.maxTime, maxSteps: standard.maxSteps)
  /// The pictures of lessons and quizzes, the same in `giltutor lint` and at run time: a page turn simulates its
  /// pictures in well under a second.
  public static let picture = SimulationBudget(maxEvents: 4_000_000, maxTime: 3_600 * Time.second)
  /// The most events a trace keeps every one of before it is simulated again as a lean trace (`runKeeping`):
  /// about 100 MB.
  public static let leanAfter = 4_000_000
  /// The most events `--max-events` may ask for: about 12 GB of trace.
  public static let maximumEvents = 256_000_000
  /// Scheduling steps allowed for each event the budget allows.
  public static let stepsPerEvent = 8
}

/// Runs a scenario through the scheduling model and returns its trace.
public enum Simulator {
  /// `detail` says which events the trace keeps: every one, a lean trace's, or none (they are only counted, for
  /// reports that need only the state spans and the statistics).
  /// `stepByStep` runs a Python program's every instruction alone, never in bulk: the same trace, slower (for
  /// the tests that compare the two).
  public static func run(
    _ scenario: Scenario, model: MachineModel = .calibrated, budget: SimulationBudget = .standard,
    detail: EventDetail = .every, stepByStep: Bool = false
  ) -> Trace {
    var simulation = Simulation(scenario: scenario, model: model, budget: budget, detail: detail)
    simulation.advancesInBulk = !stepByStep
    return simulation.run()
  }

  /// The trace of a file: every event when there are at most `SimulationBudget.leanAfter` of them (and the budget
  /// allows them), else the run again as a lean trace whose kept events the budget bounds, so that a long loop is
  /// kept in a few megabytes instead of cut off. The simulation is deterministic: the second run is the same run.
  public static func runKeeping(
    _ scenario: Scenario, model: MachineModel = .calibrated, budget: SimulationBudget = .standard
  ) -> Trace {
    var whole = budget
    whole.maxEvents = min(budget.maxEvents, SimulationBudget.leanAfter)
    whole.maxSteps = min(budget.maxSteps, whole.maxEvents * SimulationBudget.stepsPerEvent)
    let trace = run(scenario, model: model, budget: whole, detail: .every)
    guard trace.truncation == .events else { return trace }
    return run(scenario, model: model, budget: budget, detail: .lean)
  }
}
