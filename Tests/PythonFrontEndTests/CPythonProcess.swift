import Foundation
import SchedulerEngine

/// The real CPython of this machine, run by the tests that compare giltutor with it (where it is installed).
enum CPythonProcess {
  /// pyenv's build of a version, or the system's.
  static func interpreter(_ version: String, _ binary: String) -> String? {
    let root = ProcessInfo.processInfo.environment["PYENV_ROOT"] ?? NSHomeDirectory() + "/.pyenv"
    return [root + "/versions/\(version)/bin/\(binary)", "/usr/bin/\(binary)"]
      .first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  static let python3 = interpreter("3.12.1", "python3.12")

  /// The installed build of the release giltutor models as `kind` (its `release`), if any.
  static func installed(_ kind: InterpreterKind) -> String? {
    let (major, minor, micro) = kind.release
    return interpreter("\(major).\(minor).\(micro)", "python\(major).\(minor)")
  }
  static let python2 = interpreter("2.7.18", "python2.7")

  /// Runs `python ARGUMENTS` in the project's folder with `input` on its standard input; its standard output.
  static func run(_ python: String, _ arguments: [String], input: Data? = nil) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.currentDirectoryURL = ProjectPrograms.root
    process.arguments = arguments
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    // A program that never ends (a child process that ignores a signal the test runner blocks) is killed after
    // two minutes, so that the test fails instead of hanging.
    let pid = process.processIdentifier
    let watchdog = DispatchWorkItem { _ = kill(pid, SIGKILL) }
    DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
    defer { watchdog.cancel() }
    if let input {
      stdin.fileHandleForWriting.write(input)
      try stdin.fileHandleForWriting.close()
    }
    let data = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return data
  }

  /// Runs `script` over a JSON list of programs and reads back its JSON list of answers.
  static func eachProgram(_ python: String, _ arguments: [String], _ programs: [String]) throws -> [Any] {
    let output = try run(python, arguments, input: try JSONSerialization.data(withJSONObject: programs))
    return try JSONSerialization.jsonObject(with: output) as? [Any] ?? []
  }

  /// What `scripts/python-dis-golden.py MODE PROGRAM` prints with 3.12 (or `python`).
  static func golden(_ mode: String?, _ program: String, python: String? = python3) throws -> String {
    let arguments = ["scripts/python-dis-golden.py"] + (mode.map { [$0] } ?? []) + [program]
    return String(decoding: try run(python!, arguments), as: UTF8.self)
  }

  /// The installed interpreter whose compiler is `release`.
  static func installed(_ release: CompilerRelease) -> String? {
    switch release {
    case .python311: installed(InterpreterKind.cpython311)
    case .python312: installed(InterpreterKind.cpython312)
    case .python313: installed(InterpreterKind.cpython313)
    }
  }
}
