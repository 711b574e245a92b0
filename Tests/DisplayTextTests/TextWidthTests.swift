import DisplayText
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite struct TextWidthTests {
  @Test func columnsOfEachKindOfCharacter() {
    #expect(TextWidth.of("abc") == 3)
    #expect(TextWidth.of("поток") == 5)  // Cyrillic: one column each
    #expect(TextWidth.of("漢字") == 4)  // CJK: two each
    #expect(TextWidth.of("한") == 2)
    #expect(TextWidth.of("🔑") == 2)  // emoji presentation: two
    #expect(TextWidth.of("✋") == 2)
    #expect(TextWidth.of("\u{301}" as Unicode.Scalar) == 0)  // combining acute accent
    #expect(TextWidth.of("e\u{301}") == 1)
    #expect(TextWidth.of("\u{200D}" as Unicode.Scalar) == 0)  // zero-width joiner
    #expect(TextWidth.of("\u{200B}" as Unicode.Scalar) == 0)  // zero-width space
    #expect(TextWidth.of("👩\u{200D}💻") == 2)  // a ZWJ sequence is one character
    #expect(TextWidth.of("█▓▒░×≈┈◦·│└─┴…⇄") == 15)  // the glyphs the pictures draw with
    #expect(TextWidth.of("\u{AD}" as Unicode.Scalar) == 1)  // the soft hyphen shows, as in wcwidth
  }

  @Test func controlCharactersTakeNoColumn() {
    for value: UInt32 in [0, 0x1B, 0x1F, 0x7F, 0x80, 0x9B, 0x9F] {
      #expect(TextWidth.of(Unicode.Scalar(value)!) == 0)
    }
    #expect(TextWidth.of("\u{2028}" as Unicode.Scalar) == 0)
    #expect(TextWidth.of(" " as Unicode.Scalar) == 1)
    #expect(TextWidth.of("~" as Unicode.Scalar) == 1)
    #expect(TextWidth.of("\u{A0}" as Unicode.Scalar) == 1)
  }

  /// The tables are sorted, disjoint ranges, which the binary search relies on.
  @Test func everyScalarHasOneWidth() {
    var counts = [0, 0, 0]
    for value in UInt32(0)...0x10FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      counts[TextWidth.of(scalar)] += 1
    }
    #expect(counts[0] > 2_000 && counts[2] > 100_000)
    #expect(TextWidth.of("\u{10FFFF}" as Unicode.Scalar) == 1)
    #expect(TextWidth.of("\u{3FFFD}" as Unicode.Scalar) == 2)  // unassigned, in a CJK plane
    #expect(!TextWidth.unicodeVersion.isEmpty)
  }

  /// In the C locale, where `wcwidth` knows no character beyond ASCII, widths stay the same.
  @Test func widthsDoNotDependOnTheLocale() {
    let sample = "abc поток 漢字 🔑 e\u{301}"
    let before = TextWidth.of(sample)
    let previous = setlocale(LC_CTYPE, nil).map { String(cString: $0) }
    _ = setlocale(LC_CTYPE, "C")
    let inC = TextWidth.of(sample)
    _ = setlocale(LC_CTYPE, previous ?? "C")
    #expect(before == 3 + 1 + 5 + 1 + 4 + 1 + 2 + 1 + 1)
    #expect(inC == before)
  }

  @Test func truncationAndPadding() {
    #expect(TextWidth.truncate("sleepy-worker-thread", to: 12) == "sleepy-work…")
    #expect(TextWidth.truncate("short", to: 12) == "short")
    #expect(TextWidth.truncate("漢字漢字", to: 5) == "漢字…")
    #expect(TextWidth.truncate("abc", to: 0) == "")
    #expect(TextWidth.padRight("漢", to: 4) == "漢  ")
    #expect(TextWidth.padLeft("ж", to: 3) == "  ж")
  }
}
