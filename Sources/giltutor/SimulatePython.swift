import ArgumentParser
import Foundation
import PythonFrontEnd
import SchedulerEngine

extension Simulate {
  /// `giltutor simulate prog.py`: the program read and compiled as the interpreter would (CPython 3.12 so far);
  /// `--dis` prints its bytecode. Simulating it is the part still being built, and says so.
  func runPython() throws {
    let source: String
    do {
      source = try TextFile.load(file)
    } catch {
      Stderr.print("giltutor: cannot read '\(file)': \(error.reason)")
      throw ExitCode(2)
    }
    let chosen = interpreter ?? .cpython312
    guard PythonProgram.compiledInterpreters.contains(chosen) else {
      Stderr.print(
        "giltutor: \(file): giltutor compiles Python as CPython 3.12 does so far; \(chosen.rawValue)'s compiler "
          + "is not built yet (use --interpreter 3.12)")
      throw ExitCode(2)
    }
    let code: CodeObject
    do {
      code = try PythonProgram.compile(source, file: file, interpreter: chosen)
    } catch {
      Stderr.print(lines: error.description)
      throw ExitCode(2)
    }
    guard dis else {
      Stderr.print(
        "giltutor: \(file) compiles, but simulating a Python program is not built yet: --dis prints its "
          + "bytecode as CPython 3.12 compiles it; to simulate it, write it as a scenario "
          + "(docs/scenario-language.md)")
      throw ExitCode(2)
    }
    try write(DisListing.text(code, file: file))
  }
}
