#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The width of the terminal the output goes to.
enum TerminalSize {
  /// The columns of the terminal on standard output when it is one, else `$COLUMNS`, else 80.
  static func columns(environment: [String: String]) -> Int {
    if isatty(STDOUT_FILENO) == 1 {
      var size = winsize()
      if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 {
        return Int(size.ws_col)
      }
    }
    if let columns = environment["COLUMNS"].flatMap({ Int($0) }), columns > 0 {
      return columns
    }
    return 80
  }

  /// Whether the locale's character set is UTF-8: the first of LC_ALL, LC_CTYPE and LANG that is set decides.
  static func localeIsUTF8(environment: [String: String]) -> Bool {
    for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
      if let value = environment[name], !value.isEmpty {
        let lowered = value.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8")
      }
    }
    return false
  }
}
