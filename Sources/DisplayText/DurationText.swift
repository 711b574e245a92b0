import SchedulerEngine

/// Durations as text, both ways: the one formatter (exact, from integer nanoseconds) and the one parser (the
/// scenario language's, `DurationLiteral`), for every output and every input outside a scenario file.
public enum DurationText {
  /// How many digits a formatted duration keeps.
  public enum Precision: Sendable {
    /// Every digit there is, trailing zeros dropped: `1.234567 ms`.
    case exact
    /// As the screens show times: two decimals below 10, one below 100, none from 100 on, trailing zeros dropped
    /// (`2.72 ms`, `15.3 ms`, `150 µs`), halves rounded up.
    case rounded
  }

  /// `ns` in the largest unit that keeps it at least 1, with a space before the unit: `5 ms`, `500 µs`, `1.5 s`; in
  /// Russian `2,72 мс`. With `unicode` false, microseconds are `us`.
  public static func format(
    _ ns: Nanos, _ precision: Precision, language: Language = .en, unicode: Bool = true
  ) -> String {
    let unit = TimeUnit.forSpan(ns)
    let number: String
    switch precision {
    case .exact:
      number = NumberText.trimmed(ns, divisor: unit.nanos)
    case .rounded:
      let magnitude = ns.magnitude
      let one = UInt64(unit.nanos)
      let decimals = magnitude >= 100 * one ? 0 : magnitude >= 10 * one ? 1 : 2
      number = NumberText.upTo(decimals, ns, divisor: unit.nanos)
    }
    return NumberText.localized(number, language) + " " + unit.symbol(language, unicode: unicode)
  }

  /// `ns` as the scenario language writes it, exactly, in the largest unit that keeps it at least 1: `5ms`,
  /// `500us`, `1.5s`, `0ns`. `parse` reads it back.
  public static func literal(_ ns: Nanos) -> String {
    let unit = TimeUnit.forSpan(ns)
    return NumberText.trimmed(ns, divisor: unit.nanos) + unit.symbol(unicode: false)
  }

  public struct Invalid: Error, CustomStringConvertible {
    public var description: String
  }

  /// Exact nanoseconds for a duration as the scenario language writes it (docs/scenario-language.md): a decimal
  /// number directly followed by a unit, `5ms`, `0.5ms`, `200us`, `1s`, `1_000us`, at most a day. Throws a message
  /// saying what is expected. The command line's durations and replay's jump to a time are read with it.
  public static func parse(_ text: String) throws(Invalid) -> Nanos {
    switch DurationLiteral.parse(text) {
    case .success(let nanos) where nanos <= Limits.maximumDuration:
      return nanos
    case .success:
      throw Invalid(
        description: "'\(text)' is too long a duration: the longest is \(Limits.describe(Limits.maximumDuration))")
    case .failure(.tooLarge):
      throw Invalid(description: "'\(text)' is too long a duration")
    case .failure(.notWholeNanoseconds):
      throw Invalid(description: "'\(text)' is finer than a nanosecond")
    case .failure(.unknownUnit), nil:
      throw Invalid(
        description:
          "'\(text)' is not a duration: expected a number and a unit (\(DurationLiteral.unitList)), e.g. 5ms or 0.5ms")
    }
  }
}
