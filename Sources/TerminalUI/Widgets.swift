import DisplayText
import SchedulerEngine

/// Everything a picture needs besides the trace: where we are in it and how to draw.
public struct WidgetContext: Sendable {
  public var time: Nanos
  public var width: Int
  public var strings: Strings
  public var glyphs: Glyphs

  public init(time: Nanos, width: Int, strings: Strings, glyphs: Glyphs) {
    self.time = time
    self.width = width
    self.strings = strings
    self.glyphs = glyphs
  }
}

private func threadName(_ trace: Trace, _ index: Int) -> String {
  index >= 0 && index < trace.threads.count ? trace.threads[index].name : "?"
}

/// A widget's first row: its name and the scenario's title on the left, the time shown on the right.
private func header(_ title: String, _ trace: Trace, _ c: WidgetContext) -> CellGrid {
  var grid = CellGrid(width: c.width, height: 1)
  let time = "t = \(c.strings.duration(c.time))"
  let right = c.width - TextWidth.of(time)
  grid.put(time, x: right, y: 0, style: Style(.emphasis))
  grid.put(
    [
      StyledText(title, Style(.title)),
      StyledText(
        trace.scenario.title.isEmpty ? "" : c.glyphs.separator + c.glyphs.text(trace.scenario.title), Style(.dim)),
    ],
    x: 0, y: 0, limit: right - 1)
  return grid
}

/// The live thread timeline: one row per thread plus a GIL row per process, glyph-coded states, a time axis with
/// a cursor at the current time, and a legend. Columns after the cursor stay empty: the picture fills in as it plays.
/// `compact` leaves out the axis labels and the legend; the axis is `span` long when that is longer than the trace.
public enum TimelineWidget {
  public static func render(_ trace: Trace, _ c: WidgetContext, compact: Bool = false, span: Nanos? = nil)
    -> CellGrid
  {
    let glyphs = c.glyphs
    let s = c.strings
    let wall = max(TraceQueries.wallTime(trace), span ?? 0)
    let labels = trace.threads.indices.map {
      "\(ThreadCodes.code(ofThread: $0)) \(glyphs.text(trace.threads[$0].name))"
    }
    let labelWidth = min(16, max(TextWidth.of(s.gilRow), labels.map(TextWidth.of).max() ?? 3))
    let barX = labelWidth + 1
    let columns = max(10, c.width - barX - 1)
    let gilProcesses = trace.scenario.interpreter.lockModel == .none ? [] : Array(trace.gilSpans.indices)
    let states = presentStates(trace)
    let bounds = TimelineColumns.bounds(0...wall, columns: columns)
    let legendLines = compact ? [] : legend(states, briefTurns: hasBriefTurns(trace, bounds: bounds), c)
    let values = SharedValues.line(trace, c)
    let axisRows = compact ? 1 : 2
    let height = 1 + trace.threads.count + gilProcesses.count + axisRows + legendLines.count + (values.isEmpty ? 0 : 1)
    var grid = CellGrid(width: c.width, height: height)
    grid.blit(header(s.timelineTitle, trace, c), x: 0, y: 0)
    let cursorColumn = min(columns - 1, Int(Double(min(c.time, wall)) / Double(wall) * Double(columns)))
    var y = 1
    for (index, spans) in trace.spans.enumerated() {
      grid.put(TextWidth.truncate(labels[index], to: labelWidth), x: 0, y: y)
      let cells = TimelineColumns.threadCells(spans, bounds: bounds, upTo: c.time)
      for (column, cell) in cells.enumerated() where column <= cursorColumn {
        grid.put(String(glyphs.cell(cell)), x: barX + column, y: y, style: Style(role(of: cell)))
      }
      y += 1
    }
    for process in gilProcesses {
      let label = gilProcesses.count > 1 ? "\(s.gilRow) \(process + 1)" : s.gilRow
      grid.put(label, x: 0, y: y, style: Style(.gil))
      let holders = TimelineColumns.holders(trace.gilSpans[process], bounds: bounds, upTo: c.time)
      for column in 0...cursorColumn {
        if let holder = holders[column] {
          grid.put(String(ThreadCodes.code(ofThread: Int(holder))), x: barX + column, y: y, style: Style(.gil))
        } else {
          grid.put(String(glyphs.gilFree), x: barX + column, y: y, style: Style(.dim))
        }
      }
      y += 1
    }
    axis(&grid, y: y, barX: barX, columns: columns, window: 0...wall, cursor: cursorColumn, labels: !compact, c)
    y += axisRows
    for line in legendLines {
      grid.put(line, x: 0, y: y)
      y += 1
    }
    grid.put(values, x: 0, y: y)
    return grid
  }

