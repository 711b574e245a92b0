import TerminalUI

/// The frame's own words, in both languages.
extension Strings {
  /// Shown where a picture is being simulated.
  public var simulating: String { pick("simulating…", "моделирую…") }
}
