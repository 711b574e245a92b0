import Foundation
import Testing

/// End-to-end runs of real scenarios through the built binary.
@Suite("simulate, end to end") struct SimulateEndToEndTests {
  static let convoy = GiltutorProcess.fixtureConvoy

  func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func textTimeline() throws {
    let result = try GiltutorProcess.run(["simulate", Self.convoy.path, "--width", "100"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(
      lines.first?.hasPrefix("The convoy effect · cpython-3.11 · switch interval 5 ms · 2 cores · seed 1") == true)
    #expect(lines.contains { $0.hasPrefix("cpu ") && $0.contains("│") })
    #expect(lines.contains { $0.hasPrefix("net ") && $0.contains("│") })
    #expect(lines.contains { $0.hasPrefix("GIL ") && $0.contains("│") })
    #expect(result.stdout.contains("Legend: █ running bytecode"))
    #expect(result.stdout.contains("GIL held by: 1 cpu  2 net  · free"))
    #expect(result.stdout.contains("Total: wall time"))
    #expect(lines.allSatisfy { $0.count <= 100 })
  }

  @Test("A run past its time budget reaches the budget's end, says which limit and how to raise it, exits 4")
  func timeBudget() throws {
    let directory = try TemporaryDirectory()
    let file = try directory.write("thread a:\n    compute 7200s\nthread b:\n    io 1ms\n", to: "hours.scenario")
    let result = try GiltutorProcess.run(["simulate", file.path, "--format", "json"])
    #expect(result.status == 4)
    #expect(result.stderr.contains("budget of 3600s of simulated time"), "\(result.stderr)")
    #expect(result.stderr.contains("--max-time"))
    let report = try json(result.stdout)
    #expect(report["truncated"] as? Bool == true)
    let raised = try GiltutorProcess.run(["simulate", file.path, "--max-time", "7201s", "--format", "json"])
    #expect(raised.status == 0, "\(raised.stderr)")
  }

  @Test("A deadlock ends the run: who waits for what held by whom on standard error and in the JSON, exit 3")
  func deadlock() throws {
    let directory = try TemporaryDirectory()
    let file = GiltutorProcess.fixtureHome.appendingPathComponent("deadlock-abba.scenario")
    let result = try GiltutorProcess.run(["simulate", file.path, "--format", "json"])
    #expect(result.status == 3)
    #expect(
      result.stderr.hasSuffix(
        "(a cycle): a waits for lock second, which b holds; b waits for lock first, which a holds\n"),
      "\(result.stderr)")
    let deadlock = try json(result.stdout)["deadlock"] as? [String: Any]
    #expect(deadlock?["cycle"] as? [String] == ["a", "b"])
    let alone = try directory.write(
      "lock guard\nthread a:\n    with guard:\n        with guard:\n            compute 1ms\n", to: "self.scenario")
    let text2 = try GiltutorProcess.run(["simulate", alone.path])
    #expect(text2.status == 3)
    #expect(text2.stderr.contains("(a thread waits for itself): a waits for lock guard, which it holds itself"))
  }

  @Test("A free-threaded build warns as CPython does when an import turns the GIL on; PYTHON_GIL=0 needs that build")
  func extensionTurnsTheGILOn() throws {
    let directory = try TemporaryDirectory()
    let file = try directory.write("import legacy\nthread a:\n    compute 1ms\n", to: "legacy.scenario")
    let warned = try GiltutorProcess.run(["simulate", file.path, "--interpreter", "3.14t", "--format", "json"])
    #expect(warned.status == 0)
    #expect(
      warned.stderr.contains(
        "RuntimeWarning: The global interpreter lock (GIL) has been enabled to load module 'legacy', which has not "
          + "declared that it can run safely without the GIL."))
    #expect(try json(warned.stdout)["gil_enabled_by"] as? String == "legacy")
    let off = try directory.write("python_gil: 0\nthread a:\n    compute 1ms\n", to: "off.scenario")
    let refused = try GiltutorProcess.run(["simulate", off.path, "--interpreter", "3.12"])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("Disabling the GIL is not supported by this build"))
  }

  @Test("Subinterpreters need 3.12 and an interpreter pool 3.14: an older --interpreter is refused with the version")
  func subinterpretersNeedTheirVersion() throws {
    let directory = try TemporaryDirectory()
    let pool = try directory.write(
      "pool w = InterpreterPoolExecutor(2):\n    compute 1ms\nmain:\n    w.map(4)\n", to: "pool.scenario")
    let refused = try GiltutorProcess.run(["simulate", pool.path, "--interpreter", "3.13"])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("InterpreterPoolExecutor came with CPython 3.14"), "\(refused.stderr)")
    #expect(refused.stderr.contains("choose one with --interpreter 3.14 or later"), "\(refused.stderr)")
    let ran = try GiltutorProcess.run(["simulate", pool.path, "--interpreter", "3.14", "--format", "json"])
    #expect(ran.status == 0, "\(ran.stderr)")
    let blocks = try directory.write("subinterpreter s:\n    thread t:\n        compute 1ms\n", to: "s.scenario")
    let old = try GiltutorProcess.run(["simulate", blocks.path, "--interpreter", "3.11"])
    #expect(old.status == 2)
    #expect(old.stderr.contains("choose one with --interpreter 3.12 or later"), "\(old.stderr)")
  }

  @Test("An exception a release raises ends its thread, said on standard error and listed in the JSON")
  func releaseRaises() throws {
    let directory = try TemporaryDirectory()
    let file = try directory.write("lock g\nthread t:\n    g.release()\n", to: "release.scenario")
    let result = try GiltutorProcess.run(["simulate", file.path, "--format", "json"])
    #expect(result.status == 0)
    #expect(result.stderr.contains("giltutor: thread t raised RuntimeError: release unlocked lock at "))
    let exceptions = try json(result.stdout)["exceptions"] as? [[String: Any]]
    #expect(exceptions?.first?["error"] as? String == "RuntimeError: release unlocked lock")
  }

  /// Text and JSON count the events without keeping them: a 5-million-iteration loop (35 million events) runs whole
  /// by default. A trace file keeps them: a loop past 4 million events is kept as a lean trace, its stretches of
  /// bytecode one event each, and says so.
  @Test("A long loop runs whole when the events are only counted, and as a lean trace when they are kept")
  func longLoops() throws {
    let directory = try TemporaryDirectory()
    let file = try directory.write(
      "interpreter: 3.12\nshared counter = 0\nthread t:\n    repeat 5000000:\n        counter += 1\n",
      to: "loop.scenario")
    let counted = try GiltutorProcess.run(["simulate", file.path, "--format", "json"])
    #expect(counted.status == 0, "\(counted.stderr)")
    let report = try json(counted.stdout)
    #expect(report["truncated"] as? Bool == false)
    #expect((report["shared"] as? [String: Any])?["counter"] as? Int == 5_000_000)
    let shorter = try directory.write(
      "interpreter: 3.12\nshared counter = 0\nthread t x 2:\n    repeat 400000:\n        counter += 1\n",
      to: "shorter.scenario")
    let output = directory.url.appendingPathComponent("t.gtrace")
    let kept = try GiltutorProcess.run(["simulate", shorter.path, "--format", "trace", "--output", output.path])
    #expect(kept.status == 0, "\(kept.stderr)")
    #expect(kept.stderr.contains("this run has 5600"), "\(kept.stderr)")
    #expect(kept.stderr.contains("(a lean trace)"), "\(kept.stderr)")
    let size = try #require(try FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int)
    #expect(size < 200_000, "\(size) bytes")
    let replay = try GiltutorProcess.run(["replay", output.path, "--plain", "--lang", "en"])
    #expect(replay.status == 0, "\(replay.stderr)")
    #expect(replay.stdout.contains("instructions in"), "\(replay.stdout.prefix(2000))")
    #expect(replay.stdout.contains("t-2 finishes"))
    // Past its budget of kept events, a lean trace is cut too, and says so.
    let cut = try GiltutorProcess.run([
      "simulate", shorter.path, "--format", "trace", "--output", output.path, "--max-events", "100",
    ])
    #expect(cut.status == 4)
    #expect(cut.stderr.contains("budget of 100 kept events"), "\(cut.stderr)")
  }

  @Test("A run past its event budget says so and how to raise it, exits 4")
  func eventBudget() throws {
    let result = try GiltutorProcess.run(["simulate", Self.convoy.path, "--max-events", "100"])
    #expect(result.status == 4)
    #expect(result.stderr.contains("budget of 100 events"), "\(result.stderr)")
    #expect(result.stderr.contains("--max-events"))
    #expect(result.stdout.contains("Total: wall time"))
  }

  @Test func asciiByFlagAndByLocale() throws {
    for (arguments, environment) in [(["--ascii"], [:]), ([], ["LANG": "C"])] as [([String], [String: String?])] {
      let result = try GiltutorProcess.run(
        ["simulate", Self.convoy.path] + arguments, environment: environment)
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.unicodeScalars.allSatisfy { $0.isASCII })
      #expect(result.stdout.contains("Legend: # running bytecode"))
    }
  }

  @Test func jsonReport() throws {
    let result = try GiltutorProcess.run(["simulate", Self.convoy.path, "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let report = try json(result.stdout)
    #expect(report["scenario"] as? String == "convoy")
    #expect(report["interpreter"] as? String == "cpython-3.11")
    #expect(report["switch_interval_ms"] as? Double == 5)
    #expect(report["cores"] as? Int == 2)
    #expect(report["seed"] as? Int == 1)
    for key in ["check_interval", "wall_time_ms", "gil_switches", "tasks", "shared", "events"] {
      #expect(report[key] != nil, "\(key)")
    }
    let threads = try #require(report["threads"] as? [[String: Any]])
    #expect(threads.compactMap { $0["name"] as? String } == ["cpu", "net"])
    #expect(threads.allSatisfy { $0["cpu_ms"] is NSNumber && $0["gil_wait_ms"] is NSNumber })
    #expect((report["wall_time_ms"] as? Double ?? 0) > 40)
  }

  @Test func chromeTrace() throws {
    let result = try GiltutorProcess.run(["simulate", Self.convoy.path, "--format", "chrome"])
    #expect(result.status == 0, "\(result.stderr)")
    let trace = try json(result.stdout)
    #expect(trace["displayTimeUnit"] as? String == "ms")
    let events = try #require(trace["traceEvents"] as? [[String: Any]])
    #expect(events.contains { $0["ph"] as? String == "M" && $0["name"] as? String == "thread_name" })
    #expect(events.filter { $0["ph"] as? String == "X" && $0["cat"] as? String == "state" }.count >= 2)
    #expect(events.contains { $0["cat"] as? String == "gil" && $0["ph"] as? String == "X" })
  }

  @Test func outputFile() throws {
    let directory = try TemporaryDirectory()
    let path = directory.url.appendingPathComponent("convoy.json").path
    let result = try GiltutorProcess.run(["simulate", Self.convoy.path, "--format", "json", "--output", path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    let written = try String(contentsOfFile: path, encoding: .utf8)
    #expect(try json(written)["scenario"] as? String == "convoy")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["convoy.json"])
  }

  @Test func outputIntoAMissingFolder() throws {
    let directory = try TemporaryDirectory()
    let path = directory.url.appendingPathComponent("no/such/out.txt").path
    let result = try GiltutorProcess.run(["simulate", Self.convoy.path, "--output", path])
    #expect(result.status == 1)
    #expect(result.stderr == "giltutor: cannot write '\(path)': No such file or directory\n")
  }

  @Test func optionsOverrideTheHeader() throws {
    let result = try GiltutorProcess.run([
      "simulate", Self.convoy.path, "--interpreter", "2.7", "--check-interval", "50", "--cores", "1", "--seed", "9",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("The convoy effect · cpython-2.7 · check interval 50 · 1 core · seed 9\n"))
    let json = try GiltutorProcess.run([
      "simulate", Self.convoy.path, "--format", "json", "--interpreter", "3.13t", "--switch-interval", "0.5ms",
    ])
    let report = try self.json(json.stdout)
    #expect(report["interpreter"] as? String == "cpython-3.13t")
    #expect(report["switch_interval_ms"] as? Double == 0.5)
  }

  @Test func bareNameFromAnotherDirectory() throws {
    let elsewhere = try TemporaryDirectory()
    let result = try GiltutorProcess.run(["simulate", "convoy"], in: elsewhere.url)
    #expect(result.status == 0, "\(result.stderr)")
    // The course's own scenario, whatever it holds today.
    let bundled = GiltutorProcess.packageRoot.appendingPathComponent("Lessons/scenarios/convoy.scenario")
    #expect(result.stdout == (try GiltutorProcess.run(["simulate", bundled.path])).stdout)
  }

  @Test func titleDefaultsToTheFileName() throws {
    let directory = try TemporaryDirectory()
    let source = try String(contentsOf: Self.convoy, encoding: .utf8)
    let untitled = source.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("title:") }.joined(separator: "\n")
    let file = try directory.write(untitled, to: "no-title.scenario")
    let result = try GiltutorProcess.run(["simulate", file.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("no-title · cpython-3.11"))
    let titled = try directory.write("title: The convoy effect  # shown first\n" + untitled, to: "titled.scenario")
    #expect(try GiltutorProcess.run(["simulate", titled.path]).stdout.hasPrefix("The convoy effect · cpython-3.11"))
  }

  @Test func typoIsLocated() throws {
    let directory = try TemporaryDirectory()
    let source = try String(contentsOf: Self.convoy, encoding: .utf8)
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    let line = try #require(lines.firstIndex { $0.contains("compute 40ms") }) + 1
    let file = try directory.write(
      source.replacingOccurrences(of: "compute 40ms", with: "computee 40ms"), to: "typo.scenario")
    let result = try GiltutorProcess.run(["simulate", file.path])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    let stderr = result.stderr.split(separator: "\n")
    let first = try #require(stderr.first)
    #expect(first.hasPrefix("\(file.path):\(line):"))
    #expect(first.contains(": error: "))
    #expect(stderr.contains { $0.contains("computee 40ms") })
    #expect(stderr.contains { $0.trimmingCharacters(in: .whitespaces) == "^" })
  }

  @Test func disListsTheStatements() throws {
    let result = try GiltutorProcess.run(["simulate", Self.convoy.path, "--dis"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("Bytecode (cpython-3.11; * marks a check point):\n"))
    #expect(result.stdout.contains("thread cpu:\n"))
    #expect(result.stdout.contains("* JUMP_BACKWARD"))
    #expect(result.stdout.contains("The convoy effect · cpython-3.11"))
    // With JSON on standard output, the listing goes to standard error and the JSON stays valid.
    let json = try GiltutorProcess.run(["simulate", Self.convoy.path, "--dis", "--format", "json"])
    #expect(try self.json(json.stdout)["scenario"] as? String == "convoy")
    #expect(json.stderr.hasPrefix("Bytecode"))
  }

  /// In a terminal, the text fills the terminal's width (ioctl), not $COLUMNS.
  @Test func terminalWidthInTmux() throws {
    let session = try TmuxSession(width: 100, height: 60)
    try session.start("simulate \(Self.convoy.path)", environment: "COLUMNS=55")
    let screen = try session.ended()
    let gilRow = try #require(screen.split(separator: "\n").first { $0.hasPrefix("GIL ") })
    #expect(gilRow.count == 100)
  }
}
