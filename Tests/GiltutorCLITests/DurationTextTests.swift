import DisplayText
import Testing
import TraceIO

@Suite struct DurationTextTests {
  @Test(
    arguments: [
      ("5ms", 5_000_000), ("0.5ms", 500_000), ("200us", 200_000), ("200µs", 200_000), ("1s", 1_000_000_000),
      ("1.25s", 1_250_000_000), ("15ns", 15), ("0.001ms", 1_000), ("0.000001ms", 1), ("2.50ms", 2_500_000),
      ("1_000us", 1_000_000), ("0.000_5s", 500_000), ("3\u{3BC}s", 3_000),
    ] as [(String, Int64)])
  func parses(text: String, nanos: Int64) throws {
    #expect(try DurationText.parse(text) == nanos)
  }

  @Test(arguments: [
    "5", "ms", "5 ms", "5m", "5.ms", ".5ms", "1.2.3ms", "-1ms", "5msx", "0.5ns", "99999999999s", "", "_1ms", "1_ms",
    "1__0ms", "5sec",
  ])
  func rejects(text: String) {
    #expect(throws: DurationText.Invalid.self) { try DurationText.parse(text) }
  }

  @Test func formats() throws {
    #expect(DurationText.literal(5_000_000) == "5ms")
    #expect(DurationText.literal(500_000) == "500us")
    #expect(DurationText.literal(1_500_000_000) == "1.5s")
    #expect(DurationText.literal(15_000) == "15us")
    #expect(DurationText.literal(1_234_567) == "1.234567ms")
    #expect(DurationText.literal(0) == "0ns")
    for ns: Int64 in [1, 999, 1_000, 2_500_000, 7_000_000_001] {
      #expect(try DurationText.parse(DurationText.literal(ns)) == ns)
    }
  }
}
