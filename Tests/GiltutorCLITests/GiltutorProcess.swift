import Foundation
import Testing

/// Runs the built `giltutor` binary as a user would.
enum GiltutorProcess {
  /// The package's root, found from this file's path.
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let binary = packageRoot.appendingPathComponent(".build/debug/giltutor")

  /// The folder holding the frozen sample course (`Tests/Fixtures/Lessons`, one lesson of five pages in both
  /// languages), as `GILTUTOR_HOME`: the interface's end-to-end tests run on it, so the real course can change.
  static let fixtureHome = packageRoot.appendingPathComponent("Tests/Fixtures")

  /// The fixture course's convoy scenario (a CPU-bound thread `cpu` beside an I/O-bound thread `net`), which the
  /// end-to-end tests simulate and replay.
  static let fixtureConvoy = fixtureHome.appendingPathComponent("Lessons/scenarios/convoy.scenario")

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs `giltutor ARGUMENTS` in `directory` (default: the package root) with a UTF-8 locale, no terminal and
  /// COLUMNS=80 unless `environment` says otherwise (a nil value removes a variable); `input` is its stdin (a
  /// file, not a terminal), else /dev/null.
  static func run(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String?] = [:], input: String? = nil
  ) throws -> Result {
    try #require(
      FileManager.default.isExecutableFile(atPath: binary.path),
      "\(binary.path) is missing: run 'swift build' (make test does) first")
    var env = ProcessInfo.processInfo.environment
    env["GILTUTOR_HOME"] = nil
    env["LC_ALL"] = nil
    env["LC_CTYPE"] = nil
    env["LANG"] = "C.UTF-8"
    env["COLUMNS"] = "80"
    env["SWIFT_BACKTRACE"] = "enable=no"
    for (name, value) in environment { env[name] = value }

    let scratch = try TemporaryDirectory()
    let outURL = scratch.url.appendingPathComponent("stdout")
    let errURL = scratch.url.appendingPathComponent("stderr")
    try Data().write(to: outURL)
    try Data().write(to: errURL)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.environment = env
    process.currentDirectoryURL = directory ?? packageRoot
    if let input {
      let inURL = scratch.url.appendingPathComponent("stdin")
      try Data(input.utf8).write(to: inURL)
      process.standardInput = try FileHandle(forReadingFrom: inURL)
    } else {
      process.standardInput = FileHandle.nullDevice
    }
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return Result(
      status: process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
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
}
