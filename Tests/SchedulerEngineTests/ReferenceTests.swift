import Foundation
import SchedulerEngine
import Testing

/// The shipped reference scenarios reproduce the measurements of real CPython (shared reference file, 2 vCPUs):
/// each ratio within 15 % of the median, or inside the measured [min, max], whichever is wider.
@Suite("Reference measurements")
struct ReferenceTests {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Lessons/scenarios/reference")

  static func scenario(_ name: String) throws -> Scenario {
    let url = directory.appendingPathComponent("\(name).scenario")
    let text = try String(contentsOf: url, encoding: .utf8)
    return try ScenarioParser.parse(text, file: url.path)
  }

  /// Simulates reference scenario `name`, keeping statistics, GIL spans and shared values but not the events:
  /// the figures need no more, and tens of millions of kept events would cost most of the time.
  static func run(_ name: String, _ change: (inout Scenario) -> Void = { _ in }) throws -> Trace {
    var s = try scenario(name)
    change(&s)
    return Simulator.run(s, budget: referenceBudget, detail: .counted)
  }

  /// Runs that several tests read, simulated once (a static is initialised once, whichever test asks first).
  static let cpuThreads = Result { try run("cpu-threads") }
  /// The old GIL's CPU-bound runs at a quarter of the measured programs' size: their ratios and hand-off rates are
  /// those of the whole runs to 0.3 % (checked at 1/1, 1/2, 1/4 and 1/8), in a quarter of the time.
  static let oldGILThreads = Result { try run("old-gil-threads") { $0 = $0.shrunk(by: 4) } }
  static let cpuSequential27 = Result {
    try run("cpu-sequential") { $0 = $0.shrunk(by: 4).on(.cpython27) }
  }

  /// The reference runs are long (the measured programs count to millions): more than simulate's default.
  static let referenceBudget = SimulationBudget(maxEvents: 64_000_000, maxTime: 3_600 * Time.second)

  static func wall(_ trace: Trace) -> Double { Double(trace.statistics.wallTime) }

  /// Within 15 % of `median`, or inside [min, max].
  static func matches(_ value: Double, median: Double, min: Double? = nil, max: Double? = nil) -> Bool {
    if abs(value / median - 1) <= 0.15 { return true }
    if let min, let max, value >= min && value <= max { return true }
    return false
  }

  static func lostFraction(_ trace: Trace, expected: Int64) -> Double {
    let final = trace.sharedFinal.first { $0.name == "counter" }!.value
    return Double(expected - final) / Double(expected)
  }

  @Test("CPU-bound threads give no speed-up, and waiting threads burn no CPU")
  func cpuBound() throws {
    let threaded = try Self.cpuThreads.get()
    let sequential = try Self.run("cpu-sequential")
    let ratio = Self.wall(threaded) / Self.wall(sequential)
    #expect(Self.matches(ratio, median: 1.02, min: 0.98, max: 1.06), "threaded/sequential = \(ratio)")
    let cpu = Double(threaded.statistics.threads.map(\.cpu).reduce(0, +))
    #expect(Self.matches(cpu / Self.wall(threaded), median: 1.0), "CPU/wall = \(cpu / Self.wall(threaded))")
  }

  @Test("Sleeping threads overlap")
  func sleepers() throws {
    let ratio = Self.wall(try Self.run("sleepers-threads")) / Self.wall(try Self.run("sleepers-sequential"))
    #expect(Self.matches(ratio, median: 0.100, min: 0.100, max: 0.101), "ratio = \(ratio)")
  }

  @Test("A CPU-bound thread runs about one switch interval between hand-offs")
  func handOffTiming() throws {
    let trace = try Self.cpuThreads.get()
    let spans = trace.gilSpans[0].dropFirst().dropLast()
    let mean = Double(spans.map { $0.end - $0.start }.reduce(0, +)) / Double(spans.count)
    let interval = Double(trace.scenario.switchInterval)
    #expect(Self.matches(mean / interval, median: 1.02, min: 1.02, max: 1.03), "run / interval = \(mean / interval)")
    let perSecond = Double(trace.statistics.gilSwitches) / (Self.wall(trace) / 1e9)
    #expect(Self.matches(perSecond, median: 194), "switches per second = \(perSecond)")
    // The hand-off itself, from one thread's drop to the other's acquire: measured from Python as ~10–30 µs; the
    // model's is one wake-up of a polling core (about 5 µs), since what Python adds around it is not modelled.
    let list = Array(trace.gilSpans[0])
    let gaps = zip(list, list.dropFirst()).map { Double($1.start - $0.end) / 1_000 }
    let meanGap = gaps.reduce(0, +) / Double(gaps.count)
    #expect(meanGap >= 2 && meanGap <= 30, "hand-off gap = \(meanGap) µs")
  }

