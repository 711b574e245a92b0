import DisplayText
import SchedulerEngine
import Testing

@Suite struct NumberTextTests {
  @Test func exactMilliseconds() {
    #expect(NumberText.exactMillis(0) == "0")
    #expect(NumberText.exactMillis(1) == "0.000001")
    #expect(NumberText.exactMillis(5_000_000) == "5")
    #expect(NumberText.exactMillis(1_234_567) == "1.234567")
    #expect(NumberText.exactMillis(-1_500_000) == "-1.5")
    #expect(NumberText.exactMillis(Int64.max) == "9223372036854.775807")
  }

  @Test func roundedFixedDecimals() {
    #expect(NumberText.millis(1_234_567) == "1.235")
    #expect(NumberText.millis(999_999_500) == "1000.000")
    #expect(NumberText.millis(499) == "0.000")
    #expect(NumberText.micros(1) == "0.001")
    #expect(NumberText.micros(5_000_000) == "5000.000")
    #expect(NumberText.upTo(2, 2_500, divisor: 1_000) == "2.5")
    #expect(NumberText.upTo(1, 9_960, divisor: 1_000) == "10")
  }

  @Test func groupedDigits() {
    #expect(NumberText.grouped(1_234_567, .en) == "1,234,567")
    #expect(NumberText.grouped(-1_234_567, .en) == "-1,234,567")
    #expect(NumberText.grouped(1_200, .ru) == "1 200")
    #expect(NumberText.grouped(999, .ru) == "999")
    #expect(NumberText.localized("2.5", .ru) == "2,5")
    #expect(NumberText.localized("2.5", .en) == "2.5")
  }
}

@Suite struct DurationTextTests {
  @Test func exactDurations() {
    #expect(DurationText.format(5 * Time.millisecond, .exact) == "5 ms")
    #expect(DurationText.format(500 * Time.microsecond, .exact) == "500 µs")
    #expect(DurationText.format(1_500 * Time.millisecond, .exact) == "1.5 s")
    #expect(DurationText.format(1_234_567, .exact) == "1.234567 ms")
    #expect(DurationText.format(20, .exact, unicode: false) == "20 ns")
    #expect(DurationText.format(15_000, .exact, unicode: false) == "15 us")
    #expect(DurationText.format(1_500 * Time.millisecond, .exact, language: .ru) == "1,5 с")
  }

  /// What the screens show: two decimals below 10, one below 100, none from 100 on.
  @Test func roundedDurations() {
    #expect(DurationText.format(5_000_000, .rounded) == "5 ms")
    #expect(DurationText.format(2_720_000, .rounded, language: .ru) == "2,72 мс")
    #expect(DurationText.format(150_000, .rounded) == "150 µs")
    #expect(DurationText.format(150_000, .rounded, language: .ru) == "150 мкс")
    #expect(DurationText.format(1_500_000_000, .rounded, language: .ru) == "1,5 с")
    #expect(DurationText.format(1_234_567, .rounded) == "1.23 ms")
    #expect(DurationText.format(15_349_000, .rounded) == "15.3 ms")
    #expect(DurationText.format(123_456_789, .rounded) == "123 ms")
    #expect(DurationText.format(999_999_999, .rounded) == "1000 ms")
    #expect(DurationText.format(1_005_000, .rounded) == "1.01 ms")  // halves round up, exactly
    #expect(DurationText.format(0, .rounded) == "0 ns")
    #expect(DurationText.format(999, .rounded, language: .ru) == "999 нс")
  }

  @Test func literals() {
    #expect(DurationText.literal(5_000_000) == "5ms")
    #expect(DurationText.literal(500_000) == "500us")
    #expect(DurationText.literal(1_500_000_000) == "1.5s")
    #expect(DurationText.literal(1_234_567) == "1.234567ms")
    #expect(DurationText.literal(0) == "0ns")
  }

  /// Durations from 1 ns to a day, in both languages: what is printed reads back as the same number of nanoseconds
  /// (exactly), or as the nearest value with the digits shown (rounded).
  @Test func formattedDurationsParseBack() throws {
    var durations: [Nanos] = [0, 1, 9, 10, 999, 1_000, 1_001, 86_400 * Time.second]
    var value: Nanos = 7
    while value < 86_400 * Time.second {
      durations.append(value)
      value = value * 13 / 5 + 3
    }
    for ns in durations {
      #expect(try DurationText.parse(DurationText.literal(ns)) == ns)
      for language in Language.allCases {
        for precision in [DurationText.Precision.exact, .rounded] {
          let text = DurationText.format(ns, precision, language: language)
          // As typed back: the unit right after the number, `.` for the decimal separator, `us` for µs.
          let english = DurationText.format(ns, precision, language: .en, unicode: false)
          #expect(text == NumberText.localized(english, language).replacing(unit(english), with: unit(text)))
          let parsed = try DurationText.parse(english.replacing(" ", with: ""))
          let tolerance = precision == .exact ? 0 : halfOfTheLastDigit(ns)
          #expect(abs(parsed - ns) <= tolerance, "\(text) read back as \(parsed) ns, not \(ns)")
        }
      }
    }
  }

  private func unit(_ text: String) -> String { String(text.split(separator: " ").last ?? "") }

  /// How far a rounded duration may be from the exact one: half of its last digit.
  private func halfOfTheLastDigit(_ ns: Nanos) -> Nanos {
    let one = TimeUnit.forSpan(ns).nanos
    return ns >= 100 * one ? one / 2 : ns >= 10 * one ? one / 20 : one / 200
  }

  @Test(
    arguments: [
      ("5ms", 5_000_000), ("0.5ms", 500_000), ("200us", 200_000), ("200µs", 200_000), ("1s", 1_000_000_000),
      ("1.25s", 1_250_000_000), ("15ns", 15), ("0.001ms", 1_000), ("0.000001ms", 1), ("2.50ms", 2_500_000),
      ("1_000us", 1_000_000), ("0.000_5s", 500_000), ("3\u{3BC}s", 3_000), ("86400s", 86_400_000_000_000),
    ] as [(String, Int64)])
  func parses(text: String, nanos: Int64) throws {
    #expect(try DurationText.parse(text) == nanos)
  }

  @Test(
    arguments: [
      ("5", "is not a duration"), ("5 ms", "is not a duration"), ("5sec", "is not a duration"),
      ("1__0ms", "is not a duration"), ("-1ms", "is not a duration"), (".5ms", "is not a duration"),
      ("0.5ns", "is finer than a nanosecond"), ("99999999999s", "is too long a duration"),
      ("86401s", "the longest is 86400s (a day)"),
    ])
  func refuses(text: String, reason: String) {
    #expect {
      try DurationText.parse(text)
    } throws: { error in
      (error as? DurationText.Invalid)?.description.contains(reason) == true
    }
  }
}
