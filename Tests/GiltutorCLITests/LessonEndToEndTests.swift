import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The real `giltutor` in tmux: its own server socket per test, a `bash --norc` pane, LANG=C.UTF-8.
final class TmuxSession {
  let socket: String
  let home: TemporaryDirectory

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

  /// Starts giltutor with ARGUMENTS in the pane's shell; the shell prints `EXIT=status` when it ends and the pid
  /// is written to `pidFile`.
  func start(_ arguments: String, environment: String = "") throws {
    let binary = GiltutorProcess.binary.path
    // `swift test` runs the tests with NO_COLOR set; the colour tests choose it themselves.
    let command =
      "clear; sh -c 'echo $$ > \(pidFile); exec env -u NO_COLOR LANG=C.UTF-8 LC_ALL= HOME=\(home.url.path) "
      + "SWIFT_BACKTRACE=enable=no GILTUTOR_HOME=\(GiltutorProcess.fixtureHome.path) \(environment) \(binary) "
      + "\(arguments)'; echo EXIT=$?"
    try keys(command, "Enter")
  }

  var pidFile: String { home.url.appendingPathComponent("pid").path }

  func keys(_ keys: String...) throws { try tmux(["send-keys", "-t", "t"] + keys) }

  func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "t"]) }

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

  /// After giltutor ended: its exit status and whether `stty -a` shows a restored terminal.
  func exitAndTerminalState() throws -> (status: Int?, restored: Bool) {
    func status(_ screen: String) -> Int? {
      screen.split(separator: "\n").lazy.compactMap { $0.hasPrefix("EXIT=") ? Int($0.dropFirst(5)) : nil }.first
    }
    let text = try wait("the exit status") { status($0) != nil }
    try keys(
      "clear; stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo", "Enter")
    // The typed command mentions the modes too: wait for the line that holds only stty's answer.
    func answer(_ screen: String) -> [String]? {
      let modes: Set<String> = ["icanon", "-icanon", "echo", "-echo"]
      for line in screen.split(separator: "\n") {
        let words = line.split(separator: " ").map(String.init)
        if words.count == 2 && words.allSatisfy(modes.contains) { return words }
      }
      return nil
    }
    let modes = try wait("stty modes") { answer($0) != nil }
    return (status(text), answer(modes) == ["icanon", "echo"])
  }
}

