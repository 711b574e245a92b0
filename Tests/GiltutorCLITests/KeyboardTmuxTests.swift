import Foundation
import Testing

/// Garbage on the keyboard (an invalid UTF-8 byte, Ctrl-S, an escape sequence that arrives in two pieces) in every
/// screen, Ctrl-\, and a crash: the keyboard keeps working, nothing the garbage did is wrong, and the terminal
/// comes back as it was.
@Suite("keys and signals in tmux", .serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct KeyboardTmuxTests {
  /// The contents, a lesson (animated and with reduced motion), a quiz and a replay.
  enum Screen: String, CaseIterable, CustomTestStringConvertible {
    case contents, lesson, reducedMotion, quiz, replay
    var testDescription: String { rawValue }
  }

  @Test(arguments: Screen.allCases)
  func garbageKeysNeitherFreezeNorQuitAndTheTerminalComesBack(screen: Screen) throws {
    let session = try TmuxSession(width: 80, height: 24)
    let before = try session.terminalModes()
    switch screen {
    case .contents:
      try session.start("")
      try session.waitFor("Contents")
      if try session.sendGarbage() {
        // Esc would have left the contents for the lesson; the arrow (↑ on the first line) changes nothing.
        try session.keys("Down", "Enter")
        try session.waitFor("page 2/5")
      }
    case .lesson, .reducedMotion:
      try session.start(screen == .lesson ? "lesson 1" : "lesson 1 --reduced-motion")
      try session.waitFor("[ ] 5 ms")
      if try session.sendGarbage() {
        // Had the arrow's tail been read as `[`, the interval would be halved first and come back to 5 ms.
        try session.keys("]")
        let text = try session.waitFor("[ ] 10 ms")
        #expect(text.contains("page 1/5"))
      }
    case .quiz:
      let data = try QuizFixture.write(into: session.home)
      try session.start("quiz 1", environment: "GILTUTOR_HOME=\(data.path)")
      try session.waitFor("Quiz: Fixture lesson")
      if try session.sendGarbage() {
        // Esc would have gone back to the lesson; the quiz's help is still the quiz's.
        try session.keys("?")
        try session.waitFor("back to the lesson")
      }
    case .replay:
      let trace = session.home.url.appendingPathComponent("convoy.gtrace").path
      let convoy = GiltutorProcess.fixtureConvoy.path
      let simulated = try GiltutorProcess.run(["simulate", convoy, "--format", "trace", "--output", trace])
      #expect(simulated.status == 0, "\(simulated.stderr)")
      try session.start("replay \(trace)")
      try session.waitFor("event 1/")
      try session.keys("G")
      let end = try session.wait("the last event") { ReplayScreen.event($0).map { $0.0 == $0.1 } ?? false }
      let total = try #require(ReplayScreen.event(end)).1
      if try session.sendGarbage() {
        // The arrow in two pieces is ↑: one event back. Esc does not quit, and no `[` (previous hand-off) or
        // `A` (an unknown key) was read from its tail.
        let text = try session.waitFor("event \(total - 1)/\(total)")
        #expect(!text.contains("unknown key"))
      } else {
        // Whatever the tail was read as, Esc alone never quits the replay.
        try session.waitFor("giltutor replay")
      }
    }
    try session.keys("q")
    #expect(try session.exitStatus() == 0)
    #expect(try session.terminalModes() == before)
  }

  /// As a user runs it, without SWIFT_BACKTRACE: Swift's backtracer would otherwise take SIGQUIT and paint over
  /// the screen. The shell puts the modes back after any signal; the alternate screen shows endwin's work.
  @Test func ctrlBackslashQuitsWith131OnARestoredTerminal() throws {
    let session = try TmuxSession(width: 80, height: 24)
    let before = try session.terminalModes()
    try session.startWithoutBacktrace("lesson 1 --reduced-motion")
    try session.waitFor("What is the GIL?")
    try session.keys("C-\\")
    #expect(try session.exitStatus() == 131)
    #expect(try session.tmux(["display", "-p", "-t", "t", "#{alternate_on}"]).hasPrefix("0"))
    #expect(try session.terminalModes() == before)
  }

  /// Without SWIFT_BACKTRACE: Swift's message and the signal in the log, a pointer to it on the terminal.
  @Test func aCrashsMessageReachesTheLogWithoutSwiftBacktrace() throws {
    let session = try TmuxSession(width: 80, height: 24)
    let before = try session.terminalModes()
    try session.startWithoutBacktrace("lesson 1", environment: "GILTUTOR_CRASH_TEST=1")
    try session.waitFor("What is the GIL?")
    try session.keys("x")
    let status = try session.exitStatus()
    #expect(status == 132 || status == 133)  // SIGILL on x86-64, SIGTRAP on arm64
    let screen = try session.screen()
    #expect(screen.contains("giltutor: crashed with SIG"))
    #expect(try session.tmux(["display", "-p", "-t", "t", "#{alternate_on}"]).hasPrefix("0"))
    let log = try String(
      contentsOf: session.home.url.appendingPathComponent(".local/state/giltutor/giltutor.log"), encoding: .utf8)
    #expect(log.contains("Fatal error: GILTUTOR_CRASH_TEST: crashing on purpose"))
    #expect(log.contains("giltutor: crashed with SIG"))
    #expect(try session.terminalModes() == before)
  }
}

/// The replay's header: "event N/TOTAL".
enum ReplayScreen {
  static func event(_ screen: String) -> (Int, Int)? {
    guard let header = screen.split(separator: "\n").first, let range = header.range(of: "event ") else { return nil }
    let parts = header[range.upperBound...].prefix { $0 != " " }.split(separator: "/")
    guard parts.count == 2, let n = Int(parts[0]), let total = Int(parts[1]) else { return nil }
    return (n, total)
  }
}

extension TmuxSession {
  /// Whether `tmux` is on PATH.
  static let isAvailable: Bool = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
    FileManager.default.isExecutableFile(atPath: "\($0)/tmux")
  }

  /// Starts giltutor as `start` does, but with SWIFT_BACKTRACE unset, as most users run it.
  func startWithoutBacktrace(_ arguments: String, environment: String = "") throws {
    try keys(
      "clear; env -u SWIFT_BACKTRACE -u NO_COLOR LANG=C.UTF-8 LC_ALL= HOME=\(home.url.path) "
        + "GILTUTOR_HOME=\(GiltutorProcess.fixtureHome.path) \(environment) "
        + "\(GiltutorProcess.binary.path) \(arguments); echo EXIT=$?", "Enter")
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

  /// giltutor's exit status once the shell printed it; it must end within a few seconds.
  func exitStatus(sourceLocation: SourceLocation = #_sourceLocation) throws -> Int? {
    func status(_ screen: String) -> Int? {
      screen.split(separator: "\n").lazy.compactMap { $0.hasPrefix("EXIT=") ? Int($0.dropFirst(5)) : nil }.first
    }
    return status(try wait("the exit status", seconds: 3, sourceLocation: sourceLocation) { status($0) != nil })
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
}
