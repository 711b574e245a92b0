/// Runs a scenario through the scheduling model and returns its trace.
public enum Simulator {
  /// About 1.5 GB of events: a scenario that needs more is stopped there, and its trace says so.
  public static let defaultMaxEvents = 64_000_000
  /// An hour of simulated time.
  public static let defaultMaxTime: Nanos = 3_600 * Time.second

  public static func run(
    _ scenario: Scenario, model: MachineModel = .calibrated, maxEvents: Int = defaultMaxEvents,
    maxTime: Nanos = defaultMaxTime
  ) -> Trace {
    var simulation = Simulation(scenario: scenario, model: model, maxEvents: maxEvents, maxTime: maxTime)
    return simulation.run()
  }
}
