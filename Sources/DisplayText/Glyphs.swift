import SchedulerEngine

/// The characters every output draws with: Unicode in a UTF-8 locale, plain ASCII otherwise (and with `--ascii`).
/// Every thread state has a glyph of its own, so meaning never rests on colour alone (the text outputs have no
/// colour at all); the glyphs of the timeline's cells are one column wide. The text timeline of `giltutor simulate`,
/// the lessons' pictures and replay all draw with these, so their legends agree.
public struct Glyphs: Sendable {
  public let unicode: Bool

  public init(unicode: Bool) { self.unicode = unicode }

  // MARK: The timeline

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
    case .stopped: unicode ? "‖" : "|"
    case .notStarted, .finished: " "
    }
  }

  /// The cell drawn for one column of a thread's row.
  public func cell(_ cell: TimelineCell) -> Character {
    switch cell {
    case .state(let state): self.cell(state)
    case .briefTurn: briefTurn
    }
  }

  /// A thread that held the GIL for part of a column (no more than half of it).
  public var briefTurn: Character { unicode ? "▌" : "+" }
  /// A GIL row's cell when nobody holds the GIL.
  public var gilFree: Character { unicode ? "·" : "." }
  /// A GIL row's cell in which the GIL passed from one thread to another (in ASCII `/`: `x` and `X` are thread
  /// codes).
  public var handOff: Character { unicode ? "⇄" : "/" }

  /// The cell drawn for one column of a GIL row: the holder's code, `handOff` or `gilFree`.
  public func cell(_ cell: GILCell) -> Character {
    switch cell {
    case .free: gilFree
    case .held(let thread): ThreadCodes.code(ofThread: Int(thread))
    case .handOff: handOff
    }
  }
  /// Between a row's label and its cells in the text timeline.
  public var rowSeparator: Character { unicode ? "│" : "|" }
  /// The time axis: its left corner, its line and a tick.
  public var axis: (corner: Character, line: Character, tick: Character) { unicode ? ("└", "─", "┴") : ("+", "-", "+") }
  /// The current time on the axis.
  public var cursor: Character { unicode ? "▲" : "^" }

  // MARK: Text

  /// The last column of a name cut to fit.
  public var ellipsis: Character { unicode ? "…" : "~" }
  /// Between the items of one line of the text outputs (title, totals).
  public var itemSeparator: String { unicode ? " · " : ", " }
  /// Between the parts of a screen's header or status line.
  public var separator: String { unicode ? " · " : " - " }
  public var arrow: String { unicode ? "→" : "->" }
  public var marker: String { unicode ? "◀" : "<" }
  public var play: String { unicode ? "▶" : ">" }
  public var pause: String { unicode ? "❚❚" : "||" }

  // MARK: The pictures

  public var key: String { unicode ? "🔑" : "o-=" }
  public var hand: String { unicode ? "✋" : "!" }
  public var stick: String { unicode ? "🎤" : "(*)" }
  public var door: Character { unicode ? "▯" : "]" }
  public var box: (tl: Character, tr: Character, bl: Character, br: Character, h: Character, v: Character) {
    unicode ? ("┌", "┐", "└", "┘", "─", "│") : ("+", "+", "+", "+", "-", "|")
  }
  public var bar: (full: Character, empty: Character) { unicode ? ("█", "░") : ("#", ".") }

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
    "\u{00A0}": " ", "\u{202F}": " ", "≈": "~", "▲": "^", "✋": "!", "•": "-", "⇄": "/",
  ]

  /// A name for a row label or a table: printable, at most `width` columns, cut with an ellipsis.
  public func name(_ name: String, width: Int) -> String {
    TextWidth.truncate(text(name), to: width, ellipsis: ellipsis)
  }
}
