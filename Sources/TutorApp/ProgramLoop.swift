import Foundation
import TerminalUI

/// What the run loop does after one of the program's effects.
public enum LoopAction: Sendable {
  case keepGoing, quit
  /// Forget the last frame and repaint every cell (Ctrl-L).
  case redraw
}

/// The run loop: events into the program's `update`, the wall clock into its ticks, its slow work onto a worker
/// thread and the results back as messages, its `view` onto the terminal. Input is read between frames even
/// while the worker is busy: a page turn never freezes the keys.
public enum ProgramLoop {
  /// One frame: the loop ticks at most this often while something moves or the worker is busy.
  public static let frameNanoseconds: Int64 = 33_000_000

  /// Runs `program` on `device` until an effect quits or a signal arrives; returns 0 or 128 + the signal.
  /// `wallClock` gives the seconds since 1970 (the quiz's time taken: the app itself reads no clock);
  /// `background` starts work on another thread (tests may hold it back).
  public static func run<Program: InteractiveProgram>(
    _ program: inout Program, on device: some TerminalDevice,
    wallClock: () -> Double,
    background: @escaping @Sendable (@escaping @Sendable () -> Void) -> Void = { work in
      Thread.detachNewThread(work)
    },
    perform: (Program.ProgramEffect) -> LoopAction
  ) -> Int32 {
    let worker = Worker<Program.Message>(start: background)
    let clock = ContinuousClock()
    var lastTick = clock.now
    var status: Int32 = 0
    device.draw(program.view())
    loop: while true {
      let animating = program.isAnimating
      let busy = worker.isBusy
      var timeout = -1
      if animating || busy {
        let since = nanoseconds(clock.now - lastTick)
        timeout = Int(max(0, frameNanoseconds - since) / 1_000_000)
      }
      let event = device.nextEvent(timeoutMilliseconds: timeout)
      if let signal = device.pendingSignal {
        status = 128 + signal
        break
      }
      // Time first (the clock the quiz reads, the pictures' progress), then the event, then finished work.
      let now = clock.now
      var effects: [Program.ProgramEffect] = []
      if event != nil || nanoseconds(now - lastTick) >= frameNanoseconds || !animating {
        let elapsed = animating ? nanoseconds(now - lastTick) : 0
        lastTick = now
        effects += program.update(.tick(nanoseconds: elapsed, wallClock: wallClock()))
      }
      if let event { effects += program.update(event) }
      for message in worker.finished() { effects += program.receive(message) }
      var index = 0
      while index < effects.count {
        let effect = effects[index]
        index += 1
        if let work = Program.work(for: effect) {
          worker.submit(work)
          continue
        }
        switch perform(effect) {
        case .keepGoing: break
        case .quit: break loop
        case .redraw: device.invalidate()
        }
      }
      device.draw(program.view())
    }
    return status
  }

  static func nanoseconds(_ duration: Duration) -> Int64 {
    let (seconds, attoseconds) = duration.components
    return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
  }
}

/// One piece of work at a time on another thread. A newer piece replaces one that has not started: every piece
/// today simulates the pictures of the page on screen, so only the newest matters (holding → through ten heavy
/// pages runs two simulations, not ten).
final class Worker<Message: Sendable>: @unchecked Sendable {
  // @unchecked: every field is read and written under `lock`.
  private let lock = NSLock()
  private var next: (@Sendable () -> Message)?
  private var running = false
  private var done: [Message] = []
  private let start: @Sendable (@escaping @Sendable () -> Void) -> Void

  init(start: @escaping @Sendable (@escaping @Sendable () -> Void) -> Void) { self.start = start }

  /// Whether work is running or waiting, or results wait to be taken.
  var isBusy: Bool { lock.withLock { running || next != nil || !done.isEmpty } }

  func submit(_ work: @escaping @Sendable () -> Message) {
    let idle = lock.withLock {
      next = work
      defer { running = true }
      return !running
    }
    if idle { start { self.drain() } }
  }

  func finished() -> [Message] {
    lock.withLock {
      defer { done = [] }
      return done
    }
  }

  private func drain() {
    while let work = lock.withLock({ () -> (@Sendable () -> Message)? in
      defer { next = nil }
      if next == nil { running = false }
      return next
    }) {
      let message = work()
      lock.withLock { done.append(message) }
    }
  }
}
