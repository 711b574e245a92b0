import DisplayText
import SchedulerEngine

/// The lock as a key: the interpreter is a room with one key. The holder is inside with it; waiters queue at the
/// door, a waiter that waited one interval raises its hand (the drop request); threads in I/O, asleep or in C code
/// without the GIL are away, having handed the key back.
public enum KeyWidget {
  public static func render(_ trace: Trace, _ c: WidgetContext) -> CellGrid {
    let s = c.strings
    let g = c.glyphs
    var grid = CellGrid(width: c.width, height: 8)
    grid.blit(c.header(s.keyTitle, trace), x: 0, y: 0)
    guard trace.scenario.lockModel != .none, !trace.gilSpans.isEmpty else {
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
    grid.put(c.lastEvent(trace), x: 0, y: 7)
    return grid
  }
}
