import Foundation
import Testing

/// `giltutor simulate --format trace`, `giltutor replay` and `giltutor record`, run as a user would.
@Suite("replay and record, end to end", .serialized)
struct ReplayEndToEndTests {
  static let convoy = GiltutorProcess.fixtureConvoy
  static let examples = GiltutorProcess.packageRoot.appendingPathComponent("examples")

  /// `simulate convoy --format trace --output DIR/convoy.gtrace`.
  static func convoyTrace(in directory: TemporaryDirectory) throws -> String {
    let path = directory.url.appendingPathComponent("convoy.gtrace").path
    let result = try GiltutorProcess.run(["simulate", Self.convoy.path, "--format", "trace", "--output", path])
    #expect(result.status == 0, "\(result.stderr)")
    return path
  }

  @Test func simulateTraceReplayStepForwardBackEndAndQuit() throws {
    let directory = try TemporaryDirectory()
    let path = try Self.convoyTrace(in: directory)
    let session = try TmuxSession(width: 80, height: 24)
    try session.start("replay \(path)")
    // The whole first screen, down to its status bar (the last row drawn).
    let first = try session.wait("the replay screen") {
      ReplayScreen.event($0)?.0 == 1 && $0.contains("The lock as a key") && $0.contains("q quit")
    }
    #expect(first.contains("cpu starts; it needs the GIL to run Python code"))
    for _ in 0..<5 { try session.keys("Right") }
    // A capture may fall between the header and the rest of one frame: wait for the whole of it.
    try session.wait("event 6 and its explanation") {
      ReplayScreen.event($0)?.0 == 6 && $0.contains("net has waited 5 ms for the GIL and sets the drop request")
    }
    for _ in 0..<5 { try session.keys("Left") }
    // Back at event 1, the screen is the first one again, cell for cell.
    try session.wait("the first screen again") { $0 == first }
    try session.keys("S-Right")
    try session.wait("a hand-off") { $0.contains("takes the GIL from cpu: a hand-off") }
    try session.keys("G")
    // A capture may fall between the header and the explanation of one frame: wait for both.
    try session.wait("the end") { (ReplayScreen.event($0).map { $0.0 == $0.1 } ?? false) && $0.contains("finishes") }
    try session.keys("q")
    try session.expectEnded(with: 0)
  }

  @Test func russianSearchJumpAndCtrlC() throws {
    let directory = try TemporaryDirectory()
    let path = try Self.convoyTrace(in: directory)
    let session = try TmuxSession(width: 120, height: 36)
    try session.start("replay \(path) --lang ru")
    try session.wait("the Russian screen") { $0.contains("Палочка слова") && $0.contains("событие 1/") }
    try session.keys(":", "2", "0", "m", "s", "Enter")
    try session.wait("the jump") { ($0.split(separator: "\n").first ?? "").contains("t = 2") }
    try session.keys("/")
    try session.keys("-l", "сброс")
    try session.keys("Enter")
    try session.waitFor("выставляет запрос на сброс")
    try session.keys("x")
    try session.waitFor("неизвестная клавиша")
    try session.keys("C-c")
    try session.expectEnded(with: 130)
  }

  @Test func plainTextAndBinaryToAPipe() throws {
    let directory = try TemporaryDirectory()
    let path = try Self.convoyTrace(in: directory)
    let plain = try GiltutorProcess.run(["replay", path, "--plain"])
    #expect(plain.status == 0, "\(plain.stderr)")
    #expect(plain.stdout.contains("net has waited 5 ms for the GIL and sets the drop request"))
    // Standard output is not a terminal here, so the binary trace may go there.
    let piped = try GiltutorProcess.run(["simulate", Self.convoy.path, "--format", "trace"])
    #expect(piped.status == 0)
    #expect(piped.stdout.hasPrefix("GILTRACE"))
    // Without a terminal the screen cannot open: say what to do instead.
    let noTerminal = try GiltutorProcess.run(["replay", path])
    #expect(noTerminal.status == 2)
    #expect(noTerminal.stderr.contains("try 'giltutor replay FILE --plain'"))
  }

  @Test func binaryTraceIsNotWrittenToATerminal() throws {
    let session = try TmuxSession(width: 100, height: 30)
    try session.start("simulate \(Self.convoy.path) --format trace")
    let text = try session.ended()
    #expect(text.contains("--format trace writes binary data: give --output FILE or redirect standard output"))
    #expect(text.contains("EXIT=64"))
  }

