import ArgumentParser
import DisplayText
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
      here override the scenario's header. FILE may also be a Python program (NAME.py), run as the interpreter \
      runs it (see docs/python-subset.md; after -- come its sys.argv); --dis prints its bytecode as CPython 3.12's \
      dis.dis does.

      A run stops at its budget: --max-events (default \(SimulationBudget.standard.maxEvents) for the formats that \
      keep the events, trace and chrome, about 24 bytes of memory each; \(SimulationBudget.counted.maxEvents) for \
      text and json, which only count them, a Python instruction advanced in bulk spending a sixteenth of one) or \
      --max-time of simulated time (default 3600s, at most 86400s), \
      whichever comes first. A trace or chrome run of more than \(SimulationBudget.leanAfter) events is simulated \
      again as a lean trace: every event but the long stretches of bytecode with nothing else happening, kept as \
      one event each (the budget then counts the kept events).

      Exit status: 0 on success; 2 when FILE cannot be read or has a mistake (reported as FILE:LINE:COL); \
      3 when the threads deadlocked (the output ends there); 4 when the run reached its budget (the output covers \
      the part before it); 1 when the output cannot be written; 64 for a wrong command line.
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json, chrome, trace
  }

  @Argument(help: "The scenario file (or the name of a bundled scenario), or a Python program.")
  var file: String

  @Argument(
    parsing: .postTerminator,
    help: ArgumentHelp("A Python program's arguments, after --: its sys.argv[1:].", valueName: "argument"))
  var programArguments: [String] = []

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

  @Option(
    help: ArgumentHelp(
      "Stop after this many events (default \(SimulationBudget.standard.maxEvents) for trace and chrome, "
        + "\(SimulationBudget.counted.maxEvents) for text and json; at most \(SimulationBudget.maximumEvents)).",
      valueName: "n"))
  var maxEvents: Int?

  @Option(
    help: ArgumentHelp("Stop at this simulated time (default 3600s, at most 86400s), e.g. 90s.", valueName: "duration"),
    transform: Simulate.parseDuration)
  var maxTime: Nanos?

  @Flag(help: "Print each thread's statements with their bytecode first.")
  var dis = false

  @Flag(help: "Draw with ASCII characters only (the default in a non-UTF-8 locale).")
  var ascii = false

  /// Wider text is no use on any screen, and would only take memory.
  static let maximumWidth = 10_000

  static func parseDuration(_ text: String) throws -> Nanos {
    do {
      return try DurationText.parse(text)
    } catch {
      throw ValidationError(error.description)
    }
  }

  func validate() throws {
    if let cores, !(1...Limits.maximumCores).contains(cores) {
      throw ValidationError("--cores must be between 1 and \(Limits.maximumCores) (got \(cores)).")
    }
    if let checkInterval, !(1...Limits.maximumCheckInterval).contains(checkInterval) {
      throw ValidationError(
        "--check-interval must be between 1 and \(Limits.maximumCheckInterval) ticks (got \(checkInterval)).")
    }
    if let width, !(40...Self.maximumWidth).contains(width) {
      throw ValidationError("--width must be between 40 and \(Self.maximumWidth) columns (got \(width)).")
    }
    if let maxEvents, !(1...SimulationBudget.maximumEvents).contains(maxEvents) {
      throw ValidationError("--max-events must be between 1 and \(SimulationBudget.maximumEvents) (got \(maxEvents)).")
    }
    if let maxTime, maxTime <= 0 { throw ValidationError("--max-time must be longer than 0.") }
    if let switchInterval, switchInterval <= 0 {
      throw ValidationError("--switch-interval must be longer than 0.")
    }
    if let switchInterval, let problem = Limits.switchIntervalProblem(switchInterval) {
      throw ValidationError("--switch-interval: \(problem).")
    }
  }

  func run() throws {
    if file.hasSuffix(".py") {
      try runPython()
      return
    }
    guard programArguments.isEmpty else {
      Stderr.print("giltutor: the arguments after -- are a Python program's; \(file) is a scenario")
      throw ExitCode(2)
    }
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
      Stderr.print(lines: error.description)
      throw ExitCode(2)
    }
    let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    apply(to: &scenario, defaultTitle: name)
    if let (problem, version) = scenario.subinterpreterNeeds {
      Stderr.print("giltutor: \(path): \(problem); choose one with --interpreter \(version) or later")
      throw ExitCode(2)
    }
    if scenario.pythonGIL == false && scenario.interpreter.profile.freeThreading == nil {
      // What CPython itself says when PYTHON_GIL=0 meets a build with the GIL.
      Stderr.print(
        "giltutor: \(path): python_gil: 0 needs a free-threaded build; \(scenario.interpreter.rawValue) stops with "
          + "\"Fatal Python error: config_read_gil: Disabling the GIL is not supported by this build\"")
      throw ExitCode(2)
    }
    if let module = scenario.moduleEnablingGIL {
      Stderr.print(
        "giltutor: \(scenario.interpreter.rawValue) warns: RuntimeWarning: The global interpreter lock (GIL) has been "
          + "enabled to load module '\(module)', which has not declared that it can run safely without the GIL. To "
          + "override this behavior and keep the GIL disabled (at your own risk), run with PYTHON_GIL=0 or -Xgil=0.")
    }

    let trace = simulate(scenario)
    if format == .trace {
      try writeTraceFile(trace)
      try reportBudget(trace)
      return
    }
    let rendered = render(trace, name: name)
    if dis {
      // The listing goes before the output; beside JSON on standard output it goes to standard error instead,
      // so that the JSON stays valid.
      let listing = BytecodeListing.render(scenario)
      if format == .text || output != nil {
        Stdout.write(listing + "\n")
      } else {
        Stderr.print(lines: listing)
      }
    }
    try write(rendered)
    try reportBudget(trace)
  }

  /// Runs the scenario, keeping its events for the formats that show them (text and JSON report their number
  /// only: a long run need not hold them all); says so when a long run's trace is lean.
  func simulate(_ scenario: Scenario) -> Trace {
    let trace =
      keepsEvents
      ? Simulator.runKeeping(scenario, budget: budget) : Simulator.run(scenario, budget: budget, detail: .counted)
    if keepsEvents && trace.isLean {
      Stderr.print(
        "giltutor: this run has \(trace.eventCount) events; the trace keeps \(trace.events.count) of them: "
          + "\(trace.aggregatedInstructions) bytecode instructions that ran with nothing else happening to their "
          + "thread are kept as stretches (a lean trace)")
    }
    return trace
  }

  /// The run as the chosen format shows it; a Python program's output comes first in text.
  func render(_ trace: Trace, name: String) -> String {
    let environment = ProcessInfo.processInfo.environment
    let unicode = !ascii && TerminalSize.localeIsUTF8(environment: environment)
    switch format {
    case .text:
      let columns = width ?? max(40, TerminalSize.columns(environment: environment))
      let output = ProgramOutputText.lines(trace)
      return (output.isEmpty ? "" : output.joined(separator: "\n") + "\n\n")
        + TextTimeline.render(trace, width: columns, unicode: unicode)
    case .json:
      return JSONReport.render(trace, scenarioName: name)
    case .chrome, .trace:
      return ChromeTrace.render(trace)
    }
  }

  /// Writes what the command made to `--output`, or to standard output.
  func write(_ text: String) throws {
    guard let output else {
      Stdout.write(text)
      return
    }
    do {
      try TextFile.save(text, to: output)
    } catch {
      Stderr.print("giltutor: cannot write '\(output)': \(error.reason)")
      throw ExitCode(1)
    }
  }

  /// Whether the output needs every event (a trace file, Chrome JSON) or only their number (text, JSON).
  var keepsEvents: Bool { format == .trace || format == .chrome }

  var budget: SimulationBudget {
    var budget = keepsEvents ? SimulationBudget.standard : SimulationBudget.counted
    if let maxEvents { budget = SimulationBudget(maxEvents: maxEvents, maxTime: budget.maxTime) }
    if let maxTime { budget.maxTime = maxTime }
    return budget
  }

  /// A run cut by its budget says which limit stopped it and how to raise it, and ends with status 4; a run that
  /// deadlocked says who waits for what, held by whom, and ends with status 3.
  func reportBudget(_ trace: Trace) throws {
    for raised in trace.raised {
      // Python prints it ("Exception in thread NAME:") and the thread ends; the program goes on.
      Stderr.print(
        "giltutor: thread \(trace.threads[raised.thread].name) raised \(raised.error) at "
          + "\(DurationText.format(raised.time, .rounded, unicode: false)) and ended there")
    }
    if let deadlock = trace.deadlock {
      Stderr.print("giltutor: " + DeadlockText.describe(deadlock, in: trace))
      throw ExitCode(3)
    }
    guard let truncation = trace.truncation else { return }
    let at = DurationText.literal(trace.statistics.wallTime)
    switch truncation {
    case .events:
      Stderr.print(
        "giltutor: the simulation stopped at its budget of \(budget.maxEvents) \(trace.isLean ? "kept " : "")events, at \(at) of simulated time; "
          + "the output covers only that part (raise it with --max-events N)")
    case .time:
      Stderr.print(
        "giltutor: the simulation stopped at its budget of \(DurationText.literal(budget.maxTime)) of simulated "
          + "time; the output covers only that part (raise it with --max-time, up to 86400s)")
    case .recordingStopped:
      return  // only recordings stop this way
    }
    throw ExitCode(4)
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
