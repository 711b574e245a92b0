import SchedulerEngine

/// Names shared by every trace format, so that the text timeline, the JSON report and the Chrome trace call things
/// the same way. (The words that explain states to a reader are the text layer's: `Wording.state`.)
public enum TraceLabels {
  /// What a state is called in the Chrome trace (and read back from one), e.g. "running", "waiting for GIL".
  public static func name(of state: ThreadState) -> String {
    switch state {
    case .notStarted: "not started"
    case .running: "running"
    case .builtin: "builtin"
    case .waitingGIL: "waiting for GIL"
    case .io: "I/O"
    case .sleeping: "sleeping"
    case .native: "native"
    case .waitingLock: "waiting for lock"
    case .runnable: "runnable"
    case .selecting: "selecting"
    case .finished: "finished"
    case .stopped: "stopped"
    }
  }

  /// The name of a trace thread's process, or `process N` when the scenario does not list it.
  public static func processName(_ index: Int, in trace: Trace) -> String {
    let processes = trace.scenario.processes
    return index >= 0 && index < processes.count ? processes[index].name : "process \(index + 1)"
  }

  /// The name of thread `index`, or `thread N` when the trace does not list it.
  public static func threadName(_ index: Int, in trace: Trace) -> String {
    index >= 0 && index < trace.threads.count ? trace.threads[index].name : "thread \(index + 1)"
  }

  /// The statistics of thread `index` (zeros when the engine left them out).
  static func statistics(ofThread index: Int, in trace: Trace) -> (
    cpu: Nanos, gilWait: Nanos, io: Nanos, finishedAt: Nanos?
  ) {
    let all = trace.statistics.threads
    guard index >= 0 && index < all.count else { return (0, 0, 0, nil) }
    return (all[index].cpu, all[index].gilWait, all[index].io, all[index].finishedAt)
  }

  /// Whether process `index` has a GIL row in the outputs.
  static func hasGIL(process index: Int, in trace: Trace) -> Bool {
    trace.scenario.lockModel != .none && index < trace.gilSpans.count
  }

  /// The number of processes the trace covers.
  static func processCount(of trace: Trace) -> Int {
    max(trace.scenario.processes.count, trace.gilSpans.count, (trace.threads.map(\.process).max() ?? -1) + 1)
  }
}
