import SchedulerEngine

/// Which language the file is read as: the interpreter decides, as CPython's own parser does.
public enum PythonGrammar: Sendable, Equatable {
  /// Python 2.7: `print` is a statement (unless `from __future__ import print_function`), `except E, e:`,
  /// `10L`, `0777`, `<>`; no f-strings, `nonlocal`, `async` or `await`.
  case python2
  case python3
}

/// One token of a Python file (the language reference, chapter 2: lexical analysis).
struct PythonToken: Sendable, Equatable {
  enum Kind: Sendable, Equatable {
    /// An identifier or a keyword: the parser knows which words are keywords in its grammar.
    case name(String)
    case integer(Int64)
    case float(Double)
    case string(PythonStringLiteral)
    /// An operator or a delimiter, as written (`+=`, `(`, `->`).
    case op(String)
    case newline
    case indent
    case dedent
    case endOfFile
  }

  var kind: Kind
  var start: SourceLocation
  /// The column just past the token's last character on the line where it ends.
  var end: Int

  func isOp(_ spelling: String) -> Bool { kind == .op(spelling) }
  func isName(_ word: String) -> Bool { kind == .name(word) }
}

/// A string literal: its prefix, and either its value or, for an f-string, the text between the quotes.
struct PythonStringLiteral: Sendable, Equatable {
  var isBytes = false
  var isRaw = false
  var isFormatted = false
  /// The value with escapes decoded (for bytes, one character per byte); for an f-string, the raw text.
  var text: String
  /// Where the text between the quotes starts, so that an f-string's expressions get their own positions.
  var bodyStart: SourceLocation
}

/// A comment, kept for the `# giltutor:` settings lines.
public struct PythonComment: Sendable, Equatable {
  public var location: SourceLocation
  /// The text after `#`.
  public var text: String
  /// Whether code comes before it on its line.
  public var followsCode: Bool
}

/// Splits a Python file into tokens with INDENT and DEDENT, as CPython's tokenizer does. It reads Unicode scalars
/// (code points), as CPython does, so that a combining mark after a quote or in a name is what it is there; columns
/// count code points (the diagnostics turn them into characters).
struct PythonTokenizer {
  typealias Scalar = Unicode.Scalar
  private let chars: [Scalar]
  private let grammar: PythonGrammar
  private let errors: SyntaxErrors
  private var index = 0
  private var line = 1
  private var column = 1
  private var indents = [0]
  /// Each indentation level measured with tabs of 1 column as well, to detect an inconsistent mix (TabError).
  private var altIndents = [0]
  private var brackets: [(Scalar, SourceLocation)] = []
  private(set) var tokens: [PythonToken] = []
  private(set) var comments: [PythonComment] = []
  private var lineHasCode = false

  init(source: String, grammar: PythonGrammar, errors: SyntaxErrors) {
    var text = source
    if text.unicodeScalars.first == "\u{FEFF}" { text = String(text.unicodeScalars.dropFirst()) }
    chars = Array(text.unicodeScalars)
    self.grammar = grammar
    self.errors = errors
  }

  private var current: Scalar? { index < chars.count ? chars[index] : nil }
  private func peek(_ offset: Int) -> Scalar? { index + offset < chars.count ? chars[index + offset] : nil }
  private var here: SourceLocation { SourceLocation(line: line, column: column) }

  /// `\r\n` is one newline: `advance` steps over both.
  private static func isNewline(_ c: Scalar) -> Bool { c == "\n" || c == "\r" }

  private mutating func advance() {
    guard let c = current else { return }
    index += c == "\r" && peek(1) == "\n" ? 2 : 1
    if Self.isNewline(c) {
      line += 1
      column = 1
    } else {
      column += 1
    }
  }

  private mutating func emit(_ kind: PythonToken.Kind, from start: SourceLocation) {
    tokens.append(PythonToken(kind: kind, start: start, end: column))
    if kind != .newline { lineHasCode = true }
  }

