import ArgumentParser
import Foundation
import PythonFrontEnd
import SchedulerEngine

extension Simulate {
  /// `giltutor simulate prog.py`: the program read and compiled as the interpreter would (CPython 3.12 so far),
  /// then run by the scheduler: its output with the simulated time of each line, then the timeline. `--dis`
  /// prints its bytecode instead.
  func runPython() throws {
    let source: String
    do {
      source = try TextFile.load(file)
    } catch {
      Stderr.print("giltutor: cannot read '\(file)': \(error.reason)")
      throw ExitCode(2)
    }
    let chosen = interpreter ?? .cpython312
    guard PythonProgram.runnableInterpreters.contains(chosen) else {
      Stderr.print(
        "giltutor: \(file): giltutor runs Python 3 programs; \(chosen.rawValue)'s Python 2 is not modelled "
          + "(choose 3.8 or later)")
      throw ExitCode(2)
    }
    guard !dis || PythonProgram.compiledInterpreters.contains(chosen) else {
      Stderr.print(
        "giltutor: \(file): --dis shows the bytecode of CPython 3.11's, 3.12's and 3.13's compilers, the ones "
          + "giltutor reproduces so far; \(chosen.rawValue)'s is not built yet (use --interpreter 3.11, 3.12 or 3.13)")
      throw ExitCode(2)
    }
    var scenario: Scenario
    do {
      if dis {
        try write(DisListing.text(PythonProgram.compile(source, file: file, interpreter: chosen), file: file))
        return
      }
      scenario = try PythonProgram.scenario(source, file: file, interpreter: chosen)
      scenario.python?.arguments = programArguments
    } catch let error as SourceDiagnostic {
      Stderr.print(lines: error.description)
      throw ExitCode(2)
    }
    // The command line's options over the program's `# giltutor:` settings.
    apply(to: &scenario, defaultTitle: scenario.title)
    let trace = simulate(scenario)
    if let problem = trace.pythonProblem {
      if problem.isBudget {
        Stderr.print(
          "\(file):\(problem.line): error: \(problem.message), the budget: it may not end (raise it with --max-events N)"
        )
        throw ExitCode(4)
      }
      Stderr.print(
        "\(problem.file ?? file):\(problem.line): error: \(problem.message) is not in giltutor's Python subset yet "
          + "(see docs/python-subset.md)")
      throw ExitCode(2)
    }
    if format == .trace {
      try writeTraceFile(trace)
      try reportBudget(trace)
      return
    }
    try write(render(trace, name: URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent))
    try reportBudget(trace)
  }
}
