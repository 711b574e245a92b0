import Foundation
import Testing

/// `giltutor simulate prog.py`: a Python program read and compiled as CPython 3.11, 3.12 or 3.13 does.
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

  @Test("--dis --interpreter 3.11 prints 3.11's own bytecode (PRECALL, LOAD_METHOD, its jumps)")
  func disListing311() throws {
    let golden = try String(
      contentsOf: GiltutorProcess.fixtureHome.appendingPathComponent("python/dis-3.11-text/counter.txt"),
      encoding: .utf8)
    let result = try GiltutorProcess.run(
      ["simulate", "Tests/Fixtures/python/counter.py", "--dis", "--interpreter", "3.11"],
      in: GiltutorProcess.packageRoot)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == golden)
    #expect(result.stdout.contains("PRECALL"))
  }

  @Test("--dis --interpreter 3.13 prints 3.13's bytecode in 3.13's format (labels, no offsets)")
  func disListing313() throws {
    let golden = try String(
      contentsOf: GiltutorProcess.fixtureHome.appendingPathComponent("python/dis-3.13-text/counter.txt"),
      encoding: .utf8)
    for interpreter in ["3.13", "3.13t"] {
      let result = try GiltutorProcess.run(
        ["simulate", "Tests/Fixtures/python/counter.py", "--dis", "--interpreter", interpreter],
        in: GiltutorProcess.packageRoot)
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout == golden)
    }
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

  static let threads = GiltutorProcess.fixtureHome.appendingPathComponent("python/threads")

  @Test("A threaded program runs: its output with each line's simulated time and thread, then the timeline")
  func simulatesAThreadedProgram() throws {
    let run = try GiltutorProcess.run(
      ["simulate", Self.threads.appendingPathComponent("producer_consumer.py").path, "--width", "100"])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first?.hasSuffix("consumer    got 0") == true, "\(run.stdout)")
    #expect(lines.contains { $0.hasSuffix("MainThread  total 10 MainThread") })
    #expect(lines.contains("exit status 0"))
    #expect(run.stdout.contains("producer_consumer.py · cpython-3.12"))
    let json = try GiltutorProcess.run(
      ["simulate", Self.threads.appendingPathComponent("main_raises.py").path, "--format", "json"])
    #expect(json.status == 0, "\(json.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(report["exit_status"] as? Int == 1)
    #expect(report["stdout"] as? String == "worker done\n")
    #expect((report["stderr"] as? String)?.hasSuffix("ValueError: the main thread fails\n") == true)
  }

  @Test("A deadlock exits 3 naming the cycle; a module outside the subset exits 2 at FILE:LINE:COL")
  func deadlockAndSubset() throws {
    let dead = try GiltutorProcess.run(["simulate", Self.threads.appendingPathComponent("deadlock.py").path])
    #expect(dead.status == 3)
    #expect(dead.stderr.contains("Thread-1 (one) waits for lock b, which Thread-2 (two) holds"), "\(dead.stderr)")
    let directory = try TemporaryDirectory()
    let file = try directory.write("import threading\nimport tkinter\n", to: "gui.py")
    let outside = try GiltutorProcess.run(["simulate", file.path])
    #expect(outside.status == 2)
    #expect(outside.stdout.isEmpty)
    #expect(outside.stderr.hasPrefix("\(file.path):2:8: error: 'import tkinter' is not in giltutor's Python subset"))
    #expect(outside.stderr.hasSuffix("\n    import tkinter\n           ^\n"), "\(outside.stderr)")
  }

  @Test(
    "--dis of another version's compiler says it is not built yet, 2.7 programs are refused; a missing file is named")
  func notBuiltYet() throws {
    let other = try GiltutorProcess.run(["simulate", Self.counter.path, "--dis", "--interpreter", "3.9"])
    #expect(other.status == 2)
    #expect(other.stderr.contains("cpython-3.9's is not built yet"), "\(other.stderr)")
    let python2 = try GiltutorProcess.run(["simulate", Self.counter.path, "--interpreter", "2.7"])
    #expect(python2.status == 2)
    #expect(python2.stderr.contains("cpython-2.7's Python 2 is not modelled"), "\(python2.stderr)")
    let missing = try GiltutorProcess.run(["simulate", "/no/such/prog.py", "--dis"])
    #expect(missing.status == 2)
    #expect(missing.stderr.hasPrefix("giltutor: cannot read '/no/such/prog.py'"), "\(missing.stderr)")
  }

  @Test("The arguments after -- are the program's sys.argv; a scenario refuses them")
  func programArguments() throws {
    let directory = try TemporaryDirectory()
    let file = try directory.write("import json, sys\nprint(json.dumps(sys.argv[1:]))\n", to: "args.py")
    let run = try GiltutorProcess.run(["simulate", file.path, "--format", "json", "--", "call", "2", "--x"])
    #expect(run.status == 0, "\(run.stderr)")
    let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
    #expect(report["stdout"] as? String == "[\"call\", \"2\", \"--x\"]\n")
    let scenario = try GiltutorProcess.run(["simulate", "convoy", "--", "x"])
    #expect(scenario.status == 2)
    #expect(scenario.stderr.contains("the arguments after -- are a Python program's"), "\(scenario.stderr)")
  }

  @Test("Another version runs the program and the output says whose instructions it ran")
  func otherVersion() throws {
    let run = try GiltutorProcess.run(["simulate", Self.counter.path, "--interpreter", "3.9"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("(3.12's instructions, checked and timed as cpython-3.9 runs its own)"))
    #expect(run.stdout.contains("cpython-3.9"))
    let later = try GiltutorProcess.run(["simulate", Self.counter.path, "--interpreter", "3.14"])
    #expect(later.stdout.contains("(3.13's instructions, checked and timed as cpython-3.14 runs its own)"))
    let own = try GiltutorProcess.run(["simulate", Self.counter.path, "--interpreter", "3.13"])
    #expect(own.status == 0, "\(own.stderr)")
    #expect(!own.stdout.contains("instructions, checked and timed as"))
  }

  @Test("A program with child processes on 3.14 says that they are forked as up to 3.13")
  func forkserverNotModelled() throws {
    let directory = try TemporaryDirectory()
    let file = try directory.write(
      "import multiprocessing\n\ndef f():\n    pass\n\nif __name__ == '__main__':\n"
        + "    p = multiprocessing.Process(target=f)\n    p.start()\n    p.join()\n", to: "fork.py")
    let old = try GiltutorProcess.run(["simulate", file.path, "--interpreter", "3.13"])
    #expect(old.status == 0 && !old.stdout.contains("forkserver"), "\(old.stderr)")
    let new = try GiltutorProcess.run(["simulate", file.path, "--interpreter", "3.14"])
    #expect(
      new.stdout.contains("(child processes forked as up to 3.13; cpython-3.14's forkserver is not modelled yet)"))
  }
}
