/// Turns the terminal's input bytes into keys, so that no byte can leave the keyboard stuck:
///
/// - UTF-8 is decoded here; an invalid or incomplete sequence (a paste, a wrong locale) is dropped and the next
///   key works.
/// - An escape sequence the terminal library did not recognise (one it does not know, such as Ctrl-↑, or a known
///   one that arrived in pieces, later than the library waits) is read to its end: the keys it names are returned,
///   the rest is dropped. Its tail is never read as Esc followed by `[`, `A`, ….
/// - Esc alone is returned only when no `[` or `O` follows it within the continuation wait.
public struct KeyDecoder: Sendable {
  /// One unit of input as the terminal library delivers it.
  public enum Unit: Sendable, Equatable {
    /// A byte of a character or of an escape sequence.
    case byte(UInt8)
    /// An event the library already decoded (an arrow from a whole sequence, a resize, the mouse).
    case event(InputEvent)
    /// A key the library decoded that means nothing here.
    case ignored
    /// Nothing arrived within the wait (or a signal interrupted it).
    case nothing
  }

  /// How long to wait for the next byte of a sequence already begun (the rest of a character, of an escape
  /// sequence, or a `[` after Esc), in milliseconds. Longer than split sequences take to arrive in practice (tmux,
  /// ssh, a loaded machine: 100 ms was seen to be too short under load), short enough that Esc alone still answers
  /// within a quarter of a second.
  public static let continuationMilliseconds = 200

  private var pushedBack: [Unit] = []

  public init() {}

  /// Decodes the next event. `read(continuation)` returns the next unit: waiting as the caller wants when
  /// `continuation` is false, at most `continuationMilliseconds` when it is true. Nil when nothing arrived or
  /// what arrived was dropped.
  public mutating func next(_ read: (_ continuation: Bool) -> Unit) -> InputEvent? {
    var first = true
    while true {
      let unit = take(read, continuation: !first)
      first = false
      switch unit {
      case .nothing, .ignored: return nil
      case .event(let event): return event
      case .byte(let byte):
        if let event = decode(byte, read) { return event }
        // Dropped: carry on only with what was already read and put back.
        if pushedBack.isEmpty { return nil }
      }
    }
  }

  private mutating func take(_ read: (Bool) -> Unit, continuation: Bool) -> Unit {
    pushedBack.isEmpty ? read(continuation) : pushedBack.removeFirst()
  }

  private mutating func putBack(_ unit: Unit) {
    if unit != .nothing { pushedBack.insert(unit, at: 0) }
  }

  private mutating func decode(_ byte: UInt8, _ read: (Bool) -> Unit) -> InputEvent? {
    switch byte {
    case 0x1B: return escape(read)
    case 0..<0x80: return Self.ascii(byte)
    default: return utf8(lead: byte, read)
    }
  }

  /// The event of a single-byte character or control code.
  public static func ascii(_ byte: UInt8) -> InputEvent? {
    switch byte {
    case 27: return .key(.escape)
    case 10, 13: return .key(.enter)
    case 9: return .key(.tab)
    case 8, 127: return .key(.backspace)
    case 12: return .redraw
    case 1...26: return .key(.control(Character(Unicode.Scalar(byte + 96))))
    case 32..<127: return .key(.character(Character(Unicode.Scalar(byte))))
    default: return nil
    }
  }

