import DisplayText
import SchedulerEngine

/// The talking stick: threads sit in a circle; only the one holding the stick speaks (runs bytecode); the stick
/// passes at each hand-off; a timer shows the switch interval running out for the longest waiter.
public enum StickWidget {
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
    let centerX = region / 2
    let centerY = 5
    let radiusX = Double(max(4, region / 2 - 10))
    let radiusY = 3.0
    for (seat, index) in threads.enumerated() {
      let angle = -Double.pi / 2 + 2 * Double.pi * Double(seat) / Double(max(1, threads.count))
      let x = centerX + Int((radiusX * Trigonometry.cosine(angle)).rounded())
      let y = centerY + Int((radiusY * Trigonometry.sine(angle)).rounded())
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
