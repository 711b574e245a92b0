/// Reads the scenario language (see docs/scenario-language.md).
public enum ScenarioParser {
  /// Parses a whole scenario file. `file` is only used in diagnostics.
  public static func parse(_ source: String, file: String) throws(ScenarioDiagnostic) -> Scenario {
    // TEMPORARY placeholder until the parser lands.
    throw ScenarioDiagnostic(file: file, location: .init(line: 1, column: 1), message: "parser not written yet")
  }
}
