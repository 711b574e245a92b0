import DisplayText
import SchedulerEngine
import TerminalUI
import TraceIO

/// `giltutor replay FILE --plain`: every event one can step to, with its time, its thread and its explanation.
/// The explanations quote names from the trace file, so their control characters are escaped: one event, one line.
public enum ReplayPlain {
  public static func render(_ state: ReplayState) -> String {
    let s = state.strings
    let trace = state.trace
    let times = state.steps.map { s.duration(trace.events[Int($0)].time) }
    let timeWidth = times.map(TextWidth.of).max() ?? 1
    var out = ""
    for (time, index) in zip(times, state.steps) {
      let explanation = s.explain(trace.events[Int(index)], in: trace).escapingControlCharacters()
      out += TextWidth.padLeft(time, to: timeWidth) + "  " + explanation + "\n"
    }
    return out
  }
}
