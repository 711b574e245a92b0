import ArgumentParser
import CTerminalGuard
import DisplayText
import Foundation
import TraceIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `giltutor record -- python3 prog.py`: runs a real Python program under giltutor's tracer and writes a giltutor
/// trace of who held the GIL when.
struct Record: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "record",
    abstract: "Run a Python program under giltutor's tracer and write a trace for giltutor replay.",
    discussion: """
      Example: giltutor record --output countdown.gtrace -- python3 examples/countdown.py
      The tracer (tracer/giltutor_trace.py, standard library only) notes which thread runs Python code when; \
      only the GIL holder can, so that order shows the hand-offs. It slows the program down several times; what \
      it infers is described in docs/trace-format.md.

      The program runs in giltutor's terminal as it would alone (input() reads from it). Ctrl-C, SIGTERM and \
      SIGHUP reach the program; giltutor waits for it and writes what was recorded until then, marked \
      incomplete.

      Exit status: 0 when the trace is written; the program's own status when it failed (the trace is still \
      written when the tracer got that far), 128+N when a signal N ended it (130 Ctrl-C, 143 SIGTERM, 129 \
      SIGHUP); 2 when the program cannot be started or the tracer's output cannot be read; 1 when the output \
      cannot be written; 64 for a wrong command line.
      """)

  @Option(
    help: ArgumentHelp(
      "Where to write the trace (default: the script's or module's name with .gtrace; record.gtrace for -c).",
      valueName: "path"))
  var output: String?

  @Argument(
    parsing: .postTerminator,
    help: "The Python command, after --: python3 SCRIPT [ARGS...], python3 -m MODULE [ARGS...] or python3 -c CODE.")
  var command: [String] = []

  func validate() throws {
    guard command.count >= 2 else {
      throw ValidationError("give the Python command after --, e.g. giltutor record -- python3 prog.py")
    }
    if command[1] == "-m" && command.count < 3 { throw ValidationError("python -m needs a module name") }
    if command[1] == "-c" && command.count < 3 { throw ValidationError("python -c needs the code to run") }
    if command[1].hasPrefix("-") && command[1] != "-m" && command[1] != "-c" {
      throw ValidationError(
        "only 'python3 SCRIPT [ARGS]', 'python3 -m MODULE [ARGS]' and 'python3 -c CODE [ARGS]' can be recorded")
    }
  }

  /// The trace's default name: the script's name, the module's, or `record.gtrace` for `-c`.
  static func defaultOutput(for command: [String]) -> String {
    switch command[1] {
    case "-c": "record.gtrace"
    case "-m": command[2] + ".gtrace"
    default: URL(fileURLWithPath: command[1]).deletingPathExtension().lastPathComponent + ".gtrace"
    }
  }

  func run() throws {
    guard let data = ResourceLocator.current.dataDirectory() else {
      Self.say("giltutor: cannot find giltutor's data folder (set GILTUTOR_HOME to the folder that holds it)")
      throw ExitCode(2)
    }
    let tracer = data.appendingPathComponent("tracer/giltutor_trace.py").path
    guard FileManager.default.fileExists(atPath: tracer) else {
      Self.say("giltutor: the tracer is missing: \(tracer)")
      throw ExitCode(2)
    }
    let destination = output ?? Self.defaultOutput(for: command)
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("giltutor-record-\(UUID().uuidString).json")
    defer {
      try? FileManager.default.removeItem(at: log)
      try? FileManager.default.removeItem(atPath: log.path + ".part")
    }

    // Signals are passed on to the program while it runs, and giltutor outlives them to write the trace.
    tg_forward_begin()
    defer { tg_forward_end() }
    let outcome: ChildProcess.Outcome
    switch ChildProcess.run([command[0], tracer, log.path] + command.dropFirst()) {
    case .success(let ended):
      outcome = ended
    case .failure(let error):
      Self.say("giltutor: cannot start '\(command[0])': \(String(cString: strerror(error.code)))")
      throw ExitCode(2)
    }

    let bytes: [UInt8]
    do {
      bytes = try TextFile.loadBytes(log.path)
    } catch {
      Self.say("giltutor: no trace written: '\(command.joined(separator: " "))' \(outcome)")
      throw ExitCode(outcome.exitStatus == 0 ? 2 : outcome.exitStatus)
    }
    let result: ChromeImport.Result
    do {
      result = try ChromeImport.read(bytes)
    } catch {
      Self.say("giltutor: the tracer's output cannot be read: \(error.description)")
      throw ExitCode(2)
    }
    do {
      try TextFile.save(bytes: TraceFile.write(result.trace), to: destination)
    } catch {
      Self.say("giltutor: cannot write '\(destination)': \(error.reason)")
      throw ExitCode(1)
    }
    let trace = result.trace
    let took = DurationText.format(trace.statistics.wallTime, .rounded)
    Self.say(
      "giltutor: recorded \(trace.threads.count) threads, \(trace.statistics.gilSwitches) GIL hand-offs in "
        + "\(took) to \(destination); giltutor replay \(destination)")
    if let reason = result.incomplete {
      Self.say("giltutor: the recording is incomplete: \(reason)")
    } else if outcome.exitStatus != 0 {
      Self.say("giltutor: the program \(outcome)")
    }
    if outcome.exitStatus != 0 { throw ExitCode(outcome.exitStatus) }
  }

  /// One line on stderr. Plain write(2), errors ignored: after a hang-up the terminal may be gone, and the trace
  /// is written either way.
  static func say(_ line: String) {
    var bytes = Array((line + "\n").utf8)[...]
    while !bytes.isEmpty {
      let count = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { return }
      bytes = bytes.dropFirst(count)
    }
  }
}