  mutating func tokenize() throws(SourceDiagnostic) {
    // CPython refuses such a file before reading any of it.
    if let nul = chars.firstIndex(of: "\u{0}") {
      var location = SourceLocation(line: 1, column: 1)
      for (i, c) in chars[..<nul].enumerated() where !(c == "\n" && i > 0 && chars[i - 1] == "\r") {
        location =
          Self.isNewline(c)
          ? SourceLocation(line: location.line + 1, column: 1)
          : SourceLocation(line: location.line, column: location.column + 1)
      }
      throw errors.at(location, "source code cannot contain null bytes")
    }
    var atLineStart = true
    while true {
      if atLineStart {
        atLineStart = false
        if try !measureIndentation() { break }
      }
      guard let c = current else { break }
      if c == " " || c == "\t" || c == "\u{0C}" {
        advance()
      } else if c == "#" {
        let start = here
        var text = ""
        advance()
        while let c = current, !Self.isNewline(c) {
          text.unicodeScalars.append(c)
          advance()
        }
        comments.append(PythonComment(location: start, text: text, followsCode: lineHasCode))
      } else if c == "\\" {
        let start = here
        advance()
        guard let next = current, Self.isNewline(next) else {
          throw errors.at(start, "unexpected character after line continuation character")
        }
        advance()
        if current == nil { throw errors.at(start, "unexpected EOF while parsing") }
      } else if Self.isNewline(c) {
        let start = here
        advance()
        if brackets.isEmpty {
          if lineHasCode { emit(.newline, from: start) }
          lineHasCode = false
          atLineStart = true
        }
      } else if c.isDigit || (c == "." && (peek(1)?.isDigit ?? false)) {
        try number()
      } else if c == "\"" || c == "'" {
        try string(prefix: "", start: here)
      } else if isNameStart(c) {
        let start = here
        var word = ""
        while let c = current, isNameContinue(c) {
          word.unicodeScalars.append(c)
          advance()
        }
        if let quote = current, quote == "\"" || quote == "'", Self.isStringPrefix(word, grammar: grammar) {
          try string(prefix: word.lowercased(), start: start)
        } else {
          emit(.name(word), from: start)
        }
      } else {
        try operatorToken()
      }
    }
    if let (open, location) = brackets.last {
      throw errors.at(location, "'\(open)' was never closed")
    }
    let end = here
    if lineHasCode { emit(.newline, from: end) }
    for _ in 1..<indents.count { tokens.append(PythonToken(kind: .dedent, start: end, end: end.column)) }
    tokens.append(PythonToken(kind: .endOfFile, start: end, end: end.column))
  }

  /// Reads a line's indentation and emits INDENT or DEDENTs; false at the end of the file.
  private mutating func measureIndentation() throws(SourceDiagnostic) -> Bool {
    while true {
      var width = 0
      var altWidth = 0
      while let c = current, c == " " || c == "\t" || c == "\u{0C}" {
        if c == " " {
          width += 1
          altWidth += 1
        } else if c == "\t" {
          width = (width / 8 + 1) * 8
          altWidth += 1
        } else {
          width = 0
          altWidth = 0
        }
        advance()
      }
      guard let c = current else { return false }
      // Blank lines and lines holding only a comment do not count (nor do lines inside brackets).
      if Self.isNewline(c) || c == "#" || !brackets.isEmpty { return true }
      let start = SourceLocation(line: line, column: 1)
      if width > indents.last! {
        guard altWidth > altIndents.last! || grammar == .python2 else { throw tabError(start) }
        indents.append(width)
        altIndents.append(altWidth)
        tokens.append(PythonToken(kind: .indent, start: start, end: column))
      } else {
        while width < indents.last! {
          indents.removeLast()
          altIndents.removeLast()
          tokens.append(PythonToken(kind: .dedent, start: here, end: column))
        }
        guard width == indents.last! else {
          throw errors.at(here, "unindent does not match any outer indentation level", kind: "IndentationError")
        }
        // Python 2 reads a tab as up to 8 columns and does not check the mix (unless run with -tt).
        guard altWidth == altIndents.last! || grammar == .python2 else { throw tabError(start) }
      }
      return true
    }
  }

  private func tabError(_ location: SourceLocation) -> SourceDiagnostic {
    errors.at(location, "inconsistent use of tabs and spaces in indentation", kind: "TabError")
  }

  static func isStringPrefix(_ word: String, grammar: PythonGrammar) -> Bool {
    let python3 = ["r", "u", "b", "br", "rb", "f", "fr", "rf"]
    let python2 = ["r", "u", "b", "br", "ur"]
    return (grammar == .python3 ? python3 : python2).contains(word.lowercased())
  }

  // MARK: numbers

