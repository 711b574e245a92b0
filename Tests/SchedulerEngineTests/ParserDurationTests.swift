import Testing

@testable import SchedulerEngine

@Suite("Parser: durations")
struct ParserDurationTests {
  static let exact: [(String, Nanos)] = [
    ("1ns", 1),
    ("999ns", 999),
    ("1us", 1_000),
    ("200us", 200_000),
    ("200\u{B5}s", 200_000),  // MICRO SIGN
    ("200\u{3BC}s", 200_000),  // GREEK SMALL LETTER MU
    ("1.5us", 1_500),
    ("0.001us", 1),
    ("5ms", 5_000_000),
    ("0.5ms", 500_000),
    ("0.10ms", 100_000),
    ("0.000001ms", 1),
    ("007ms", 7_000_000),
    ("2s", 2_000_000_000),
    ("1.25s", 1_250_000_000),
    ("0.000000001s", 1),
    ("0.1000000000000000000000s", 100_000_000),
    ("3.000000000000s", 3_000_000_000),
    ("1_000ns", 1_000),
    ("1_000.000_5ms", 1_000_000_500),
    ("86400s", 86_400_000_000_000),
    ("86399.999999999s", 86_399_999_999_999),
    ("86400000000000ns", 86_400_000_000_000),
  ]

  @Test(arguments: exact)
  func exactNanoseconds(text: String, nanos: Nanos) throws {
    #expect(try threadBody(threadScenario("compute \(text)")).map(\.kind) == [.compute(nanos)])
    // A switch interval is whole microseconds, as CPython keeps it.
    let switchInterval = "switch_interval: \(text)\n" + threadScenario("io 1ms")
    if nanos % Time.microsecond == 0 {
      #expect(try parse(switchInterval).switchInterval == nanos)
    } else {
      #expect(diagnostic(switchInterval)?.message.contains("whole microseconds") == true)
    }
  }

  @Test func everyStatementTakingADurationConvertsIt() throws {
    let body = try threadBody(threadScenario("io 0.5ms", "sleep 0.5ms", "native 0.5ms", "builtin 0.5ms"))
    #expect(body.map(\.kind) == [.io(500_000), .sleep(500_000), .native(500_000), .builtin(500_000)])
    let task = try parse("eventloop l:\n  task t:\n    await io 1.5s\n    await sleep 2us\n").processes[0].eventLoops[0]
    #expect(task.tasks[0].body.map(\.kind) == [.awaitIO(1_500_000_000), .awaitSleep(2_000)])
  }

  static let invalid: [(String, Int, String)] = [
    ("0.5ns", 13, "'0.5ns' is not a whole number of nanoseconds"),
    ("1.0000000001s", 13, "'1.0000000001s' is not a whole number of nanoseconds"),
    ("0.0001us", 13, "'0.0001us' is not a whole number of nanoseconds"),
    ("86400.000000001s", 13, "'86400.000000001s' is too long; a duration is at most 86400s (a day)"),
    ("86401s", 13, "'86401s' is too long; a duration is at most 86400s (a day)"),
    ("9223372036854775807ns", 13, "'9223372036854775807ns' is too long; a duration is at most 86400s (a day)"),
    ("9223372036854775808ns", 13, "'9223372036854775808ns' is too long; a duration is at most 86400s (a day)"),
    ("9223372036.854775808s", 13, "'9223372036.854775808s' is too long; a duration is at most 86400s (a day)"),
    ("10000000000s", 13, "'10000000000s' is too long; a duration is at most 86400s (a day)"),
    ("99999999999999999999999ns", 13, "'99999999999999999999999ns' is too long; a duration is at most 86400s (a day)"),
    ("5sec", 14, "unknown unit 'sec'; use ns, us, ms or s"),
    ("5MS", 14, "unknown unit 'MS'; use ns, us, ms or s"),
    ("5m", 14, "unknown unit 'm'; use ns, us, ms or s"),
    ("1.5h", 16, "unknown unit 'h'; use ns, us, ms or s"),
    ("5ms2", 14, "unknown unit 'ms2'; use ns, us, ms or s"),
    ("5", 13, "missing unit after '5'; use ns, us, ms or s, as in 5ms"),
    ("2.5", 13, "missing unit after '2.5'; use ns, us, ms or s, as in 2.5ms"),
    ("ms", 13, "expected a duration such as 5ms after 'compute', found 'ms'"),
    ("-5ms", 13, "a duration cannot be negative"),
    (".5ms", 13, "expected a duration such as 5ms after 'compute', found '.'"),
  ]

  @Test(arguments: invalid)
  func invalidDurations(text: String, column: Int, message: String) {
    expectError(threadScenario("compute \(text)"), 2, column, message)
  }

  @Test func spaceBeforeTheUnitIsAMissingUnit() {
    expectError(threadScenario("compute 5 ms"), 2, 13, "missing unit after '5'; use ns, us, ms or s, as in 5ms")
  }

  @Test func literalConversionDirectly() {
    #expect(DurationLiteral.nanoseconds(integerDigits: "1", fractionDigits: "25", unit: "s") == .success(1_250_000_000))
    #expect(
      DurationLiteral.nanoseconds(integerDigits: "0", fractionDigits: "5", unit: "ns") == .failure(.notWholeNanoseconds)
    )
    #expect(DurationLiteral.nanoseconds(integerDigits: "1", fractionDigits: "", unit: "sec") == .failure(.unknownUnit))
    #expect(
      DurationLiteral.nanoseconds(integerDigits: "9223372037", fractionDigits: "", unit: "s") == .failure(.tooLarge))
    #expect(DurationLiteral.integerValue("18446744073709551615") == UInt64.max)
    #expect(DurationLiteral.integerValue("18446744073709551616") == nil)
    #expect(DurationLiteral.integerValue("") == nil)
    #expect(DurationLiteral.integerValue("12a") == nil)
    #expect(DurationLiteral.signedValue(negative: true, magnitude: 9_223_372_036_854_775_808) == Int64.min)
    #expect(DurationLiteral.signedValue(negative: true, magnitude: 9_223_372_036_854_775_809) == nil)
    #expect(DurationLiteral.signedValue(negative: false, magnitude: 9_223_372_036_854_775_808) == nil)
  }
}
