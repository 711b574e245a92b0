extension Unicode.Scalar {
  /// Whether printing this scalar could make a terminal do something instead of showing it, or make the text
  /// around it read differently than it is: C0 controls (below U+0020), DEL, C1 controls (U+0080–U+009F), the
  /// line and paragraph separators (U+2028, U+2029) and the bidirectional marks, embeddings, overrides and
  /// isolates (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069).
  public var isControlForOutput: Bool {
    switch value {
    case 0x00..<0x20, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }
}

extension String {
  /// The text with every control character (see `Unicode.Scalar.isControlForOutput`) written as a visible escape:
  /// `\x1b` for C0 controls and DEL, `\u{9b}` for the others. Everything else is unchanged. Every string that came
  /// from a file or a program (names, titles, lesson text, the lines diagnostics quote) goes through it on its
  /// way to the terminal; newlines and tabs are kept only with `keepingNewlinesAndTabs`, for multi-line text the
  /// program lays out itself.
  public func escapingControlCharacters(keepingNewlinesAndTabs: Bool = false) -> String {
    func escaped(_ scalar: Unicode.Scalar) -> Bool {
      scalar.isControlForOutput && !(keepingNewlinesAndTabs && (scalar == "\n" || scalar == "\t"))
    }
    guard unicodeScalars.contains(where: escaped) else { return self }
    var result = ""
    result.reserveCapacity(utf8.count + 8)
    for scalar in unicodeScalars {
      if !escaped(scalar) {
        result.unicodeScalars.append(scalar)
      } else if scalar.value < 0x80 {
        let hex = String(scalar.value, radix: 16)
        result += "\\x" + (hex.count < 2 ? "0" : "") + hex
      } else {
        result += "\\u{" + String(scalar.value, radix: 16) + "}"
      }
    }
    return result
  }
}
