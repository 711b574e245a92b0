import Foundation
import SchedulerEngine
import Testing

@testable import PythonFrontEnd

/// Advancing a thread's local arithmetic in bulk is the same run as running each instruction alone: every event,
/// state span, GIL span, line of output and exit status is the same, on every kind of build.
@Suite("Bulk advancing: the same trace as step by step")
struct BulkAdvanceTests {
  /// Programs whose hot loops bulk advancing takes on, and the places where it must hand back to the interpreter:
  /// a call, a global, a division by zero, an unbound local, a generator's frame.
  static let programs: [String: String] = [
    "countdown": """
    import threading

    def countdown(n):
        while n > 0:
            n -= 1
        return n

    threads = [threading.Thread(target=countdown, args=(30_000,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(countdown(1000))
    """,
    "arithmetic": """
    import threading

    results = []

    def work(k):
        total = 0
        x = 1.5
        for i in range(20_000):
            total += i * k % 7 - (i // 3)
            x = x * 1.0001 + -i / 1000
            if not (i & 3) or i ^ 5 < 2:
                total -= 1
        results.append((k, total, round(x, 3)))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(1, 4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(sorted(results))
    """,
    "module_names": """
    import threading

    counter = 0
    total = 0
    for i in range(3_000):
        total += i % 7
    new_name = total * 2

    class Tally:
        seen = 0
        for k in range(100):
            seen += k

    def bump():
        global counter, fresh
        for _ in range(4_000):
            counter += 1
        fresh = counter

    threads = [threading.Thread(target=bump) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(total, new_name, Tally.seen, counter, fresh)
    """,
    "hand_backs": """
    import threading

    counter = 0
    said = []

    def helper(v):
        return v + 1

    def gen(n):
        i = 0
        while i < n:
            i += 1
            yield i * 2

    def work():
        global counter
        a = 0
        for i in range(5_000):
            a = helper(a)
            counter += 1
        for v in gen(3_000):
            a += v
        try:
            b = a // (a - a)
        except ZeroDivisionError:
            said.append("zero")
        z = 0
        try:
            # Four instructions that fuse, handed back at the division.
            q = a // z
        except ZeroDivisionError:
            said.append("fused")
        if a < 0:
            unbound = 1
        try:
            said.append(unbound)
        except UnboundLocalError:
            said.append("unbound")
        return a

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(counter, said)
    """,
  ]

  static func traces(_ source: String, _ interpreter: InterpreterKind, detail: EventDetail) throws -> (Trace, Trace) {
    let scenario = try PythonProgram.scenario(source, file: "prog.py", interpreter: interpreter)
    let budget = SimulationBudget(maxEvents: 4_000_000, maxTime: 60 * Time.second)
    return (
      Simulator.run(scenario, budget: budget, detail: detail),
      Simulator.run(scenario, budget: budget, detail: detail, stepByStep: true)
    )
  }

  /// (Each program runs without a problem, so that the traces compared are whole runs.)
  @Test(
    arguments: programs.keys.sorted(),
    [InterpreterKind.cpython39, .cpython310, .cpython312, .cpython313, .cpython313t, .cpython314t])
  func bulkIsStepByStep(_ name: String, _ interpreter: InterpreterKind) throws {
    let (bulk, single) = try Self.traces(Self.programs[name]!, interpreter, detail: .every)
    #expect(single.truncation == nil && single.pythonProblem == nil, "\(String(describing: single.pythonProblem))")
    #expect(single.exitStatus == 0 && !single.output.contains(where: \.isError))
    #expect(bulk.events.count == single.events.count)
    #expect(bulk.events == single.events)
    #expect(bulk.spans == single.spans)
    #expect(bulk.gilSpans == single.gilSpans)
    #expect(bulk.output == single.output)
    #expect(bulk.exitStatus == single.exitStatus)
    #expect(bulk.statistics == single.statistics)
  }

  /// The test programs' fixtures too, each on 3.12.
  @Test(
    arguments: try FileManager.default.contentsOfDirectory(atPath: ThreadedProgramTests.folder.path).filter {
      $0.hasSuffix(".py")
    }.sorted())
  func fixturesRunTheSame(_ file: String) throws {
    let source = try String(contentsOf: ThreadedProgramTests.folder.appendingPathComponent(file), encoding: .utf8)
    let (bulk, single) = try Self.traces(source, .cpython312, detail: .every)
    #expect(bulk.events == single.events)
    #expect(bulk.spans == single.spans)
    #expect(bulk.output == single.output)
    #expect(bulk.deadlock == single.deadlock)
  }

