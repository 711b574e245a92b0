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

  @OptionGroup var options: InterfaceOptions

  func run() throws {
    let unicode = TextWidth.setLocaleFromEnvironment()
    let trace = try Replay.load(file)
    let state = ReplayState(
      trace: trace,
      title: trace.scenario.title.isEmpty ? URL(fileURLWithPath: file).lastPathComponent : trace.scenario.title,
      language: options.language, unicode: unicode)
    if plain {
      Stdout.write(ReplayPlain.render(state))
      return
    }
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
        }
      })
    throw ExitCode(status)
  }

  /// A giltutor trace file or a Chrome trace, told apart by the first bytes; notes on what a Chrome trace could not
  /// map go to standard error. Exit 2 with `FILE: error: ...` and the position when the file is bad.
  static func load(_ file: String) throws -> Trace {
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
    guard let first = bytes.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }), first == 0x7B || first == 0x5B
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
