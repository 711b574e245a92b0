import SchedulerEngine
import Testing

/// A lean trace is the same run as the whole one, with the long stretches of bytecode kept as one event each.
@Suite struct LeanTraceTests {
  static let loop = """
    switch_interval: 10us
    shared c = 0
    thread t x 2:
        repeat 5000:
            c += 1
    """
  static let guarded = """
    switch_interval: 50us
    shared c = 0
    lock guard
    thread t x 2:
        repeat 200:
            with guard:
                c += 1
        repeat 1000:
            c += 1
        io 100us
        repeat 1000:
            c += 1
    """

  /// The same run, whole and lean, on interpreters whose switches fall in different places (a back-edge, between
  /// any two instructions, the old GIL's ticks, no GIL at all).
  static let cases: [(whole: Trace, lean: Trace)] = [
    (loop, .cpython312), (loop, .cpython39), (loop, .cpython27), (loop, .cpython313t), (guarded, .cpython312),
    (guarded, .cpython27),
  ].map { source, interpreter in
    var scenario = try! ScenarioParser.parse(source, file: "t.scenario")
    scenario.interpreter = interpreter
    if interpreter == .cpython27 { scenario.checkInterval = 100 }
    return (Simulator.run(scenario, detail: .every), Simulator.run(scenario, detail: .lean))
  }

  /// An instruction that ran: when, in which thread, which.
  struct Step: Hashable {
    var time: Nanos
    var thread: Int16
    var instruction: Int32
    init(_ e: TraceEvent) { (time, thread, instruction) = (e.time, e.thread, e.detail) }
  }

  static func aggregated(_ kind: EventKind) -> Bool {
    kind == .bytecode || kind == .computeStart || kind == .computeEnd || kind == .bytecodeRun
  }

  /// The stores of a shared variable, in time order.
  static func stores(of name: String, in trace: Trace) -> [TraceEvent] {
    trace.events.filter {
      $0.kind == .bytecode && $0.detail >= 0 && trace.instructions[Int($0.detail)].argrepr == name
        && trace.instructions[Int($0.detail)].opname.hasPrefix("STORE")
    }
  }

  /// The value of the last of `stores` at or before `t`.
  static func value(at t: Nanos, _ stores: [TraceEvent]) -> Int64? {
    var (lo, hi) = (0, stores.count)
    while lo < hi {
      let mid = (lo + hi) / 2
      if stores[mid].time <= t { lo = mid + 1 } else { hi = mid }
    }
    return lo == 0 ? nil : stores[lo - 1].value
  }

  @Test(arguments: 0..<cases.count)
  func theRunIsTheSameRun(_ index: Int) {
    let (whole, lean) = Self.cases[index]
    #expect(lean.statistics == whole.statistics)
    #expect(lean.spans == whole.spans)
    #expect(lean.gilSpans == whole.gilSpans)
    #expect(lean.sharedFinal.map(\.value) == whole.sharedFinal.map(\.value))
    #expect(lean.eventCount == whole.eventCount)
    #expect(!lean.truncated && lean.isLean && !whole.isLean)
    #expect(zip(lean.events, lean.events.dropFirst()).allSatisfy { $0.time <= $1.time })
  }

  @Test(arguments: 0..<cases.count)
  func everythingButStretchesOfBytecodeIsKept(_ index: Int) {
    let (whole, lean) = Self.cases[index]
    #expect(lean.events.filter { !Self.aggregated($0.kind) } == whole.events.filter { !Self.aggregated($0.kind) })
    // The kept instructions are the whole run's, in order; the stretches count the others.
    let wholeCode = whole.events.filter { $0.kind == .bytecode }
    let keptCode = lean.events.filter { $0.kind == .bytecode }
    var next = 0
    for event in keptCode {
      while next < wholeCode.count && wholeCode[next] != event { next += 1 }
      #expect(next < wholeCode.count, "kept instruction at \(event.time) did not run")
      next += 1
    }
    #expect(Set(keptCode.map(Step.init)).count == keptCode.count)
    // A stretch counts its instructions, and keeps its last store of `c` besides: at most one per stretch.
    let stretches = lean.events.filter { $0.kind == .bytecodeRun }
    let counted = stretches.reduce(0) { $0 + Int($1.detail) }
    let storesKeptFromStretches = keptCode.count + counted - wholeCode.count
    #expect(storesKeptFromStretches >= 0 && storesKeptFromStretches <= stretches.count)
  }