  private mutating func number() throws(SourceDiagnostic) {
    let start = here
    var text = ""
    func digits(_ tokenizer: inout PythonTokenizer, allowed: (Scalar) -> Bool) -> String {
      var digits = ""
      // Digit separators came with Python 3.6 (PEP 515).
      while let c = tokenizer.current,
        allowed(c)
          || (c == "_" && !digits.isEmpty && tokenizer.grammar == .python3 && tokenizer.peek(1).map(allowed) == true)
      {
        if c != "_" { digits.unicodeScalars.append(c) }
        tokenizer.advance()
      }
      return digits
    }
    if current == "0", let base = peek(1).map({ String($0).lowercased() }), ["x", "o", "b"].contains(base) {
      advance()
      advance()
      let radix = base == "x" ? 16 : base == "o" ? 8 : 2
      let body = digits(&self) { $0.properties.isASCIIHexDigit && Int(String($0), radix: radix) != nil }
      if grammar == .python2, current == "L" || current == "l" { advance() }
      try rejectTrailingName(start)
      guard let value = Int64(body, radix: radix) else {
        if body.isEmpty {
          throw errors.at(start, "invalid \(base == "x" ? "hexadecimal" : base == "o" ? "octal" : "binary") literal")
        }
        throw errors.subset(start, "integers beyond 64 bits are not in giltutor's Python subset")
      }
      emit(.integer(value), from: start)
      return
    }
    text = digits(&self) { $0.isDigit }
    var isFloat = false
    if current == ".", !(peek(1) == "." && peek(2) == ".") {
      isFloat = true
      advance()
      text += "." + digits(&self) { $0.isDigit }
    }
    if let e = current, e == "e" || e == "E",
      let next = peek(1), next.isDigit || ((next == "+" || next == "-") && (peek(2)?.isDigit ?? false))
    {
      isFloat = true
      advance()
      text += "e"
      if let sign = current, sign == "+" || sign == "-" {
        text.unicodeScalars.append(sign)
        advance()
      }
      text += digits(&self) { $0.isDigit }
    }
    if current == "j" || current == "J" {
      throw errors.subset(start, "complex numbers are not in giltutor's Python subset")
    }
    if isFloat {
      try rejectTrailingName(start)
      emit(.float(Double(text.hasPrefix(".") ? "0" + text : text) ?? .infinity), from: start)
      return
    }
    if grammar == .python2, current == "L" || current == "l" { advance() }
    try rejectTrailingName(start)
    if text.count > 1, text.hasPrefix("0"), text.contains(where: { $0 != "0" }) {
      guard grammar == .python2, let octal = Int64(text, radix: 8) else {
        throw errors.at(
          start,
          "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers")
      }
      emit(.integer(octal), from: start)
      return
    }
    guard let value = Int64(text) else {
      throw errors.subset(start, "integers beyond 64 bits are not in giltutor's Python subset")
    }
    emit(.integer(value), from: start)
  }

  /// `1abc` or `0x1g`: CPython says the literal is invalid.
  /// Python 3 lets a keyword touch a number (`1if x else 2`, with a warning since 3.12), but no other name.
  private func rejectTrailingName(_ start: SourceLocation) throws(SourceDiagnostic) {
    // Python 2's tokenizer just ends the number there; its parser rejects what follows, if it must.
    guard grammar == .python3 else { return }
    let keywords = ["and", "else", "for", "if", "in", "is", "not", "or"]
    if keywords.contains(where: { chars[index...].starts(with: $0.unicodeScalars) }) { return }
    if let c = current, isNameContinue(c) {
      throw errors.at(start, "invalid decimal literal")
    }
  }

  // MARK: strings

  /// Python 2's names are ASCII; Python 3's are XID_Start XID_Continue* (PEP 3131).
  private func isNameStart(_ c: Scalar) -> Bool {
    c == "_" || (grammar == .python3 ? c.properties.isXIDStart : c.isASCIILetter)
  }

  private func isNameContinue(_ c: Scalar) -> Bool {
    c == "_" || (grammar == .python3 ? c.properties.isXIDContinue : c.isDigit || c.isASCIILetter)
  }

  private mutating func string(prefix: String, start: SourceLocation) throws(SourceDiagnostic) {
    let quote = current!
    var literal = PythonStringLiteral(
      isBytes: prefix.contains("b"), isRaw: prefix.contains("r"), isFormatted: prefix.contains("f"), text: "",
      bodyStart: start)
    let triple = peek(1) == quote && peek(2) == quote
    for _ in 0..<(triple ? 3 : 1) { advance() }
    literal.bodyStart = here
    var raw = ""
    while true {
      guard let c = current else {
        let what = triple ? "unterminated triple-quoted string literal" : "unterminated string literal"
        throw errors.at(start, "\(what) (detected at line \(line))")
      }
      if c == quote && (!triple || (peek(1) == quote && peek(2) == quote)) {
        for _ in 0..<(triple ? 3 : 1) { advance() }
        break
      }
      if Self.isNewline(c) && !triple {
        throw errors.at(start, "unterminated string literal (detected at line \(line))")
      }
      if c == "\\", let next = peek(1) {
        raw.unicodeScalars.append(c)
        raw.unicodeScalars.append(next)
        advance()
        advance()
        continue
      }
      raw.unicodeScalars.append(c == "\r" ? "\n" : c)
      advance()
    }
    if literal.isFormatted || literal.isRaw {
      literal.text = raw
    } else {
      // Python 2's plain strings are bytes: `\u` is an escape only in its u"" literals.
      let bytes = literal.isBytes || (grammar == .python2 && !prefix.contains("u"))
      literal.text = try Self.decodeEscapes(raw, bytes: bytes, at: start, errors: errors)
    }
    if literal.isBytes, literal.text.unicodeScalars.contains(where: { $0.value > 0x7F }) && !literal.isRaw {
      // Escapes like \xff are bytes; characters beyond ASCII written as such are not.
      if raw.unicodeScalars.contains(where: { $0.value > 0x7F }) {
        throw errors.at(start, "bytes can only contain ASCII literal characters")
      }
    }
    emit(.string(literal), from: start)
  }

