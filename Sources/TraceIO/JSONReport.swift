import DisplayText
import SchedulerEngine

/// The statistics of a run as one pretty-printed JSON object, for scripts and course tooling.
///
/// Keys come in a fixed order (the order below); `shared` keeps the scenario's declaration order. Times are
/// milliseconds written exactly (ns / 1e6, up to 6 decimals); `finished_at_ms` is null for a thread or task that
/// never finished. `switch_interval_ms` and `check_interval` are always present, whichever one the interpreter uses.
public enum JSONReport {
  public static func render(_ trace: Trace, scenarioName: String) -> String {
    let scenario = trace.scenario
    let ms = { (ns: Nanos) in JSONText.number(NumberText.exactMillis(ns)) }
    let threads = trace.threads.indices.map { index -> JSONText in
      let stats = TraceLabels.statistics(ofThread: index, in: trace)
      return .object([
        ("name", .string(trace.threads[index].name)),
        ("process", .string(TraceLabels.processName(trace.threads[index].process, in: trace))),
        ("event_loop", .bool(trace.threads[index].isEventLoop)),
        ("cpu_ms", ms(stats.cpu)),
        ("gil_wait_ms", ms(stats.gilWait)),
        ("io_ms", ms(stats.io)),
        ("started_at_ms", trace.statistics.threads[index].startedAt.map(ms) ?? .null),
        ("finished_at_ms", stats.finishedAt.map(ms) ?? .null),
      ])
    }
    let tasks = trace.tasks.map { task -> JSONText in
      .object([
        ("name", .string(task.name)),
        ("loop", .string(TraceLabels.threadName(task.loopThread, in: trace))),
        ("finished_at_ms", task.finishedAt.map(ms) ?? .null),
        ("max_lateness_ms", ms(task.maxLateness)),
      ])
    }
    let report = JSONText.object([
      ("scenario", .string(scenarioName)),
      ("title", .string(scenario.title)),
      ("interpreter", .string(scenario.interpreter.rawValue)),
      ("gil_enabled_by", scenario.moduleEnablingGIL.map { .string($0) } ?? .null),
      ("switch_interval_ms", ms(scenario.switchInterval)),
      ("check_interval", .integer(scenario.checkInterval)),
      ("cores", .integer(scenario.cores)),
      ("seed", .integer(scenario.seed)),
      ("wall_time_ms", ms(trace.coveredTime)),
      ("gil_switches", .integer(trace.statistics.gilSwitches)),
      ("threads", .array(threads)),
      ("tasks", .array(tasks)),
      ("shared", .object(trace.sharedFinal.map { ($0.name, .integer($0.value)) })),
      ("events", .integer(trace.eventCount)),
      ("truncated", .bool(trace.truncated)),
      ("deadlock", deadlock(trace)),
      ("exit_status", trace.exitStatus.map { .integer(Int($0)) } ?? .null),
      ("stdout", trace.exitStatus == nil ? .null : .string(trace.output.filter { !$0.isError }.map(\.text).joined())),
      ("stderr", trace.exitStatus == nil ? .null : .string(trace.output.filter(\.isError).map(\.text).joined())),
      (
        "output",
        .array(
          trace.output.map {
            .object([
              ("at_ms", .number(NumberText.exactMillis($0.time))),
              ("thread", .string($0.thread < trace.threads.count ? trace.threads[$0.thread].name : "")),
              ("stream", .string($0.isError ? "stderr" : "stdout")), ("text", .string($0.text)),
            ])
          })
      ),
      (
        "exceptions",
        .array(
          trace.raised.map {
            .object([
              ("thread", .string(trace.threads[$0.thread].name)), ("at_ms", .number(NumberText.exactMillis($0.time))),
              ("error", .string($0.error)),
            ])
          })
      ),
    ])
    return report.pretty() + "\n"
  }

  /// `null`, or when it happened, what each waiting thread waits for and who holds it, and the cycle.
  private static func deadlock(_ trace: Trace) -> JSONText {
    guard let deadlock = trace.deadlock else { return .null }
    let name = { (t: Int) in JSONText.string(trace.threads[t].name) }
    return .object([
      ("at_ms", .number(NumberText.exactMillis(deadlock.time))),
      (
        "waits",
        .array(
          deadlock.waits.map {
            .object([
              ("thread", name($0.thread)), ("for", .string($0.resource)), ("held_by", $0.holder.map(name) ?? .null),
            ])
          })
      ),
      ("cycle", .array(deadlock.cycle.map(name))),
    ])
  }
}
