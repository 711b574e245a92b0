import ArgumentParser
import Foundation
import SchedulerEngine
import TerminalUI
import TutorApp

/// `giltutor progress [--reset]`.
struct ProgressCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "progress",
    abstract: "Show where you stopped and your quiz scores; --reset clears them (after asking).",
    discussion: """
      The progress file is $XDG_STATE_HOME/giltutor/progress.json (default ~/.local/state/giltutor/progress.json). \
      Exit status: 0; 1 when the file cannot be written or is from a newer giltutor (it is then left unchanged).
      """)

  @Flag(name: .long, help: "Clear all progress; asks first unless --yes is given.")
  var reset = false

  @Flag(name: .long, help: "With --reset: do not ask.")
  var yes = false

  @OptionGroup var options: InterfaceOptions

  func run() throws {
    let s = Strings.of(options.language)
    guard let store = ProgressStore.standard(environment: options.environment) else {
      printError(s.progressNoStore)
      throw ExitCode(1)
    }
    let keeper = ProgressKeeper(environment: options.environment, strings: s, store: store)
    if reset {
      guard keeper.canSave else { throw ExitCode(1) }
      if !yes {
        Stdout.write(s.progressResetQuestion)
        let reply = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard ["y", "yes", "д", "да", "н"].contains(reply) else {
          say(s.progressKept)
          return
        }
      }
      guard keeper.update({ $0 = LearnerProgress() }) else { throw ExitCode(1) }
      say(s.progressCleared)
      return
    }
    // Lesson IDs and topics come from the progress file: each line has its control characters escaped.
    let lines = ProgressReport.lines(keeper.progress, file: store.file.path, strings: s)
    say(lines.map { $0.escapingControlCharacters() }.joined(separator: "\n"))
  }

  func say(_ text: String) { Stdout.write(text + "\n") }
}
