/// The bounds that every reader of a scenario, a lesson or a trace and the simulation itself share, so that what
/// loads can be simulated and drawn, and arithmetic on times cannot overflow: the longest duration plus the
/// latest time a run reaches stays many orders of magnitude below `Nanos.max`, even multiplied by a screen width.
public enum Limits {
  /// The longest duration a scenario, a lesson or the command line may name: a day. Longer ones would only run
  /// into the simulation's time budget.
  public static let maximumDuration: Nanos = 24 * 3_600 * Time.second
  /// The latest time a trace file or an imported trace may hold: 100 days, far beyond any run or recording.
  public static let maximumTraceTime: Nanos = 100 * 24 * 3_600 * Time.second
  /// The old GIL's check interval, in ticks: far beyond any useful value (`sys.setcheckinterval`).
  public static let maximumCheckInterval = 1_000_000_000
  /// The most cores a machine may have.
  public static let maximumCores = 1_024
  /// The most threads a scenario may start (counting each event loop's thread).
  public static let maximumThreads = 1_000
  /// The most asyncio tasks a scenario may create.
  public static let maximumTasks = 10_000
  /// A semaphore's count and a queue's size.
  public static let maximumObjectCount = 1_000_000

  /// The largest scenario, lesson or quiz file: a megabyte, some hundred times the largest bundled one, and small
  /// enough that reading, checking and laying it out take a moment.
  public static let maximumSourceBytes = 1 << 20

  /// Why `source` is refused as too large, or nil when it is not; `what` names the kind of file.
  public static func oversized(_ source: String, what: String) -> String? {
    let size = source.utf8.count
    guard size > maximumSourceBytes else { return nil }
    return "this \(what) file has \(size) bytes; giltutor reads \(what) files of at most \(maximumSourceBytes) bytes "
      + "(1 MiB): split it into smaller files"
  }

  /// The spelling of a duration limit in messages, in the scenario language's units: `86400s (a day)`.
  public static func describe(_ nanos: Nanos) -> String {
    let day = 24 * 3_600 * Time.second
    let spelled = nanos % Time.second == 0 ? "\(nanos / Time.second)s" : "\(nanos)ns"
    return nanos == day ? spelled + " (a day)" : spelled
  }

  /// CPython keeps the switch interval in whole microseconds (`sys.setswitchinterval` stores `(unsigned long)(1e6 *
  /// seconds)`, and `take_gil` waits at least 1 µs), so the scenario does too: what is wrong with `interval`, if
  /// anything.
  public static func switchIntervalProblem(_ interval: Nanos) -> String? {
    guard interval % Time.microsecond != 0 else { return nil }
    let whole = interval / Time.microsecond
    if whole == 0 { return "CPython's switch interval is at least 1us (it counts whole microseconds)" }
    return "CPython keeps the switch interval in whole microseconds: this one would be \(whole)us; write \(whole)us"
  }
}