  /// The escapes of a plain string or bytes literal (the reference, 2.4.1). An unknown escape keeps its backslash.
  static func decodeEscapes(_ raw: String, bytes: Bool, at start: SourceLocation, errors: SyntaxErrors)
    throws(SourceDiagnostic) -> String
  {
    var result = ""
    var chars = raw.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    func nextChar() -> Unicode.Scalar? {
      if let p = pending {
        pending = nil
        return p
      }
      return chars.next()
    }
    while let c = nextChar() {
      guard c == "\\", let e = nextChar() else {
        result.unicodeScalars.append(c)
        continue
      }
      switch e {
      case "\n": break
      case "\r":
        if let after = nextChar(), after != "\n" { pending = after }
      case "\\": result.append("\\")
      case "'": result.append("'")
      case "\"": result.append("\"")
      case "a": result.append("\u{07}")
      case "b": result.append("\u{08}")
      case "f": result.append("\u{0C}")
      case "n": result.append("\n")
      case "r": result.append("\r")
      case "t": result.append("\t")
      case "v": result.append("\u{0B}")
      case "0"..."7":
        var digits = String(Character(e))
        while digits.count < 3, let d = nextChar() {
          guard ("0"..."7").contains(d) else {
            pending = d
            break
          }
          digits.unicodeScalars.append(d)
        }
        result.unicodeScalars.append(Unicode.Scalar(UInt32(digits, radix: 8)! & (bytes ? 0xFF : 0x1FF))!)
      case "x", "u", "U":
        let count = e == "x" ? 2 : e == "u" ? 4 : 8
        if e != "x" && bytes {
          result += "\\"
          result.unicodeScalars.append(e)
          continue
        }
        var digits = ""
        for _ in 0..<count {
          guard let d = nextChar(), d.properties.isASCIIHexDigit else { break }
          digits.unicodeScalars.append(d)
        }
        guard digits.count == count, let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else {
          throw errors.at(start, "(unicode error) truncated \\\(e)\(String(repeating: "X", count: count)) escape")
        }
        result.unicodeScalars.append(scalar)
      default:
        result += "\\"
        result.unicodeScalars.append(e)
      }
    }
    return result
  }

  // MARK: operators

  private static let operators: [String] = [
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", ">>", "<<", "<=", ">=", "==", "!=", "<>", "+=", "-=",
    "*=", "/=", "%=", "&=", "|=", "^=", "@=", "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")",
    "[", "]", "{", "}", ",", ":", ".", ";", "=",
  ]

  private mutating func operatorToken() throws(SourceDiagnostic) {
    let start = here
    for spelling in Self.operators {
      let count = spelling.count
      guard index + count <= chars.count, chars[index..<index + count].elementsEqual(spelling.unicodeScalars) else {
        continue
      }
      if spelling == "<>" && grammar == .python3 { continue }
      if (spelling == ":=" || spelling == "@=") && grammar == .python2 { continue }
      for _ in 0..<count { advance() }
      switch spelling {
      case "(", "[", "{":
        brackets.append((spelling.unicodeScalars.first!, start))
      case ")", "]", "}":
        let pairs: [Scalar: Scalar] = [")": "(", "]": "[", "}": "{"]
        guard let (open, _) = brackets.last else { throw errors.at(start, "unmatched '\(spelling)'") }
        guard open == pairs[spelling.unicodeScalars.first!]! else {
          let opened = brackets.last!.1
          throw errors.at(
            start,
            "closing parenthesis '\(spelling)' does not match opening parenthesis '\(open)'"
              + (opened.line != start.line ? " on line \(opened.line)" : ""))
        }
        brackets.removeLast()
      default: break
      }
      emit(.op(spelling), from: start)
      return
    }
    let c = current!
    if c == "!" || c == "$" || c == "?" || c == "`" {
      throw errors.at(start, "invalid syntax")
    }
    let code = String(c.value, radix: 16, uppercase: true)
    throw errors.at(
      start, "invalid character '\(c)' (U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code))")
  }
}

extension Unicode.Scalar {
  var isDigit: Bool { ("0"..."9").contains(self) }
  var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
