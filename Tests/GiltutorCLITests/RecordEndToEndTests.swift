import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Whether `name` is an executable on PATH.
func onPath(_ name: String) -> Bool {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  return path.split(separator: ":").contains {
    FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
  }
}

/// `giltutor record` with a real Python: threads, exit statuses, signals, `-c`, and a program reading the terminal.
@Suite("record, end to end", .serialized, .enabled(if: onPath("python3"), "needs python3"))
struct RecordEndToEndTests {
  /// Waits (at most a minute) until `file` holds a pid, and returns it.
  func pid(in file: URL) throws -> pid_t {
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      if let text = try? String(contentsOf: file, encoding: .utf8), let pid = pid_t(text) { return pid }
      Thread.sleep(forTimeInterval: 0.05)
    }
    throw Failure("the program never wrote its pid")
  }

  /// Kills the program `pid` if a failing test left it running.
  func stray(_ pid: pid_t) {
    if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }

  /// `source` written to DIRECTORY/NAME.py and recorded with `giltutor record --output DIRECTORY/NAME.gtrace`.
  func record(_ source: String, as name: String, in directory: TemporaryDirectory) throws -> (
    result: GiltutorProcess.Result, script: String, output: String
  ) {
    let script = try directory.write(source, to: "\(name).py").path
    let output = directory.url.appendingPathComponent("\(name).gtrace").path
    return (try GiltutorProcess.run(["record", "--output", output, "--", "python3", script]), script, output)
  }

  /// A program that writes its pid, then sleeps in a loop until stopped.
  static let sleeper = """
    import os, sys, time
    def nap():
        time.sleep(0.01)
    with open(sys.argv[1], "w") as out:
        out.write(str(os.getpid()))
    while True:
        nap()

    """

  @Test(arguments: [(SIGTERM, 143, "SIGTERM"), (SIGINT, 130, "SIGINT"), (SIGHUP, 129, "SIGHUP")])
  func aSignalStopsTheProgramAndTheTraceIsWrittenIncomplete(signal: Int32, status: Int32, name: String) throws {
    let directory = try TemporaryDirectory()
    let script = try directory.write(Self.sleeper, to: "sleeper.py")
    let pidFile = directory.url.appendingPathComponent("pid")
    let output = directory.url.appendingPathComponent("sleeper.gtrace").path
    let giltutor = try GiltutorProcess.Running(
      ["record", "--output", output, "--", "python3", script.path, pidFile.path], scratch: directory)
    let child = try pid(in: pidFile)
    defer { stray(child) }
    Thread.sleep(forTimeInterval: 0.2)  // some sleeps to record; the test does not depend on how many
    kill(giltutor.process.processIdentifier, signal)
    #expect(giltutor.wait() == status)
    // giltutor waited for the program: it is gone, not left running on its own.
    #expect(kill(child, 0) == -1 && errno == ESRCH, "the program (pid \(child)) is still running")
    let stderr = try giltutor.stderr()
    #expect(stderr.contains("giltutor: recorded 1 threads"), "\(stderr)")
    #expect(stderr.contains("giltutor: the recording is incomplete: the program was"), "\(stderr)")
    #expect(stderr.contains(name), "\(stderr)")
    let plain = try GiltutorProcess.run(["replay", output, "--plain"])
    #expect(plain.status == 0, "\(plain.stderr)")
    #expect(plain.stdout.contains("MainThread starts"))
  }

  @Test func threadsWhoseIdsAreReusedAreRowsOfTheirOwn() throws {
    let directory = try TemporaryDirectory()
    let (result, _, _) = try record(
      """
      import threading
      def work():
          sum(range(100))
      for _ in range(200):
          thread = threading.Thread(target=work)
          thread.start()
          thread.join()

      """, as: "short", in: directory)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("giltutor: recorded 201 threads"), "\(result.stderr)")
  }

  @Test func osExitPassesItsStatusThroughWithTheTrace() throws {
    let directory = try TemporaryDirectory()
    let (result, _, output) = try record(
      "import os, time\ntime.sleep(0.001)\nos._exit(3)\n", as: "quits", in: directory)
    #expect(result.status == 3, "\(result.stderr)")
    #expect(result.stderr.contains("giltutor: recorded 1 threads"), "\(result.stderr)")
    #expect(result.stderr.contains("giltutor: the program exited with status 3"))
    #expect(try GiltutorProcess.run(["replay", output, "--plain"]).status == 0)
  }

  @Test func aProgramKilledByASignalIsReportedAsSuch() throws {
    let directory = try TemporaryDirectory()
    let (result, script, output) = try record(
      "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n", as: "killed", in: directory)
    #expect(result.status == 137, "\(result.stderr)")
    #expect(
      result.stderr.contains("giltutor: no trace written: 'python3 \(script)' was killed by signal 9 (SIGKILL)"))
    #expect(!result.stderr.contains("exited with status"))
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  @Test func pythonDashCIsRecordedToRecordGtrace() throws {
    let directory = try TemporaryDirectory()
    let code =
      "import sys, threading; t = threading.Thread(target=print, args=sys.argv, name='worker'); t.start(); t.join()"
    let result = try GiltutorProcess.run(["record", "--", "python3", "-c", code, "one"], in: directory.url)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "-c one\n")
    #expect(result.stderr.contains("giltutor: recorded 2 threads"), "\(result.stderr)")
    #expect(result.stderr.contains("to record.gtrace"))
    let trace = directory.url.appendingPathComponent("record.gtrace").path
    let plain = try GiltutorProcess.run(["replay", trace, "--plain"])
    #expect(plain.status == 0, "\(plain.stderr)")
    #expect(plain.stdout.contains("worker"))
    let help = try GiltutorProcess.run(["record", "--help"])
    #expect(help.stdout.contains("record.gtrace for -c"))
  }

  @Test func aProgramReadingTheTerminalGetsItsLineAndEnds() throws {
    try #require(onPath("tmux"), "needs tmux")
    let session = try TmuxSession(width: 100, height: 30)
    let script = try session.home.write("name = input('name? ')\nprint('hello', name)\n", to: "ask.py")
    let output = session.home.url.appendingPathComponent("ask.gtrace").path
    try session.start(
      "record --output \(output) -- python3 \(script.path)",
      environment: "GILTUTOR_HOME=\(GiltutorProcess.packageRoot.path)")
    try session.waitFor("name?", seconds: 60)
    try session.keys("bob", "Enter")
    try session.waitFor("hello bob")
    let text = try session.ended(seconds: 60)
    #expect(text.contains("EXIT=0"), "\(text)")
    #expect(text.contains("giltutor: recorded 1 threads"), "\(text)")
    #expect(FileManager.default.fileExists(atPath: output))
  }

  /// Ctrl-C from the terminal reaches the program (same process group), and giltutor outlives it to write the trace.
  @Test func ctrlCInTheTerminalEndsTheProgramAndWritesTheTrace() throws {
    try #require(onPath("tmux"), "needs tmux")
    let session = try TmuxSession(width: 100, height: 30)
    let script = try session.home.write(Self.sleeper, to: "sleeper.py")
    let pidFile = session.home.url.appendingPathComponent("child-pid")
    let output = session.home.url.appendingPathComponent("sleeper.gtrace").path
    try session.start(
      "record --output \(output) -- python3 \(script.path) \(pidFile.path)",
      environment: "GILTUTOR_HOME=\(GiltutorProcess.packageRoot.path)")
    let child = try pid(in: pidFile)
    defer { stray(child) }
    try session.keys("C-c")
    let text = try session.ended(seconds: 60)
    #expect(text.contains("EXIT=130"), "\(text)")
    #expect(text.contains("giltutor: the recording is incomplete: the program was interrupted"), "\(text)")
    #expect(kill(child, 0) == -1 && errno == ESRCH)
    #expect(try GiltutorProcess.run(["replay", output, "--plain"]).status == 0)
  }
}
