import Foundation
import SchedulerEngine
import Testing
import TraceIO

@testable import giltutor

@Suite struct DurationTextTests {
  @Test(
    arguments: [
      ("5ms", 5_000_000), ("0.5ms", 500_000), ("200us", 200_000), ("200µs", 200_000), ("1s", 1_000_000_000),
      ("1.25s", 1_250_000_000), ("15ns", 15), ("0.001ms", 1_000), ("0.000001ms", 1), ("2.50ms", 2_500_000),
      ("1_000us", 1_000_000), ("0.000_5s", 500_000), ("3\u{3BC}s", 3_000),
    ] as [(String, Int64)])
  func parses(text: String, nanos: Int64) throws {
    #expect(try DurationText.parse(text) == nanos)
  }

  @Test(arguments: [
    "5", "ms", "5 ms", "5m", "5.ms", ".5ms", "1.2.3ms", "-1ms", "5msx", "0.5ns", "99999999999s", "", "_1ms", "1_ms",
    "1__0ms", "5sec",
  ])
  func rejects(text: String) {
    #expect(throws: DurationText.Invalid.self) { try DurationText.parse(text) }
  }

  @Test func formats() throws {
    #expect(DurationText.format(5_000_000) == "5ms")
    #expect(DurationText.format(500_000) == "500us")
    #expect(DurationText.format(1_500_000_000) == "1.5s")
    #expect(DurationText.format(15_000) == "15us")
    #expect(DurationText.format(1_234_567) == "1.234567ms")
    #expect(DurationText.format(0) == "0ns")
    for ns: Int64 in [1, 999, 1_000, 2_500_000, 7_000_000_001] {
      #expect(try DurationText.parse(DurationText.format(ns)) == ns)
    }
  }
}

@Suite struct OptionTests {
  @Test func interpreterNames() throws {
    #expect(try InterpreterChoice.parse("3.13t") == .cpython313t)
    #expect(try InterpreterChoice.parse("2.7") == .cpython27)
    for kind in InterpreterKind.allCases {
      #expect(try InterpreterChoice.parse(kind.rawValue) == kind)
    }
    #expect(throws: (any Error).self) { try InterpreterChoice.parse("3.9") }
  }

  @Test func commandLineOverridesTheHeader() throws {
    let command = try Simulate.parse([
      "f", "--interpreter", "2.7", "--switch-interval", "0.5ms", "--check-interval", "50", "--cores", "4", "--seed",
      "9",
    ])
    var scenario = Scenario(title: "", interpreter: .cpython312, cores: 2, seed: 1)
    command.apply(to: &scenario, defaultTitle: "file-name")
    #expect(scenario.interpreter == .cpython27)
    #expect(scenario.switchInterval == 500_000)
    #expect(scenario.checkInterval == 50)
    #expect(scenario.cores == 4)
    #expect(scenario.seed == 9)
    #expect(scenario.title == "file-name")

    var titled = Scenario(title: "Mine", interpreter: .cpython312)
    try Simulate.parse(["f"]).apply(to: &titled, defaultTitle: "file-name")
    #expect(titled.title == "Mine")
    #expect(titled.interpreter == .cpython312)
  }

  @Test func utf8Locale() {
    #expect(TerminalSize.localeIsUTF8(environment: ["LANG": "en_US.UTF-8"]))
    #expect(TerminalSize.localeIsUTF8(environment: ["LANG": "C.utf8"]))
    #expect(!TerminalSize.localeIsUTF8(environment: ["LANG": "C"]))
    #expect(!TerminalSize.localeIsUTF8(environment: [:]))
    // LC_ALL wins over LC_CTYPE, which wins over LANG.
    #expect(!TerminalSize.localeIsUTF8(environment: ["LC_ALL": "C", "LANG": "C.UTF-8"]))
    #expect(TerminalSize.localeIsUTF8(environment: ["LC_CTYPE": "ru_RU.UTF-8", "LANG": "C"]))
    #expect(TerminalSize.localeIsUTF8(environment: ["LC_ALL": "", "LANG": "C.UTF-8"]))
  }

