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

  /// A digest of a big buffer runs with the GIL released (`HASHLIB_GIL_MINSIZE`): two threads hashing a megabyte
  /// ten times each take about the time one takes (real 3.12 here: 1.7-2.2 times faster than in a row); small
  /// buffers keep the GIL, so there the threads take turns.
  @Test func bigDigestsReleaseTheGIL() throws {
    func speedUp(_ size: Int, _ rounds: Int) throws -> Double {
      let source = """
        import hashlib, threading, time

        data = b"x" * \(size)

        def work():
            for _ in range(\(rounds)):
                hashlib.sha256(data).hexdigest()

        start = time.perf_counter()
        work()
        work()
        alone = time.perf_counter() - start
        threads = [threading.Thread(target=work) for _ in range(2)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print(alone / (time.perf_counter() - start))

        """
      let trace = try Self.run(source)
      return try #require(Double(ThreadedProgramTests.stdout(trace).trimmingCharacters(in: .whitespacesAndNewlines)))
    }
    let big = try speedUp(1_000_000, 10)
    #expect(big > 1.8 && big < 2.05, "\(big)")
    let small = try speedUp(1_000, 2_000)
    #expect(small < 1.1, "\(small)")
  }
}
