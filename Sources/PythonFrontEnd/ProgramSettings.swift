import Foundation
import SchedulerEngine

/// The machine a program is simulated on, from its own comment lines, so that a lesson's program carries its
/// settings with it: `# giltutor: cores=4 seed=7 switch_interval=1ms`. The command line's options override them.
enum ProgramSettings {
  static let prefix = "giltutor:"

  /// Applies each `# giltutor:` line's settings to `scenario`, and returns the I/O latencies that comments at
  /// the end of a line set for that line (`# giltutor: io 200us`); a mistake is reported at its place.
  static func apply(_ comments: [PythonComment], to scenario: inout Scenario, errors: SyntaxErrors)
    throws(SourceDiagnostic) -> [Int: Nanos]
  {
    var latencies: [Int: Nanos] = [:]
    for comment in comments {
      let text = comment.text.drop { $0 == " " }
      guard text.hasPrefix(prefix) else { continue }
      // Columns: the comment's `#`, then the text after it.
      var column = comment.location.column + 1 + (comment.text.count - text.count) + prefix.count
      let setting = text.dropFirst(prefix.count).drop { $0 == " " }
      if setting.hasPrefix("io ") || setting == "io" {
        column += text.dropFirst(prefix.count).count - setting.count
        let value = setting.dropFirst(2).trimmingCharacters(in: .whitespaces)
        guard case .success(let d)? = DurationLiteral.parse(value), d >= 0, d <= Limits.maximumDuration else {
          throw errors.subset(
            SourceLocation(line: comment.location.line, column: column),
            "expected a duration after 'io' (io 200us, io 50ms): the latency of this line's I/O")
        }
        latencies[comment.location.line] = d
        continue
      }
      for word in text.dropFirst(prefix.count).split(separator: " ", omittingEmptySubsequences: false) {
        defer { column += word.count + 1 }
        guard !word.isEmpty else { continue }
        let at = SourceLocation(line: comment.location.line, column: column)
        let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else {
          throw errors.subset(at, "expected KEY=VALUE after 'giltutor:' (cores=2, seed=3, switch_interval=1ms)")
        }
        try set(parts[0], parts[1], on: &scenario, at: at, errors)
      }
    }
    return latencies
  }

  private static func set(
    _ key: String, _ value: String, on scenario: inout Scenario, at location: SourceLocation, _ errors: SyntaxErrors
  ) throws(SourceDiagnostic) {
    switch key {
    case "cores":
      guard let n = Int(value), (1...Limits.maximumCores).contains(n) else {
        throw errors.subset(location, "cores must be a whole number from 1 to \(Limits.maximumCores)")
      }
      scenario.cores = n
    case "seed":
      guard let n = UInt64(value) else { throw errors.subset(location, "seed must be a whole number") }
      scenario.seed = n
    case "switch_interval":
      guard case .success(let d)? = DurationLiteral.parse(value), d > 0 else {
        throw errors.subset(location, "switch_interval must be a duration such as 5ms or 500us")
      }
      if let problem = Limits.switchIntervalProblem(d) { throw errors.subset(location, problem) }
      scenario.switchInterval = d
    default:
      throw errors.subset(location, "unknown setting '\(key)': giltutor: takes cores, seed and switch_interval")
    }
  }
}
