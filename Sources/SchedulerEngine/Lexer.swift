/// A number as written: digits, an optional decimal fraction and an optional unit suffix (`200`, `0.5ms`).
struct NumberLiteral: Sendable, Equatable {
  /// ASCII digits, digit separators (`_`) removed.
  var integerDigits: String
  /// The digits after the decimal point, or nil when there is no decimal point.
  var fractionDigits: String?
  /// The letters written right after the number (`ms`), or "".
  var unit: String
  /// The column of the unit's first character.
  var unitColumn: Int
  /// The literal as written.
  var spelling: String

  /// A plain integer: no fraction and no unit.
  var isInteger: Bool { fractionDigits == nil && unit.isEmpty }
}

/// One token of a scenario file.
struct Token: Sendable {
  enum Kind: Sendable, Equatable {
    /// An identifier or keyword.
    case word(String)
    case number(NumberLiteral)
    /// The raw value after `title:` or `interpreter:`, up to a comment, trimmed.
    case text(String)
    case colon
    case equals
    case plusEquals
    case minusEquals
    case timesEquals
    case plus
    case minus
    case star
    /// Any other character: the parser says what it expected instead.
    case other(Character)
    case newline
    case indent
    case dedent
    case endOfFile
    /// A lexical error; the parser throws it when it reaches the token, so errors come in source order.
    case invalid(String)
  }

  var kind: Kind
  var location: SourceLocation
  /// The column just past the token's last character.
  var end: Int
  var spelling: String
}

/// Splits a scenario, one line at a time as the parser asks, into tokens with Python's INDENT and DEDENT.
/// Columns count characters (grapheme clusters), not bytes. It never fails: a mistake becomes an `.invalid` token.
struct Lexer {
  private let lines: [[Character]]
  private var nextLine = 0
  private var indents = [0]
  private var queue: [Token] = []
  private var head = 0

  init(lines: [[Character]]) {
    self.lines = lines
  }

  /// The next token; after the end of the file, `.endOfFile` again and again.
  mutating func next() -> Token {
    while head == queue.count {
      queue.removeAll(keepingCapacity: true)
      head = 0
      lexNextLine()
    }
    head += 1
    return queue[head - 1]
  }

  private mutating func append(_ kind: Token.Kind, line: Int, column: Int, end: Int, spelling: String) {
    queue.append(Token(kind: kind, location: SourceLocation(line: line, column: column), end: end, spelling: spelling))
  }

  private mutating func lexNextLine() {
    guard nextLine < lines.count else {
      let line = max(lines.count, 1)
      let column = (lines.last?.count ?? 0) + 1
      while indents.count > 1 {
        indents.removeLast()
        append(.dedent, line: line, column: column, end: column, spelling: "")
      }
      append(.endOfFile, line: line, column: column, end: column, spelling: "")
      return
    }
    let chars = lines[nextLine]
    let line = nextLine + 1
    nextLine += 1

    var start = 0
    while start < chars.count, chars[start] == " " || chars[start] == "\t" { start += 1 }
    // Blank and comment-only lines do not count, whatever their indentation.
    if start == chars.count || chars[start] == "#" { return }
    if let tab = chars[..<start].firstIndex(of: "\t") {
      let message = "a tab is used for indentation; indent with spaces only"
      append(.invalid(message), line: line, column: tab + 1, end: tab + 2, spelling: "\t")
      return
    }
    let column = start + 1
    let current = indents[indents.count - 1]
    if start > current {
      indents.append(start)
      append(.indent, line: line, column: column, end: column, spelling: "")
    } else if start < current {
      let levels = indents
      while start < indents[indents.count - 1] {
        indents.removeLast()
        append(.dedent, line: line, column: column, end: column, spelling: "")
      }
      if start != indents[indents.count - 1] {
        let choices = levels.map(String.init)
        let message =
          "this line is indented by \(Lexer.spaces(start)), which matches no enclosing block "
          + "(use \(Lexer.list(choices)) spaces)"
        queue = [Token(kind: .invalid(message), location: .init(line: line, column: column), end: column, spelling: "")]
        return
      }
    }
    if lexRawValue(chars, from: start, line: line) { return }
    lexTokens(chars, from: start, line: line)
  }

  /// `title:` and `interpreter:` take the rest of the line as it is, up to a comment.
  private mutating func lexRawValue(_ chars: [Character], from start: Int, line: Int) -> Bool {
    var index = start
    while index < chars.count, Lexer.isIdentifierCharacter(chars[index]) { index += 1 }
    let word = String(chars[start..<index])
    guard word == "title" || word == "interpreter" else { return false }
    var colon = index
    while colon < chars.count, chars[colon] == " " || chars[colon] == "\t" { colon += 1 }
    guard colon < chars.count, chars[colon] == ":" else { return false }
    append(.word(word), line: line, column: start + 1, end: index + 1, spelling: word)
    append(.colon, line: line, column: colon + 1, end: colon + 2, spelling: ":")
    var first = colon + 1
    while first < chars.count, chars[first] == " " || chars[first] == "\t" { first += 1 }
    var stop = first
    while stop < chars.count, chars[stop] != "#" { stop += 1 }
    var last = stop
    while last > first, chars[last - 1] == " " || chars[last - 1] == "\t" { last -= 1 }
    let value = String(chars[first..<last])
    append(.text(value), line: line, column: first + 1, end: last + 1, spelling: value)
    append(.newline, line: line, column: last + 1, end: last + 1, spelling: "")
    return true
  }

