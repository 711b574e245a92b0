import ArgumentParser
import Foundation
import SchedulerEngine
import TraceIO

/// `giltutor simulate FILE`: runs a scenario and prints its timeline, statistics or trace.
struct Simulate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Run a scenario through the scheduler and print what happened.",
    discussion: """
      FILE is a scenario file, or the name of one in giltutor's Lessons/scenarios (e.g. 'convoy'). Options given \
      here override the scenario's header.

      Exit status: 0 on success; 2 when FILE cannot be read or has a mistake (reported as FILE:LINE:COL); \
      1 when the output cannot be written; 64 for a wrong command line.
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json, chrome, trace
  }

  @Argument(help: "The scenario file (or the name of a bundled scenario).")
  var file: String

  @Option(
    help: ArgumentHelp(
      "The interpreter: \(InterpreterChoice.allNames.joined(separator: ", ")).", valueName: "version"),
    transform: InterpreterChoice.parse)
  var interpreter: InterpreterKind?

  @Option(
    help: ArgumentHelp("The new GIL's switch interval, e.g. 5ms or 0.5ms.", valueName: "duration"),
    transform: Simulate.parseDuration)
  var switchInterval: Nanos?

  @Option(help: ArgumentHelp("The old GIL's check interval in ticks (CPython 2.7).", valueName: "n"))
  var checkInterval: Int?

  @Option(help: ArgumentHelp("The number of CPU cores.", valueName: "n"))
  var cores: Int?

  @Option(help: ArgumentHelp("The random seed of the OS scheduler model.", valueName: "n"))
  var seed: UInt64?

  @Option(help: "The output format: text, json, chrome (Chrome Trace Event JSON) or trace (for giltutor replay).")
  var format: Format = .text

  @Option(help: ArgumentHelp("Write the output to this file instead of standard output.", valueName: "path"))
  var output: String?

  @Option(help: ArgumentHelp("The text width in columns (default: the terminal's, at least 40).", valueName: "n"))
  var width: Int?

  @Flag(help: "Print each thread's statements with their bytecode first.")
  var dis = false

  @Flag(help: "Draw with ASCII characters only (the default in a non-UTF-8 locale).")
  var ascii = false

  static func parseDuration(_ text: String) throws -> Nanos {
    do {
      return try DurationText.parse(text)
    } catch {
      throw ValidationError(error.description)
    }
  }

  func validate() throws {
    if let cores, cores < 1 { throw ValidationError("--cores must be at least 1 (got \(cores)).") }
    if let checkInterval, checkInterval < 1 {
      throw ValidationError("--check-interval must be at least 1 tick (got \(checkInterval)).")
    }
    if let width, width < 40 { throw ValidationError("--width must be at least 40 columns (got \(width)).") }
    if let switchInterval, switchInterval <= 0 {
      throw ValidationError("--switch-interval must be longer than 0.")
    }
  }

  func run() throws {
    // The locale decides how wide each character is (wcwidth), as in the terminal interface.
    DisplayWidth.setLocaleFromEnvironment()
    let environment = ProcessInfo.processInfo.environment
    let path = ResourceLocator.current.scenarioPath(for: file)
    let source: String
    do {
      source = try TextFile.load(path)
    } catch {
      Stderr.print("giltutor: cannot read '\(file)': \(error.reason)")
      throw ExitCode(2)
    }
    var scenario: Scenario
    do {
      scenario = try ScenarioParser.parse(source, file: path)
    } catch {
      Stderr.print(error.description)
      throw ExitCode(2)
    }
    let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    apply(to: &scenario, defaultTitle: name)

    let trace = Simulator.run(scenario)
    if trace.truncated {
      Stderr.print(
        "giltutor: warning: the simulation stopped after \(trace.events.count) events at "
          + "\(Double(trace.statistics.wallTime) / 1e6) ms; the results cover only that part")
    }
    if format == .trace {
      try writeTraceFile(trace)
      return
    }
    let unicode = !ascii && TerminalSize.localeIsUTF8(environment: environment)
    let rendered: String
    switch format {
    case .text:
      let columns = width ?? max(40, TerminalSize.columns(environment: environment))
      rendered = TextTimeline.render(trace, width: columns, unicode: unicode)
    case .json:
      rendered = JSONReport.render(trace, scenarioName: name)
    case .chrome, .trace:
      rendered = ChromeTrace.render(trace)
    }

    if dis {
      // The listing goes before the output; beside JSON on standard output it goes to standard error instead,
      // so that the JSON stays valid.
      let listing = BytecodeListing.render(scenario)
      if format == .text || output != nil {
        Swift.print(listing)
      } else {
        Stderr.print(listing)
      }
    }
    if let output {
      do {
        try TextFile.save(rendered, to: output)
      } catch {
        Stderr.print("giltutor: cannot write '\(output)': \(error.reason)")
        throw ExitCode(1)
      }
    } else {
      Swift.print(rendered, terminator: "")
    }
  }

  /// The binary trace file for `giltutor replay`: to `--output`, or to standard output when it is not a terminal
  /// (binary bytes would garble the screen).
  func writeTraceFile(_ trace: Trace) throws {
    let bytes = TraceFile.write(trace)
    guard let output else {
      guard isatty(STDOUT_FILENO) == 0 else {
        Stderr.print("giltutor: --format trace writes binary data: give --output FILE or redirect standard output")
        throw ExitCode(64)
      }
      FileHandle.standardOutput.write(Data(bytes))
      return
    }
    do {
      try TextFile.save(bytes: bytes, to: output)
    } catch {
      Stderr.print("giltutor: cannot write '\(output)': \(error.reason)")
      throw ExitCode(1)
    }
  }

  /// The command line's settings over the scenario's header; the file's name as the title when it has none.
  func apply(to scenario: inout Scenario, defaultTitle: String) {
    if let interpreter { scenario.interpreter = interpreter }
    if let switchInterval { scenario.switchInterval = switchInterval }
    if let checkInterval { scenario.checkInterval = checkInterval }
    if let cores { scenario.cores = cores }
    if let seed { scenario.seed = seed }
    if scenario.title.isEmpty { scenario.title = defaultTitle }
  }
}

/// The `--interpreter` values: the scenario language's names and their short forms.
enum InterpreterChoice {
  static let shortForms: [String: InterpreterKind] = [
    "2.7": .cpython27, "3.11": .cpython311, "3.12": .cpython312, "3.13": .cpython313, "3.13t": .cpython313t,
  ]

  static var allNames: [String] {
    InterpreterKind.allCases.map(\.rawValue) + shortForms.keys.sorted()
  }

  static func parse(_ text: String) throws -> InterpreterKind {
    if let kind = InterpreterKind(rawValue: text) ?? shortForms[text] { return kind }
    throw ValidationError("unknown interpreter '\(text)': use one of \(allNames.joined(separator: ", ")).")
  }
}

/// Messages for standard error.
enum Stderr {
  static func print(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }
}