  /// The mean round trip of the `net` thread: its run time divided by its repetitions.
  static func roundTrip(_ trace: Trace, repetitions: Double) -> Double {
    let net = trace.threads.firstIndex { $0.name == "net" }!
    return Double(trace.statistics.threads[net].finishedAt!) / repetitions
  }

  // The reference gives latencies and throughputs measured apart; the ratios here are of latencies
  // (5.48 / 0.315 and 5.19 / 0.015).
  @Test("Convoy effect: after each reply the I/O thread waits about one interval")
  func convoy() throws {
    let alone = Self.roundTrip(try Self.run("convoy-alone"), repetitions: 200)
    let withCPU = Self.roundTrip(try Self.run("convoy"), repetitions: 200)
    #expect(Self.matches(alone / 1e6, median: 0.315), "alone: \(alone / 1e6) ms")
    #expect(Self.matches(withCPU / 5e6, median: 1.09), "with CPU: \(withCPU / 5e6) × interval")
    #expect(Self.matches(withCPU / alone, median: 5.48 / 0.315), "slowdown: \(withCPU / alone)")
  }

  @Test("Convoy effect with an immediate echo")
  func convoyEcho() throws {
    let alone = Self.roundTrip(try Self.run("convoy-echo-alone"), repetitions: 2000)
    let withCPU = Self.roundTrip(try Self.run("convoy-echo"), repetitions: 200)
    #expect(Self.matches(alone / 1e3, median: 15), "alone: \(alone / 1e3) µs")
    #expect(Self.matches(withCPU / 5e6, median: 1.04), "with CPU: \(withCPU / 5e6) × interval")
    #expect(Self.matches(withCPU / alone, median: 5190 / 15), "slowdown: \(withCPU / alone)")
  }

  @Test("counter += 1 in a loop loses nothing on 3.11, 3.12 and 3.13")
  func augmentedAssignment() throws {
    for version in [InterpreterKind.cpython311, .cpython312, .cpython313] {
      let trace = try Self.run("race-augmented") { $0.interpreter = version }
      #expect(Self.lostFraction(trace, expected: 2_000_000) == 0, "\(version)")
    }
  }

  /// Up to 3.9 the eval breaker is checked after nearly every instruction, two of them inside `counter += 1`;
  /// 3.10 checks only at back-edges, calls and function entry (bpo-29988). Measured on this machine kind, 2
  /// threads at 5 ms, medians of 3 runs: 3.9.18 loses 0.31 [0.24, 0.48], 3.10.13 nothing at any interval. The
  /// tolerance is the usual one (15 % of the median, or inside the measured range): the runs spread that widely,
  /// and a model that lost nothing (3.10's rule) or half (a check at every instruction) would fail it.
  @Test("counter += 1 in a loop loses updates on 3.8 and 3.9, none on 3.10")
  func augmentedAssignmentBefore311() throws {
    for version in [InterpreterKind.cpython38, .cpython39] {
      let lost = Self.lostFraction(try Self.run("race-augmented") { $0.interpreter = version }, expected: 2_000_000)
      #expect(Self.matches(lost, median: 0.31, min: 0.24, max: 0.48), "\(version): lost \(lost)")
    }
    let trace = try Self.run("race-augmented") { $0.interpreter = .cpython310 }
    #expect(Self.lostFraction(trace, expected: 2_000_000) == 0)
  }

  /// 3.10 still checks when a call returns and when the callee starts: measured 0.39 [0.38, 0.42] lost (3.10.13,
  /// 2 threads, 5 ms, medians of 3).
  @Test("A call between load and store loses updates on 3.10")
  func callBetween310() throws {
    let lost = Self.lostFraction(
      try Self.run("race-call") { $0.interpreter = .cpython310 }, expected: 3_000_000)
    #expect(Self.matches(lost, median: 0.39, min: 0.38, max: 0.42), "lost \(lost)")
  }

  @Test("A call between load and store loses updates")
  func callBetween() throws {
    let lost = Self.lostFraction(try Self.run("race-call"), expected: 3_000_000)
    #expect(Self.matches(lost, median: 0.41, min: 0.27, max: 0.46), "lost \(lost)")
    for version in [InterpreterKind.cpython312, .cpython313] {
      let other = Self.lostFraction(try Self.run("race-call") { $0.interpreter = version }, expected: 3_000_000)
      #expect(Self.matches(other, median: 0.325, min: 0.28, max: 0.37), "\(version): lost \(other)")
    }
  }

