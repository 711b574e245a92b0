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
      try session.startOnQuizFixture("quiz 1")
      try session.waitFor("Quiz: Fixture lesson")
      if try session.sendGarbage() {
        // Esc would have gone back to the lesson; the quiz's help is still the quiz's.
        try session.keys("?")
        try session.waitFor("back to the lesson")
      }
    case .replay:
      let trace = try ReplayEndToEndTests.convoyTrace(in: session.home)
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
    try session.start("lesson 1 --reduced-motion", unsetSwiftBacktrace: true)
    try session.waitFor("What is the GIL?")
    try session.keys("C-\\")
    #expect(try session.exitStatus() == 131)
    #expect(try !session.isOnAlternateScreen())
    #expect(try session.terminalModes() == before)
  }

  /// Without SWIFT_BACKTRACE: Swift's message and the signal in the log, a pointer to it on the terminal.
  @Test func aCrashsMessageReachesTheLogWithoutSwiftBacktrace() throws {
    let session = try TmuxSession(width: 80, height: 24)
    let before = try session.terminalModes()
    try session.start("lesson 1", environment: "GILTUTOR_CRASH_TEST=1", unsetSwiftBacktrace: true)
    try session.waitFor("What is the GIL?")
    try session.keys("x")
    let status = try session.exitStatus()
    #expect(status == 132 || status == 133)  // SIGILL on x86-64, SIGTRAP on arm64
    let screen = try session.screen()
    #expect(screen.contains("giltutor: crashed with SIG"))
    #expect(try !session.isOnAlternateScreen())
    let log = try session.stateFile("giltutor.log")
    #expect(log.contains("Fatal error: GILTUTOR_CRASH_TEST: crashing on purpose"))
    #expect(log.contains("giltutor: crashed with SIG"))
    #expect(try session.terminalModes() == before)
  }
}
