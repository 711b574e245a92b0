import Foundation
import PythonFrontEnd
import SchedulerEngine
import TerminalUI
import TraceIO
import TutorApp

// `make bench`: one line per measure, `NAME: VALUE UNIT`. Each timing is the median of several runs.

/// The median wall time of `runs` calls, in seconds.
func measure(runs: Int = 5, _ body: () -> Void) -> Double {
  let clock = ContinuousClock()
  var times: [Double] = []
  for _ in 0..<runs {
    let start = clock.now
    body()
    let elapsed = clock.now - start
    times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
  }
  return times.sorted()[times.count / 2]
}

func report(_ name: String, _ value: Double, _ unit: String, decimals: Int = 1) {
  print("\(name): \(String(format: "%.\(decimals)f", value)) \(unit)")
}

func scenario(_ text: String) -> Scenario {
  do {
    return try ScenarioParser.parse(text, file: "bench.scenario")
  } catch {
    fatalError("\(error)")
  }
}

// The engine on bytecode: four threads, a million `counter += 1` each (28 million events).
let counting = scenario("shared counter = 0\nthread adder x 4:\n    repeat 1000000:\n        counter += 1\n")
var events = 0
let unbounded = SimulationBudget(maxEvents: SimulationBudget.maximumEvents, maxTime: Limits.maximumDuration)
let countingTime = measure(runs: 3) { events = Simulator.run(counting, budget: unbounded).events.count }
report("engine_events_per_second", Double(events) / countingTime / 1e6, "million/s")
report("engine_bytecode_scenario", countingTime * 1e3, "ms")

// The engine on GIL hand-offs: ten CPU-bound threads, a simulated minute.
let handOffs = scenario("switch_interval: 1ms\nthread t x 10:\n    compute 6s\n")
var switches = 0
let handOffTime = measure(runs: 3) { switches = Simulator.run(handOffs).statistics.gilSwitches }
report("engine_gil_switches_per_second", Double(switches) / handOffTime / 1e6, "million/s", decimals: 2)

// The old GIL's battle: releases every 100 ticks.
let oldGIL = scenario("interpreter: 2.7\nthread t x 2:\n    compute 1s\n")
report("engine_old_gil_2x1s", measure(runs: 3) { _ = Simulator.run(oldGIL) } * 1e3, "ms")
// Hundreds of threads woken on two cores: finding the next sleeper must not walk past the woken ones.
let crowd = scenario("interpreter: 2.7\nthread t x 1000:\n    compute 1ms\n")
report("engine_old_gil_1000_threads", measure(runs: 1) { _ = Simulator.run(crowd) } * 1e3, "ms")

// asyncio: ten thousand tasks.
let tasks = scenario("eventloop loop:\n    task t x 10000:\n        repeat 5:\n            await sleep 10ms\n")
report("engine_asyncio_10000_tasks", measure(runs: 3) { _ = Simulator.run(tasks) } * 1e3, "ms")

// The Python interpreter on one thread: a countdown of a million (about 9 million instructions) and fib(22).
// CPython 3.12 runs them here in about 40 ms and 3 ms; running them instruction by instruction costs more, which
// advancing stretches of instructions in bulk is to remove.
func python(_ source: String) -> CodeObject {
  do {
    return try PythonProgram.compile(source, file: "bench.py", interpreter: .cpython312)
  } catch {
    fatalError("\(error)")
  }
}
let countdown = python("def countdown(n):\n    while n > 0:\n        n -= 1\n\ncountdown(1_000_000)\n")
var pythonInstructions = 0
let countdownTime = measure(runs: 3) {
  pythonInstructions = PythonMachine.run(countdown, file: "bench.py", budget: 100_000_000).instructions
}
report("python_countdown_1m", countdownTime * 1e3, "ms")
report("python_instructions_per_second", Double(pythonInstructions) / countdownTime / 1e6, "million/s")
let fib = python("def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n\nfib(22)\n")
report("python_fib_22", measure(runs: 3) { _ = PythonMachine.run(fib, file: "bench.py") } * 1e3, "ms")