  @Test("sleep(0) between load and store: the threads run in lockstep and lose exactly half")
  func sleepZeroBetween() throws {
    for version in [InterpreterKind.cpython311, .cpython312, .cpython313] {
      let lost = Self.lostFraction(try Self.run("race-sleep0") { $0.interpreter = version }, expected: 40_000)
      #expect(Self.matches(lost, median: 0.50, min: 0.50, max: 0.50), "\(version): lost \(lost)")
    }
  }

  /// The measured program on 3.12; a tenth of it on every interpreter (nothing lost is exact at any size).
  @Test("With threading.Lock nothing is lost")
  func locked() throws {
    #expect(Self.lostFraction(try Self.run("race-locked") { $0.interpreter = .cpython312 }, expected: 410_000) == 0)
    for version in InterpreterKind.allCases {
      let lost = Self.lostFraction(try Self.run("race-locked") { $0 = $0.shrunk(by: 10).on(version) }, expected: 41_000)
      #expect(lost == 0, "\(version): lost \(lost)")
    }
  }

  @Test("A pool of two processes halves the time; two threads do not")
  func processes() throws {
    let sequential = Self.wall(try Self.run("cpu-sequential"))
    let pool = Self.wall(try Self.run("pool")) / sequential
    let threads = Self.wall(try Self.cpuThreads.get()) / sequential
    #expect(Self.matches(pool, median: 0.511, min: 0.48, max: 0.56), "pool \(pool)")
    #expect(Self.matches(threads, median: 1.04, min: 0.97, max: 1.21), "threads \(threads)")
  }

  @Test("asyncio: a hundred coroutines sleep at once")
  func asyncioOverlap() throws {
    let ratio = Self.wall(try Self.run("asyncio-overlap")) / Self.wall(try Self.run("asyncio-sequential"))
    #expect(Self.matches(ratio, median: 0.0102), "ratio \(ratio)")
  }

  @Test("asyncio: a coroutine that computes without awaiting makes every ticker late")
  func asyncioBlocking() throws {
    let blocked = try Self.run("asyncio-blocking")
    let worst = blocked.tasks.filter { $0.name.hasPrefix("ticker") }.map(\.maxLateness).max()!
    #expect(Self.matches(Double(worst) / 1e6, median: 201), "worst lateness \(Double(worst) / 1e6) ms")
    // Without the hog, no await is late by more than the worst tick measured (1.2 ms, which also counts the drift
    // of the tickers' own schedule).
    let free = try Self.run("asyncio-ticking")
    let worstFree = Double(free.tasks.map(\.maxLateness).max()!) / 1e6
    #expect(worstFree > 0 && worstFree <= 1.2, "without the hog \(worstFree) ms")
  }

  /// `_run_once` calls the selector on every pass, with timeout 0 when callbacks are ready: the GIL is released
  /// each time, a waiting CPU thread is signalled and finds it taken again, and never asks for it. Measured here
  /// with 3.12.1: 1.22 times the loop's time alone with 1.3 ms steps (1.45-1.78 with 0.1 ms steps, where the CPU
  /// thread sometimes wins the race for the released GIL, which the engine does not model).
  @Test("asyncio: a loop that never waits keeps the GIL beside a CPU-bound thread")
  func asyncioBusyLoop() throws {
    let beside = try Self.run("asyncio-busy")
    let loop = beside.thread("loop")
    let ratio =
      Double(beside.statistics.threads[loop].finishedAt!)
      / Double(try Self.run("asyncio-busy-alone").statistics.wallTime)
    #expect(ratio >= 1.0 && ratio <= 1.3, "beside a CPU thread / alone = \(ratio)")
  }

  @Test("Old GIL: two CPU-bound threads are slower than sequential on two cores, not on one")
  func oldGIL() throws {
    let sequential = Self.wall(try Self.cpuSequential27.get())
    let twoCores = try Self.oldGILThreads.get()
    let ratio = Self.wall(twoCores) / sequential
    #expect(Self.matches(ratio, median: 1.81, min: 1.63, max: 1.89), "two cores: \(ratio)")
    let cpu = Double(twoCores.statistics.threads.map(\.cpu).reduce(0, +)) / Self.wall(twoCores)
    #expect(Self.matches(cpu, median: 1.27), "CPU/wall \(cpu)")
    let oneCore = Self.wall(try Self.run("old-gil-threads") { $0 = $0.shrunk(by: 4).on(cores: 1) }) / sequential
    #expect(Self.matches(oneCore, median: 1.03, min: 1.01, max: 1.34), "one core: \(oneCore)")
  }