  /// The time axis over `window` with its tick labels on the row below (unless `labels` is false), and the cursor
  /// at column `cursor`.
  static func axis(
    _ grid: inout CellGrid, y: Int, barX: Int, columns: Int, window: ClosedRange<Nanos>, cursor: Int?,
    labels: Bool = true, _ c: WidgetContext
  ) {
    let axis = c.glyphs.axis
    let span = max(1, window.upperBound - window.lowerBound)
    grid.put(String(axis.corner), x: barX - 1, y: y, style: Style(.dim))
    grid.put(String(repeating: axis.line, count: columns), x: barX, y: y, style: Style(.dim))
    let step = TimelineColumns.tickStep(wall: span, count: max(1, columns / 14))
    var tick = (window.lowerBound + step - 1) / step * step
    var labelEnd = 0
    while tick <= window.upperBound {
      let column = min(columns - 1, Int(Double(tick - window.lowerBound) / Double(span) * Double(columns)))
      grid.put(String(axis.tick), x: barX + column, y: y, style: Style(.dim))
      let text = tick == 0 ? "0" : c.strings.duration(tick)
      if labels && barX + column >= labelEnd && barX + column + TextWidth.of(text) < c.width {
        grid.put(text, x: barX + column, y: y + 1, style: Style(.dim))
        labelEnd = barX + column + TextWidth.of(text) + 1
      }
      tick += step
    }
    if let cursor { grid.put(String(c.glyphs.cursor), x: barX + cursor, y: y, style: Style(.cursor)) }
  }

  /// The states that occur in the trace, in legend order.
  static func presentStates(_ trace: Trace) -> [ThreadState] {
    var seen = Set<ThreadState>()
    for list in trace.spans { for span in list { seen.insert(span.state) } }
    let order: [ThreadState] = [
      .running, .builtin, .native, .waitingGIL, .waitingLock, .io, .sleeping, .runnable, .selecting,
    ]
    return order.filter(seen.contains)
  }

