import CTerminalGuard

/// The one width function of every output: the C library's `wcwidth` under the current locale, so the text timeline
/// and the terminal interface agree with the terminal on every character (Cyrillic, CJK, emoji). Call
/// `setLocaleFromEnvironment()` first (the program) or `useUTF8ForTests()` (tests): in the C locale every
/// non-ASCII character counts as 0.
public enum DisplayWidth {
  /// Sets the locale from LC_ALL/LC_CTYPE/LANG; true when the locale's character set is UTF-8.
  @discardableResult
  public static func setLocaleFromEnvironment() -> Bool {
    tg_setlocale_from_environment() != 0
  }

  /// Sets a UTF-8 character-type locale (C.UTF-8), for tests.
  public static func useUTF8ForTests() {
    _ = tg_setlocale("C.UTF-8")
  }

  public static func of(_ text: String) -> Int {
    text.reduce(0) { $0 + of($1) }
  }

  /// Columns a character takes: the widest of its scalars (an emoji with a variation selector stays 2).
  public static func of(_ character: Character) -> Int {
    var width = 0
    for scalar in character.unicodeScalars {
      width = max(width, of(scalar))
    }
    return width
  }

  /// Columns a scalar takes: 0 for combining and zero-width characters, 2 for wide ones, 1 otherwise. A scalar
  /// the C library does not know as printable (control characters) takes 0 columns.
  public static func of(_ scalar: Unicode.Scalar) -> Int {
    if scalar.value < 0x20 || scalar.value == 0x7F { return 0 }
    let width = Int(tg_wcwidth(scalar.value))
    if width >= 0 { return width }
    return scalar.isASCII ? 1 : 0
  }

  /// `text` cut to at most `width` columns; when cut, its last column is `ellipsis`.
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

  /// `text` padded with spaces on the right to `width` columns (unchanged when already wider).
  public static func padRight(_ text: String, to width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - of(text)))
  }

  /// `text` padded with spaces on the left to `width` columns (unchanged when already wider).
  public static func padLeft(_ text: String, to width: Int) -> String {
    String(repeating: " ", count: max(0, width - of(text))) + text
  }
}
