import Foundation
import SchedulerEngine
import Testing
import TraceIO

/// What a file or a program names reaches standard output and standard error with its control characters
/// escaped: a hostile name cannot set the terminal's title, clear the screen or reorder the text around it.
@Suite("control characters from files are escaped, end to end")
struct ControlCharacterEndToEndTests {
  /// Sets the terminal's title, rings the bell, clears the screen; then DEL, the C1 CSI and a right-to-left override.
  static let hostile = "\u{1b}]0;PWNED\u{07}\u{1b}[2J\u{7f}\u{9b}\u{202e}"
  static let escaped = #"\x1b]0;PWNED\x07\x1b[2J\x7f\u{9b}\u{202e}"#

  /// The control characters a terminal would act on that `text` holds (newline and tab are laid out on purpose).
  static func controls(_ text: String) -> [String] {
    text.unicodeScalars.filter { scalar in
      let v = scalar.value
      return (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029
        || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }.map { "U+" + String($0.value, radix: 16) }
  }

  func expectClean(_ result: GiltutorProcess.Result, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(Self.controls(result.stdout) == [], "stdout: \(result.stdout)", sourceLocation: sourceLocation)
    #expect(Self.controls(result.stderr) == [], "stderr: \(result.stderr)", sourceLocation: sourceLocation)
  }

  @Test func replayPlainOfATraceFileWithHostileNames() throws {
    let directory = try TemporaryDirectory()
    let scenario = try ScenarioParser.parse(
      """
      lock guard
      thread a:
          with guard:
              compute 3ms
      thread b:
          with guard:
              compute 3ms
      """, file: "hostile.scenario")
    var trace = Simulator.run(scenario)
    trace.scenario.title = "title" + Self.hostile
    trace.scenario.locks[0].name = "lock" + Self.hostile
    trace.threads[0].name = "a" + Self.hostile
    trace.threads[1].name = "b\n" + Self.hostile
    let file = directory.url.appendingPathComponent("hostile.gtrace")
    try Data(TraceFile.write(trace)).write(to: file)

    let result = try GiltutorProcess.run(["replay", file.path, "--plain"])
    #expect(result.status == 0, "\(result.stderr)")
    expectClean(result)
    #expect(result.stdout.contains("a" + Self.escaped + " starts"))
    // The newline in a name is escaped too: one event, one line.
    #expect(result.stdout.contains(#"b\x0a\x1b]0;PWNED"#))
    #expect(result.stdout.split(separator: "\n").allSatisfy { $0.first == " " || $0.first?.isNumber == true })
  }

  @Test func simulateAScenarioWithAHostileTitle() throws {
    let directory = try TemporaryDirectory()
    let file = try directory.write("title: T\(Self.hostile)\nthread a:\n    compute 5ms\n", to: "title.scenario")
    for format in ["text", "json", "chrome"] {
      let result = try GiltutorProcess.run(["simulate", file.path, "--format", format])
      #expect(result.status == 0, "\(result.stderr)")
      expectClean(result)
    }
    let text = try GiltutorProcess.run(["simulate", file.path])
    #expect(text.stdout.hasPrefix("T" + Self.escaped + " · cpython-3.11"))
    // JSON keeps the title exactly, in JSON escapes.
    let json = try GiltutorProcess.run(["simulate", file.path, "--format", "json"])
    let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(report["title"] as? String == "T" + Self.hostile)
  }

  @Test func aChromeTraceWithHostileThreadAndSliceNames() throws {
    let directory = try TemporaryDirectory()
    func json(_ text: String) throws -> String {
      String(decoding: try JSONSerialization.data(withJSONObject: text, options: .fragmentsAllowed), as: UTF8.self)
    }
    let file = try directory.write(
      """
      {"traceEvents": [
      {"ph": "M", "pid": 1, "tid": 2, "name": "thread_name", "args": {"name": \(try json("worker" + Self.hostile))}},
      {"ph": "M", "pid": 1, "tid": 0, "name": "process_name", "args": {"name": \(try json("proc" + Self.hostile))}},
      {"pid": 1, "tid": 2, "ts": 100, "dur": 50, "name": \(try json("work" + Self.hostile + " (p.py:4)")), "ph": "X"},
      {"pid": 1, "tid": 2, "name": "x", "ph": \(try json("Q" + Self.hostile))}]}
      """, to: "viz.json")
    let result = try GiltutorProcess.run(["replay", file.path, "--plain"])
    #expect(result.status == 0, "\(result.stderr)")
    expectClean(result)
    #expect(result.stdout.contains("worker" + Self.escaped + " starts"))
    #expect(result.stderr.contains("(e.g. 'work" + Self.escaped + " (p.py:4)')"))
    #expect(result.stderr.contains("skipped 1 event of phase 'Q" + Self.escaped + "'"))
  }

  @Test func errorsQuoteTheBadTokenAndTheFileNameEscaped() throws {
    let directory = try TemporaryDirectory()
    let file = try directory.write("thread a:\n    compute 5ms \u{1b}[2J\u{07}\n", to: "bad.scenario")
    let result = try GiltutorProcess.run(["simulate", file.path])
    #expect(result.status == 2)
    expectClean(result)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    #expect(lines[0].hasSuffix("U+001B"))
    #expect(lines[1] == #"        compute 5ms \x1b[2J\x07"#)
    #expect(lines[2] == "                    ^")

    let name = "missing\(Self.hostile)\n.scenario"
    let missing = try GiltutorProcess.run(["simulate", name])
    #expect(missing.status == 2)
    expectClean(missing)
    #expect(missing.stderr.hasPrefix("giltutor: cannot read 'missing" + Self.escaped + #"\x0a.scenario': "#))
    let replay = try GiltutorProcess.run(["replay", directory.url.path + "/" + name])
    #expect(replay.status == 2)
    expectClean(replay)
    #expect(replay.stderr.split(separator: "\n").count == 1)

    let lesson = try directory.write("# Broken\n\n::: key scenario=missing\n", to: "Lessons/en/09-br\u{1b}[2Joken.md")
    let broken = try GiltutorProcess.run(["lesson", lesson.path, "--plain"])
    #expect(broken.status == 2)
    expectClean(broken)
    #expect(broken.stderr.contains(#"/Lessons/en/09-br\x1b[2Joken.md:3:18: error: unknown scenario 'missing'"#))
  }

  @Test func lessonListAndQuizTextInPlainForm() throws {
    let scratch = try TemporaryDirectory()
    let quiz = """
      question: number
      topic: First page
      text: How many\(Self.hostile)?
      answer: 1
      explain: One\(Self.hostile).
      """
    let data = try QuizFixture.write(into: scratch, quiz: quiz)
    try scratch.write(
      "# Fixture\(Self.hostile)\n\n## First page\n\nOne\(Self.hostile) two.\n\n```\ncode\(Self.hostile)\n```\n",
      to: "data/Lessons/en/01-fixture.md")
    let environment = ["GILTUTOR_HOME": data.path, "XDG_STATE_HOME": scratch.url.path + "/state"]
    let lesson = try GiltutorProcess.run(["lesson", "1", "--plain"], environment: environment)
    #expect(lesson.status == 0, "\(lesson.stderr)")
    expectClean(lesson)
    #expect(lesson.stdout.hasPrefix("Fixture" + Self.escaped + "\n"))
    #expect(lesson.stdout.contains("One" + Self.escaped + " two."))
    #expect(lesson.stdout.contains("    code" + Self.escaped + "\n"))

    let list = try GiltutorProcess.run(["list"], environment: environment)
    expectClean(list)
    #expect(list.stdout.contains("Fixture" + Self.escaped))

    let plainQuiz = try GiltutorProcess.run(
      ["quiz", "1", "--plain", "--seed", "1"], environment: environment, input: "1\u{1b}[2J\n1\n")
    #expect(plainQuiz.status == 0, "\(plainQuiz.stderr)")
    expectClean(plainQuiz)
    #expect(plainQuiz.stdout.contains("How many" + Self.escaped + "?"))
    #expect(plainQuiz.stdout.contains("One" + Self.escaped + "."))

    let progress = try GiltutorProcess.run(["progress"], environment: environment)
    expectClean(progress)
  }
}
