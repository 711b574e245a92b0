import Foundation

/// Finds giltutor's run-time data: the directory that holds `Lessons/`.
struct ResourceLocator {
  var environment: [String: String]
  /// The running executable's path (symbolic links resolved).
  var executablePath: String?

  static var current: ResourceLocator {
    ResourceLocator(environment: ProcessInfo.processInfo.environment, executablePath: currentExecutablePath())
  }

  /// In order: `$GILTUTOR_HOME`; `<executable's directory>/../share/giltutor` (an installed giltutor); the nearest
  /// directory above the executable holding both `Lessons/` and `Package.swift` (the source tree, for
  /// `.build/debug/giltutor`). Nil when none is found.
  func dataDirectory() -> URL? {
    if let home = environment["GILTUTOR_HOME"], !home.isEmpty {
      return URL(fileURLWithPath: home, isDirectory: true).standardizedFileURL
    }
    guard let executablePath else { return nil }
    let binDirectory = URL(fileURLWithPath: executablePath).deletingLastPathComponent()
    let installed = binDirectory.appendingPathComponent("../share/giltutor", isDirectory: true).standardizedFileURL
    if isDirectory(installed.appendingPathComponent("Lessons")) {
      return installed
    }
    var directory = binDirectory.standardizedFileURL
    while true {
      if isDirectory(directory.appendingPathComponent("Lessons"))
        && FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path)
      {
        return directory
      }
      let parent = directory.deletingLastPathComponent()
      if parent.path == directory.path { return nil }
      directory = parent
    }
  }

  /// The file a scenario argument names: `argument` itself when it exists; for a bare name (no `/`) that does not,
  /// `Lessons/scenarios/NAME` or `Lessons/scenarios/NAME.scenario` in the data directory when one exists; else
  /// `argument` unchanged (reading it then reports why it cannot be read).
  func scenarioPath(for argument: String) -> String {
    let explicitPath = ["/", "./", "../"].contains { argument.hasPrefix($0) }
    if FileManager.default.fileExists(atPath: argument) || explicitPath {
      return argument
    }
    guard let scenarios = dataDirectory()?.appendingPathComponent("Lessons/scenarios", isDirectory: true) else {
      return argument
    }
    // A bare name (or a path inside Lessons/scenarios), then the same among the reference scenarios.
    for folder in [scenarios, scenarios.appendingPathComponent("reference", isDirectory: true)] {
      for name in [argument, argument + ".scenario"] {
        let candidate = folder.appendingPathComponent(name)
        var directory: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &directory) && !directory.boolValue {
          return candidate.path
        }
      }
    }
    return argument
  }

  private func isDirectory(_ url: URL) -> Bool {
    var directory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
  }

  private static func currentExecutablePath() -> String? {
    #if os(Linux)
      if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        return path
      }
    #endif
    return Bundle.main.executableURL?.resolvingSymlinksInPath().path
  }
}