// A Python program with two threads, each counting down twenty million, simulated by the scheduler (its loops
// advanced in bulk); beside it, the real CPython 3.12 on the same program when it is installed: how much faster
// simulating is than running (`..._speed_ratio`: at least 1, the goal is 10), and how close the simulated wall
// time is to the real one (`..._wall_ratio`; the machine model's times are the reference machine's, so a slower
// or faster host moves it).
let threadedCountdown = """
  import threading
  import time

  def countdown(n):
      while n > 0:
          n -= 1

  threads = [threading.Thread(target=countdown, args=(20_000_000,)) for _ in range(2)]
  start = time.perf_counter()
  for t in threads:
      t.start()
  for t in threads:
      t.join()
  print(time.perf_counter() - start)

  """
/// The program as `interpreter` compiles and runs it, simulated: its wall time (what it prints) and how long
/// simulating it took.
func simulatedCountdown(_ source: String, _ interpreter: InterpreterKind, runs: Int = 1) -> (wall: Double, took: Double)
{
  var program = Scenario(interpreter: interpreter)
  do {
    program.python = PythonSource(
      file: "bench.py", code: try PythonProgram.compile(source, file: "bench.py", interpreter: interpreter))
  } catch {
    fatalError("\(error)")
  }
  var wall = 0.0
  let took = measure(runs: runs) {
    let trace = Simulator.run(program, budget: .counted, detail: .counted)
    wall = Double(trace.output.first?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
  }
  return (wall, took)
}

// The same forty million steps in one thread: the host's speed beside the reference machine's that the
// instruction times were fitted on, so that the two-thread ratio can be read with the host's speed taken out
// (`..._host_adjusted`: simulated two threads over one, against real two threads over one).
let oneThreadCountdown = threadedCountdown.replacingOccurrences(
  of: "[threading.Thread(target=countdown, args=(20_000_000,)) for _ in range(2)]",
  with: "[threading.Thread(target=countdown, args=(40_000_000,))]")
let threaded = simulatedCountdown(threadedCountdown, .cpython312, runs: 2)
report("python_threads_countdown_2x20m", threaded.took * 1e3, "ms")
report("python_threads_countdown_simulated_wall", threaded.wall * 1e3, "ms")
for (interpreter, version) in [(InterpreterKind.cpython311, "3.11"), (.cpython312, "3.12"), (.cpython313, "3.13")] {
  let two = interpreter == .cpython312 ? threaded : simulatedCountdown(threadedCountdown, interpreter)
  guard let real = realCPython(version, threadedCountdown) else { continue }
  let tag = interpreter == .cpython312 ? "" : "_" + version.replacingOccurrences(of: ".", with: "_")
  if interpreter == .cpython312 {
    report("python_threads_countdown_real_wall", real * 1e3, "ms")
    report(
      "python_threads_countdown_speed_ratio", real / threaded.took, "x (real run time / simulation time)",
      decimals: 3)
  }
  report("python_threads_countdown_wall_ratio\(tag)", two.wall / real, "x (simulated wall / real wall)", decimals: 2)
  guard let realOne = realCPython(version, oneThreadCountdown) else { continue }
  let one = simulatedCountdown(oneThreadCountdown, interpreter)
  report(
    "python_countdown_host_speed\(tag)", realOne / one.wall,
    "x (real one-thread time / simulated: this host "
      + "beside the reference machine)", decimals: 2)
  report(
    "python_threads_countdown_wall_ratio_host_adjusted\(tag)", (two.wall / one.wall) / (real / realOne),
    "x (simulated two threads over one / real two threads over one)", decimals: 2)
}

/// The time a program prints when the real CPython `line` (say "3.12") runs it (the best of three), if one is
/// installed.
func realCPython(_ line: String, _ source: String) -> Double? {
  let root = ProcessInfo.processInfo.environment["PYENV_ROOT"] ?? NSHomeDirectory() + "/.pyenv"
  let versions = (try? FileManager.default.contentsOfDirectory(atPath: root + "/versions")) ?? []
  guard let version = versions.filter({ $0.hasPrefix(line + ".") }).sorted().last else { return nil }
  var times: [Double] = []
  for _ in 0..<3 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: root + "/versions/\(version)/bin/python3")
    process.arguments = ["-c", source]
    let output = Pipe()
    process.standardOutput = output
    guard (try? process.run()) != nil else { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard let time = Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    else { return nil }
    times.append(time)
  }
  return times.min()
}

