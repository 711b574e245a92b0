import CTerminalGuard

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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
