import SchedulerEngine

/// What may follow `scenario=NAME` on a `::: timeline` line:
///
/// - `compact`: no legend and no time labels under the axis, so that several timelines fit on one page;
/// - `span=DURATION` (a whole number with `ns`, `us`, `ms` or `s`, e.g. `span=80ms`): the time axis is at least
///   this long, and the picture plays at the pace of a trace that long. Timelines with the same span share one
///   time scale and one clock, so that runs of different lengths compare at a glance;
/// - `interpreter=VERSION` (`3.9`, `cpython-3.10`, `3.13t`: the names `--interpreter` takes): the scenario runs on
///   that interpreter, so that one program can be shown on 3.9 beside 3.10. The title then names it.
public struct TimelineOptions: Sendable, Equatable {
  public var compact = false
  public var span: Nanos?
  public var interpreter: InterpreterKind?

  public init(compact: Bool = false, span: Nanos? = nil, interpreter: InterpreterKind? = nil) {
    self.compact = compact
    self.span = span
    self.interpreter = interpreter
  }

  /// The options in `words` (each with its 1-based column), or a message and the column it refers to.
  static func parse(_ words: [(text: String, column: Int)]) -> Result<TimelineOptions, Failure> {
    var options = TimelineOptions()
    var seen = Set<String>()
    for (word, column) in words {
      let name = String(word.prefix { $0 != "=" })
      guard !seen.contains(name) else { return .failure(Failure(column: column, message: "'\(name)' is given twice")) }
      seen.insert(name)
      if word == "compact" {
        options.compact = true
      } else if name == "span", word.count > 5 {
        guard let span = duration(String(word.dropFirst(5))), span > 0 else {
          return .failure(
            Failure(column: column + 5, message: "expected a duration such as 80ms after 'span=' (ns, us, ms or s)"))
        }
        guard span <= Limits.maximumDuration else {
          return .failure(
            Failure(
              column: column + 5,
              message: "'span=' is at most \(Limits.describe(Limits.maximumDuration)) (got \(word.dropFirst(5)))"))
        }
        options.span = span
      } else if name == "interpreter", word.count > 12 {
        let value = String(word.dropFirst(12))
        guard let kind = InterpreterNames.parse(value) else {
          return .failure(
            Failure(
              column: column + 12,
              message: "unknown interpreter '\(value)' (known: \(InterpreterNames.all.joined(separator: ", ")))"))
        }
        options.interpreter = kind
      } else {
        return .failure(
          Failure(
            column: column,
            message: "unknown option '\(word)' for 'timeline' (known: compact, span=DURATION, interpreter=VERSION)"))
      }
    }
    return .success(options)
  }

  /// `80ms` and the like: whole numbers only; `Nanos.max` for a value too large to hold (refused by the caller).
  static func duration(_ text: String) -> Nanos? {
    let digits = text.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty else { return nil }
    let unit: Nanos
    switch text.dropFirst(digits.count) {
    case "ns": unit = 1
    case "us", "µs": unit = Time.microsecond
    case "ms": unit = Time.millisecond
    case "s": unit = Time.second
    default: return nil
    }
    guard let value = Int64(digits) else { return Nanos.max }
    let (nanos, overflow) = value.multipliedReportingOverflow(by: unit)
    return overflow ? Nanos.max : nanos
  }

  struct Failure: Error {
    var column: Int
    var message: String
  }
}
