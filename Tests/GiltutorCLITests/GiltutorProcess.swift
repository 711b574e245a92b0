import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built `giltutor` binary as a user would.
enum GiltutorProcess {
  /// The package's root, found from this file's path.
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let binary = packageRoot.appendingPathComponent(".build/debug/giltutor")

  /// The folder holding the frozen sample course (`Tests/Fixtures/Lessons`, one lesson of five pages in both
  /// languages), as `GILTUTOR_HOME`: the interface's end-to-end tests run on it, so the real course can change.
  static let fixtureHome = packageRoot.appendingPathComponent("Tests/Fixtures")

  /// A scenario of the fixture course, by name.
  static func fixtureScenario(_ name: String) -> URL {
    fixtureHome.appendingPathComponent("Lessons/scenarios/\(name).scenario")
  }

  /// The fixture course's convoy scenario (a CPU-bound thread `cpu` beside an I/O-bound thread `net`), which the
  /// end-to-end tests simulate and replay.
  static let fixtureConvoy = fixtureScenario("convoy")

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The environment giltutor runs in: this process's, with a UTF-8 locale, COLUMNS=80, no GILTUTOR_HOME and
  /// Swift's backtracer off, then `changes` (a nil value removes a variable).
  static func environment(_ changes: [String: String?]) -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["GILTUTOR_HOME"] = nil
    env["LC_ALL"] = nil
    env["LC_CTYPE"] = nil
    env["LANG"] = "C.UTF-8"
    env["COLUMNS"] = "80"
    env["SWIFT_BACKTRACE"] = "enable=no"
    for (name, value) in changes { env[name] = value }
    return env
  }

  /// Starts `giltutor ARGUMENTS` in `directory` (default: the package root) in `environment` (see above) with the
  /// given standard files, and does not wait for it.
  static func launch(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String?] = [:],
    input: FileHandle = .nullDevice, output: FileHandle = .nullDevice, error: FileHandle = .nullDevice
  ) throws -> Process {
    try #require(
      FileManager.default.isExecutableFile(atPath: binary.path),
      "\(binary.path) is missing: run 'swift build' (make test does) first")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.environment = Self.environment(environment)
    process.currentDirectoryURL = directory ?? packageRoot
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    return process
  }

  /// Runs `giltutor ARGUMENTS` in `directory` (default: the package root) with no terminal, in `environment` (see
  /// above); `input` is its stdin (a file, not a terminal), else /dev/null.
  static func run(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String?] = [:], input: String? = nil
  ) throws -> Result {
    let scratch = try TemporaryDirectory()
    let out = try scratch.file("stdout")
    let err = try scratch.file("stderr")
    let stdin = try input.map { try FileHandle(forReadingFrom: try scratch.write($0, to: "stdin")) }
    let process = try launch(
      arguments, in: directory, environment: environment, input: stdin ?? .nullDevice,
      output: try FileHandle(forWritingTo: out), error: try FileHandle(forWritingTo: err))
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
  }

  /// A giltutor started in the background (no terminal), to be waited for or signalled; what it writes on stderr
  /// goes to a file of `scratch`.
  final class Running {
    let process: Process
    let stderrFile: URL

    init(
      _ arguments: [String], environment: [String: String?] = [:], input: URL? = nil, scratch: TemporaryDirectory,
      name: String = "giltutor"
    ) throws {
      stderrFile = try scratch.file("\(name).stderr")
      process = try launch(
        arguments, environment: environment, input: try input.map { try FileHandle(forReadingFrom: $0) } ?? .nullDevice,
        error: try FileHandle(forWritingTo: stderrFile))
    }

    /// Waits for the end (at most `seconds`, then it is killed and the test fails); returns the exit status.
    func wait(seconds: Double = 60, sourceLocation: SourceLocation = #_sourceLocation) -> Int32 {
      let deadline = Date().addingTimeInterval(seconds)
      while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
      if process.isRunning {
        Issue.record("giltutor \(process.arguments ?? []) did not end", sourceLocation: sourceLocation)
        kill(process.processIdentifier, SIGKILL)
      }
      process.waitUntilExit()
      return process.terminationStatus
    }

    /// What it wrote on stderr so far.
    func stderr() throws -> String { String(decoding: try Data(contentsOf: stderrFile), as: UTF8.self) }

    /// Waits for the end (as `wait`): the exit status and what it wrote on stderr.
    func finish(sourceLocation: SourceLocation = #_sourceLocation) throws -> (status: Int32, stderr: String) {
      (wait(sourceLocation: sourceLocation), try stderr())
    }
  }
}

/// A fresh directory, removed when the value is released.
final class TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("giltutor-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// Writes `text` to `name` inside the directory (creating folders) and returns its URL.
  @discardableResult
  func write(_ text: String, to name: String) throws -> URL {
    let file = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: file)
    return file
  }

  /// An empty file `name` inside the directory.
  func file(_ name: String) throws -> URL { try write("", to: name) }
}
