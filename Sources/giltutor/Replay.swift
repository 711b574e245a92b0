import ArgumentParser
import Foundation
import SchedulerEngine
import Terminal
import TerminalUI
import TraceIO
import TutorApp

/// `giltutor replay FILE`: step through a recorded timeline.
struct Replay: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replay",
    abstract: "Step through a recorded timeline event by event.",
    discussion: """
      FILE is a giltutor trace (giltutor simulate --format trace, giltutor record) or a Chrome Trace Event JSON \
      file (giltutor simulate --format chrome, VizTracer, py-spy). Keys: → ← step, Shift-→ ← or ] [ GIL \
      hand-offs, PgDn PgUp ten events, g G start/end, space play, + - zoom, f follow, / search, : jump to a time, \
      ? help, q quit.

      Exit status: 0 after q; 2 when FILE cannot be read or is damaged (FILE: error: ... with the position); \
      130 after Ctrl-C; 64 for a wrong command line.
      """)

  @Argument(help: "The trace file.")
  var file: String

  @Flag(name: .long, help: "Print every event with its explanation as text instead of opening the screen.")
  var plain = false

  @Option(
    help: ArgumentHelp(
      "The largest Chrome trace JSON to read, in megabytes (default \(Replay.defaultMaxJSONMegabytes)); reading "
        + "takes about ten times the file's size in memory.", valueName: "n"))
  var maxJSONMegabytes = Replay.defaultMaxJSONMegabytes

  static let defaultMaxJSONMegabytes = 64

  func validate() throws {
    guard (1...4_096).contains(maxJSONMegabytes) else {
      throw ValidationError("--max-json-megabytes must be between 1 and 4096 (got \(maxJSONMegabytes)).")
    }
  }

  @OptionGroup var options: InterfaceOptions

  func run() throws {
    let unicode = Terminal.setLocaleFromEnvironment()
    let trace = try Replay.load(file, maxJSONBytes: maxJSONMegabytes << 20)
    if let truncation = trace.truncation { Stderr.print("\(file): note: \(Replay.stopsEarly(truncation))") }
    let replay = ReplayState(
      trace: trace,
      title: trace.scenario.title.isEmpty ? URL(fileURLWithPath: file).lastPathComponent : trace.scenario.title,
      language: options.language)
    if plain {
      Stdout.write(ReplayPlain.render(replay))
      return
    }
    let state = AppState(replay: replay, width: 80, height: 24, language: options.language, unicode: unicode)
    if Terminal.refusal(environment: options.environment) != nil {
      printError(Strings.of(options.language).replayRefusal)
      throw ExitCode(LessonExit.usage)
    }
    let status = InterfaceRunner.run(
      state, options: options,
      perform: { effect in
        switch effect {
        case .quit: .quit
        case .redraw: .redraw
        // Nothing in a replay saves progress or simulates.
        case .saveProgress, .saveQuiz, .simulate: .keepGoing
        }
      })
    throw ExitCode(status)
  }

  /// Why a trace ends before its program did, for the note replay prints.
  static func stopsEarly(_ truncation: Trace.Truncation) -> String {
    switch truncation {
    case .events: "the simulation stopped at its event budget: the trace covers only the part before it"
    case .time: "the simulation stopped at its budget of simulated time: the trace covers only the part before it"
    case .recordingStopped: "the recorded program was stopped before its end: the trace covers what ran until then"
    }
  }
}