  @Test func columnsWithoutATerminal() {
    // Under `swift test` standard output is not a terminal.
    guard isatty(STDOUT_FILENO) == 0 else { return }
    #expect(TerminalSize.columns(environment: ["COLUMNS": "132"]) == 132)
    #expect(TerminalSize.columns(environment: ["COLUMNS": "wide"]) == 80)
    #expect(TerminalSize.columns(environment: [:]) == 80)
  }
}

@Suite struct ResourceLocatorTests {
  @Test func giltutorHomeComesFirst() throws {
    let home = try TemporaryDirectory()
    let locator = ResourceLocator(environment: ["GILTUTOR_HOME": home.url.path], executablePath: "/nowhere/bin/x")
    #expect(locator.dataDirectory()?.path == home.url.standardizedFileURL.path)
  }

  @Test func installedLayout() throws {
    let prefix = try TemporaryDirectory()
    try prefix.write("", to: "share/giltutor/Lessons/scenarios/convoy.scenario")
    try prefix.write("", to: "bin/giltutor")
    let locator = ResourceLocator(environment: [:], executablePath: prefix.url.path + "/bin/giltutor")
    let data = try #require(locator.dataDirectory())
    #expect(data.path == prefix.url.appendingPathComponent("share/giltutor").standardizedFileURL.path)
  }

  @Test func sourceTree() throws {
    let tree = try TemporaryDirectory()
    try tree.write("// swift-tools-version: 6.0\n", to: "Package.swift")
    try tree.write("", to: "Lessons/scenarios/convoy.scenario")
    try tree.write("", to: ".build/x86_64-unknown-linux-gnu/debug/giltutor")
    // A Lessons folder without Package.swift on the way up is not the source tree.
    try tree.write("", to: ".build/Lessons/stray")
    let locator = ResourceLocator(
      environment: [:], executablePath: tree.url.path + "/.build/x86_64-unknown-linux-gnu/debug/giltutor")
    #expect(locator.dataDirectory()?.path == tree.url.standardizedFileURL.path)
  }

  @Test func nothingFound() throws {
    let empty = try TemporaryDirectory()
    let locator = ResourceLocator(environment: [:], executablePath: empty.url.path + "/bin/giltutor")
    #expect(locator.dataDirectory() == nil)
    #expect(ResourceLocator(environment: [:], executablePath: nil).dataDirectory() == nil)
    #expect(locator.scenarioPath(for: "convoy") == "convoy")
  }

  @Test func bareNamesResolveInLessons() throws {
    let home = try TemporaryDirectory()
    let file = try home.write("", to: "Lessons/scenarios/race.scenario")
    let locator = ResourceLocator(environment: ["GILTUTOR_HOME": home.url.path], executablePath: nil)
    #expect(locator.scenarioPath(for: "race") == file.standardizedFileURL.path)
    #expect(locator.scenarioPath(for: "race.scenario") == file.standardizedFileURL.path)
    // Paths with a slash and names of files that exist here are taken as they are.
    #expect(locator.scenarioPath(for: "./race") == "./race")
    #expect(locator.scenarioPath(for: "missing") == "missing")
    let here = FileManager.default.currentDirectoryPath
    #expect(FileManager.default.fileExists(atPath: here + "/Package.swift"))
    #expect(locator.scenarioPath(for: "Package.swift") == "Package.swift")
  }

  @Test func theRealBinaryFindsTheSourceTree() {
    let locator = ResourceLocator(environment: [:], executablePath: GiltutorProcess.binary.path)
    #expect(locator.dataDirectory()?.path == GiltutorProcess.packageRoot.standardizedFileURL.path)
  }
}

