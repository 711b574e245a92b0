import ArgumentParser
import Foundation
import TraceIO

/// `giltutor record -- python3 prog.py`: runs a real Python program under giltutor's tracer and writes a giltutor
/// trace of who held the GIL when.
struct Record: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "record",
    abstract: "Run a Python program under giltutor's tracer and write a trace for giltutor replay.",
    discussion: """
      Example: giltutor record --output countdown.gtrace -- python3 examples/countdown.py
      The tracer (tracer/giltutor_trace.py, standard library only) notes which thread runs Python code when; \
      only the GIL holder can, so that order shows the hand-offs. It slows the program down several times; what \
      it infers is described in docs/trace-format.md.

      Exit status: 0 when the trace is written; the program's own status when it failed (the trace is still \
      written); 2 when the program cannot be started or the tracer's output cannot be read; 1 when the output \
      cannot be written; 64 for a wrong command line.
      """)

  @Option(help: ArgumentHelp("Where to write the trace (default: the script's name with .gtrace).", valueName: "path"))
  var output: String?

  @Argument(
    parsing: .postTerminator, help: "The Python command, after --: python3 SCRIPT [ARGS...] or python3 -m MODULE.")
  var command: [String] = []

  func validate() throws {
    guard command.count >= 2 else {
      throw ValidationError("give the Python command after --, e.g. giltutor record -- python3 prog.py")
    }
    if command[1] == "-m" && command.count < 3 { throw ValidationError("python -m needs a module name") }
    if command[1].hasPrefix("-") && command[1] != "-m" {
      throw ValidationError("only 'python3 SCRIPT [ARGS]' and 'python3 -m MODULE [ARGS]' can be recorded")
    }
  }

  func run() throws {
    guard let data = ResourceLocator.current.dataDirectory() else {
      Stderr.print("giltutor: cannot find giltutor's data folder (set GILTUTOR_HOME to the folder that holds it)")
      throw ExitCode(2)
    }
    let tracer = data.appendingPathComponent("tracer/giltutor_trace.py").path
    guard FileManager.default.fileExists(atPath: tracer) else {
      Stderr.print("giltutor: the tracer is missing: \(tracer)")
      throw ExitCode(2)
    }
    let target = command[1] == "-m" ? command[2] : command[1]
    let destination = output ?? URL(fileURLWithPath: target).deletingPathExtension().lastPathComponent + ".gtrace"
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("giltutor-record-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: log) }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [command[0], tracer, log.path] + command.dropFirst()
    do {
      try process.run()
    } catch {
      Stderr.print("giltutor: cannot start '\(command[0])': \(error.localizedDescription)")
      throw ExitCode(2)
    }
    process.waitUntilExit()
    let status = process.terminationStatus
    let bytes: [UInt8]
    do {
      bytes = try TextFile.loadBytes(log.path)
    } catch {
      Stderr.print("giltutor: no trace written: '\(command.joined(separator: " "))' exited with status \(status)")
      throw ExitCode(2)
    }
    let result: ChromeImport.Result
    do {
      result = try ChromeImport.read(bytes)
    } catch {
      Stderr.print("giltutor: the tracer's output cannot be read: \(error.description)")
      throw ExitCode(2)
    }
    do {
      try TextFile.save(bytes: TraceFile.write(result.trace), to: destination)
    } catch {
      Stderr.print("giltutor: cannot write '\(destination)': \(error.reason)")
      throw ExitCode(1)
    }
    let trace = result.trace
    Stderr.print(
      "giltutor: recorded \(trace.threads.count) threads, \(trace.statistics.gilSwitches) GIL hand-offs in "
        + "\(Double(trace.statistics.wallTime / 1000) / 1000) ms to \(destination); giltutor replay \(destination)")
    if status != 0 {
      Stderr.print("giltutor: the program exited with status \(status)")
      throw ExitCode(status)
    }
  }
}
