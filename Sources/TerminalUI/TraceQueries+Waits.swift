import SchedulerEngine

extension TraceQueries {
  /// Each time `thread` came back from I/O and then had to wait for the GIL: when the I/O ended and how long
  /// until the thread held the GIL again (the convoy effect's cost per round trip).
  public static func gilWaitsAfterIO(of thread: Int, in trace: Trace) -> [(ioEnd: Nanos, wait: Nanos)] {
    var waits: [(Nanos, Nanos)] = []
    var ioEnd: Nanos?
    for event in trace.events where Int(event.thread) == thread {
      switch event.kind {
      case .ioEnd: ioEnd = event.time
      case .gilAcquire:
        if let end = ioEnd { waits.append((end, event.time - end)) }
        ioEnd = nil
      default: break
      }
    }
    return waits
  }

  /// The median of `values` (the lower middle for an even count), or nil when there are none.
  public static func median(_ values: [Nanos]) -> Nanos? {
    values.isEmpty ? nil : values.sorted()[(values.count - 1) / 2]
  }

  /// The index of the thread named `name`, if any.
  public static func thread(named name: String, in trace: Trace) -> Int? {
    trace.threads.firstIndex { $0.name == name }
  }
}
