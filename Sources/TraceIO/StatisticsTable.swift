import DisplayText
import SchedulerEngine

/// The numbers under the text timeline: per thread CPU, GIL wait and I/O time and when it finished; the totals;
/// the shared variables' final values; the asyncio tasks.
public enum StatisticsTable {
  public static func lines(_ trace: Trace, width: Int, unicode: Bool) -> [String] {
    let glyphs = Glyphs(unicode: unicode)
    var lines: [String] = []
    let threadRows = trace.threads.indices.map { index -> [String] in
      let stats = TraceLabels.statistics(ofThread: index, in: trace)
      return [
        glyphs.name(trace.threads[index].name, width: TextTimeline.maxLabelWidth), NumberText.millis(stats.cpu),
        NumberText.millis(stats.gilWait), NumberText.millis(stats.io), stats.finishedAt.map(NumberText.millis) ?? "-",
      ]
    }
    if !threadRows.isEmpty {
      lines += TextLayout.table(
        [
          .init(title: "thread"), .init(title: "cpu", unit: "ms"), .init(title: "GIL wait", unit: "ms"),
          .init(title: "I/O", unit: "ms"), .init(title: "finished at", unit: "ms"),
        ], rows: threadRows, width: width)
    }
    let totals = [
      "wall time \(NumberText.millis(trace.coveredTime)) ms",
      "GIL switches \(trace.statistics.gilSwitches)", "events \(trace.eventCount)",
    ]
    lines += TextLayout.wrap(totals, prefix: "Total: ", separator: glyphs.itemSeparator, width: width)
    if !trace.sharedFinal.isEmpty {
      let items = trace.sharedFinal.map { "\(glyphs.text($0.name)) = \($0.value)" }
      lines += TextLayout.wrap(items, prefix: "Shared: ", width: width)
    }
    if !trace.tasks.isEmpty {
      let rows = trace.tasks.map { task -> [String] in
        [
          glyphs.name(task.name, width: TextTimeline.maxLabelWidth),
          glyphs.name(TraceLabels.threadName(task.loopThread, in: trace), width: TextTimeline.maxLabelWidth),
          task.finishedAt.map(NumberText.millis) ?? "-", NumberText.millis(task.maxLateness),
        ]
      }
      lines.append("")
      lines += TextLayout.table(
        [
          .init(title: "task"), .init(title: "loop"), .init(title: "finished at", unit: "ms"),
          .init(title: "max lateness", unit: "ms"),
        ], rows: rows, width: width)
    }
    return lines
  }
}
