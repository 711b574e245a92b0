/// The time C code of a built-in takes with the GIL held, beyond its CALL: CPython's `sum`, `min`, `max`,
/// `sorted`, `list(...)`, `str.join` loop in C over every item without a check point, so a big input holds the
/// GIL as long as the loop runs. Measured with 3.12.1 on this machine kind (best of 7, a million items, ns an
/// item): `sum` of a list 9.7, of a range 22.7 (each int made), `max` of a list 14.8, `sorted` of a sorted list 8.1
/// and of a shuffled one 287 (about 14.5 ns a comparison, n·log2 n of them), `list(range(n))` 33, `",".join` of
/// short strings 11.5; 3.9.18 and 3.13.0 within 30 % of these. The scheduler adds this time to the CALL's
/// (`PythonMachine.cWork`), and so does it for the instructions of Python code a built-in calls back (a `key=`
/// function, a generator a built-in consumes), which run there without a check point.
enum CWork {
  static let sumItem: Nanos = 10
  static let extremeItem: Nanos = 15
  /// Making an int for each item of a range.
  static let rangeItem: Nanos = 13
  static let sortedRunItem: Nanos = 8
  static let comparison: Nanos = 15
  static let copyItem: Nanos = 3
  static let listFromRangeItem: Nanos = 20
  static let joinItem: Nanos = 12
  /// `hashlib`'s digests, picoseconds a byte (3.12.1 here, OpenSSL, ten megabytes, best of 5): MD5 1746, SHA-1
  /// 1062, SHA-256 958 (the processor's SHA instructions).
  static let hashBytePicoseconds: [String: Nanos] = ["md5": 1_746, "sha1": 1_062, "sha256": 958]
  /// From this many bytes on, `update` releases the GIL around the digest (`HASHLIB_GIL_MINSIZE`,
  /// `Modules/hashlib.h`).
  static let hashReleasesGILFrom = 2_048
}

extension PythonMachine {
  /// Charges `count` items at `each` ns, and the int each item of a range makes.
  func chargeC(_ source: PyValue, _ count: Int, each: Nanos) {
    var cost = Nanos(count) * each
    if case .range = source { cost += Nanos(count) * CWork.rangeItem }
    cWork += cost
  }

  /// Sorting `items`: about n·log2 n comparisons, or one pass over a run already in order (timsort).
  func chargeSort(_ items: [PyValue]) throws(PythonError) {
    let n = items.count
    guard n > 1 else { return }
    var ordered = true
    for k in 1..<n where !(try compare(items[k - 1], 1, items[k])) {
      ordered = false
      break
    }
    // ⌊log2 n⌋: timsort's merges make about n·log2 n − 1.4·n comparisons.
    let log = Nanos(Int.bitWidth - 1 - n.leadingZeroBitCount)
    cWork += ordered ? Nanos(n) * CWork.sortedRunItem : Nanos(n) * log * CWork.comparison
  }
}

extension PythonMachine {
  /// How many items `range(start, stop, step)` has.
  static func rangeCount(_ start: Int64, _ stop: Int64, _ step: Int64) -> Int64 {
    step > 0 ? max(0, (stop - start + step - 1) / step) : max(0, (start - stop - step - 1) / -step)
  }

  /// `plus + sum(range(start, stop, step))`, or nil when it does not fit 64 bits.
  static func rangeSum(_ start: Int64, _ stop: Int64, _ step: Int64, plus: Int64) -> Int64? {
    let n = rangeCount(start, stop, step)
    guard n > 0 else { return plus }
    let last = start + (n - 1) * step
    // n·(start + last) / 2, halving the even factor first.
    let (pair, o1) = start.addingReportingOverflow(last)
    guard !o1 else { return nil }
    let (product, o2) =
      n % 2 == 0 ? (n / 2).multipliedReportingOverflow(by: pair) : n.multipliedReportingOverflow(by: pair / 2)
    guard !o2, n % 2 == 0 || pair % 2 == 0 else { return nil }
    let (total, o3) = product.addingReportingOverflow(plus)
    return o3 ? nil : total
  }
}
