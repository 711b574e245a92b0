import SchedulerEngine

/// Exact decimal formatting of integers (no floating point, so outputs are the same on every platform), in English
/// (`1,234.5`) or Russian (`1 234,5`).
public enum NumberText {
  /// `value / divisor` with exactly `decimals` digits after the point, rounded half up (away from zero).
  public static func fixed(_ value: Int64, divisor: Int64, decimals: Int) -> String {
    var scale: Int64 = 1
    for _ in 0..<decimals { scale *= 10 }
    let negative = value < 0
    let magnitude = value.magnitude
    let d = UInt64(divisor)
    let s = UInt64(scale)
    // Round magnitude / d to `decimals` digits: q = round(magnitude * s / d) without overflow for large values.
    let whole = magnitude / d
    let rest = magnitude % d
    let division = d.dividingFullWidth(rest.multipliedFullWidth(by: s))
    var fraction = division.quotient
    var integer = whole
    if division.remainder >= d - division.remainder { fraction += 1 }
    if fraction >= s {
      fraction -= s
      integer += 1
    }
    var text = negative && (integer != 0 || fraction != 0) ? "-" : ""
    text += String(integer)
    if decimals > 0 {
      let digits = String(fraction)
      text += "." + String(repeating: "0", count: decimals - digits.count) + digits
    }
    return text
  }

  /// `value / divisor` rounded to at most `decimals` digits after the point, with trailing zeros (and a bare point)
  /// removed: `fixed` without the zeros.
  public static func upTo(_ decimals: Int, _ value: Int64, divisor: Int64) -> String {
    var text = fixed(value, divisor: divisor, decimals: decimals)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }

  /// `value / divisor` exactly when `divisor` is a power of ten, with trailing zeros (and a bare point) removed.
  public static func trimmed(_ value: Int64, divisor: Int64) -> String {
    var decimals = 0
    var d = divisor
    while d > 1 {
      d /= 10
      decimals += 1
    }
    return upTo(decimals, value, divisor: divisor)
  }

  /// Milliseconds with up to 6 decimals: exact for integer nanoseconds.
  public static func exactMillis(_ ns: Nanos) -> String { trimmed(ns, divisor: Time.millisecond) }

  /// Milliseconds with 3 decimals, for tables.
  public static func millis(_ ns: Nanos) -> String { fixed(ns, divisor: Time.millisecond, decimals: 3) }

  /// Microseconds with exactly 3 decimals: the Chrome trace's `ts` and `dur`.
  public static func micros(_ ns: Nanos) -> String { fixed(ns, divisor: Time.microsecond, decimals: 3) }

  /// Digits in groups of three: `1,000,000` in English, `1 000 000` in Russian.
  public static func grouped(_ value: Int64, _ language: Language) -> String {
    let digits = Array(String(value.magnitude))
    var text = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { text.append(language == .ru ? " " : ",") }
      text.append(digit)
    }
    return (value < 0 ? "-" : "") + text
  }

  /// A number written with a decimal point (`2.5`) as `language` writes it: `2,5` in Russian.
  public static func localized(_ number: String, _ language: Language) -> String {
    language == .ru ? String(number.map { $0 == "." ? "," : $0 }) : number
  }
}

/// The unit a time is written in.
public enum TimeUnit: Sendable {
  case ns, us, ms, s

  /// The unit in which `span` is at least 1 (nanoseconds for spans under a microsecond).
  public static func forSpan(_ span: Nanos) -> TimeUnit {
    let magnitude = span.magnitude
    if magnitude >= UInt64(Time.second) { return .s }
    if magnitude >= UInt64(Time.millisecond) { return .ms }
    if magnitude >= UInt64(Time.microsecond) { return .us }
    return .ns
  }

  public var nanos: Nanos {
    switch self {
    case .ns: 1
    case .us: Time.microsecond
    case .ms: Time.millisecond
    case .s: Time.second
    }
  }

  /// The unit's symbol: `ms`, `µs` (`us` when `unicode` is false), or in Russian `мс`, `мкс`.
  public func symbol(_ language: Language = .en, unicode: Bool = true) -> String {
    switch (self, language) {
    case (.ns, .en): "ns"
    case (.us, .en): unicode ? "µs" : "us"
    case (.ms, .en): "ms"
    case (.s, .en): "s"
    case (.ns, .ru): "нс"
    case (.us, .ru): "мкс"
    case (.ms, .ru): "мс"
    case (.s, .ru): "с"
    }
  }
}
