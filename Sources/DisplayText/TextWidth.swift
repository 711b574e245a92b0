/// The one width function of every output: how many terminal columns text takes, from the Unicode tables in
/// `TextWidthTables` (East Asian Width, combining and format characters), so the answer is the same in every locale
/// and on every machine. The text timeline, the screens and the lint's line lengths all measure with it.
public enum TextWidth {
  /// The Unicode version the tables come from.
  public static var unicodeVersion: String { TextWidthTables.unicodeVersion }

  public static func of(_ text: String) -> Int {
    // Most text is printable ASCII, one column a byte: no need to break it into characters, which is slow.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
    return text.reduce(0) { $0 + of($1) }
  }

  /// Columns a character takes: the widest of its scalars (an emoji with a variation selector stays 2).
  public static func of(_ character: Character) -> Int {
    var width = 0
    for scalar in character.unicodeScalars {
      width = max(width, of(scalar))
    }
    return width
  }

  /// Columns a scalar takes: 0 for control characters (shown as escapes, never as themselves), combining marks and
  /// format characters such as the zero-width joiner; 2 for wide ones (CJK, emoji); 1 for every other.
  public static func of(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x7F { return value < 0x20 ? 0 : 1 }
    if contains(TextWidthTables.zero, value) { return 0 }
    return contains(TextWidthTables.wide, value) ? 2 : 1
  }

  /// Whether one of `ranges` (sorted, disjoint) holds `value`: a binary search.
  private static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
    var low = 0
    var high = ranges.count
    while low < high {
      let middle = (low + high) / 2
      if ranges[middle].upperBound < value {
        low = middle + 1
      } else if ranges[middle].lowerBound > value {
        high = middle
      } else {
        return true
      }
    }
    return false
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
