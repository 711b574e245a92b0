import SchedulerEngine

/// Durations as the scenario language writes them (docs/scenario-language.md): a decimal number directly followed
/// by a unit, `5ms`, `0.5ms`, `200us`, `1s`, `1_000us`; converted exactly to nanoseconds.
/// Used by the command line and by replay's jump to a time.
///
/// The engine's own converter (`DurationLiteral`) is internal to SchedulerEngine; when it is made public, this
/// should call it instead.
public enum DurationText {
  public struct Invalid: Error, CustomStringConvertible {
    public var description: String
  }

  private static let units: [(suffix: String, nanos: Nanos)] = [
    ("ns", 1), ("us", Time.microsecond), ("\u{B5}s", Time.microsecond), ("\u{3BC}s", Time.microsecond),
    ("ms", Time.millisecond), ("s", Time.second),
  ]

  /// Exact nanoseconds for `text`; throws a message saying what is expected.
  public static func parse(_ text: String) throws(Invalid) -> Nanos {
    let written = text.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "_") }
    let suffix = text.dropFirst(written.count)
    // `_` groups digits: only between two digits.
    let characters = Array(written)
    let groupingIsValid = characters.indices.allSatisfy { i in
      characters[i] != "_"
        || (i > 0 && i + 1 < characters.count && characters[i - 1].isNumber && characters[i + 1].isNumber)
    }
    let number = written.filter { $0 != "_" }
    let parts = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard groupingIsValid, let unit = units.first(where: { $0.suffix == suffix }), let whole = parts.first,
      !whole.isEmpty, parts.count == 1 || (!parts[1].isEmpty && !parts[1].contains("."))
    else {
      throw Invalid(
        description: "'\(text)' is not a duration: expected a number and a unit (ns, us, ms or s), e.g. 5ms or 0.5ms")
    }
    guard let wholeValue = Int64(whole) else { throw Invalid(description: "'\(text)' is too long a duration") }
    var (total, overflow) = wholeValue.multipliedReportingOverflow(by: unit.nanos)
    guard !overflow else { throw Invalid(description: "'\(text)' is too long a duration") }
    if parts.count == 2 {
      // The fraction must come to whole nanoseconds: 0.5ms is fine, 0.5ns is not.
      var scale = unit.nanos
      for digit in parts[1] {
        let value = Int64(digit.asciiValue! - UInt8(ascii: "0"))
        if scale < 10 {
          if value != 0 { throw Invalid(description: "'\(text)' is finer than a nanosecond") }
          continue
        }
        scale /= 10
        (total, overflow) = total.addingReportingOverflow(value * scale)
        guard !overflow else { throw Invalid(description: "'\(text)' is too long a duration") }
      }
    }
    guard total <= Limits.maximumDuration else {
      throw Invalid(
        description: "'\(text)' is too long a duration: the longest is \(Limits.describe(Limits.maximumDuration))")
    }
    return total
  }

  /// `ns` in the scenario language's syntax, in the largest unit that keeps it at least 1: `5ms`, `500us`, `1.5s`.
  public static func format(_ ns: Nanos) -> String {
    let unit = units.last { $0.nanos <= max(ns, 1) && $0.suffix.allSatisfy(\.isASCII) } ?? units[0]
    var text = String(ns / unit.nanos)
    var rest = ns % unit.nanos
    if rest != 0 {
      var digits = ""
      var scale = unit.nanos
      while rest != 0 {
        scale /= 10
        digits.append(Character(String(rest / scale)))
        rest %= scale
      }
      text += "." + digits
    }
    return text + unit.suffix
  }
}
