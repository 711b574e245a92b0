import Foundation
import Terminal
import TerminalUI
import TutorApp

#if canImport(Glibc)
  import Glibc
#endif

/// The interface's terminal from start to stop, around `ProgramLoop`: a signal, a crash or `q` always leaves it
/// restored.
enum InterfaceRunner {
  /// Runs `initial` until it quits or a signal arrives; `perform` carries out its effects, `finish` sees the last
  /// state (after the terminal is restored). Returns the exit status: 0, or 128 + the signal. Where there is no
  /// usable terminal, it says so and suggests `plain`, the command that works without one.
  static func run<Program: InteractiveProgram>(
    _ initial: Program, options: InterfaceOptions, plain: String = "giltutor lesson ID --plain",
    perform: (Program.ProgramEffect) -> LoopAction, finish: (Program) -> Void = { _ in }
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
    perform: (Program.ProgramEffect) -> LoopAction, finish: (Program) -> Void
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
    let status = ProgramLoop.run(
      &program, on: terminal, wallClock: { Date().timeIntervalSince1970 }, perform: perform)
    terminal.stop()
    finish(program)
    return status
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
