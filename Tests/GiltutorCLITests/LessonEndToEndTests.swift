import Foundation
import Testing

@Suite("giltutor lessons in tmux", .serialized)
struct LessonEndToEndTests {
  @Test func firstPageShowsTheRussianTitleAndTimelineGlyphs() throws {
    let session = try TmuxSession()
    try session.start("lesson 1 --lang ru")
    let text = try session.wait("the timeline") { $0.contains("Что такое GIL?") && $0.contains("GIL 1") }
    #expect(text.contains("Временная шкала"))
    #expect(text.contains("█"))
    #expect(text.contains("стр. 1/5"))
    // The roles are drawn in colour.
    let escaped = try session.screenWithEscapes()
    #expect(try TmuxSession.hasForegroundColour(escaped), "\(escaped.debugDescription.prefix(600))")
    try session.keys("q")
    try session.expectEnded(with: 0)
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
    try session.expectEnded(with: 130)
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
    try session.resize(width: 60, height: 20)
    try session.waitFor("терминал мал: есть 60×20, нужно 80×24")
    try session.resize(width: 100, height: 30)
    try session.wait("the page again") {
      $0.contains("Что такое GIL?") && $0.contains("GIL 1") && !$0.contains("терминал мал")
    }
    try session.resize(width: 60, height: 20)
    try session.waitFor("терминал мал")
    try session.keys("q")
    #expect(try session.exitAndTerminalState().status == 0)
  }

  @Test func sigtermRestoresTheTerminal() throws {
    let session = try TmuxSession()
    try session.start("lesson 1")
    try session.waitFor("What is the GIL?")
    let pid = try session.pid()
    kill(pid, SIGTERM)
    try session.expectEnded(with: 143)
  }

  @Test func sighupAndQuitFromTheRussianLayout() throws {
    let session = try TmuxSession()
    try session.start("lesson 1 --lang ru")
    try session.waitFor("стр. 1/5")
    try session.keys("д")  // l on a Russian layout
    try session.waitFor("стр. 2/5")
    let pid = try session.pid()
    kill(pid, SIGHUP)
    try session.expectEnded(with: 129)
    let progress = try session.stateFile("progress.json")
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
    #expect(try !session.isOnAlternateScreen())
    let log = try session.stateFile("giltutor.log")
    #expect(log.contains("GILTUTOR_CRASH_TEST: crashing on purpose"))
  }

  @Test func noColorMeansNoColourEscapes() throws {
    let session = try TmuxSession()
    try session.start("lesson 1 --reduced-motion", environment: "NO_COLOR=1")
    try session.waitFor("What is the GIL?")
    let escapes = try session.screenWithEscapes()
    #expect(try !TmuxSession.hasForegroundColour(escapes))
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

  /// `::: code` prints the program's lines as code, and a timeline of a program what it printed.
  @Test func plainPrintsAProgramsCodeAndOutput() throws {
    let home = try TemporaryDirectory()
    try home.write(
      "counter = 0\nfor _ in range(3):\n    counter += 1\nprint('counter =', counter)\n", to: "Lessons/scenarios/p.py")
    let file = try home.write(
      "# Count\n\n::: code p.py lines=2-3\n\n::: timeline scenario=p.py interpreter=3.9\n", to: "Lessons/en/09-count.md"
    )
    let result = try GiltutorProcess.run(["lesson", file.path, "--plain"])
    #expect(result.status == 0)
    #expect(
      result.stdout.contains("=====\n\n    for _ in range(3):\n        counter += 1\n\nTimeline · p.py (CPython 3.9)"))
    #expect(result.stdout.hasSuffix("\nprinted      counter = 3\n"))
    // A range past the program's end stops the lesson before it starts, as any mistake in it does.
    try home.write("# Count\n\n::: code p.py lines=2-9\n", to: "Lessons/en/09-count.md")
    let broken = try GiltutorProcess.run(["lesson", file.path, "--plain"])
    #expect(broken.status == 2)
    #expect(broken.stderr == "\(file.path):3:21: error: lines=2-9 goes past the end: the program has 4 lines\n")
  }

  /// The course's lesson 3 in tmux: the race page shows `race.py`'s code and, once its run is drawn, what it
  /// printed; the two versions' page the count each printed.
  @Test func lessonThreeShowsTheRaceProgramAndWhatItPrinted() throws {
    let session = try TmuxSession(width: 80, height: 24)
    try session.start("lesson 3 --reduced-motion", environment: "GILTUTOR_HOME=\(GiltutorProcess.packageRoot.path)")
    try session.waitFor("page 1/9")
    try session.keys("Right", "Right", "Right")
    let page = try session.wait("the race page") { $0.contains("page 4/9") && $0.contains("printed      counter =") }
    #expect(page.contains("        for _ in range(N):\n              counter += 1"))
    #expect(page.contains("Timeline · race.py (CPython 3.12)"))
    #expect(page.contains("printed      counter = 200000"))
    try session.keys("Right")
    let versions = try session.wait("the versions page") { $0.contains("page 5/9") && $0.contains("CPython 3.10)") }
    #expect(versions.contains("race.py (CPython 3.9)"))
    #expect(versions.components(separatedBy: "printed      counter = ").count == 3)
    try session.keys("C-c")
    let (status, restored) = try session.exitAndTerminalState()
    #expect(status == 130)
    #expect(restored)
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
