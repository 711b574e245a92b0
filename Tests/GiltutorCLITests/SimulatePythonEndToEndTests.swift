import Foundation
import Testing

/// `giltutor simulate prog.py`: a Python program read and compiled as CPython 3.12 does.
@Suite("simulate a Python program, end to end") struct SimulatePythonEndToEndTests {
  static let counter = GiltutorProcess.fixtureHome.appendingPathComponent("python/counter.py")

  @Test("--dis prints the program's bytecode as dis.dis of the real 3.12 does")
  func disListing() throws {
    let directory = try TemporaryDirectory()
    // Relative to the project, as the stored listing names the file.
    let result = try GiltutorProcess.run(
      ["simulate", "Tests/Fixtures/python/counter.py", "--dis"], in: GiltutorProcess.packageRoot)
    #expect(result.status == 0, "\(result.stderr)")
    let golden = try String(
      contentsOf: GiltutorProcess.fixtureHome.appendingPathComponent("python/dis-3.12-text/counter.txt"),
      encoding: .utf8)
    #expect(result.stdout == golden)
    let output = directory.url.appendingPathComponent("counter.dis")
    let saved = try GiltutorProcess.run(
      ["simulate", "Tests/Fixtures/python/counter.py", "--dis", "--interpreter", "3.12", "--output", output.path],
      in: GiltutorProcess.packageRoot)
    #expect(saved.status == 0, "\(saved.stderr)")
    #expect(try String(contentsOf: output, encoding: .utf8) == golden)
  }

  @Test("A syntax error is FILE:LINE:COL with CPython's message and a caret, exit 2")
  func syntaxError() throws {
    let directory = try TemporaryDirectory()
    let file = try directory.write("import threading\nif ready\n    go()\n", to: "bad.py")
    let result = try GiltutorProcess.run(["simulate", file.path, "--dis"])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr == "\(file.path):2:9: error: SyntaxError: expected ':'\n    if ready\n            ^\n")
  }

  @Test("What is not built yet says so and exits 2: simulating, other versions' compilers")
  func notBuiltYet() throws {
    let run = try GiltutorProcess.run(["simulate", Self.counter.path])
    #expect(run.status == 2)
    #expect(run.stderr.contains("simulating a Python program is not built yet"), "\(run.stderr)")
    let other = try GiltutorProcess.run(["simulate", Self.counter.path, "--dis", "--interpreter", "3.9"])
    #expect(other.status == 2)
    #expect(other.stderr.contains("cpython-3.9's compiler is not built yet"), "\(other.stderr)")
    let missing = try GiltutorProcess.run(["simulate", "/no/such/prog.py", "--dis"])
    #expect(missing.status == 2)
    #expect(missing.stderr.hasPrefix("giltutor: cannot read '/no/such/prog.py'"), "\(missing.stderr)")
  }
}
