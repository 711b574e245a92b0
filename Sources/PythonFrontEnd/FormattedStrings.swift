import SchedulerEngine

/// f-strings (PEP 498): the text between the quotes split into literal pieces and `{expression!c:spec}` fields,
/// each expression parsed with its own position in the file.
extension PythonParserState {
  mutating func formattedPieces(_ literal: PythonStringLiteral) throws(SourceDiagnostic) -> [FormattedPiece] {
    let chars = Array(literal.text.unicodeScalars)
    // Where each character is in the file (a triple-quoted f-string may span lines).
    var locations: [SourceLocation] = []
    locations.reserveCapacity(chars.count + 1)
    var location = literal.bodyStart
    for c in chars {
      locations.append(location)
      if c == "\n" {
        location = SourceLocation(line: location.line + 1, column: 1)
      } else {
        location.column += 1
      }
    }
    locations.append(location)
    var index = 0
    return try pieces(chars, locations, &index, literal: literal, inSpec: false)
  }

  /// Reads pieces from `index` to the end of the text or, in a format spec, to its closing `}`.
  private mutating func pieces(
    _ chars: [Unicode.Scalar], _ locations: [SourceLocation], _ index: inout Int, literal: PythonStringLiteral,
    inSpec: Bool
  ) throws(SourceDiagnostic) -> [FormattedPiece] {
    var pieces: [FormattedPiece] = []
    var text = ""
    var textStart = index
    func flush(_ parser: PythonParserState) throws(SourceDiagnostic) {
      guard !text.isEmpty else { return }
      let value =
        literal.isRaw
        ? text
        : try PythonTokenizer.decodeEscapes(text, bytes: false, at: locations[textStart], errors: parser.errors)
      pieces.append(.literal(value))
      text = ""
    }
    while index < chars.count {
      let c = chars[index]
      if inSpec && c == "}" { break }
      if c == "{" && !inSpec && index + 1 < chars.count && chars[index + 1] == "{" {
        text += "{"
        index += 2
        continue
      }
      if c == "}" && index + 1 < chars.count && chars[index + 1] == "}" {
        text += "}"
        index += 2
        continue
      }
      if c == "}" { throw errors.at(locations[index], "f-string: single '}' is not allowed") }
      if c == "{" {
        try flush(self)
        pieces.append(try field(chars, locations, &index, literal: literal))
        textStart = index
        continue
      }
      // A backslash before a brace stays a backslash; the brace still opens or closes a field.
      if c == "\\" && index + 1 < chars.count && chars[index + 1] != "{" && chars[index + 1] != "}" {
        text.unicodeScalars.append(c)
        text.unicodeScalars.append(chars[index + 1])
        index += 2
        continue
      }
      text.unicodeScalars.append(c)
      index += 1
    }
    try flush(self)
    return pieces
  }

  /// A replacement field from its `{` to its `}`.
  private mutating func field(
    _ chars: [Unicode.Scalar], _ locations: [SourceLocation], _ index: inout Int, literal: PythonStringLiteral
  ) throws(SourceDiagnostic) -> FormattedPiece {
    let open = index
    index += 1
    let expressionStart = index
    var nesting = 0
    var quote: Unicode.Scalar?
    var selfDocumenting: String?
    var expressionEnd = -1
    while index < chars.count {
      let c = chars[index]
      if let q = quote {
        if c == q { quote = nil }
        index += 1
        continue
      }
      if c == "'" || c == "\"" {
        quote = c
      } else if "([{".unicodeScalars.contains(c) {
        nesting += 1
      } else if ")]".unicodeScalars.contains(c) || (c == "}" && nesting > 0) {
        nesting -= 1
      } else if nesting == 0 && (c == "}" || c == ":") {
        break
      } else if nesting == 0 && c == "!" && (index + 1 >= chars.count || chars[index + 1] != "=") {
        break
      } else if nesting == 0 && c == "=", index + 1 < chars.count, chars[index + 1] != "=",
        index > expressionStart, !"=!<>:".unicodeScalars.contains(chars[index - 1])
      {
        expressionEnd = index
        selfDocumenting = Self.text(chars[expressionStart...index])
        index += 1
        while index < chars.count && chars[index] == " " { index += 1 }
        if index < chars.count { selfDocumenting! += Self.text(chars[(expressionEnd + 1)..<index]) }
        break
      }
      index += 1
    }
    if expressionEnd < 0 { expressionEnd = index }
    guard index < chars.count else {
      throw errors.at(locations[open], "f-string: expecting '}'")
    }
    let expressionText = Self.text(chars[expressionStart..<expressionEnd])
    guard !expressionText.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\t" }) else {
      throw errors.at(locations[open], "f-string: valid expression required before '}'")
    }
    let value = try embeddedExpression(expressionText, at: locations[expressionStart])
    var conversion: Character?
    if chars[index] == "!" {
      index += 1
      guard index < chars.count, "rsa".unicodeScalars.contains(chars[index]) else {
        throw errors.at(
          locations[min(index, chars.count)], "f-string: invalid conversion character: expected 's', 'r', or 'a'")
      }
      conversion = Character(chars[index])
      index += 1
    }
    var spec: [FormattedPiece] = []
    if index < chars.count && chars[index] == ":" {
      index += 1
      spec = try pieces(chars, locations, &index, literal: literal, inSpec: true)
    }
    guard index < chars.count, chars[index] == "}" else {
      throw errors.at(locations[open], "f-string: expecting '}'")
    }
    index += 1
    return .field(value: value, conversion: conversion, spec: spec, selfDocumenting: selfDocumenting)
  }

  static func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    String(String.UnicodeScalarView(scalars))
  }

  /// Parses an f-string's expression as if it stood in parentheses at `location`.
  private func embeddedExpression(_ text: String, at location: SourceLocation) throws(SourceDiagnostic)
    -> PythonExpression
  {
    func shifted(_ l: SourceLocation) -> SourceLocation {
      l.line == 1
        ? SourceLocation(line: location.line, column: location.column + l.column - 2)
        : SourceLocation(line: location.line + l.line - 1, column: l.column)
    }
    let snippet = "(" + text + ")"
    var tokenizer = PythonTokenizer(
      source: snippet, grammar: grammar, errors: SyntaxErrors(file: errors.file, source: snippet))
    do {
      try tokenizer.tokenize()
    } catch {
      // The tokenizer placed its error on the snippet: move it to the file.
      throw errors.moved(error, to: shifted(error.location))
    }
    let tokens = tokenizer.tokens.map { token in
      var token = token
      token.end = shifted(SourceLocation(line: token.start.line, column: token.end)).column
      token.start = shifted(token.start)
      if case .string(var literal) = token.kind {
        literal.bodyStart = shifted(literal.bodyStart)
        token.kind = .string(literal)
      }
      return token
    }
    var parser = PythonParserState(tokens: tokens, grammar: grammar, errors: errors)
    parser.depth = depth
    let value: PythonExpression
    do {
      value = try parser.atom()
    } catch {
      // The parentheses are the parser's own, not the learner's: they must not show in the message.
      guard error.message == "SyntaxError: expected ')'" else { throw error }
      throw errors.at(error.location, "f-string: invalid syntax")
    }
    guard parser.current.kind == .newline || parser.current.kind == .endOfFile else {
      throw errors.at(parser.current.start, "f-string: invalid syntax")
    }
    return value
  }
}
