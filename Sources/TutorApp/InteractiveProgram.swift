import TerminalUI

/// A full-screen program the run loop drives: events in, effects out, a cell grid to draw. Slow work (a
/// simulation) is an effect the loop runs on another thread; its result comes back as a message, so input never
/// waits for it. The app conforms, and a test-only wrapper around it.
public protocol InteractiveProgram {
  associatedtype ProgramEffect
  associatedtype Message: Sendable
  /// Whether time moves on its own: the run loop then ticks (at most ~30 times a second); otherwise it blocks.
  var isAnimating: Bool { get }
  /// The state after `event`, and what the run loop must do besides drawing.
  mutating func update(_ event: InputEvent) -> [ProgramEffect]
  /// The work `effect` asks for off the input path, if any.
  static func work(for effect: ProgramEffect) -> (@Sendable () -> Message)?
  /// The state after a piece of work finished.
  mutating func receive(_ message: Message) -> [ProgramEffect]
  /// The whole screen.
  func view() -> CellGrid
}

extension AppState: InteractiveProgram {
  public mutating func update(_ event: InputEvent) -> [Effect] { App.update(&self, event) }
  public static func work(for effect: Effect) -> (@Sendable () -> SimulationResult)? {
    guard case .simulate(let job) = effect else { return nil }
    return { job.run() }
  }
  public mutating func receive(_ message: SimulationResult) -> [Effect] { App.receive(&self, message) }
  public func view() -> CellGrid { App.view(self) }
}
