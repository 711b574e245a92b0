import CTerminalGuard

/// The one width function of the interface: the C library's `wcwidth` under the current locale. Call
/// `TextWidth.setLocaleFromEnvironment()` (the program) or `TextWidth.useUTF8ForTests()` first.
public enum TextWidth {
  /// Sets the locale from LC_ALL/LC_CTYPE/LANG; true when the locale's character set is UTF-8.
  @discardableResult
  public static func setLocaleFromEnvironment() -> Bool {
    tg_setlocale_from_environment() != 0
  }

  /// Sets a UTF-8 character-type locale (C.UTF-8), for tests.
  public static func useUTF8ForTests() {
    _ = tg_setlocale("C.UTF-8")
  }

  /// Columns a scalar takes: 0 for combining and zero-width characters, 2 for wide ones, 1 otherwise. A scalar
  /// the C library does not know as printable (control characters) takes 0 columns.
  public static func of(_ scalar: Unicode.Scalar) -> Int {
    if scalar.value < 0x20 || scalar.value == 0x7F { return 0 }
    let width = Int(tg_wcwidth(scalar.value))
    if width >= 0 { return width }
    return scalar.isASCII ? 1 : 0
  }

  /// Columns a character takes: the widest of its scalars (an emoji with a variation selector stays 2).
  public static func of(_ character: Character) -> Int {
    var width = 0
    for scalar in character.unicodeScalars { width = max(width, of(scalar)) }
    return width
  }

  public static func of(_ text: String) -> Int {
    text.reduce(0) { $0 + of($1) }
  }

  /// `text` cut to at most `width` columns, ending with `ellipsis` when cut.
  public static func truncate(_ text: String, to width: Int, ellipsis: Character = "…") -> String {
    guard of(text) > width else { return text }
    guard width > 0 else { return "" }
    var result = ""
    var used = 0
    let room = width - of(ellipsis)
    for character in text {
      let w = of(character)
      if used + w > room { break }
      result.append(character)
      used += w
    }
    result.append(ellipsis)
    return result
  }

  public static func padRight(_ text: String, to width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - of(text)))
  }
}
