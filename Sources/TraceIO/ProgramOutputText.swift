import DisplayText
import SchedulerEngine

/// What a simulated Python program printed: each line with the simulated time it was written and the thread
/// that wrote it, standard error's lines marked, as `giltutor simulate prog.py` shows them above the timeline.
public enum ProgramOutputText {
  public static func lines(_ trace: Trace) -> [String] {
    guard let status = trace.exitStatus else { return [] }
    var lines: [String] = []
    let names = trace.threads.map(\.name)
    let nameWidth = min(names.map { TextWidth.of($0) }.max() ?? 0, 24)
    for write in trace.output {
      // A piece may hold several lines, or end without a newline (`print(..., end="")`).
      for text in write.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
        let time = DurationText.format(write.time, .rounded, unicode: false)
        let name = write.thread < names.count ? names[write.thread] : "?"
        let stream = write.isError ? "stderr " : ""
        lines.append(
          TextWidth.padLeft(time, to: 10) + "  " + TextWidth.padRight(name, to: nameWidth) + "  " + stream + text)
      }
    }
    if lines.isEmpty { lines.append("(the program printed nothing)") }
    lines.append("exit status \(status)")
    let interpreter = trace.scenario.interpreter
    let compiler = interpreter.compilerRelease
    if interpreter.release.major != 3 || interpreter.release.minor != compiler.rawValue {
      // Said where the numbers are shown: 3.11's, 3.12's and 3.13's compilers are the ones reproduced so far.
      lines.append(
        "(3.\(compiler.rawValue)'s instructions, checked and timed as \(interpreter.rawValue) runs its own)")
    }
    if trace.scenario.processes.count > 1 && interpreter.profile.startMethod == .forkserver {
      lines.append("(child processes forked as up to 3.13; \(interpreter.rawValue)'s forkserver is not modelled yet)")
    }
    return lines
  }
}