  /// In a lean trace too, and in a counted run, whose events are counted alike.
  @Test(arguments: programs.keys.sorted())
  func leanAndCountedRunsAreTheSame(_ name: String) throws {
    let (bulkLean, singleLean) = try Self.traces(Self.programs[name]!, .cpython312, detail: .lean)
    #expect(bulkLean.events == singleLean.events)
    #expect(bulkLean.eventCount == singleLean.eventCount)
    let (bulkCounted, singleCounted) = try Self.traces(Self.programs[name]!, .cpython312, detail: .counted)
    #expect(bulkCounted.eventCount == singleCounted.eventCount)
    #expect(bulkCounted.spans == singleCounted.spans)
    #expect(bulkCounted.output == singleCounted.output)
  }

  /// The hand-backs print what CPython prints, and the loops advanced in bulk compute what it computes.
  @Test func bulkRunsComputeCPythonsValues() throws {
    let (countdown, _) = try Self.traces(Self.programs["countdown"]!, .cpython312, detail: .counted)
    #expect(countdown.output.map(\.text).joined() == "0\n")
    let (handBacks, _) = try Self.traces(Self.programs["hand_backs"]!, .cpython312, detail: .counted)
    let printed = handBacks.output.map(\.text).joined()
    #expect(printed == "10000 ['zero', 'fused', 'unbound', 'zero', 'fused', 'unbound']\n", "\(printed)")
    let (names, _) = try Self.traces(Self.programs["module_names"]!, .cpython312, detail: .counted)
    #expect(names.output.map(\.text).joined() == "8994 17988 4950 8000 8000\n")
  }

  /// An int that would leave 64 bits is the interpreter's to report (giltutor does not model bigger ones): both
  /// ways stop at the same instruction.
  @Test func overflowIsHandedBack() throws {
    let source = "def grow():\n    x = 3\n    while True:\n        x = x * x\n\ngrow()\n"
    let (bulk, single) = try Self.traces(source, .cpython312, detail: .every)
    #expect(single.pythonProblem?.message == "integers beyond 64 bits")
    #expect(bulk.pythonProblem == single.pythonProblem)
    #expect(bulk.events == single.events)
  }

  /// A runaway loop that bulk advancing runs stops at the budget of a counted run, with a sixteenth of an event
  /// spent per instruction: sixteen times as many instructions as the budget's events.
  @Test func runawayLoopStopsAtTheBudget() throws {
    let scenario = try PythonProgram.scenario("def spin():\n    while True:\n        pass\n\nspin()\n", file: "spin.py")
    let trace = Simulator.run(
      scenario, budget: SimulationBudget(maxEvents: 100_000, maxTime: 3_600 * Time.second), detail: .counted)
    #expect(trace.truncation == .events)
    #expect(trace.eventCount > 1_500_000 && trace.eventCount < 1_700_000, "\(trace.eventCount)")
  }
}

/// Whether a stretch is worth entering in bulk goes by the work its instructions do: 3.13's fused loads and
/// stores count twice, so a loop that a call cuts into short stretches is advanced in bulk on 3.13 as on 3.12,
/// and a run whose events are counted stays as cheap.
@Suite("Bulk advancing: where a stretch is worth entering")
struct BulkEntryTests {
  static let spinner = """
    import time

    def spin(count, pause, resumes):
        last = time.perf_counter()
        for _ in range(count):
            now = time.perf_counter()
            if now - last > pause:
                resumes.append(now)
            last = now

    spin(200_000, 1.0, [])
    """

  @Test(arguments: [InterpreterKind.cpython312, .cpython313])
  func stretchesBetweenCallsRunInBulk(_ interpreter: InterpreterKind) throws {
    let scenario = try PythonProgram.scenario(Self.spinner, file: "spin.py", interpreter: interpreter)
    // About 14 instructions an iteration: one event each would be 2.8 million; in bulk they are a sixteenth.
    let trace = Simulator.run(
      scenario, budget: SimulationBudget(maxEvents: 1_500_000, maxTime: 60 * Time.second), detail: .counted)
    #expect(trace.truncation == nil, "\(String(describing: trace.truncation))")
  }
}