  static func legend(_ states: [ThreadState], briefTurns: Bool = false, _ c: WidgetContext) -> [[StyledText]] {
    var lines: [[StyledText]] = []
    var line: [StyledText] = [StyledText(c.strings.legend + ":", Style(.dim))]
    var used = TextWidth.of(c.strings.legend) + 1
    var items = states.map { state in
      [
        StyledText(" " + String(c.glyphs.cell(state)), Style(role(of: state))),
        StyledText(" " + c.strings.state(state)),
      ]
    }
    if briefTurns {
      items.append([
        StyledText(" " + String(c.glyphs.briefTurn), Style(.running)), StyledText(" " + c.strings.briefTurn),
      ])
    }
    items.append([StyledText(" " + String(c.glyphs.cursor), Style(.cursor)), StyledText(" t")])
    for item in items {
      let w = item.reduce(0) { $0 + TextWidth.of($1.text) } + 1
      if used + w > c.width && used > 0 {
        lines.append(line)
        line = []
        used = 0
      }
      line += item + [StyledText(" ")]
      used += w
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  /// Whether any column of the whole run shows a brief turn, so that the legend explains `▌` (decided on the
  /// whole trace, so that the picture keeps its height as it plays).
  static func hasBriefTurns(_ trace: Trace, bounds: [Nanos]) -> Bool {
    trace.spans.contains { TimelineColumns.threadCells($0, bounds: bounds).contains(.briefTurn) }
  }
}

/// The lock as a key: the interpreter is a room with one key. The holder is inside with it; waiters queue at the
/// door, a waiter that waited one interval raises its hand (the drop request); threads in I/O, asleep or in C code
/// without the GIL are away, having handed the key back.
public enum KeyWidget {
  public static func render(_ trace: Trace, _ c: WidgetContext) -> CellGrid {
    let s = c.strings
    let g = c.glyphs
    var grid = CellGrid(width: c.width, height: 8)
    grid.blit(header(s.keyTitle, trace, c), x: 0, y: 0)
    guard trace.scenario.interpreter.lockModel != .none, !trace.gilSpans.isEmpty else {
      grid.put(s.noGIL, x: 2, y: 2, style: Style(.emphasis))
      var y = 3
      for index in trace.threads.indices where y < 8 {
        let state = trace.state(of: index, at: c.time)
        grid.put(
          [
            StyledText(String(g.cell(state)), Style(role(of: state))),
            StyledText(" \(g.text(threadName(trace, index))): \(s.state(state))"),
          ], x: 4, y: y)
        y += 1
      }
      return grid
    }
    let t = c.time
    let waiters = TraceQueries.waiters(at: t, in: trace)
    let requester = TraceQueries.dropRequester(at: t, in: trace)
    // The queue, right-aligned against the door.
    let queueWidth = min(max(24, c.width / 3), c.width - 30)
    var queue: [StyledText] = []
    for waiter in waiters.reversed() {
      if waiter == requester { queue.append(StyledText(g.hand, Style(.emphasis))) }
      queue.append(StyledText(String(g.cell(.waitingGIL)) + " ", Style(.waiting)))
      queue.append(StyledText(g.text(threadName(trace, waiter)) + "  ", Style(.waiting)))
    }
    let queueText = queue.reduce(0) { $0 + TextWidth.of($1.text) }
    grid.put(s.queue, x: max(0, queueWidth - 1 - TextWidth.of(s.queue)), y: 2, style: Style(.dim))
    grid.put(queue, x: max(0, queueWidth - 1 - queueText), y: 3, limit: queueWidth - 1)
    // The room.
    let box = g.box
    let roomWidth = c.width - queueWidth - 1
    let top = String(box.tl) + String(repeating: box.h, count: roomWidth - 2) + String(box.tr)
    let bottom = String(box.bl) + String(repeating: box.h, count: roomWidth - 2) + String(box.br)
    grid.put(top, x: queueWidth, y: 2, style: Style(.border))
    grid.put(" \(s.room) (GIL) ", x: queueWidth + 2, y: 2, style: Style(.heading))
    grid.put(String(g.door), x: queueWidth, y: 3, style: Style(.key))
    grid.put(String(box.v), x: queueWidth + roomWidth - 1, y: 3, style: Style(.border))
    grid.put(bottom, x: queueWidth, y: 4, style: Style(.border))
    if let holder = trace.gilHolder(process: 0, at: t) {
      let state = trace.state(of: holder, at: t)
      grid.put(
        [
          StyledText(g.key, Style(.key)), StyledText(" " + g.text(threadName(trace, holder)), Style(.running)),
          StyledText(" " + String(g.cell(state)), Style(role(of: state))), StyledText(" " + s.state(state)),
        ], x: queueWidth + 2, y: 3, limit: queueWidth + roomWidth - 1)
    } else {
      grid.put(s.nobodyInside, x: queueWidth + 2, y: 3, style: Style(.dim), limit: queueWidth + roomWidth - 1)
    }
    // Away.
    var away: [StyledText] = [StyledText(s.outside + ":", Style(.dim))]
    for index in trace.threads.indices where trace.threads[index].process == 0 {
      let state = trace.state(of: index, at: t)
      guard [.io, .sleeping, .native, .waitingLock, .selecting].contains(state) else { continue }
      away.append(StyledText(" " + String(g.cell(state)), Style(role(of: state))))
      away.append(StyledText(" " + g.text(threadName(trace, index)) + " (\(s.state(state)))"))
    }
    grid.put(away, x: 0, y: 5)
    if requester != nil {
      grid.put([StyledText(g.hand, Style(.emphasis)), StyledText(" " + s.raisedHand, Style(.dim))], x: 0, y: 6)
    }
    grid.put(lastEvent(trace, c), x: 0, y: 7)
    return grid
  }
}

private func lastEvent(_ trace: Trace, _ c: WidgetContext) -> [StyledText] {
  guard let e = TraceQueries.lastNotableEvent(at: c.time, in: trace) else { return [] }
  let name = c.glyphs.text(threadName(trace, Int(e.thread)))
  let other = e.detail >= 0 ? c.glyphs.text(threadName(trace, Int(e.detail))) : ""
  guard let text = c.strings.event(e.kind, thread: name, other: other) else { return [] }
  return [StyledText(c.glyphs.arrow + " ", Style(.dim)), StyledText(text, Style(.emphasis))]
}

/// The talking stick: threads sit in a circle; only the one holding the stick speaks (runs bytecode); the stick
/// passes at each hand-off; a timer shows the switch interval running out for the longest waiter.
public enum StickWidget {
  public static func render(_ trace: Trace, _ c: WidgetContext) -> CellGrid {
    let s = c.strings
    let g = c.glyphs
    let height = 11
    var grid = CellGrid(width: c.width, height: height)
    grid.blit(header(s.stickTitle, trace, c), x: 0, y: 0)
    let t = c.time
    let threads = trace.threads.indices.filter { trace.threads[$0].process == 0 }
    let holder = trace.gilSpans.isEmpty ? nil : trace.gilHolder(process: 0, at: t)
    // The circle on the left, what happens on the right.
    let region = min(c.width / 2, 56)
    let centerX = region / 2
    let centerY = 5
    let radiusX = Double(max(4, region / 2 - 10))
    let radiusY = 3.0
    for (seat, index) in threads.enumerated() {
      let angle = -Double.pi / 2 + 2 * Double.pi * Double(seat) / Double(max(1, threads.count))
      let x = centerX + Int((radiusX * cosine(angle)).rounded())
      let y = centerY + Int((radiusY * sine(angle)).rounded())
      let state = trace.state(of: index, at: t)
      var runs: [StyledText]
      if index == holder {
        runs = [
          StyledText(g.stick, Style(.key)),
          StyledText(" " + g.text(threadName(trace, index)), Style(.running, reverse: true)),
        ]
      } else {
        runs = [
          StyledText(String(g.cell(state)), Style(role(of: state))),
          StyledText(" " + g.text(threadName(trace, index)), Style(role(of: state))),
        ]
      }
      let w = runs.reduce(0) { $0 + TextWidth.of($1.text) }
      grid.put(runs, x: max(0, min(c.width - w, x - w / 2)), y: y)
    }
    // The middle: who speaks, the timer, the hand-off count.
    var lines: [[StyledText]] = []
    if let holder {
      let state = trace.state(of: holder, at: t)
      var speaker = [StyledText("\(g.text(threadName(trace, holder))) \(s.speaks)", Style(.running))]
      if state != .running { speaker.append(StyledText(" (\(s.state(state)))", Style(.dim))) }
      lines.append(speaker)
    } else if trace.gilSpans.isEmpty {
      lines.append([StyledText(s.noGIL, Style(.emphasis))])
    }
    if !trace.gilSpans.isEmpty {
      let waiters = TraceQueries.waiters(at: t, in: trace)
      let interval = trace.scenario.switchInterval
      if let first = waiters.first, let since = TraceQueries.waitStart(of: first, at: t, in: trace),
        trace.scenario.interpreter.lockModel == .newGIL, interval > 0
      {
        let elapsed = (t - since) % interval
        let barWidth = 16
        let filled = Int(Double(elapsed) / Double(interval) * Double(barWidth))
        lines.append([StyledText("\(s.interval) \(s.duration(interval)):")])
        lines.append([
          StyledText(String(repeating: g.bar.full, count: filled), Style(.waiting)),
          StyledText(String(repeating: g.bar.empty, count: barWidth - filled), Style(.dim)),
          StyledText(" \(s.duration(elapsed))"),
        ])
      } else {
        let words = s.nobodyWaits.split(separator: " ").map(String.init)
        for line in TextLayout.wrap(words, separator: " ", width: c.width - region - 2) {
          lines.append([StyledText(line, Style(.dim))])
        }
      }
      lines.append([StyledText("\(s.handOffs): \(TraceQueries.handOffs(until: t, in: trace))", Style(.dim))])
    }
    for (offset, line) in lines.enumerated() {
      grid.put(line, x: region + 2, y: centerY - 2 + offset)
    }
    grid.put(lastEvent(trace, c), x: 0, y: height - 1)
    return grid
  }
}

/// dis: the instructions of one statement, with the instruction each thread is on marked.
public enum DisWidget {
  /// The instructions of the first thread's innermost first statement as compiled inside the thread's function
  /// (so that names are numbered as the trace numbers them); the standalone listing when that fails.
  public static func listing(_ scenario: Scenario, statement: StatementKind) -> [Instruction] {
    let shared = Set(scenario.shared.map(\.name))
    var body = scenario.processes.first?.threads.first?.body ?? []
    var line: Int?
    while let first = body.first {
      if case .repeatBlock(_, let inner) = first.kind {
        body = inner
      } else {
        line = first.location.line
        break
      }
    }
    if let line, let thread = scenario.processes.first?.threads.first {
      let function = Bytecode.function(body: thread.body, shared: shared, interpreter: scenario.interpreter)
      let own = function.filter { $0.line == line }.map(\.instruction)
      if !own.isEmpty { return own }
    }
    return Bytecode.listing(for: statement, shared: shared, interpreter: scenario.interpreter)
  }

  public static func render(
    _ trace: Trace, statement: StatementKind, source: String, _ c: WidgetContext
  ) -> CellGrid {
    let s = c.strings
    let g = c.glyphs
    let listing = DisWidget.listing(trace.scenario, statement: statement)
    let threads = Array(trace.threads.indices)
    var grid = CellGrid(width: c.width, height: listing.count + 4)
    grid.blit(header("\(s.disTitle): \(source)", trace, c), x: 0, y: 0)
    var positions: [Int: [Int]] = [:]
    var elsewhere: [Int] = []
    for thread in threads {
      let state = trace.state(of: thread, at: c.time)
      guard state != .notStarted && state != .finished else { continue }
      if let instruction = TraceQueries.instruction(of: thread, at: c.time, in: trace),
        let row = listing.firstIndex(of: instruction)
      {
        positions[row, default: []].append(thread)
      } else {
        elsewhere.append(thread)
      }
    }
    let textWidth = (listing.map { TextWidth.of($0.text) }.max() ?? 10) + 4
    for (row, instruction) in listing.enumerated() {
      let y = row + 1
      let here = positions[row] ?? []
      let running = here.contains { trace.state(of: $0, at: c.time) == .running }
      let mark = instruction.isCheckPoint ? "*" : " "
      grid.put(
        "  \(mark) " + TextWidth.padRight(instruction.text, to: textWidth - 4), x: 0, y: y,
        style: Style(.code, reverse: running))
      var x = textWidth + 1
      for thread in here {
        let state = trace.state(of: thread, at: c.time)
        x = grid.put(
          [
            StyledText(g.marker + " ", Style(.emphasis)),
            StyledText(g.text(threadName(trace, thread)) + " ", Style(role(of: state))),
          ],
          x: x, y: y)
      }
    }
    var y = listing.count + 1
    if !elsewhere.isEmpty {
      grid.put(
        "  \(s.betweenStatements): " + elsewhere.map { g.text(threadName(trace, $0)) }.joined(separator: ", "), x: 0,
        y: y, style: Style(.dim))
    }
    y += 1
    var states: [StyledText] = []
    for thread in threads {
      let state = trace.state(of: thread, at: c.time)
      states.append(StyledText(String(g.cell(state)), Style(role(of: state))))
      states.append(StyledText(" \(g.text(threadName(trace, thread))): \(s.state(state))   "))
    }
    grid.put(states, x: 0, y: y)
    y += 1
    let values = trace.scenario.shared.compactMap { v in
      TraceQueries.sharedValue(v.name, at: c.time, in: trace).map { "\(v.name) = \($0)" }
    }
    grid.put(values.joined(separator: g.separator), x: 0, y: y, style: Style(.emphasis))
    return grid
  }
}

// Foundation-free trigonometry for the circle (Taylor series is plenty for placing a dozen seats).
private func sine(_ x: Double) -> Double {
  var a = x.truncatingRemainder(dividingBy: 2 * Double.pi)
  if a > Double.pi { a -= 2 * Double.pi }
  if a < -Double.pi { a += 2 * Double.pi }
  var term = a
  var sum = a
  for n in 1..<12 {
    term *= -a * a / Double((2 * n) * (2 * n + 1))
    sum += term
  }
  return sum
}

private func cosine(_ x: Double) -> Double { sine(x + Double.pi / 2) }