  private mutating func utf8(lead: UInt8, _ read: (Bool) -> Unit) -> InputEvent? {
    let count: Int
    var value: UInt32
    // The range the second byte must fall in (no overlong forms, no surrogates, nothing above U+10FFFF).
    var second: ClosedRange<UInt8> = 0x80...0xBF
    switch lead {
    case 0xC2...0xDF: (count, value) = (1, UInt32(lead & 0x1F))
    case 0xE0...0xEF:
      (count, value) = (2, UInt32(lead & 0x0F))
      if lead == 0xE0 { second = 0xA0...0xBF }
      if lead == 0xED { second = 0x80...0x9F }
    case 0xF0...0xF4:
      (count, value) = (3, UInt32(lead & 0x07))
      if lead == 0xF0 { second = 0x90...0xBF }
      if lead == 0xF4 { second = 0x80...0x8F }
    default: return nil
    }
    for index in 0..<count {
      let unit = take(read, continuation: true)
      guard case .byte(let byte) = unit, (index == 0 ? second : 0x80...0xBF).contains(byte) else {
        putBack(unit)
        return nil
      }
      value = value << 6 | UInt32(byte & 0x3F)
    }
    guard let scalar = Unicode.Scalar(value) else { return nil }
    if value < 0xA0 { return nil }  // C1 control codes
    return .key(.character(Character(scalar)))
  }

  private mutating func escape(_ read: (Bool) -> Unit) -> InputEvent? {
    let unit = take(read, continuation: true)
    switch unit {
    case .byte(UInt8(ascii: "[")): return controlSequence(read)
    case .byte(UInt8(ascii: "O")): return singleShift(read)
    default:
      putBack(unit)
      return .key(.escape)
    }
  }

  /// ESC [ parameters intermediates final: the keys it names, else nothing.
  private mutating func controlSequence(_ read: (Bool) -> Unit) -> InputEvent? {
    var parameters: [UInt8] = []
    while true {
      let unit = take(read, continuation: true)
      guard case .byte(let byte) = unit else {
        putBack(unit)
        return nil
      }
      switch byte {
      case 0x20...0x3F:
        parameters.append(byte)
        if parameters.count > 64 { return nil }
      case 0x40...0x7E:
        if byte == UInt8(ascii: "M") && parameters.isEmpty {
          // An X10 mouse report: three more bytes (button, column, row), whatever their values.
          for _ in 0..<3 {
            let unit = take(read, continuation: true)
            guard case .byte = unit else {
              putBack(unit)
              break
            }
          }
          return nil
        }
        return Self.controlSequenceKey(String(decoding: parameters, as: UTF8.self), final: byte)
      default:
        // Not part of a sequence (a control code, a new Esc): the sequence ends without a key, the byte counts.
        putBack(unit)
        return nil
      }
    }
  }

  /// ESC O final: the arrows, Home, End and F1–F4 of the application keypad.
  private mutating func singleShift(_ read: (Bool) -> Unit) -> InputEvent? {
    let unit = take(read, continuation: true)
    guard case .byte(let byte) = unit, (0x40...0x7E).contains(byte) else {
      putBack(unit)
      return nil
    }
    return Self.controlSequenceKey("", final: byte)
  }

  /// The key a complete escape sequence names (CSI or SS3 with the same final byte), or nil.
  static func controlSequenceKey(_ parameters: String, final: UInt8) -> InputEvent? {
    let plain = parameters.isEmpty || parameters == "1"
    let shifted = parameters == "1;2"
    switch (Character(Unicode.Scalar(final)), plain, shifted) {
    case ("A", true, _): return .key(.up)
    case ("B", true, _): return .key(.down)
    case ("C", true, _): return .key(.right)
    case ("D", true, _): return .key(.left)
    case ("C", _, true): return .key(.shiftRight)
    case ("D", _, true): return .key(.shiftLeft)
    case ("H", true, _): return .key(.home)
    case ("F", true, _): return .key(.end)
    case ("P", true, _): return .key(.function(1))
    case ("Q", true, _): return .key(.function(2))
    case ("R", true, _): return .key(.function(3))
    case ("S", true, _): return .key(.function(4))
    case ("~", _, _):
      let keys: [String: Key] = [
        "1": .home, "7": .home, "4": .end, "8": .end, "5": .pageUp, "6": .pageDown,
        "11": .function(1), "12": .function(2), "13": .function(3), "14": .function(4), "15": .function(5),
        "17": .function(6), "18": .function(7), "19": .function(8), "20": .function(9), "21": .function(10),
        "23": .function(11), "24": .function(12),
      ]
      return keys[parameters].map { .key($0) }
    default: return nil
    }
  }
}
