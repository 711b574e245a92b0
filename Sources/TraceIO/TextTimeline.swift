import DisplayText
import SchedulerEngine

/// A trace as plain text: a title line, one row of cells per thread and a GIL row per process that has a GIL, a
/// time axis, a legend, then the statistics table.
///
/// ```
/// convoy · cpython-3.11 · switch interval 5 ms · 2 cores · seed 1
/// cpu │ ████████░██████
/// io  │ ░░░░░░░░█≈≈≈≈≈≈
/// GIL │ 11111111⇄⇄11111
///     └─┴────┴────┴──
///  ms   0    5    10
/// ```
///
/// Each column covers `wall time / columns` of time. **Column rule** (`TimelineColumns`, shared by every timeline):
/// a column shows the state its thread spent most of that time in (ties go to the more active state: running,
/// builtin, native, waiting for the GIL, ...). A thread that held the GIL in the column, but for no more than half of
/// it, shows `▌` ("ran part of the time") instead: so a short turn with the GIL never vanishes from the picture (the
/// convoy effect is made of 15 µs turns), and two threads taking turns within one column never both look as if they
/// ran. The GIL row shows the thread that held the GIL in the column, `⇄` when the GIL passed from one thread to
/// another within it, and `·` only when the GIL was free for the whole column. The statistics below the picture
/// give the exact times.
public enum TextTimeline {
  /// Row labels (thread names) longer than this are cut with an ellipsis.
  public static let maxLabelWidth = 12

  /// The timeline and the statistics table; every line at most `width` columns wide.
  public static func render(_ trace: Trace, width: Int, unicode: Bool) -> String {
    let lines =
      timelineLines(trace, width: width, unicode: unicode) + [""]
      + StatisticsTable.lines(trace, width: width, unicode: unicode)
    let ellipsis = Glyphs(unicode: unicode).ellipsis
    return lines.map { line in
      var line = TextWidth.truncate(line, to: width, ellipsis: ellipsis)
      while line.last == " " { line.removeLast() }
      return line
    }.joined(separator: "\n") + "\n"
  }

  /// The title, the rows, the axis and the legend (not cut to `width`: `render` does that).
  public static func timelineLines(_ trace: Trace, width: Int, unicode: Bool) -> [String] {
    let glyphs = Glyphs(unicode: unicode)
    var lines = titleLines(trace, width: width, glyphs: glyphs)
    let wall = trace.coveredTime
    guard wall > 0, !trace.threads.isEmpty else {
      lines.append("(nothing ran: the trace is empty)")
      return lines
    }

    // Rows in process order: the process's threads, then its GIL.
    struct Row {
      var label: String
      var thread: Int?
      var gilProcess: Int?
    }
    var rows: [Row] = []
    let processCount = TraceLabels.processCount(of: trace)
    let gilProcesses = (0..<processCount).filter { TraceLabels.hasGIL(process: $0, in: trace) }
    for process in 0..<processCount {
      for (index, info) in trace.threads.enumerated() where info.process == process {
        rows.append(Row(label: glyphs.name(info.name, width: maxLabelWidth), thread: index))
      }
      if gilProcesses.contains(process) {
        let label = gilProcesses.count == 1 ? "GIL" : "GIL " + TraceLabels.processName(process, in: trace)
        rows.append(Row(label: glyphs.name(label, width: maxLabelWidth), gilProcess: process))
      }
    }
    let labelWidth = rows.map { TextWidth.of($0.label) }.max() ?? 0
    let columns = max(1, width - labelWidth - 3)
    let bounds = columnBounds(wall: wall, columns: columns)

    for row in rows {
      var cells = ""
      if let thread = row.thread {
        let spans = thread < trace.spans.count ? trace.spans[thread] : []
        for cell in TimelineColumns.threadCells(spans, bounds: bounds) { cells.append(glyphs.cell(cell)) }
      } else if let process = row.gilProcess {
        for cell in TimelineColumns.gilCells(trace.gilSpans[process], bounds: bounds) {
          cells.append(glyphs.cell(cell))
        }
      }
      lines.append(TextWidth.padRight(row.label, to: labelWidth) + " \(glyphs.rowSeparator) " + cells)
    }
    lines += axisLines(wall: wall, bounds: bounds, labelWidth: labelWidth, glyphs: glyphs)
    lines += legendLines(trace, gilProcesses: gilProcesses, width: width, glyphs: glyphs)
    return lines
  }

