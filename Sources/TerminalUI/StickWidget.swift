import DisplayText
import SchedulerEngine

/// The talking stick: threads sit in a circle; only the one holding the stick speaks (runs bytecode); the stick
/// passes at each hand-off; a timer shows the switch interval running out for the longest waiter.
public enum StickWidget {
  /// The middle of each seat on an ellipse in the region's columns, for labels of the widths given: the ellipse
  /// wide enough that no two labels on a row overlap, or nil when none fits (a narrow screen, many long names).
  static func circle(_ widths: [Int], region: Int, centerY: Int) -> [(x: Int, y: Int)]? {
    let centerX = region / 2
    let radiusY = 3.0
    var radiusX = max(4, region / 2 - 10)
    while radiusX <= region / 2 {
      var seats: [(x: Int, y: Int)] = []
      var taken: [Int: [Range<Int>]] = [:]
      var fits = true
      for (seat, w) in widths.enumerated() {
        let angle = -Double.pi / 2 + 2 * Double.pi * Double(seat) / Double(max(1, widths.count))
        let x = centerX + Int((Double(radiusX) * Trigonometry.cosine(angle)).rounded())
        let y = centerY + Int((radiusY * Trigonometry.sine(angle)).rounded())
        // A column between labels, and none past the region (the text on the right starts there).
        let left = x - w / 2
        let span = (left - 1)..<(left + w + 1)
        if left < 0 || left + w > region || taken[y, default: []].contains(where: { $0.overlaps(span) }) {
          fits = false
          break
        }
        taken[y, default: []].append(span)
        seats.append((x, y))
      }
      if fits { return seats }
      radiusX += 1
    }
    return nil
  }

  /// The seats one under another, from the left edge, when no circle fits.
  static func column(_ widths: [Int], centerY: Int) -> [(x: Int, y: Int)] {
    let top = max(2, centerY - widths.count / 2)
    return widths.enumerated().map { (1 + $0.element / 2, top + $0.offset) }
  }

  public static func render(_ trace: Trace, _ c: WidgetContext) -> CellGrid {
    let s = c.strings
    let g = c.glyphs
    let height = 11
    var grid = CellGrid(width: c.width, height: height)
    grid.blit(c.header(s.stickTitle, trace), x: 0, y: 0)
    let t = c.time
    let threads = trace.threads.indices.filter { trace.threads[$0].process == 0 }
    let holder = trace.gilSpans.isEmpty ? nil : trace.gilHolder(process: 0, at: t)
    // The circle on the left, what happens on the right.
    let region = min(c.width / 2, 56)
    let centerY = 5
    var labels: [[StyledText]] = []
    for index in threads {
      let state = trace.state(of: index, at: t)
      if index == holder {
        labels.append([
          StyledText(g.stick, Style(.key)),
          StyledText(" " + g.text(threadName(trace, index)), Style(.running, reverse: true)),
        ])
      } else {
        labels.append([
          StyledText(String(g.cell(state)), Style(role(of: state))),
          StyledText(" " + g.text(threadName(trace, index)), Style(role(of: state))),
        ])
      }
    }
    let widths = labels.map { $0.reduce(0) { $0 + TextWidth.of($1.text) } }
    // The circle is sized for every seat holding the stick (its glyph is wider), so that it keeps its size as
    // the stick passes.
    let widest = threads.map { TextWidth.of(g.stick + " " + g.text(threadName(trace, $0))) }
    let seats = Self.circle(widest, region: region, centerY: centerY) ?? Self.column(widest, centerY: centerY)
    for (label, (seat, w)) in zip(labels, zip(seats, widths)) {
      grid.put(label, x: max(0, seat.x - w / 2), y: seat.y)
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
        trace.scenario.lockModel == .newGIL, interval > 0
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
    grid.put(c.lastEvent(trace), x: 0, y: height - 1)
    return grid
  }
}
