/// Runs a scenario through the scheduling model and returns its trace.
public enum Simulator {
  public static func run(_ scenario: Scenario, model: MachineModel = .calibrated) -> Trace {
    var simulation = Simulation(scenario: scenario, model: model)
    return simulation.run()
  }
}