  /// `title · interpreter · interval · cores · seed`, on one line when it fits, else wrapped between items.
  static func titleLines(_ trace: Trace, width: Int, glyphs: Glyphs) -> [String] {
    let scenario = trace.scenario
    let interval: String
    switch scenario.lockModel {
    case .newGIL:
      interval = "switch interval " + DurationText.format(scenario.switchInterval, .exact, unicode: glyphs.unicode)
    case .oldGIL: interval = "check interval \(scenario.checkInterval)"
    case .none: interval = "no GIL"
    }
    let title = scenario.title.isEmpty ? "(untitled)" : glyphs.text(scenario.title)
    let items = [
      title, scenario.interpreter.rawValue, interval, scenario.cores == 1 ? "1 core" : "\(scenario.cores) cores",
      "seed \(scenario.seed)",
    ]
    return TextLayout.wrap(items, separator: glyphs.itemSeparator, width: width)
  }

  /// `columns + 1` boundaries: column `c` covers `bounds[c] ..< bounds[c + 1]`, `bounds[c] = wall * c / columns`.
  public static func columnBounds(wall: Nanos, columns: Int) -> [Nanos] {
    TimelineColumns.bounds(0...wall, columns: columns)
  }

  static func axisLines(wall: Nanos, bounds: [Nanos], labelWidth: Int, glyphs: Glyphs) -> [String] {
    let columns = bounds.count - 1
    let unit = TimeUnit.forSpan(wall)
    let step = TimelineColumns.tickStep(wall: wall, count: max(1, columns / 10))
    var axis = [Character](repeating: glyphs.axis.line, count: columns)
    var labels = [Character](repeating: " ", count: columns)
    var nextFree = 0
    var column = 0
    var tick: Nanos = 0
    while tick <= wall {
      // The column whose time range contains the tick (the last column for the very end).
      while column + 1 < columns && bounds[column + 1] <= tick { column += 1 }
      axis[column] = glyphs.axis.tick
      let label = Array(NumberText.trimmed(tick, divisor: unit.nanos))
      if column >= nextFree && column + label.count <= columns {
        labels.replaceSubrange(column..<(column + label.count), with: label)
        nextFree = column + label.count + 1
      }
      tick += step
    }
    let margin = String(repeating: " ", count: labelWidth)
    var labelLine =
      TextWidth.padLeft(unit.symbol(unicode: glyphs.unicode), to: labelWidth) + "   "
      + String(labels)
    while labelLine.hasSuffix(" ") { labelLine.removeLast() }
    return [margin + " \(glyphs.axis.corner)\(glyphs.axis.line)" + String(axis), labelLine]
  }

  static let legendStates: [ThreadState] = [
    .running, .builtin, .native, .waitingGIL, .waitingLock, .io, .sleeping, .runnable, .selecting,
  ]

  static func legendLines(_ trace: Trace, gilProcesses: [Int], width: Int, glyphs: Glyphs) -> [String] {
    // A stop-the-world pause (free-threaded garbage collection) is rare: listed only where it happens.
    let paused = trace.spans.contains { $0.contains { $0.state == .stopped } }
    var items = (legendStates + (paused ? [.stopped] : [])).map { "\(glyphs.cell($0)) \(Words.en.state($0))" }
    items.append("\(glyphs.briefTurn) \(Words.en.briefTurn)")
    items.append("blank: not started or finished")
    var lines = TextLayout.wrap(items, prefix: Words.en.legend + ": ", width: width)
    if !gilProcesses.isEmpty {
      var holders: [String] = []
      for (index, info) in trace.threads.enumerated() where gilProcesses.contains(info.process) {
        holders.append("\(ThreadCodes.code(ofThread: index)) \(glyphs.name(info.name, width: maxLabelWidth))")
      }
      holders.append("\(glyphs.gilFree) free")
      holders.append("\(glyphs.handOff) \(Words.en.handOff)")
      lines += TextLayout.wrap(holders, prefix: "GIL held by: ", width: width)
    }
    return lines
  }
}
