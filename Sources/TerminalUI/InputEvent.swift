/// A key as the interface understands it, decoded by the terminal backend.
public enum Key: Sendable, Hashable {
  case character(Character)
  case up, down, left, right, pageUp, pageDown, home, end
  /// Shift-← and Shift-→.
  case shiftLeft, shiftRight
  case enter, escape, backspace, tab
  case function(Int)
  /// Ctrl plus a letter, lower case (`ctrl("l")` is Ctrl-L).
  case control(Character)

  /// The key with Russian-layout (ЙЦУКЕН) letters mapped to the Latin letters at the same keyboard positions,
  /// so that й works as q and р as h.
  public var latinPosition: Key {
    guard case .character(let c) = self, let mapped = Key.russianLayout[Character(c.lowercased())] else {
      return self
    }
    return .character(mapped)
  }

  private static let russianLayout: [Character: Character] = {
    let russian = Array("йцукенгшщзхъфывапролджэячсмитьбюё")
    let latin = Array("qwertyuiop[]asdfghjkl;'zxcvbnm,.`")
    var map: [Character: Character] = [:]
    for (r, l) in zip(russian, latin) { map[r] = l }
    return map
  }()
}

/// Mouse input the interface uses.
public enum MouseAction: Sendable, Hashable {
  case wheelUp, wheelDown
  case click(x: Int, y: Int)
}

/// Everything that reaches the app core from outside.
public enum InputEvent: Sendable, Hashable {
  case key(Key)
  case mouse(MouseAction)
  /// The terminal's new size.
  case resize(width: Int, height: Int)
  /// Time passed: nanoseconds of animation since the previous tick (0 while nothing moves), and the wall clock
  /// in seconds since 1970. The run loop sends one before every other event, so the app never reads a clock.
  case tick(nanoseconds: Int64, wallClock: Double)
  /// Redraw everything (Ctrl-L or after a suspend).
  case redraw
}