@Suite struct TextFileTests {
  @Test func saveIsAtomicAndReadable() throws {
    let directory = try TemporaryDirectory()
    let path = directory.url.appendingPathComponent("out.json").path
    try TextFile.save("first\n", to: path)
    try TextFile.save("второй\n", to: path)
    #expect(try TextFile.load(path) == "второй\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["out.json"])
    let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(permissions.map { $0 & 0o644 } == 0o644)
  }

  @Test func failuresSayWhy() throws {
    let directory = try TemporaryDirectory()
    do {
      try TextFile.save("x", to: directory.url.appendingPathComponent("no/such/out.txt").path)
      Issue.record("saving into a missing folder succeeded")
    } catch {
      #expect(error.reason == "No such file or directory")
    }
    do {
      _ = try TextFile.load(directory.url.appendingPathComponent("absent").path)
      Issue.record("loading a missing file succeeded")
    } catch {
      #expect(error.reason == "No such file or directory")
    }
  }
}

@Suite struct BytecodeListingTests {
  @Test func instructionsWithTheirLines() {
    let scenario = Scenario(
      interpreter: .cpython311,
      shared: [SharedVariable(name: "counter", initialValue: 0)],
      processes: [
        ProcessDeclaration(
          name: "main",
          threads: [
            ThreadDeclaration(
              name: "worker", count: 2,
              body: [
                Statement(
                  .repeatBlock(
                    count: 1000,
                    body: [
                      Statement(
                        .augmentedAssign(target: "counter", op: .add, value: .constant(1)),
                        at: .init(line: 4, column: 9))
                    ]), at: .init(line: 3, column: 5)),
                Statement(.assign(target: "x", value: Expression(.name("counter"), .multiply, .constant(2)))),
                Statement(.withLock(name: "lock", body: [Statement(.io(200_000))])),
              ])
          ],
          eventLoops: [
            EventLoopDeclaration(
              name: "loop", tasks: [TaskDeclaration(name: "tick", body: [Statement(.awaitSleep(10_000_000))])])
          ])
      ])
    let text = BytecodeListing.render(scenario)
    #expect(text.hasPrefix("Bytecode (cpython-3.11; * marks a check point):\n"))
    #expect(text.contains("thread worker x 2:\n"))
    #expect(text.contains("    4    LOAD_GLOBAL        2 (counter)\n"))  // co_names: range, counter
    #expect(text.contains("    4    BINARY_OP          13 (+=)\n"))
    #expect(text.contains("    3  * JUMP_BACKWARD      (to FOR_ITER)\n"))
    #expect(text.contains("eventloop loop, task tick:\n"))
  }
}

@Suite struct ArgumentOrderTests {
  @Test func optionsBeforeTheSubcommandMoveAfterIt() {
    #expect(ArgumentOrder.normalized(["--lang", "ru", "lesson", "1"]) == ["lesson", "--lang", "ru", "1"])
    #expect(ArgumentOrder.normalized(["--no-color", "list"]) == ["list", "--no-color"])
    // ArgumentOrder knows the subcommands by their configured names: each must have one.
    #expect(Giltutor.configuration.subcommands.allSatisfy { $0.configuration.commandName != nil })
    for name in ["quiz", "progress", "replay", "record", "lint"] {
      #expect(ArgumentOrder.normalized(["--lang", "ru", name, "x"]) == [name, "--lang", "ru", "x"])
    }
  }

  @Test func everythingElseIsLeftAlone() {
    #expect(ArgumentOrder.normalized(["lesson", "1", "--lang", "ru"]) == ["lesson", "1", "--lang", "ru"])
    #expect(ArgumentOrder.normalized(["--lang", "ru"]) == ["--lang", "ru"])
    #expect(ArgumentOrder.normalized(["simulate", "list"]) == ["simulate", "list"])
    #expect(ArgumentOrder.normalized(["convoy", "simulate"]) == ["convoy", "simulate"])
  }
}