  @Test(arguments: 0..<cases.count)
  func aHandOffKeepsTheInstructionsOnBothSides(_ index: Int) {
    let (whole, lean) = Self.cases[index]
    let kept = Set(lean.events.filter { $0.kind == .bytecode }.map(Step.init))
    for (i, event) in whole.events.enumerated() where event.kind == .gilDrop || event.kind == .gilAcquire {
      // The dropper's last instruction before, the taker's first after.
      let side =
        event.kind == .gilDrop
        ? whole.events[..<i].last { $0.thread == event.thread && $0.kind == .bytecode }
        : whole.events[(i + 1)...].first { $0.thread == event.thread && $0.kind == .bytecode }
      guard let side else { continue }
      #expect(kept.contains(Step(side)), "\(event.kind) at \(event.time)")
    }
  }

  @Test(arguments: 0..<cases.count)
  func sharedValuesAreExactAtTheEndOfEachStretch(_ index: Int) {
    let (whole, lean) = Self.cases[index]
    let (leanStores, wholeStores) = (Self.stores(of: "c", in: lean), Self.stores(of: "c", in: whole))
    for stretch in lean.events where stretch.kind == .bytecodeRun {
      let end = stretch.time + stretch.value
      #expect(Self.value(at: end, leanStores) == Self.value(at: end, wholeStores))
    }
  }

  @Test func aLongLoopKeepsAFewEventsPerHandOff() {
    let (whole, lean) = Self.cases[0]
    let handOffs = lean.events.filter { $0.kind == .gilAcquire }.count
    #expect(whole.events.count > 60_000)
    #expect(handOffs > 5)
    #expect(lean.events.count < handOffs * 50, "\(lean.events.count) events for \(handOffs) hand-offs")
    #expect(lean.aggregatedInstructions > whole.events.count * 8 / 10)
  }

  @Test func aShortRunIsKeptWhole() throws {
    let scenario = try ScenarioParser.parse("thread a:\n    repeat 100:\n        compute 1us\n", file: "t")
    let kept = Simulator.runKeeping(scenario)
    #expect(!kept.isLean && kept.events == Simulator.run(scenario).events)
  }

  @Test func aRunBeyondTheBudgetIsKeptLean() throws {
    let scenario = try ScenarioParser.parse(Self.loop, file: "t")
    let budget = SimulationBudget(maxEvents: 20_000, maxTime: SimulationBudget.standard.maxTime)
    #expect(Simulator.run(scenario, budget: budget).truncation == .events)
    let kept = Simulator.runKeeping(scenario, budget: budget)
    #expect(kept.isLean && kept.truncation == nil && kept.events.count <= 20_000)
    #expect(kept.statistics == Simulator.run(scenario, detail: .counted).statistics)
  }

  /// A lock taken in every iteration leaves nothing to aggregate near it: the lean trace stops at its budget too.
  @Test func aLeanTraceThatStillDoesNotFitIsCut() throws {
    let source = "lock g\nshared c = 0\nthread t x 2:\n    repeat 20000:\n        with g:\n            c += 1\n"
    let budget = SimulationBudget(maxEvents: 20_000, maxTime: SimulationBudget.standard.maxTime)
    let kept = Simulator.runKeeping(try ScenarioParser.parse(source, file: "t"), budget: budget)
    #expect(kept.truncation == .events)
    #expect(kept.events.count <= 20_100)
  }
}
