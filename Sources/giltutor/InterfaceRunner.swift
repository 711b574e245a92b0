import Foundation
import Terminal
import TerminalUI
import TutorApp

#if canImport(Glibc)
  import Glibc
#endif

/// What the run loop does after a program's effect.
enum RunnerAction {
  case keepGoing, quit
  /// Forget the last frame and repaint every cell (Ctrl-L).
  case redraw
}

/// The run loop: terminal events into the program's `update`, its `view` into the terminal. It owns the terminal
/// from start to stop, so a signal, a crash or `q` always leaves it restored.
enum InterfaceRunner {
  static let frame: Int64 = 33_000_000

  /// Runs `initial` until it quits or a signal arrives; `perform` carries out its effects, `finish` sees the last
  /// state (after the terminal is restored). Returns the exit status: 0, or 128 + the signal. Where there is no
  /// usable terminal, it says so and suggests `plain`, the command that works without one.
  static func run<Program: InteractiveProgram>(
    _ initial: Program, options: InterfaceOptions, plain: String = "giltutor lesson ID --plain",
    perform: (Program.ProgramEffect) -> RunnerAction, finish: (Program) -> Void = { _ in }
  ) -> Int32 {
    if CrashTest.isRequested(options.environment) {
      return drive(CrashTest.Program(wrapped: initial), options: options, plain: plain, perform: perform) {
        finish($0.wrapped)
      }
    }
    return drive(initial, options: options, plain: plain, perform: perform, finish: finish)
  }

  private static func drive<Program: InteractiveProgram>(
    _ initial: Program, options: InterfaceOptions, plain: String,
    perform: (Program.ProgramEffect) -> RunnerAction, finish: (Program) -> Void
  ) -> Int32 {
    let strings = Strings.of(options.language)
    if let refusal = Terminal.refusal(environment: options.environment) {
      printError(strings.refusal(notATerminal: refusal == .notATerminal, plain: plain))
      return LessonExit.usage
    }
    let terminal = Terminal()
    let log = logPath(options.environment)
    let backtrace = !(options.environment["SWIFT_BACKTRACE"] ?? "").isEmpty
    guard terminal.start(colorMode: options.colorMode, mouse: !options.noMouse, logPath: log, backtrace: backtrace)
    else {
      printError(strings.unknownTerminal(options.environment["TERM"] ?? "", plain: plain))
      return LessonExit.usage
    }
    var program = initial
    let size = terminal.size
    _ = program.update(.resize(width: size.width, height: size.height))
    var status: Int32 = 0
    let clock = ContinuousClock()
    var lastTick = clock.now
    var wasAnimating = false
    terminal.draw(program.view())
    loop: while true {
      let animating = program.isAnimating
      if animating && !wasAnimating { lastTick = clock.now }
      wasAnimating = animating
      var timeout = -1
      if animating {
        let since = nanoseconds(clock.now - lastTick)
        timeout = Int(max(0, frame - since) / 1_000_000)
      }
      let event = terminal.nextEvent(timeoutMilliseconds: timeout)
      if let signal = terminal.pendingSignal {
        status = 128 + signal
        break
      }
      var effects: [Program.ProgramEffect] = []
      if let event { effects += program.update(event) }
      if program.isAnimating {
        let elapsed = nanoseconds(clock.now - lastTick)
        if elapsed >= frame || event == nil {
          lastTick = clock.now
          effects += program.update(.tick(nanoseconds: elapsed))
        }
      }
      for effect in effects {
        switch perform(effect) {
        case .keepGoing: break
        case .quit: break loop
        case .redraw: terminal.invalidate()
        }
      }
      if event != nil || animating { terminal.draw(program.view()) }
    }
    terminal.stop()
    finish(program)
    return status
  }

  static func nanoseconds(_ duration: Duration) -> Int64 {
    let (seconds, attoseconds) = duration.components
    return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
  }

  /// Where stderr goes while the interface is up: next to the progress file, else the temporary directory.
  static func logPath(_ environment: [String: String]) -> String {
    if let store = ProgressStore.standard(environment: environment) {
      let directory = store.file.deletingLastPathComponent()
      if (try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)) != nil {
        return directory.appendingPathComponent("giltutor.log").path
      }
    }
    return NSTemporaryDirectory() + "giltutor-\(getuid()).log"
  }
}
