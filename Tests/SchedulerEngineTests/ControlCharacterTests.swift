import Testing

@testable import SchedulerEngine

/// Whether the terminal could act on `scalar`, written out range by range (independently of the code under test).
func terminalWouldActOn(_ scalar: Unicode.Scalar) -> Bool {
  let v = scalar.value
  return v < 0x20 || (0x7F...0x9F).contains(v) || [0x061C, 0x200E, 0x200F, 0x2028, 0x2029].contains(v)
    || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
}

@Suite("Control characters are escaped for output")
struct ControlCharacterTests {
  @Test func escapesAreVisible() {
    #expect("\u{1b}]0;PWNED\u{07}\u{1b}[2J".escapingControlCharacters() == #"\x1b]0;PWNED\x07\x1b[2J"#)
    #expect("a\u{0}b\u{7f}c".escapingControlCharacters() == #"a\x00b\x7fc"#)
    #expect("\u{9b}2J \u{85}".escapingControlCharacters() == #"\u{9b}2J \u{85}"#)
    #expect("abc\u{202e}def\u{2066}\u{2028}".escapingControlCharacters() == #"abc\u{202e}def\u{2066}\u{2028}"#)
    #expect("name\n\t".escapingControlCharacters() == #"name\x0a\x09"#)
    #expect("line\r\nnext\tcol".escapingControlCharacters(keepingNewlinesAndTabs: true) == "line\\x0d\nnext\tcol")
  }

  @Test func printableTextIsUnchanged() {
    for text in ["", "cpu", "сч\u{0451}т 🚚 é\u{301} ∑ ‘x’ \\x1b", "\u{A0}\u{200B}\u{FEFF}", "µs · …"] {
      #expect(text.escapingControlCharacters() == text)
      #expect(text.escapingControlCharacters(keepingNewlinesAndTabs: true) == text)
    }
  }

  /// For random strings over controls and printable characters alike: nothing the terminal would act on is left,
  /// the printable scalars are all still there in order, and a string without controls comes back unchanged.
  @Test func randomStrings() {
    // No backslash: the check below takes every `\x..` for an escape.
    let printable: [Unicode.Scalar] = ["a", "Z", "0", " ", "x", "{", "u", "é", "ё", "€", "🚚", "\u{301}", "\u{A0}"]
    var random = SeededRandom(seed: 11)
    for _ in 0..<2000 {
      var text = String.UnicodeScalarView()
      var plain = String.UnicodeScalarView()
      for _ in 0..<Int(random.next() % 24) {
        let roll = random.next()
        let scalar: Unicode.Scalar
        if roll % 3 == 0 {
          // Any scalar below U+0100, or one from the format ranges around U+2000.
          let value = roll % 2 == 0 ? UInt32(roll >> 8 & 0xFF) : UInt32(0x2000 + (roll >> 8) % 0x80)
          scalar = Unicode.Scalar(value == 0x5C ? 0x20 : value)!
        } else {
          scalar = printable[Int((roll >> 8) % UInt64(printable.count))]
        }
        text.append(scalar)
        if !terminalWouldActOn(scalar) { plain.append(scalar) }
      }
      let string = String(text)
      let escaped = string.escapingControlCharacters()
      #expect(!escaped.unicodeScalars.contains(where: terminalWouldActOn), "\(escaped.debugDescription)")
      let kept = string.escapingControlCharacters(keepingNewlinesAndTabs: true)
      #expect(!kept.unicodeScalars.contains { terminalWouldActOn($0) && $0 != "\n" && $0 != "\t" })
      #expect(kept.filter { $0 == "\n" }.count == string.unicodeScalars.filter { $0 == "\n" }.count)
      // Removing the escapes gives back the printable part.
      let scalars = Array(escaped.unicodeScalars)
      var unescaped = String.UnicodeScalarView()
      var i = 0
      while i < scalars.count {
        if scalars[i] == "\\", i + 3 < scalars.count, scalars[i + 1] == "x" {
          i += 4
        } else if scalars[i] == "\\", i + 2 < scalars.count, scalars[i + 1] == "u", scalars[i + 2] == "{",
          let close = scalars[i...].firstIndex(of: "}")
        {
          i = close + 1
        } else {
          unescaped.append(scalars[i])
          i += 1
        }
      }
      #expect(String(unescaped) == String(plain))
      let clean = String(plain)
      #expect(clean.escapingControlCharacters() == clean)
    }
  }

  @Test func theDiagnosticEscapesTheLineAndMovesTheCaret() {
    let diagnostic = SourceDiagnostic(
      file: "evil\u{1b}[2J.scenario", location: SourceLocation(line: 2, column: 17),
      message: "found the character '\u{1b}'", sourceLine: "    compute 5ms \u{1b}[2J\u{07}")
    let lines = diagnostic.description.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 3)
    #expect(lines[0] == #"evil\x1b[2J.scenario:2:17: error: found the character '\x1b'"#)
    #expect(lines[1] == #"        compute 5ms \x1b[2J\x07"#)
    #expect(lines[2] == "                    ^")
    #expect(!diagnostic.description.unicodeScalars.contains { terminalWouldActOn($0) && $0 != "\n" })
  }
}
