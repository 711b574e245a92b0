import DisplayText
import SchedulerEngine

/// The characters the text outputs draw with: Unicode, or plain ASCII for terminals without a UTF-8 locale.
/// Colour is never used in text output, so every thread state has a glyph of its own. All are one column wide.
public struct Glyphs: Sendable {
  public let unicode: Bool

  public init(unicode: Bool) { self.unicode = unicode }

  /// The cell drawn for a thread in `state`. Not started and finished are blank.
  public func cell(_ state: ThreadState) -> Character {
    switch state {
    case .running: unicode ? "█" : "#"
    case .builtin: unicode ? "▓" : "@"
    case .native: unicode ? "▒" : "="
    case .waitingGIL: unicode ? "░" : "-"
    case .waitingLock: unicode ? "×" : "x"
    case .io: unicode ? "≈" : "~"
    case .sleeping: "z"
    case .runnable: unicode ? "┈" : ":"
    case .selecting: unicode ? "◦" : "o"
    case .notStarted, .finished: " "
    }
  }

  /// A thread that held the GIL for part of a column (less than half of it).
  public var briefTurn: Character { unicode ? "▌" : "+" }
  /// A GIL row's cell when nobody holds the GIL.
  public var gilFree: Character { unicode ? "·" : "." }
  var rowSeparator: Character { unicode ? "│" : "|" }
  var axisCorner: Character { unicode ? "└" : "+" }
  var axisLine: Character { unicode ? "─" : "-" }
  var axisTick: Character { unicode ? "┴" : "+" }
  var ellipsis: Character { unicode ? "…" : "~" }
  /// Between the items of one line (title, totals).
  var itemSeparator: String { unicode ? " · " : ", " }

  /// `text` as it may be printed on one line: control characters as visible escapes (`\x1b`, newlines too: a
  /// name or a title must not break a line); in Unicode mode nothing else changes; otherwise arrows, dashes,
  /// quotes and the like in ASCII words or signs (`↑↓` as `Up/Down`, `…` as `...`), and every other non-ASCII
  /// character as `?`.
  public func text(_ text: String) -> String {
    let text = text.escapingControlCharacters()
    if unicode || text.allSatisfy(\.isASCII) { return text }
    var ascii = ""
    for character in text.replacing("↑↓", with: "Up/Down") {
      ascii += character.isASCII ? String(character) : Glyphs.asciiForms[character] ?? "?"
    }
    return ascii
  }

  private static let asciiForms: [Character: String] = [
    "↑": "Up", "↓": "Down", "←": "Left", "→": "Right", "⌫": "Backspace", "…": "...", "—": "-", "–": "-",
    "×": "x", "·": "-", "µ": "u", "«": "\"", "»": "\"", "“": "\"", "”": "\"", "‘": "'", "’": "'",
    "\u{00A0}": " ", "\u{202F}": " ", "≈": "~", "▲": "^", "✋": "!", "•": "-",
  ]

  /// A name for a row label or a table: printable, at most `width` columns, cut with an ellipsis.
  func name(_ name: String, width: Int) -> String {
    TextWidth.truncate(text(name), to: width, ellipsis: ellipsis)
  }
}