  private mutating func lexTokens(_ chars: [Character], from start: Int, line: Int) {
    var index = start
    var lastEnd = start
    while index < chars.count {
      let char = chars[index]
      if char == " " || char == "\t" {
        index += 1
        continue
      }
      if char == "#" { break }
      let begin = index
      if Lexer.isIdentifierStart(char) {
        while index < chars.count, Lexer.isIdentifierCharacter(chars[index]) { index += 1 }
        let word = String(chars[begin..<index])
        append(.word(word), line: line, column: begin + 1, end: index + 1, spelling: word)
      } else if Lexer.isDigit(char) {
        guard lexNumber(chars, index: &index, line: line) else { return }
      } else {
        let next: Character? = index + 1 < chars.count ? chars[index + 1] : nil
        let kind: Token.Kind
        var length = 1
        switch char {
        case ":": kind = .colon
        case "=": kind = .equals
        case "+" where next == "=":
          kind = .plusEquals
          length = 2
        case "-" where next == "=":
          kind = .minusEquals
          length = 2
        case "*" where next == "=":
          kind = .timesEquals
          length = 2
        case "+": kind = .plus
        case "-": kind = .minus
        case "*": kind = .star
        default:
          if char.isLetter && !char.isASCII {
            let message = "names may only use ASCII letters, digits and '_', found '\(char)'"
            append(.invalid(message), line: line, column: begin + 1, end: begin + 2, spelling: String(char))
            return
          }
          kind = .other(char)
        }
        index += length
        append(kind, line: line, column: begin + 1, end: index + 1, spelling: String(chars[begin..<index]))
      }
      lastEnd = index
    }
    append(.newline, line: line, column: lastEnd + 1, end: lastEnd + 1, spelling: "")
  }

  /// Reads digits, an optional fraction and an optional unit. Returns false after appending an `.invalid` token.
  private mutating func lexNumber(_ chars: [Character], index: inout Int, line: Int) -> Bool {
    let begin = index
    let integerDigits = Lexer.scanDigits(chars, &index)
    var fractionDigits: String?
    if index < chars.count, chars[index] == "." {
      index += 1
      let digits = Lexer.scanDigits(chars, &index)
      if digits.isEmpty {
        let spelling = String(chars[begin..<index])
        let message = "expected a digit after the decimal point in '\(spelling)'"
        append(.invalid(message), line: line, column: begin + 1, end: index + 1, spelling: spelling)
        return false
      }
      fractionDigits = digits
    }
    let unitStart = index
    while index < chars.count, Lexer.isUnitCharacter(chars[index]) { index += 1 }
    let literal = NumberLiteral(
      integerDigits: integerDigits, fractionDigits: fractionDigits, unit: String(chars[unitStart..<index]),
      unitColumn: unitStart + 1, spelling: String(chars[begin..<index]))
    append(.number(literal), line: line, column: begin + 1, end: index + 1, spelling: literal.spelling)
    return true
  }

  /// Digits with single `_` separators between them (`1_000_000`); the separators are dropped.
  static func scanDigits(_ chars: [Character], _ index: inout Int) -> String {
    var digits = ""
    while index < chars.count {
      if isDigit(chars[index]) {
        digits.append(chars[index])
        index += 1
      } else if chars[index] == "_", !digits.isEmpty, index + 1 < chars.count, isDigit(chars[index + 1]) {
        index += 1
      } else {
        break
      }
    }
    return digits
  }

  static func isDigit(_ char: Character) -> Bool {
    guard char.isASCII, let value = char.asciiValue else { return false }
    return value >= UInt8(ascii: "0") && value <= UInt8(ascii: "9")
  }

  static func isIdentifierStart(_ char: Character) -> Bool {
    char.isASCII && (char.isLetter || char == "_")
  }

  static func isIdentifierCharacter(_ char: Character) -> Bool {
    isIdentifierStart(char) || isDigit(char)
  }

  static func isUnitCharacter(_ char: Character) -> Bool {
    isIdentifierCharacter(char) || char == "\u{B5}" || char == "\u{3BC}"
  }

  static func spaces(_ count: Int) -> String {
    count == 1 ? "1 space" : "\(count) spaces"
  }

  /// `a`, `a or b`, `a, b or c`.
  static func list(_ items: [String], conjunction: String = "or") -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
  }

  /// A character for a message: quoted when it can be seen, as code points when it cannot.
  static func display(_ char: Character) -> String {
    let visible = char.unicodeScalars.allSatisfy { scalar in
      switch scalar.properties.generalCategory {
      case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse,
        .unassigned:
        false
      default:
        true
      }
    }
    if visible { return "'\(char)'" }
    let codes = char.unicodeScalars.map { scalar -> String in
      let hex = String(scalar.value, radix: 16, uppercase: true)
      return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
    return "the character " + codes.joined(separator: " ")
  }
}
