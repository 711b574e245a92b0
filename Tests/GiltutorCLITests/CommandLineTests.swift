import Foundation
import Testing

/// The binary's behaviour that does not depend on the scenario parser and the engine.
@Suite struct CommandLineTests {
  @Test func helpListsSimulate() throws {
    let result = try GiltutorProcess.run(["--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("simulate"))
    #expect(result.stdout.contains("GIL"))
    // Every subcommand a user can type is listed, and the lessons are named as what giltutor opens alone.
    for name in ["lesson", "list", "quiz", "progress", "simulate", "replay", "record", "lint"] {
      #expect(result.stdout.contains("\n  \(name) "), "\(name)")
    }
    #expect(result.stdout.contains("giltutor opens the lessons"))
  }

  @Test func simulateHelpListsItsOptions() throws {
    let result = try GiltutorProcess.run(["simulate", "--help"])
    #expect(result.status == 0)
    for option in ["--interpreter", "--switch-interval", "--format", "--output", "--width", "--dis", "--ascii"] {
      #expect(result.stdout.contains(option))
    }
  }

  @Test func version() throws {
    let result = try GiltutorProcess.run(["--version"])
    #expect(result.status == 0)
    #expect(result.stdout == "0.1.0\n")
  }

  @Test func missingFile() throws {
    let result = try GiltutorProcess.run(["simulate", "no-such-file.scenario"])
    #expect(result.status == 2)
    #expect(result.stderr == "giltutor: cannot read 'no-such-file.scenario': No such file or directory\n")
    #expect(result.stdout.isEmpty)
  }

  @Test func directoryIsNotAScenario() throws {
    let directory = try TemporaryDirectory()
    let result = try GiltutorProcess.run(["simulate", directory.url.path])
    #expect(result.status == 2)
    #expect(result.stderr == "giltutor: cannot read '\(directory.url.path)': Is a directory\n")
  }

  @Test func notUTF8() throws {
    let directory = try TemporaryDirectory()
    let file = directory.url.appendingPathComponent("latin1.scenario")
    try Data([0x74, 0xE9, 0x0A]).write(to: file)
    let result = try GiltutorProcess.run(["simulate", file.path])
    #expect(result.status == 2)
    #expect(result.stderr == "giltutor: cannot read '\(file.path)': not UTF-8 text\n")
  }

  @Test(arguments: [
    (["--cores", "0"], "--cores must be between 1 and 1024 (got 0)"),
    (["--cores", "1025"], "--cores must be between 1 and 1024 (got 1025)"),
    (["--check-interval", "0"], "--check-interval must be between 1 and 1000000000 ticks"),
    (["--width", "39"], "--width must be between 40 and 10000 columns"),
    (["--width", "100000000"], "--width must be between 40 and 10000 columns"),
    (["--max-events", "0"], "--max-events must be between 1 and 256000000"),
    (["--max-time", "0ns"], "--max-time must be longer than 0"),
    (["--switch-interval", "86401s"], "the longest is 86400s (a day)"),
    (["--switch-interval", "5"], "'5' is not a duration"),
    (["--switch-interval", "0ms"], "--switch-interval must be longer than 0"),
    (["--switch-interval", "0.5ns"], "finer than a nanosecond"),
    (["--interpreter", "3.7"], "unknown interpreter '3.7'"),
    (["--format", "xml"], "'text', 'json', 'chrome' or 'trace'"),
    (["--seed", "-1"], "--seed"),
    (["--bogus"], "--bogus"),
  ])
  func badOptionValues(arguments: [String], message: String) throws {
    // Options are checked before the file is read: the file does not have to exist.
    let result = try GiltutorProcess.run(["simulate", "whatever.scenario"] + arguments)
    #expect(result.status != 0)
    #expect(result.status != 2)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(!result.stderr.contains("cannot read"))
  }

  @Test func missingFileArgument() throws {
    let result = try GiltutorProcess.run(["simulate"])
    #expect(result.status != 0)
    #expect(result.stderr.contains("<file>"))
  }

  /// A bare name is looked up in the source tree's Lessons/scenarios, from any directory. (Until the parser
  /// lands, reading succeeds and parsing reports an error located in the resolved file.)
  @Test func bareNameFindsTheBundledScenario() throws {
    let elsewhere = try TemporaryDirectory()
    let result = try GiltutorProcess.run(["simulate", "convoy"], in: elsewhere.url)
    #expect(!result.stderr.contains("cannot read"))
    #expect(
      result.status == 0
        || result.stderr.hasPrefix(
          GiltutorProcess.packageRoot.appendingPathComponent("Lessons/scenarios/convoy.scenario").path + ":")
    )
  }

  @Test func giltutorHomeIsSearchedFirst() throws {
    let home = try TemporaryDirectory()
    let file = try home.write("title: mine\n", to: "Lessons/scenarios/mine.scenario")
    let elsewhere = try TemporaryDirectory()
    let result = try GiltutorProcess.run(
      ["simulate", "mine"], in: elsewhere.url, environment: ["GILTUTOR_HOME": home.url.path])
    #expect(!result.stderr.contains("cannot read"))
    #expect(result.status == 0 || result.stderr.hasPrefix(file.standardizedFileURL.path + ":"))
    let notThere = try GiltutorProcess.run(
      ["simulate", "convoy"], in: elsewhere.url, environment: ["GILTUTOR_HOME": home.url.path])
    #expect(notThere.status == 2)
    #expect(notThere.stderr == "giltutor: cannot read 'convoy': No such file or directory\n")
  }
}
