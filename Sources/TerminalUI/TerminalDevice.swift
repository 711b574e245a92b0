/// What the run loop needs of a terminal: events in, frames out. The ncurses terminal is one; tests use a fake.
public protocol TerminalDevice: AnyObject {
  /// The next event, or nil when `timeoutMilliseconds` pass first (-1: wait for ever).
  func nextEvent(timeoutMilliseconds: Int) -> InputEvent?
  /// A signal that asks the program to stop (SIGINT, SIGTERM, SIGHUP), once it has arrived.
  var pendingSignal: Int32? { get }
  func draw(_ grid: CellGrid)
  /// Forget the last frame, so that the next `draw` writes every cell.
  func invalidate()
}
