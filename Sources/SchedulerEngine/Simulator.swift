/// Runs a scenario through the scheduling model and returns its trace.
public enum Simulator {
  public static func run(_ scenario: Scenario, model: MachineModel = .calibrated) -> Trace {
    Simulation(scenario: scenario, model: model).run()
  }
}
