import Foundation
import SchedulerEngine
import Testing

@testable import PythonFrontEnd

/// C code that loops over a big input holds the GIL for the whole loop: the time is CPython's per item
/// (`CWork`, measured with 3.12.1), and no other thread runs meanwhile.
@Suite("C built-ins take their time with the GIL held")
struct CWorkTests {
  static func run(_ source: String) throws -> Trace {
    try ThreadedProgramTests.simulate(source: source)
  }

  /// `sum(range(n))` takes 22.7 ns an item on the real 3.12: two million take about 46 ms, during which a
  /// thread that wakes every 5 ms cannot run.
  @Test func aLongSumHoldsTheGIL() throws {
    let source = """
      import threading, time

      ticks = []

      def ticker():
          for _ in range(5):
              before = time.perf_counter()
              time.sleep(0.005)
              ticks.append(time.perf_counter() - before)

      t = threading.Thread(target=ticker)
      t.start()
      start = time.perf_counter()
      total = sum(range(2_000_000))
      print(total, round(time.perf_counter() - start, 3))
      t.join()
      print(round(max(ticks), 2))

      """
    let trace = try Self.run(source)
    let lines = ThreadedProgramTests.stdout(trace).split(separator: "\n")
    #expect(lines.first?.hasPrefix("1999999000000 0.04") == true, "\(lines)")
    #expect(lines.last == "0.04" || lines.last == "0.05", "\(lines)")
  }

  /// Sorting what is already in order is one pass (timsort finds the run); sorting what is not is n·log2 n
  /// comparisons: 8 ns and about 285 ns an item for a million on the real 3.12.
  @Test func sortingCostsWhatTimsortDoes() throws {
    let source = """
      import time
      data = list(range(100_000))
      backwards = data[::-1]
      start = time.perf_counter()
      sorted(data)
      middle = time.perf_counter()
      sorted(backwards)
      end = time.perf_counter()
      print((end - middle) / (middle - start) > 10)

      """
    #expect(ThreadedProgramTests.stdout(try Self.run(source)) == "True\n")
  }

  /// The closed form of a range's sum is the sum (beyond what a list of the ints could hold).
  @Test func aRangesSumIsExact() throws {
    let source = "print(sum(range(10**9)), sum(range(5, -7, -3), 100), sum(range(3), 0.5))\n"
    #expect(ThreadedProgramTests.stdout(try Self.run(source)) == "499999999500000000 102 3.5\n")
  }
}
