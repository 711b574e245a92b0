import TerminalUI

/// A full-screen program the run loop drives: events in, effects out, a cell grid to draw. The lessons, the quiz
/// and the replay each conform, so one run loop (with its signal, crash and resize handling) serves them all.
public protocol InteractiveProgram {
  associatedtype ProgramEffect
  /// Whether time moves on its own: the run loop then ticks (at most ~30 times a second); otherwise it blocks.
  var isAnimating: Bool { get }
  /// The state after `event`, and what the run loop must do besides drawing.
  mutating func update(_ event: InputEvent) -> [ProgramEffect]
  /// The whole screen.
  func view() -> CellGrid
}

extension AppState: InteractiveProgram {
  public mutating func update(_ event: InputEvent) -> [Effect] { App.update(&self, event) }
  public func view() -> CellGrid { App.view(self) }
}