  @Test func damagedFilesAreRefusedWithThePosition() throws {
    let directory = try TemporaryDirectory()
    let path = try Self.convoyTrace(in: directory)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    let cut = directory.url.appendingPathComponent("cut.gtrace")
    try bytes.prefix(bytes.count - 30).write(to: cut)
    let truncated = try GiltutorProcess.run(["replay", cut.path, "--plain"])
    #expect(truncated.status == 2)
    #expect(truncated.stderr.hasPrefix("\(cut.path): error: byte "), "\(truncated.stderr)")
    #expect(truncated.stderr.contains("truncated"))
    var newer = bytes
    newer[8] = 9
    let future = directory.url.appendingPathComponent("future.gtrace")
    try newer.write(to: future)
    let refused = try GiltutorProcess.run(["replay", future.path])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("version 9 is newer than this giltutor reads"))
    let json = try directory.write("{\"traceEvents\": [\n  {\"ph\": \"X\", \"ts\": 1,", to: "cut.json")
    let badJSON = try GiltutorProcess.run(["replay", json.path, "--plain"])
    #expect(badJSON.status == 2)
    #expect(badJSON.stderr.hasPrefix("\(json.path):2:"), "\(badJSON.stderr)")
    let text = try directory.write("hello", to: "hello.txt")
    let other = try GiltutorProcess.run(["replay", text.path])
    #expect(other.status == 2)
    #expect(other.stderr.contains("neither a giltutor trace file nor Chrome trace JSON"))
  }

  @Test("Chrome JSON with a byte-order mark is read; one over the size limit is refused before it is read")
  func chromeByteOrderMarkAndSizeLimit() throws {
    let directory = try TemporaryDirectory()
    let event = "{\"ph\": \"X\", \"pid\": 1, \"tid\": 2, \"ts\": 100, \"dur\": 50, \"name\": \"running\"}"
    let file = directory.url.appendingPathComponent("bom.json")
    try Data([0xEF, 0xBB, 0xBF] + Array("[\(event)]".utf8)).write(to: file)
    let read = try GiltutorProcess.run(["replay", file.path, "--plain"])
    #expect(read.status == 0, "\(read.stderr)")
    #expect(read.stdout.contains("tid 2 starts"))
    let big = try directory.write(
      "[" + Array(repeating: event, count: 15_000).joined(separator: ",") + "]", to: "big.json")
    let refused = try GiltutorProcess.run(["replay", big.path, "--plain", "--max-json-megabytes", "1"])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("at most 1 MB (raise it with --max-json-megabytes N"), "\(refused.stderr)")
    let raised = try GiltutorProcess.run(["replay", big.path, "--plain", "--max-json-megabytes", "2"])
    #expect(raised.status == 0, "\(raised.stderr)")
  }

  @Test("A trace cut by its budget is written, and replay says it stops early")
  func aCutTraceSaysSo() throws {
    let directory = try TemporaryDirectory()
    let path = directory.url.appendingPathComponent("cut.gtrace").path
    let simulated = try GiltutorProcess.run(
      ["simulate", Self.convoy.path, "--format", "trace", "--output", path, "--max-events", "50"])
    #expect(simulated.status == 4)
    let replayed = try GiltutorProcess.run(["replay", path, "--plain"])
    #expect(replayed.status == 0, "\(replayed.stderr)")
    #expect(replayed.stderr.contains("note: the simulation stopped at its event budget"), "\(replayed.stderr)")
  }

  @Test func aChromeTraceFromElsewhereReplaysWithNotes() throws {
    let directory = try TemporaryDirectory()
    let file = try directory.write(
      """
      {"traceEvents": [
      {"ph": "M", "pid": 1, "tid": 2, "name": "thread_name", "args": {"name": "worker"}},
      {"pid": 1, "tid": 2, "ts": 100, "dur": 50, "name": "work (prog.py:4)", "ph": "X", "cat": "FEE"}]}
      """, to: "viz.json")
    let result = try GiltutorProcess.run(["replay", file.path, "--plain"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("worker starts"))
    #expect(result.stderr.contains("note: 1 slices named after functions"))
    #expect(result.stderr.contains("note: no GIL track"))
  }

  @Test func recordARealProgramAndReplayIt() throws {
    let directory = try TemporaryDirectory()
    let output = directory.url.appendingPathComponent("convoy.gtrace").path
    let script = Self.examples.appendingPathComponent("convoy.py").path
    let record = try GiltutorProcess.run(["record", "--output", output, "--", "python3", script])
    #expect(record.status == 0, "\(record.stderr)")
    #expect(record.stderr.contains("giltutor: recorded 3 threads"))
    let plain = try GiltutorProcess.run(["replay", output, "--plain"])
    #expect(plain.status == 0, "\(plain.stderr)")
    // The I/O thread comes back from its short sleeps and must wait for the CPU-bound thread's GIL.
    #expect(plain.stdout.contains("net calls time.sleep and releases the GIL"))
    #expect(plain.stdout.contains("net asks for the GIL; cpu holds it, so net waits"))
    #expect(plain.stdout.contains("net takes the GIL from cpu: a hand-off"))

    let session = try TmuxSession(width: 100, height: 30)
    try session.start("replay \(output)")
    try session.waitFor("convoy.py")
    try session.keys("]")
    try session.wait("a hand-off") { $0.contains(": a hand-off") }
    try session.keys("q")
    let (status, _) = try session.exitAndTerminalState()
    #expect(status == 0)
  }

  @Test func recordRefusesAMissingCommandAndReportsAFailingProgram() throws {
    let missing = try GiltutorProcess.run(["record"])
    #expect(missing.status == 64)
    #expect(missing.stderr.contains("give the Python command after --"))
    let directory = try TemporaryDirectory()
    let absent = try GiltutorProcess.run([
      "record", "--", "python3", directory.url.appendingPathComponent("no.py").path,
    ])
    #expect(absent.status == 2)
    #expect(absent.stderr.contains("can't open file"))
    #expect(absent.stderr.contains("giltutor: no trace written"))
    let script = try directory.write("import sys\nprint('hi')\nsys.exit(3)\n", to: "fails.py")
    let output = directory.url.appendingPathComponent("fails.gtrace").path
    let result = try GiltutorProcess.run(["record", "--output", output, "--", "python3", script.path])
    #expect(result.status == 3)
    #expect(result.stdout == "hi\n")
    #expect(result.stderr.contains("the program exited with status 3"))
    #expect(FileManager.default.fileExists(atPath: output))
  }
}

/// The replay's header: "event N/TOTAL".
enum ReplayScreen {
  static func event(_ screen: String) -> (Int, Int)? {
    guard let header = screen.split(separator: "\n").first, let range = header.range(of: "event ") else { return nil }
    let parts = header[range.upperBound...].prefix { $0 != " " }.split(separator: "/")
    guard parts.count == 2, let n = Int(parts[0]), let total = Int(parts[1]) else { return nil }
    return (n, total)
  }
}
