import SchedulerEngine

/// Exact decimal formatting of integer nanoseconds (no floating point, so outputs are stable across platforms).
enum NumberText {
  /// `value / divisor` with exactly `decimals` digits after the point, rounded half up (away from zero).
  static func fixed(_ value: Int64, divisor: Int64, decimals: Int) -> String {
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

  /// `value / divisor` exactly when `divisor` is a power of ten, with trailing zeros (and a bare point) removed.
  static func trimmed(_ value: Int64, divisor: Int64) -> String {
    var decimals = 0
    var d = divisor
    while d > 1 {
      d /= 10
      decimals += 1
    }
    var text = fixed(value, divisor: divisor, decimals: decimals)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }

  /// Milliseconds with up to 6 decimals: exact for integer nanoseconds.
  static func exactMillis(_ ns: Nanos) -> String { trimmed(ns, divisor: Time.millisecond) }

  /// Milliseconds with 3 decimals, for tables.
  static func millis(_ ns: Nanos) -> String { fixed(ns, divisor: Time.millisecond, decimals: 3) }

  /// Microseconds with exactly 3 decimals: the Chrome trace's `ts` and `dur`.
  static func micros(_ ns: Nanos) -> String { fixed(ns, divisor: Time.microsecond, decimals: 3) }

  /// A duration in the largest unit that keeps it at least 1: `5 ms`, `500 µs`, `1.5 s`.
  static func duration(_ ns: Nanos, unicode: Bool) -> String {
    let unit = TimeUnit.forSpan(ns)
    return trimmed(ns, divisor: unit.nanos) + " " + unit.symbol(unicode: unicode)
  }
}

/// The unit time labels are written in.
enum TimeUnit {
  case ns, us, ms, s

  /// The unit in which `span` is at least 1 (nanoseconds for spans under a microsecond).
  static func forSpan(_ span: Nanos) -> TimeUnit {
    let magnitude = span.magnitude
    if magnitude >= UInt64(Time.second) { return .s }
    if magnitude >= UInt64(Time.millisecond) { return .ms }
    if magnitude >= UInt64(Time.microsecond) { return .us }
    return .ns
  }

  var nanos: Nanos {
    switch self {
    case .ns: 1
    case .us: Time.microsecond
    case .ms: Time.millisecond
    case .s: Time.second
    }
  }

  func symbol(unicode: Bool) -> String {
    switch self {
    case .ns: "ns"
    case .us: unicode ? "µs" : "us"
    case .ms: "ms"
    case .s: "s"
    }
  }
}