  @Test("Old GIL: four CPU-bound threads on two cores take about twice the sequential time and lose half the updates")
  func oldGILFourThreads() throws {
    let sequential = 2 * Self.wall(try Self.cpuSequential27.get())
    let four = try Self.run("old-gil-threads-4") { $0 = $0.shrunk(by: 4) }
    let ratio = Self.wall(four) / sequential
    #expect(Self.matches(ratio, median: 2.0, min: 1.75, max: 2.43), "four threads: \(ratio)")
    // Measured with a sem_wait/sem_post wrapper: 46 000–142 000 hand-offs a second (2 threads: 21 000–32 000).
    let rate = Double(four.statistics.gilSwitches) / Self.wall(four) * 1e9
    #expect(rate >= 46_000 && rate <= 142_000, "hand-offs/s \(rate)")
    let two = try Self.oldGILThreads.get()
    let twoRate = Double(two.statistics.gilSwitches) / Self.wall(two) * 1e9
    #expect(twoRate >= 21_000 && twoRate <= 32_000, "hand-offs/s with two threads \(twoRate)")
    let lost = Self.lostFraction(try Self.run("old-gil-race-4"), expected: 2_000_000)
    #expect(Self.matches(lost, median: 0.48, min: 0.47, max: 0.49), "lost \(lost)")
  }

  @Test("Old GIL: counter += 1 in a loop loses updates")
  func oldGILRace() throws {
    let lost = Self.lostFraction(try Self.run("old-gil-race"), expected: 2_000_000)
    #expect(Self.matches(lost, median: 0.26, min: 0.25, max: 0.29), "lost \(lost)")
  }
}

/// `make fidelity` runs each of its scenarios through the engine: they must keep parsing and simulating whole.
@Suite("Fidelity scenarios")
struct FidelityScenarioTests {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fidelity/scenarios")

  static let lessonScenarios = directory.deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Lessons/scenarios")

  /// Each scenario file of `folder`, at a fraction of its size, on `interpreter`: it parses, runs to its end within
  /// `budget` without a deadlock, and every thread finishes (a subinterpreter before 3.12 is refused, as `simulate`
  /// refuses it, and skipped). Returns how many files there were.
  static func simulateEach(
    in folder: URL, shrunkBy factor: Int, on interpreter: InterpreterKind, budget: SimulationBudget
  ) throws -> Int {
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".scenario") }
    for file in files.sorted() {
      let url = folder.appendingPathComponent(file)
      let scenario = try ScenarioParser.parse(try String(contentsOf: url, encoding: .utf8), file: url.path)
        .shrunk(by: factor).on(interpreter)
      if scenario.subinterpreterProblem != nil { continue }
      let trace = Simulator.run(scenario, budget: budget, detail: .counted)
      #expect(!trace.truncated, "\(file) on \(interpreter)")
      #expect(trace.deadlock == nil, "\(file) on \(interpreter)")
      #expect(trace.statistics.threads.allSatisfy { $0.finishedAt != nil }, "\(file) on \(interpreter)")
    }
    return files.count
  }

  /// The course's pictures, whatever their `interpreter:` line, on every interpreter, within a lesson picture's
  /// budget. At a fifth of their size: on their own interpreters the course's tests run them whole.
  @Test(arguments: InterpreterKind.allCases)
  func everyLessonScenarioSimulates(on interpreter: InterpreterKind) throws {
    #expect(try Self.simulateEach(in: Self.lessonScenarios, shrunkBy: 5, on: interpreter, budget: .picture) >= 25)
  }

  /// Every interpreter, each a test case of its own so that they share the cores; statistics only (no events
  /// kept), which is all this asks. At a twentieth of their size: whole, they are about 100 million events per
  /// interpreter (14 s on the old GIL), and what this asks (they parse, run to the end within the budget, every
  /// thread finishes) does not depend on how long they count.
  @Test(arguments: InterpreterKind.allCases)
  func everyScenarioSimulates(on interpreter: InterpreterKind) throws {
    let count = try Self.simulateEach(
      in: Self.directory, shrunkBy: 20, on: interpreter, budget: ReferenceTests.referenceBudget)
    #expect(count >= 19)
  }
}
