/// The lines of a lesson or quiz file as every reader of them counts lines: a leading byte-order mark dropped, and
/// both `\n` and `\r\n` ending a line. (`"\r\n"` is one Character in Swift, so splitting at `"\n"` alone would
/// leave a Windows file as one long line.)
public enum SourceLines {
  public static func of(_ source: String) -> [String] {
    var text = Substring(source)
    if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
    return text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
  }
}
