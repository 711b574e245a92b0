import SchedulerEngine
import TerminalUI
import TraceIO

/// The replay screen: the timeline with its cursor, the event at the cursor explained in a sentence, and the
/// lock-as-key and talking-stick pictures at that moment; a status line at the bottom.
enum ReplayView {
  static func render(_ state: ReplayState) -> CellGrid {
    var grid = CellGrid(width: state.width, height: state.height)
    let s = state.strings
    let g = state.glyphs
    if !TooSmallScreen.fits(width: state.width, height: state.height) {
      return TooSmallScreen.render(width: state.width, height: state.height, strings: s)
    }
    let trace = state.trace
    // Header: what is replayed, where the cursor is.
    grid.fill(x: 0, y: 0, width: state.width, height: 1, style: Style(.status), character: " ")
    let position = state.isEmpty ? "" : "\(s.replayEvent) \(state.cursor + 1)/\(state.stepCount)"
    let right = "\(position)\(g.separator)t = \(s.duration(state.time)) "
    grid.put(right, x: state.width - TextWidth.of(right), y: 0, style: Style(.status))
    grid.put(
      " giltutor replay" + g.separator + g.text(state.title), x: 0, y: 0, style: Style(.status),
      limit: state.width - TextWidth.of(right) - 1)
    var y = 1
    if state.showHelp {
      help(&grid, state)
    } else {
      let context = WidgetContext(time: state.time, width: state.width, strings: s, glyphs: g)
      let threads = state.followed.map { [$0] } ?? Array(trace.threads.indices)
      let timeline = ReplayTimelineWidget.render(trace, context, window: state.window, threads: threads)
      grid.blit(timeline, x: 0, y: y)
      y += timeline.height
      // The explanation, wrapped; at most three lines.
      let sentence = state.event.map { s.explain($0, in: trace) } ?? s.replayEmpty
      let prefix = g.arrow + " "
      let words = sentence.split(separator: " ").map(String.init)
      for line in TextLayout.wrap(words, prefix: prefix, separator: " ", width: state.width - 1).prefix(3) {
        grid.put(line, x: 0, y: y, style: Style(.emphasis))
        y += 1
      }
      y += 1
      // The pictures: side by side on a wide screen, one above the other on a tall one, else the one `v` chose.
      let room = state.height - 1 - y
      if room > 2 {
        if state.width >= 120 {
          let half = (state.width - 1) / 2
          let narrow = WidgetContext(time: state.time, width: half, strings: s, glyphs: g)
          grid.blit(crop(KeyWidget.render(trace, narrow), room), x: 0, y: y)
          grid.blit(crop(StickWidget.render(trace, narrow), room), x: half + 1, y: y)
        } else if room >= 20 {
          let key = KeyWidget.render(trace, context)
          grid.blit(key, x: 0, y: y)
          grid.blit(crop(StickWidget.render(trace, context), room - key.height - 1), x: 0, y: y + key.height + 1)
        } else if state.picture == .key {
          grid.blit(crop(KeyWidget.render(trace, context), room), x: 0, y: y)
        } else {
          grid.blit(crop(StickWidget.render(trace, context), room), x: 0, y: y)
        }
      }
    }
    status(&grid, state)
    return grid
  }

  private static func crop(_ grid: CellGrid, _ height: Int) -> CellGrid {
    guard grid.height > height else { return grid }
    var out = CellGrid(width: grid.width, height: height)
    out.blit(grid, x: 0, y: 0)
    return out
  }

  private static func status(_ grid: inout CellGrid, _ state: ReplayState) {
    let s = state.strings
    let g = state.glyphs
    let y = state.height - 1
    grid.fill(x: 0, y: y, width: state.width, height: 1, style: Style(.status), character: " ")
    var left: String
    switch state.prompt {
    case .search(let text)?: left = "/" + text + "_"
    case .jump(let text)?: left = ":" + text + "_"
    case nil:
      left = " " + (state.playing ? "\(g.play) \(s.playing)" : "\(g.pause) \(s.paused)")
      left += g.separator + s.replaySpeed(ReplayState.speeds[state.speedIndex])
      if state.bytecode { left += g.separator + s.replayBytecode }
      if state.zoom > 0 { left += g.separator + s.replayZoom(1 << min(state.zoom, 62)) }
      if let followed = state.followed {
        left += g.separator + s.replayFollowing(g.text(state.trace.threads[followed].name))
      }
      if let message = state.message { left += g.separator + message }
    }
    let hint = s.statusHint
    grid.put(left, x: 0, y: y, style: Style(.status), limit: state.width - TextWidth.of(hint) - 2)
    grid.put(hint, x: state.width - TextWidth.of(hint) - 1, y: y, style: Style(.status))
  }

  private static func help(_ grid: inout CellGrid, _ state: ReplayState) {
    let s = state.strings
    var y = 2
    grid.put(s.help, x: 2, y: y, style: Style(.title))
    y += 2
    for (keys, what) in s.replayHelpLines where y < state.height - 3 {
      grid.put(state.glyphs.text(keys), x: 4, y: y, style: Style(.key))
      grid.put(what, x: 20, y: y, limit: state.width - 1)
      y += 1
    }
    grid.put(s.helpClose, x: 4, y: y + 1, style: Style(.dim))
  }
}
