/// Exact conversion of the number literals of the scenario language: durations such as `0.25ms` to integer
/// nanoseconds, and plain integers. Decimal digits are handled as digits, never through `Double`. The one duration
/// parser: scenarios through the lexer, and everything else (the command line, replay's jump to a time, quizzes)
/// through `parse(_:)`, by way of the text layer's `DurationText.parse`.
public enum DurationLiteral {
  /// Why a duration literal has no value.
  public enum Failure: Error, Equatable {
    /// The suffix is not one of the units.
    case unknownUnit
    /// The value is not a whole number of nanoseconds, e.g. `0.5ns`.
    case notWholeNanoseconds
    /// The value does not fit in `Nanos`.
    case tooLarge
  }

  /// The units as written in messages, smallest first.
  public static let unitList = "ns, us, ms or s"

  /// The value of a duration written on its own (`5ms`, `0.5ms`, `1_000us`), read by the same rules as in a
  /// scenario: digits with single `_` between them, an optional fraction, a unit right after. Nil when `text` is not
  /// such a literal (a sign, a space, a missing unit or digit); otherwise the value or why it has none.
  public static func parse(_ text: String) -> Result<Nanos, Failure>? {
    let chars = Array(text)
    var index = 0
    let integerDigits = Lexer.scanDigits(chars, &index)
    guard !integerDigits.isEmpty else { return nil }
    var fractionDigits = ""
    if index < chars.count, chars[index] == "." {
      index += 1
      fractionDigits = Lexer.scanDigits(chars, &index)
      guard !fractionDigits.isEmpty else { return nil }
    }
    let unit = String(chars[index...])
    guard !unit.isEmpty, unit.allSatisfy(Lexer.isUnitCharacter) else { return nil }
    return nanoseconds(integerDigits: integerDigits, fractionDigits: fractionDigits, unit: unit)
  }

  /// The power of ten that turns one `unit` into nanoseconds, or nil for an unknown unit.
  static func exponent(ofUnit unit: String) -> Int? {
    switch unit {
    case "ns": 0
    // U+00B5 MICRO SIGN and U+03BC GREEK SMALL LETTER MU both appear in the wild.
    case "us", "\u{B5}s", "\u{3BC}s": 3
    case "ms": 6
    case "s": 9
    default: nil
    }
  }

  /// The value of `integerDigits.fractionDigits unit` in nanoseconds. The digit strings hold ASCII digits only
  /// (`fractionDigits` may be empty).
  static func nanoseconds(integerDigits: String, fractionDigits: String, unit: String) -> Result<Nanos, Failure> {
    guard let exponent = exponent(ofUnit: unit) else { return .failure(.unknownUnit) }
    var fraction = Array(fractionDigits.utf8)
    while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
    // With its trailing zeros gone, the fraction is a whole number of nanoseconds only if it has no more digits
    // than the unit's power of ten.
    guard fraction.count <= exponent else { return .failure(.notWholeNanoseconds) }
    guard let whole = integerValue(integerDigits), whole <= UInt64(Int64.max) else { return .failure(.tooLarge) }
    let scale = power(ofTen: exponent)
    let (wholeNanos, overflow) = Int64(whole).multipliedReportingOverflow(by: scale)
    guard !overflow else { return .failure(.tooLarge) }
    var fractionValue: Int64 = 0
    for digit in fraction { fractionValue = fractionValue * 10 + Int64(digit - UInt8(ascii: "0")) }
    let fractionNanos = fractionValue * power(ofTen: exponent - fraction.count)
    let (total, sumOverflow) = wholeNanos.addingReportingOverflow(fractionNanos)
    guard !sumOverflow else { return .failure(.tooLarge) }
    return .success(total)
  }

  /// The value of a string of ASCII digits, or nil when it is empty, holds another character or exceeds `UInt64`.
  static func integerValue(_ digits: String) -> UInt64? {
    guard !digits.isEmpty else { return nil }
    var value: UInt64 = 0
    for byte in digits.utf8 {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
      let (sum, carry) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
      guard !overflow, !carry else { return nil }
      value = sum
    }
    return value
  }

  /// A signed 64-bit value from a sign and a magnitude, or nil when it does not fit.
  static func signedValue(negative: Bool, magnitude: UInt64) -> Int64? {
    if !negative { return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil }
    if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
    return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
  }

  private static func power(ofTen exponent: Int) -> Int64 {
    var result: Int64 = 1
    for _ in 0..<exponent { result *= 10 }
    return result
  }
}
