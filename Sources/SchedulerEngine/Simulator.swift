/// Runs a scenario through the scheduling model and returns its trace.
public enum Simulator {
  public static func run(_ scenario: Scenario, model: MachineModel = .calibrated) -> Trace {
    // TEMPORARY placeholder until the engine lands.
    Trace(
      scenario: scenario, threads: [], tasks: [], events: [], spans: [], gilSpans: [], instructions: [],
      sharedFinal: [], statistics: Statistics())
  }
}

/// The named, documented parameters of the OS and interpreter model.
public struct MachineModel: Sendable, Equatable {
  public static let calibrated = MachineModel()
}
