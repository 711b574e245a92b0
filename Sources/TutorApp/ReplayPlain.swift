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
    // What ended the run besides its events (trace files of version 2 keep it).
    for raised in trace.raised {
      let name = trace.threads[raised.thread].name
      out +=
        s.duration(raised.time) + "  "
        + s.pick("\(name) raised \(raised.error) and ended", "\(name) выбросил \(raised.error) и завершился")
        .escapingControlCharacters() + "\n"
    }
    if let deadlock = trace.deadlock {
      out +=
        s.pick("the run ends in a ", "запуск кончается взаимной блокировкой: ")
        + DeadlockText.describe(deadlock, in: trace).escapingControlCharacters() + "\n"
    }
    return out
  }
}
