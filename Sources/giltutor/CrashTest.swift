import TerminalUI
import TutorApp

/// A test-only path: with `GILTUTOR_CRASH_TEST` set, the interface traps at the first key, as a bug would, so that
/// the end-to-end tests can check that a Swift trap leaves a usable terminal and its message in the log. The run
/// loop itself knows nothing of it: the program it drives is wrapped.
enum CrashTest {
  static func isRequested(_ environment: [String: String]) -> Bool {
    !(environment["GILTUTOR_CRASH_TEST"] ?? "").isEmpty
  }

  struct Program<Wrapped: InteractiveProgram>: InteractiveProgram {
    var wrapped: Wrapped

    var isAnimating: Bool { wrapped.isAnimating }

    mutating func update(_ event: InputEvent) -> [Wrapped.ProgramEffect] {
      if case .key = event { fatalError("GILTUTOR_CRASH_TEST: crashing on purpose") }
      return wrapped.update(event)
    }

    static func work(for effect: Wrapped.ProgramEffect) -> (@Sendable () -> Wrapped.Message)? {
      Wrapped.work(for: effect)
    }

    mutating func receive(_ message: Wrapped.Message) -> [Wrapped.ProgramEffect] { wrapped.receive(message) }

    func view() -> CellGrid { wrapped.view() }
  }
}