// The parser on the largest scenario it accepts (a thousand threads).
var large = "title: large\n"
for i in 0..<500 { large += "shared v\(i) = 0\nlock l\(i)\n" }
for i in 0..<500 {
  large += "thread t\(i) x 2:\n    repeat 10:\n        with l\(i):\n            v\(i) += 1\n    io 1ms\n"
}
report("parse_1000_threads", measure { _ = scenario(large) } * 1e3, "ms")

// Output: a trace of 1.6 million events rendered three ways.
let convoy = Simulator.run(
  scenario(
    "shared c = 0\nthread cpu:\n    compute 200ms\nthread net:\n    repeat 200:\n        io 280us\n        compute 15us\n"
      + "thread adder x 2:\n    repeat 50000:\n        c += 1\n"))
report("trace_events", Double(convoy.events.count) / 1e6, "million", decimals: 2)
report("trace_bytes_per_event", Double(MemoryLayout<TraceEvent>.stride), "bytes", decimals: 0)
report("render_text_200_columns", measure { _ = TextTimeline.render(convoy, width: 200, unicode: true) } * 1e3, "ms")
report("render_json", measure { _ = JSONReport.render(convoy, scenarioName: "bench") } * 1e3, "ms")
report("render_chrome_trace", measure(runs: 3) { _ = ChromeTrace.render(convoy) } * 1e3, "ms")

// The terminal front end: from nothing to lesson 1's first frame, and one animation frame at 200×60.
let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().appendingPathComponent("Lessons")
func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}
do {
  var first: [Double] = []
  for _ in 0..<5 { first.append(seconds(try Benchmarks.timeToFirstFrame(lessonsDirectory: lessons))) }
  report("ui_time_to_first_frame", first.sorted()[2] * 1e3, "ms")
  let frame = try Benchmarks.frameBuildAndDiff(lessonsDirectory: lessons)
  report("ui_frame_200x60_build_and_diff", seconds(frame.perFrame) * 1e3, "ms", decimals: 3)
  report("ui_frame_200x60_changed_cells", frame.changedCells, "cells")
} catch {
  print("giltutor-bench: cannot load the lessons: \(error)")
}

// Replay: a trace file of about a million events (two threads counting, every bytecode recorded).
let million = Simulator.run(scenario("shared c = 0\nthread adder x 2:\n    repeat 71500:\n        c += 1\n"))
let file = TraceFile.write(million)
report("replay_trace_events", Double(million.events.count) / 1e6, "million", decimals: 2)
report("replay_trace_file_bytes_per_event", Double(file.count) / Double(million.events.count), "bytes")
func residentBytes() -> Double {
  let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
  let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
  return (Double(line.filter(\.isNumber)) ?? 0) * 1024
}
// Memory first, before any other load leaves freed pages in the allocator.
let before = residentBytes()
var replayState = AppState(
  replay: ReplayState(trace: try TraceFile.read(file), title: "bench", language: .en), width: 200, height: 60,
  language: .en, unicode: true)
let after = residentBytes()
report("replay_memory_per_event", (after - before) / Double(million.events.count), "bytes (resident, trace + steps)")
// Load as `giltutor replay` does: the whole file from disk, then decoded.
let path = FileManager.default.temporaryDirectory.appendingPathComponent("giltutor-bench-\(getpid()).gtrace")
try Data(file).write(to: path)
report(
  "replay_trace_load_from_disk",
  measure(runs: 3) { _ = try? TraceFile.read([UInt8](Data(contentsOf: path))) } * 1e3, "ms")
try? FileManager.default.removeItem(at: path)
_ = replayState.update(.key(.character("+")))
let steps = 200
let stepTime = measure {
  for i in 0..<steps { _ = replayState.update(.key(i < steps / 2 ? Key.right : .left)) }
}
report("replay_step_state_only", stepTime / Double(steps) * 1e6, "µs", decimals: 2)
let frameTime = measure {
  for i in 0..<20 {
    _ = replayState.update(.key(i < 10 ? Key.right : .left))
    _ = replayState.view()
  }
}
report("replay_step_with_frame_200x60", frameTime / 20 * 1e3, "ms", decimals: 2)
