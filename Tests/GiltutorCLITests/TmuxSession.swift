import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The real `giltutor` in tmux: its own server socket per session, a `bash --norc` pane, LANG=C.UTF-8, and a home
/// folder of its own (`home`), removed with the session.
final class TmuxSession {
  let socket: String
  let home: TemporaryDirectory

  /// Whether `tmux` is on PATH.
  static let isAvailable: Bool = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
    FileManager.default.isExecutableFile(atPath: "\($0)/tmux")
  }

  init(width: Int = 100, height: Int = 30) throws {
    socket = "gtui-e2e-\(UUID().uuidString.prefix(8))"
    home = try TemporaryDirectory()
    try tmux(["new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)", "env PS1='$ ' bash --norc"])
    try tmux(["set-option", "-t", "t", "remain-on-exit", "on"])
  }

  deinit {
    _ = try? tmux(["kill-server"])
    // The server does not always unlink its socket when killed: remove it so tests leave nothing behind.
    let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    try? FileManager.default.removeItem(atPath: "\(directory)/tmux-\(getuid())/\(socket)")
  }

  /// Runs `tmux -L SOCKET ARGUMENTS` and returns its output. posix_spawn and waitpid, not Foundation's Process,
  /// whose exit monitoring hangs when the child leaves a daemon (the tmux server) behind.
  @discardableResult
  func tmux(_ arguments: [String]) throws -> String {
    let output = home.url.appendingPathComponent("tmux-output").path
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ["tmux", "-L", socket] + arguments
    var cArguments = argv.map { strdup($0) } + [nil]
    defer { for pointer in cArguments { free(pointer) } }
    // Start tmux with no blocked signals and default handlers: the test runner's threads block most signals,
    // and a blocked SIGWINCH would be inherited by everything in the pane.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    var all = sigset_t()
    sigfillset(&all)
    sigdelset(&all, SIGKILL)
    sigdelset(&all, SIGSTOP)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, &cArguments, environ)
    guard spawned == 0 else { throw TmuxError.spawn(spawned) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
  }

  enum TmuxError: Error { case spawn(Int32) }

  /// Starts giltutor with ARGUMENTS (and the variables in `environment`, `NAME=value ...`) in the pane's shell, on
  /// the fixture course (`GILTUTOR_HOME`, unless `environment` sets another); the shell prints `EXIT=status` when it
  /// ends and the pid is written to `pidFile`. With `SWIFT_BACKTRACE=enable=no`, or with it unset when
  /// `unsetSwiftBacktrace`, as most users run giltutor.
  func start(_ arguments: String, environment: String = "", unsetSwiftBacktrace: Bool = false) throws {
    let backtrace = unsetSwiftBacktrace ? "-u SWIFT_BACKTRACE" : "SWIFT_BACKTRACE=enable=no"
    // `swift test` runs the tests with NO_COLOR set; the colour tests choose it themselves.
    let command =
      "clear; sh -c 'echo $$ > \(pidFile); exec env -u NO_COLOR \(backtrace) LANG=C.UTF-8 LC_ALL= "
      + "HOME=\(home.url.path) GILTUTOR_HOME=\(GiltutorProcess.fixtureHome.path) \(environment) "
      + "\(GiltutorProcess.binary.path) \(arguments)'; echo EXIT=$?"
    try keys(command, "Enter")
  }

  var pidFile: String { home.url.appendingPathComponent("pid").path }

  /// The pid of the giltutor `start` started.
  func pid(sourceLocation: SourceLocation = #_sourceLocation) throws -> pid_t {
    let text = try String(contentsOfFile: pidFile, encoding: .utf8)
    return try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), sourceLocation: sourceLocation)
  }

  /// The text of a file in giltutor's state folder (the default `$XDG_STATE_HOME` under `home`): `progress.json`,
  /// `giltutor.log`.
  func stateFile(_ name: String) throws -> String {
    try String(contentsOf: home.url.appendingPathComponent(".local/state/giltutor/\(name)"), encoding: .utf8)
  }

  func keys(_ keys: String...) throws { try tmux(["send-keys", "-t", "t"] + keys) }

  func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "t"]) }

  /// The screen with its SGR sequences (colours and attributes) as tmux writes them.
  func screenWithEscapes() throws -> String { try tmux(["capture-pane", "-p", "-e", "-t", "t"]) }

  /// Whether `escaped` (from `screenWithEscapes`) sets a foreground colour: 30-37, 90-97 or 38;... (39 is
  /// "default").
  static func hasForegroundColour(_ escaped: String) throws -> Bool {
    escaped.firstMatch(of: try Regex(#"\x1B\[([0-9;]*;)?(3[0-7]|9[0-7]|38)(;|m)"#)) != nil
  }

  func resize(width: Int, height: Int) throws {
    try tmux(["resize-window", "-t", "t", "-x", "\(width)", "-y", "\(height)"])
  }

  /// Whether the pane shows the alternate screen (giltutor's, until endwin puts the shell's back).
  func isOnAlternateScreen() throws -> Bool {
    !(try tmux(["display", "-p", "-t", "t", "#{alternate_on}"]).hasPrefix("0"))
  }

  /// Polls the screen until `predicate` holds (at most `seconds`); returns the last screen.
  @discardableResult
  func wait(
    _ what: String, seconds: Double = 10, sourceLocation: SourceLocation = #_sourceLocation,
    until predicate: (String) -> Bool
  ) throws -> String {
    let deadline = Date().addingTimeInterval(seconds)
    var text = try screen()
    while !predicate(text) {
      if Date() > deadline {
        Issue.record("timed out waiting for \(what); screen:\n\(text)", sourceLocation: sourceLocation)
        return text
      }
      Thread.sleep(forTimeInterval: 0.05)
      text = try screen()
    }
    return text
  }

  @discardableResult
  func waitFor(_ needle: String, seconds: Double = 10, sourceLocation: SourceLocation = #_sourceLocation) throws
    -> String
  {
    try wait("'\(needle)'", seconds: seconds, sourceLocation: sourceLocation) { $0.contains(needle) }
  }

  /// The exit status the pane's shell printed (`EXIT=N` at a line's start), if it did.
  static func exitStatus(in screen: String) -> Int? {
    screen.split(separator: "\n").lazy.compactMap { $0.hasPrefix("EXIT=") ? Int($0.dropFirst(5)) : nil }.first
  }

  /// The screen once the shell has printed giltutor's exit status (at most `seconds`).
  @discardableResult
  func ended(seconds: Double = 10, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    try wait("the exit status", seconds: seconds, sourceLocation: sourceLocation) { Self.exitStatus(in: $0) != nil }
  }

  /// giltutor's exit status once the shell printed it; by default it must end within a few seconds.
  func exitStatus(seconds: Double = 3, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int? {
    Self.exitStatus(in: try ended(seconds: seconds, sourceLocation: sourceLocation))
  }

  /// After giltutor ended: its exit status and whether `stty -a` shows a restored terminal (canonical input and
  /// echo).
  func exitAndTerminalState() throws -> (status: Int?, restored: Bool) {
    let status = Self.exitStatus(in: try ended())
    let modes = try terminalModes()
    return (status, modes.contains("icanon") && modes.contains("echo"))
  }

  /// Expects giltutor to have ended with `status`, leaving the terminal restored.
  func expectEnded(with status: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let (actual, restored) = try exitAndTerminalState()
    #expect(actual == status, sourceLocation: sourceLocation)
    #expect(restored, "the terminal was not restored", sourceLocation: sourceLocation)
  }

  /// The pane's canonical input, echo and flow control as `stty -a` shows them, e.g. ["icanon", "echo", "ixon"].
  func terminalModes() throws -> [String] {
    let modes: Set<String> = ["icanon", "-icanon", "echo", "-echo", "ixon", "-ixon"]
    try keys(
      "clear; stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo -e ixon -e -ixon | tr '\\n' ' '; "
        + "echo", "Enter")
    // The typed command mentions the modes too: wait for the line that holds only stty's answer.
    func answer(_ screen: String) -> [String]? {
      for line in screen.split(separator: "\n") {
        let words = line.split(separator: " ").map(String.init)
        if words.count == 3 && words.allSatisfy(modes.contains) { return words }
      }
      return nil
    }
    return answer(try wait("stty's modes") { answer($0) != nil }) ?? []
  }

  /// An invalid UTF-8 byte, Ctrl-S, then Esc and, 50 ms later (longer than ncurses waits for the rest of a
  /// sequence), the `[A` that makes it ↑. tmux runs the pause itself, between the two writes to the pane.
  /// Returns whether the two pieces surely arrived within the decoder's wait for the rest of a sequence: on a
  /// loaded machine tmux's pause can stretch past it, and then the tail is rightly read as keys.
  @discardableResult
  func sendGarbage() throws -> Bool {
    let clock = ContinuousClock()
    let start = clock.now
    try tmux([
      "send-keys", "-t", "t", "-H", "ff", ";", "send-keys", "-t", "t", "C-s", ";", "send-keys", "-t", "t", "Escape",
      ";", "run-shell", "sleep 0.05", ";", "send-keys", "-t", "t", "-l", "[A",
    ])
    return clock.now - start < .milliseconds(150)
  }
}
