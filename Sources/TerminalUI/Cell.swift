import DisplayText
import SchedulerEngine

/// What a cell means; the terminal backend maps each role to colours and attributes for the terminal it has
/// (monochrome, 8, 16 or 256 colours). Meaning never rests on colour alone: every state also has its own glyph.
public enum Role: UInt8, Sendable, CaseIterable {
  case normal, title, heading, emphasis, strong, code, keyword, string, comment, dim
  case running, builtin, native, waiting, io, sleeping, lockWait, runnable, finished
  case gil, cursor, highlight, status, border, error, key
}

/// The role that colours a state.
public func role(of state: ThreadState) -> Role {
  switch state {
  case .running: .running
  case .builtin: .builtin
  case .native: .native
  case .waitingGIL, .stopped: .waiting
  case .waitingLock: .lockWait
  case .io: .io
  case .sleeping, .selecting: .sleeping
  case .runnable: .runnable
  case .notStarted, .finished: .finished
  }
}

/// The role that colours a timeline cell: a brief turn is coloured as running.
public func role(of cell: TimelineCell) -> Role {
  switch cell {
  case .state(let state): role(of: state)
  case .briefTurn: .running
  }
}

/// The role that colours a GIL row's cell: dim when the GIL is free.
public func role(of cell: GILCell) -> Role { cell == .free ? .dim : .gil }

/// A cell's look: its role, and whether it is shown in reverse video (selection, the highlighted instruction).
public struct Style: Sendable, Hashable {
  public var role: Role
  public var reverse: Bool

  public init(_ role: Role = .normal, reverse: Bool = false) {
    self.role = role
    self.reverse = reverse
  }

  public static let normal = Style()
}

/// One terminal cell: a character (a grapheme cluster), its display width and its style. A wide character fills
/// its cell and the next, which holds an empty continuation (`width == 0`).
public struct Cell: Sendable, Hashable {
  public var character: Character
  public var width: UInt8
  public var style: Style

  public init(_ character: Character, width: UInt8 = 1, style: Style = .normal) {
    self.character = character
    self.width = width
    self.style = style
  }

  /// The character as the terminal is given it: `?` for one holding a control character, which the terminal would
  /// act on instead of showing (`put` writes those as escapes; this guards cells set any other way).
  public var printableCharacter: Character {
    character.unicodeScalars.contains(where: \.isControlForOutput) ? "?" : character
  }

  public static let blank = Cell(" ")
  /// The right half of a wide character.
  public static let continuation = Cell(" ", width: 0)
  public var isContinuation: Bool { width == 0 }
}
