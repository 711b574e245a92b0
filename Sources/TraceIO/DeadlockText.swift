import DisplayText
import SchedulerEngine

/// The sentence that names a deadlock, for `giltutor simulate` and `giltutor lint`.
public enum DeadlockText {
  /// `deadlock at 1 ms: a waits for lock guard, which a holds`; the cycle first, then any other waiting thread.
  public static func describe(_ deadlock: Trace.Deadlock, in trace: Trace) -> String {
    let name = { (t: Int) in trace.threads[t].name }
    let ordered =
      deadlock.cycle.compactMap { t in deadlock.waits.first { $0.thread == t } }
      + deadlock.waits.filter { !deadlock.cycle.contains($0.thread) }
    let waits = ordered.map { wait in
      let waiter = name(wait.thread)
      if wait.resource.hasPrefix("thread ") { return "\(waiter) waits for \(wait.resource)" }
      let holder =
        wait.holder.map { $0 == wait.thread ? "which it holds itself" : "which \(name($0)) holds" } ?? wait.nobody
      return "\(waiter) waits for \(wait.resource), \(holder)"
    }
    let kind = deadlock.cycle.isEmpty ? "" : deadlock.cycle.count == 1 ? " (a thread waits for itself)" : " (a cycle)"
    return "deadlock at \(DurationText.format(deadlock.time, .rounded, unicode: false))\(kind): "
      + waits.joined(separator: "; ")
  }
}
