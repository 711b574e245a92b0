import ArgumentParser
import CTerminalGuard
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
    Self.say(
      "giltutor: recorded \(trace.threads.count) threads, \(trace.statistics.gilSwitches) GIL hand-offs in "
        + "\(Double(trace.statistics.wallTime / 1000) / 1000) ms to \(destination); giltutor replay \(destination)")
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

/// A program started with posix_spawn in giltutor's own process group, so that it is in the terminal's foreground
/// when giltutor is and reads the terminal as it would alone (Foundation's Process gives it a group of its own,
/// where reading the terminal stops it with SIGTTIN).
enum ChildProcess {
  struct SpawnError: Error {
    var code: Int32
  }

  /// How the program ended.
  enum Outcome: CustomStringConvertible {
    case exited(Int32)
    case killed(Int32)

    /// Its status as a shell reports it: the exit status, or 128 + the signal.
    var exitStatus: Int32 {
      switch self {
      case .exited(let status): status
      case .killed(let signal): 128 + signal
      }
    }

    var description: String {
      switch self {
      case .exited(let status): "exited with status \(status)"
      case .killed(let signal): "was killed by signal \(signal) (\(ChildProcess.name(of: signal)))"
      }
    }
  }

  /// Runs `arguments` (the first looked up in PATH) with giltutor's environment, standard files and process
  /// group, and an empty signal mask; passes signals on to it (`tg_forward_begin` must have been called) and
  /// waits for it to end.
  static func run(_ arguments: [String]) -> Result<Outcome, SpawnError> {
    #if canImport(Darwin)
      var attributes: posix_spawnattr_t? = nil
    #else
      var attributes = posix_spawnattr_t()
    #endif
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    // No POSIX_SPAWN_SETPGROUP: the program stays in giltutor's process group.
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    // waitpid needs SIGCHLD not ignored (an ignored one, inherited, would reap the program by itself).
    signal(SIGCHLD, SIG_DFL)
    var cArguments = arguments.map { strdup($0) } + [nil]
    defer { for pointer in cArguments { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawnp(&pid, arguments[0], nil, &attributes, &cArguments, environ)
    guard spawned == 0 else { return .failure(SpawnError(code: spawned)) }
    tg_forward_to(pid)
    defer { tg_forward_to(0) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else { return .failure(SpawnError(code: errno)) }
    }
    // The C macros WIFEXITED and friends, spelled out: the low 7 bits are the signal (0: exited), then the status.
    let signal = status & 0x7f
    return .success(signal == 0 ? .exited((status >> 8) & 0xff) : .killed(signal))
  }

  /// SIGKILL for 9, and so on; `signal N` for those not listed.
  static func name(of signal: Int32) -> String {
    let names: [(Int32, String)] = [
      (SIGHUP, "SIGHUP"), (SIGINT, "SIGINT"), (SIGQUIT, "SIGQUIT"), (SIGILL, "SIGILL"), (SIGTRAP, "SIGTRAP"),
      (SIGABRT, "SIGABRT"), (SIGBUS, "SIGBUS"), (SIGFPE, "SIGFPE"), (SIGKILL, "SIGKILL"), (SIGUSR1, "SIGUSR1"),
      (SIGSEGV, "SIGSEGV"), (SIGUSR2, "SIGUSR2"), (SIGPIPE, "SIGPIPE"), (SIGALRM, "SIGALRM"), (SIGTERM, "SIGTERM"),
      (SIGXCPU, "SIGXCPU"), (SIGXFSZ, "SIGXFSZ"),
    ]
    return names.first { $0.0 == signal }?.1 ?? "signal \(signal)"
  }
}