@Suite("giltutor lessons in tmux", .serialized)
struct LessonEndToEndTests {
  @Test func firstPageShowsTheRussianTitleAndTimelineGlyphs() throws {
    let session = try TmuxSession()
    try session.start("lesson 1 --lang ru")
    let text = try session.wait("the timeline") { $0.contains("Что такое GIL?") && $0.contains("GIL 1") }
    #expect(text.contains("Временная шкала"))
    #expect(text.contains("█"))
    #expect(text.contains("стр. 1/5"))
    // The roles are drawn in colour (tmux writes a foreground colour as 30-37, 90-97 or 38;...).
    let colour = try Regex(#"\x1B\[([0-9;]*;)?(3[0-7]|9[0-7]|38)(;|m)"#)
    let escaped = try session.tmux(["capture-pane", "-p", "-e", "-t", "t"])
    #expect(escaped.firstMatch(of: colour) != nil, "\(escaped.debugDescription.prefix(600))")
    try session.keys("q")
    let (status, restored) = try session.exitAndTerminalState()
    #expect(status == 0)
    #expect(restored)
  }

  @Test func keysPageForwardAndBack() throws {
    let session = try TmuxSession()
    try session.start("lesson 1 --lang ru")
    try session.waitFor("стр. 1/5")
    try session.keys("Right")
    // A capture may fall between two writes of one frame: wait for the whole of what is expected.
    try session.wait("page 2") { $0.contains("стр. 2/5") && $0.contains("Замок и ключ") }
    try session.keys("n")
    try session.wait("page 3") { $0.contains("стр. 3/5") && $0.contains("Палочка слова") }
    try session.keys("h")
    try session.waitFor("стр. 2/5")
    try session.keys("PageUp")
    try session.waitFor("стр. 1/5")
    try session.keys("C-c")
    let (status, restored) = try session.exitAndTerminalState()
    #expect(status == 130)
    #expect(restored)
  }

  @Test func bracketDoublesTheIntervalAndChangesTheTimeline() throws {
    let session = try TmuxSession()
    try session.start("lesson 1 --reduced-motion")
    let before = try session.waitFor("[ ] 5 ms")
    func gilRow(_ screen: String) -> String {
      screen.split(separator: "\n").first { $0.hasPrefix("  GIL ") }.map(String.init) ?? ""
    }
    try session.keys("]")
    // The status bar shows the new interval at once; the new picture replaces the old when it is simulated.
    let after = try session.wait("the new picture") { $0.contains("[ ] 10 ms") && !$0.contains("simulating") }
    #expect(!gilRow(before).isEmpty)
    #expect(gilRow(before) != gilRow(after))
    try session.keys("F10")
    #expect(try session.exitAndTerminalState().status == 0)
  }

  /// While animating (the loop wakes ~30 times a second) and idle (the loop blocks on input).
  @Test(arguments: ["lesson 1 --lang ru", "lesson 1 --lang ru --reduced-motion"])
  func resizeToTooSmallAndBack(arguments: String) throws {
    let session = try TmuxSession()
    try session.start(arguments)
    try session.waitFor("Что такое GIL?")
    try session.tmux(["resize-window", "-t", "t", "-x", "60", "-y", "20"])
    try session.waitFor("терминал мал: есть 60×20, нужно 80×24")
    try session.tmux(["resize-window", "-t", "t", "-x", "100", "-y", "30"])
    try session.wait("the page again") {
      $0.contains("Что такое GIL?") && $0.contains("GIL 1") && !$0.contains("терминал мал")
    }
    try session.tmux(["resize-window", "-t", "t", "-x", "60", "-y", "20"])
    try session.waitFor("терминал мал")
    try session.keys("q")
    #expect(try session.exitAndTerminalState().status == 0)
  }

  @Test func sigtermRestoresTheTerminal() throws {
    let session = try TmuxSession()
    try session.start("lesson 1")
    try session.waitFor("What is the GIL?")
    let pid = try #require(
      Int32(
        try String(contentsOfFile: session.pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
    kill(pid, SIGTERM)
    let (status, restored) = try session.exitAndTerminalState()
    #expect(status == 143)
    #expect(restored)
  }

  @Test func sighupAndQuitFromTheRussianLayout() throws {
    let session = try TmuxSession()
    try session.start("lesson 1 --lang ru")
    try session.waitFor("стр. 1/5")
    try session.keys("д")  // l on a Russian layout
    try session.waitFor("стр. 2/5")
    let pid = try #require(
      Int32(
        try String(contentsOfFile: session.pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
    kill(pid, SIGHUP)
    let (status, restored) = try session.exitAndTerminalState()
    #expect(status == 129)
    #expect(restored)
    let progress = try String(
      contentsOf: session.home.url.appendingPathComponent(".local/state/giltutor/progress.json"), encoding: .utf8)
    #expect(progress.contains("\"lesson\" : \"01-what-is-the-gil\""))
    #expect(progress.contains("\"page\" : 2"))
  }

  @Test func noArgumentsResumesWhereTheLearnerStopped() throws {
    let session = try TmuxSession()
    try session.start("")
    try session.waitFor("Contents")
    try session.keys("Down", "Down", "Enter")
    try session.waitFor("page 3/5")
    try session.keys("й")  // q on a Russian layout
    #expect(try session.exitAndTerminalState().status == 0)
    try session.start("")
    try session.waitFor("page 3/5")
    try session.keys("q")
  }

  @Test(arguments: ["SWIFT_BACKTRACE=enable=no", "SWIFT_BACKTRACE="])
  func aSwiftTrapLeavesARestoredTerminal(backtrace: String) throws {
    let session = try TmuxSession()
    // With SWIFT_BACKTRACE empty (the runtime then uses its interactive defaults) the process must still end at
    // once: giltutor does not hand the crash to the backtracer unless SWIFT_BACKTRACE asks for something.
    try session.start("lesson 1", environment: "GILTUTOR_CRASH_TEST=1 " + backtrace)
    try session.waitFor("What is the GIL?")
    try session.keys("x")
    let (status, restored) = try session.exitAndTerminalState()
    #expect(status == 132 || status == 133)
    #expect(restored)
    #expect(try session.tmux(["display", "-p", "-t", "t", "#{alternate_on}"]).hasPrefix("0"))
    let log = try String(
      contentsOf: session.home.url.appendingPathComponent(".local/state/giltutor/giltutor.log"), encoding: .utf8)
    #expect(log.contains("GILTUTOR_CRASH_TEST: crashing on purpose"))
  }

  @Test func noColorMeansNoColourEscapes() throws {
    let session = try TmuxSession()
    try session.start("lesson 1 --reduced-motion", environment: "NO_COLOR=1")
    try session.waitFor("What is the GIL?")
    let escapes = try session.tmux(["capture-pane", "-p", "-e", "-t", "t"])
    // tmux writes SGR sequences; a foreground colour would be 30-37, 90-97 or 38;... (39 is "default").
    let colour = try Regex(#"\x1B\[([0-9;]*;)?(3[0-7]|9[0-7]|38)(;|m)"#)
    #expect(escapes.firstMatch(of: colour) == nil)
    #expect(escapes.contains("\u{1B}[7m") || escapes.contains(";7m"))  // the status bar is still in reverse video
    try session.keys("q")
    #expect(try session.exitAndTerminalState().status == 0)
  }

  @Test func ctrlZSuspendsAndFgRedraws() throws {
    let session = try TmuxSession()
    try session.start("lesson 1 --reduced-motion")
    try session.waitFor("What is the GIL?")
    try session.keys("C-z")
    let (status, restored) = try session.exitAndTerminalState()
    #expect(status == 148)  // the shell reports the stopped job
    #expect(restored)
    try session.keys("clear; fg", "Enter")
    try session.wait("the page again") { $0.contains("What is the GIL?") && $0.contains("page 1/5") }
    try session.keys("l")
    try session.waitFor("page 2/5")
    try session.keys("q")
    try session.wait("the shell") { !$0.contains("page 2/5") }
    try session.keys("clear; echo DONE=$?", "Enter")
    try session.waitFor("DONE=0")
  }

  @Test func asciiOutsideAUTF8Locale() throws {
    let session = try TmuxSession()
    try session.start("lesson 1 --reduced-motion", environment: "LANG=C")
    let text = try session.wait("the ASCII timeline") { $0.contains("1 a ###") && $0.contains("Legend: #") }
    #expect(!text.contains("█") && !text.contains("└"))
    try session.keys("l")
    let key = try session.wait("the ASCII room") { $0.contains("page 2/5") && $0.contains("+- interpreter (GIL) ---") }
    #expect(!key.contains("┌"))
    try session.keys("q")
    #expect(try session.exitAndTerminalState().status == 0)
  }

  @Test func unknownTerminalTypeIsRefused() throws {
    let session = try TmuxSession()
    try session.start("lesson 1", environment: "TERM=no-such-terminal")
    let text = try session.waitFor("EXIT=2")
    #expect(text.contains("ncurses does not know the terminal type 'no-such-terminal'"))
    #expect(try session.exitAndTerminalState().restored)
  }

  @Test func dumbTerminalIsRefused() throws {
    let session = try TmuxSession()
    try session.start("lesson 1", environment: "TERM=dumb")
    let text = try session.waitFor("EXIT=2")
    #expect(text.contains("TERM is unset or 'dumb'"))
    #expect(text.contains("EXIT=2"))
  }
}

@Suite("giltutor lesson commands without a terminal")
struct LessonCommandTests {
  static let fixture: [String: String?] = ["GILTUTOR_HOME": GiltutorProcess.fixtureHome.path]

  @Test func notATerminalIsRefusedWithOneLine() throws {
    let result = try GiltutorProcess.run(["lesson", "1"], environment: Self.fixture)
    #expect(result.status == 2)
    #expect(result.stderr.hasPrefix("giltutor: the lessons need a terminal"))
    #expect(result.stderr.hasSuffix("try 'giltutor lesson ID --plain'\n"))
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stdout.isEmpty)
  }

  @Test func aQuizWithoutATerminalSuggestsItsOwnPlainForm() throws {
    let scratch = try TemporaryDirectory()
    let data = try QuizFixture.write(into: scratch)
    let result = try GiltutorProcess.run(["quiz", "1"], environment: ["GILTUTOR_HOME": data.path], input: "")
    #expect(result.status == 2)
    #expect(result.stderr.hasSuffix("try 'giltutor quiz 01-fixture --plain'\n"))
  }

  @Test func listPrintsIdsAndTitlesInTheChosenLanguage() throws {
    let fixture = Self.fixture
    #expect(try GiltutorProcess.run(["list"], environment: fixture).stdout == "01-what-is-the-gil  What is the GIL?\n")
    let russian = "01-what-is-the-gil  Что такое GIL?\n"
    #expect(try GiltutorProcess.run(["list", "--lang", "ru"], environment: fixture).stdout == russian)
    #expect(
      try GiltutorProcess.run(["list"], environment: fixture.merging(["LANG": "ru_RU.UTF-8"]) { $1 }).stdout == russian)
  }

  @Test func plainPrintsTheLessonWithTextTimelines() throws {
    let fixture = Self.fixture
    let result = try GiltutorProcess.run(
      ["lesson", "01-what-is-the-gil", "--plain", "--lang", "ru"], environment: fixture)
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("Что такое GIL?\n=============="))
    #expect(result.stdout.contains("-- стр. 2/5 --"))
    #expect(result.stdout.contains("\nВременная шкала · Two CPU-bound threads"))
    #expect(result.stdout.contains("GIL 1111"))
    #expect(result.stdout.contains("Обозначения: █ выполняет байт-код"))
    // A dis picture becomes its listing, check points marked.
    let dis = try GiltutorProcess.run(["lesson", "1", "--plain"], environment: fixture)
    #expect(dis.stdout.contains("dis: counter += 1\n      LOAD_GLOBAL"))
    #expect(dis.stdout.contains("STORE_GLOBAL"))
  }

  @Test func aBrokenLessonFileIsReportedBeforeTheInterfaceStarts() throws {
    let home = try TemporaryDirectory()
    let file = try home.write("# Broken\n\nText.\n::: key scenario=missing\n", to: "Lessons/en/09-broken.md")
    let result = try GiltutorProcess.run(["lesson", file.path])
    #expect(result.status == 2)
    #expect(
      result.stderr == "\(file.path):4:18: error: unknown scenario 'missing': no file "
        + "\(home.url.path)/Lessons/scenarios/missing.scenario\n")
  }

  @Test func unknownLessonAndLanguage() throws {
    #expect(try GiltutorProcess.run(["lesson", "99"], environment: Self.fixture).status == 2)
    #expect(try GiltutorProcess.run(["lesson", "1", "--lang", "de"], environment: Self.fixture).status == 64)
  }
}
