import SchedulerEngine
import TerminalUI
import TraceIO

/// `giltutor replay FILE --plain`: every event one can step to, with its time, its thread and its explanation.
public enum ReplayPlain {
  public static func render(_ state: ReplayState) -> String {
    let s = state.strings
    let trace = state.trace
    let times = state.steps.map { s.duration(trace.events[Int($0)].time) }
    let timeWidth = times.map(TextWidth.of).max() ?? 1
    var out = ""
    for (time, index) in zip(times, state.steps) {
      out += TextWidth.padLeft(time, to: timeWidth) + "  " + s.explain(trace.events[Int(index)], in: trace) + "\n"
    }
    return out
  }
}
