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
    let unicode = TextWidth.setLocaleFromEnvironment()
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

  /// A giltutor trace file or a Chrome trace, told apart by the first bytes; notes on what a Chrome trace could not
  /// map go to standard error. Exit 2 with `FILE: error: ...` and the position when the file is bad.
  static func load(_ file: String, maxJSONBytes: Int = defaultMaxJSONMegabytes << 20) throws -> Trace {
    // A JSON file too large to read is refused by its size, before a byte of it is read.
    if let size = try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int, size > maxJSONBytes,
      let handle = FileHandle(forReadingAtPath: file),
      !TraceFile.looksLikeTraceFile([UInt8](handle.readData(ofLength: 8)))
    {
      Stderr.print(
        "\(file): error: the file has \(size >> 20) MB; giltutor reads Chrome trace JSON of at most "
          + "\(maxJSONBytes >> 20) MB (raise it with --max-json-megabytes N; it takes about ten times its size in memory)"
      )
      throw ExitCode(2)
    }
    let bytes: [UInt8]
    do {
      bytes = try TextFile.loadBytes(file)
    } catch {
      Stderr.print("\(file): error: cannot read it: \(error.reason)")
      throw ExitCode(2)
    }
    if TraceFile.looksLikeTraceFile(bytes) {
      do {
        return try TraceFile.read(bytes)
      } catch {
        Stderr.print("\(file): error: \(error.description)")
        throw ExitCode(2)
      }
    }
    let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
    guard let first = text.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }), first == 0x7B || first == 0x5B
    else {
      Stderr.print("\(file): error: byte 0: neither a giltutor trace file nor Chrome trace JSON")
      throw ExitCode(2)
    }
    do {
      let result = try ChromeImport.read(bytes)
      for note in result.notes { Stderr.print("\(file): note: \(note)") }
      return result.trace
    } catch {
      Stderr.print("\(file):\(error.description)")
      throw ExitCode(2)
    }
  }
}
