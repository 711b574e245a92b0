import DisplayText
import SchedulerEngine
import TerminalUI
import TraceIO

/// The replay screen: the timeline with its cursor, the event at the cursor explained in a sentence, and the
/// lock-as-key and talking-stick pictures at that moment; a status line at the bottom.
enum ReplayView {
  /// The header names the recording and where the cursor is; the status bar shows the replay's state or the
  /// prompt being typed.
  static func parts(_ state: AppState, _ replay: ReplayState) -> FrameParts {
    let s = state.strings
    let g = state.glyphs
    let position = replay.isEmpty ? "" : "\(s.replayEvent) \(replay.cursor + 1)/\(replay.stepCount)"
    return FrameParts(
      title: "giltutor replay" + g.separator + g.text(replay.title),
      position: "\(position)\(g.separator)t = \(s.duration(replay.time))", status: status(state, replay),
      help: Help(lines: s.replayHelpLines.map { (keys: $0.0, what: $0.1) }, notes: [s.layoutNote]))
  }

  static func body(_ grid: inout CellGrid, _ state: AppState, _ replay: ReplayState) {
    let s = state.strings
    let g = state.glyphs
    let trace = replay.trace
    var y = 1
    let context = WidgetContext(time: replay.time, width: state.width, strings: s, glyphs: g)
    let threads = replay.followed.map { [$0] } ?? Array(trace.threads.indices)
    let timeline = ReplayTimelineWidget.render(trace, context, window: replay.window, threads: threads)
    grid.blit(timeline, x: 0, y: y)
    y += timeline.height
    // The explanation, wrapped; at most three lines.
    let sentence = replay.event.map { s.explain($0, in: trace) } ?? s.replayEmpty
    let prefix = g.arrow + " "
    let words = sentence.split(separator: " ").map(String.init)
    for line in TextLayout.wrap(words, prefix: prefix, separator: " ", width: state.width - 1).prefix(3) {
      grid.put(line, x: 0, y: y, style: Style(.emphasis))
      y += 1
    }
    y += 1
    // The pictures: side by side on a wide screen, one above the other on a tall one, else the one `v` chose.
    let room = state.height - 1 - y
    guard room > 2 else { return }
    if state.width >= 120 {
      let half = (state.width - 1) / 2
      let narrow = WidgetContext(time: replay.time, width: half, strings: s, glyphs: g)
      grid.blit(crop(KeyWidget.render(trace, narrow), room), x: 0, y: y)
      grid.blit(crop(StickWidget.render(trace, narrow), room), x: half + 1, y: y)
    } else if room >= 20 {
      let key = KeyWidget.render(trace, context)
      grid.blit(key, x: 0, y: y)
      grid.blit(crop(StickWidget.render(trace, context), room - key.height - 1), x: 0, y: y + key.height + 1)
    } else if replay.picture == .key {
      grid.blit(crop(KeyWidget.render(trace, context), room), x: 0, y: y)
    } else {
      grid.blit(crop(StickWidget.render(trace, context), room), x: 0, y: y)
    }
  }

  private static func crop(_ grid: CellGrid, _ height: Int) -> CellGrid {
    guard grid.height > height else { return grid }
    var out = CellGrid(width: grid.width, height: height)
    out.blit(grid, x: 0, y: 0)
    return out
  }

  private static func status(_ state: AppState, _ replay: ReplayState) -> String {
    let s = state.strings
    let g = state.glyphs
    switch replay.prompt {
    case .search(let text)?: return "/" + text + "_"
    case .jump(let text)?: return ":" + text + "_"
    case nil:
      var left = " " + (replay.playing ? "\(g.play) \(s.playing)" : "\(g.pause) \(s.paused)")
      left += g.separator + s.replaySpeed(ReplayState.speeds[replay.speedIndex])
      if replay.bytecode { left += g.separator + s.replayBytecode }
      if replay.zoom > 0 { left += g.separator + s.replayZoom(1 << min(replay.zoom, 62)) }
      if let followed = replay.followed {
        left += g.separator + s.replayFollowing(g.text(replay.trace.threads[followed].name))
      }
      if let message = replay.message { left += g.separator + message }
      return left
    }
  }
}
