import Foundation
import SchedulerEngine

/// Standard error. Messages quote what came from files, programs and the command line (names, titles, file
/// names, tokens), so every control character in them is printed as a visible escape (`\x1b`) instead of reaching
/// the terminal, which would act on it.
enum Stderr {
  /// One message on one line: every control character escaped, newlines included.
  static func print(_ message: String) {
    write(message.escapingControlCharacters() + "\n")
  }

  /// Text the program laid out in lines itself (a diagnostic with its source line and caret, a bytecode listing):
  /// newlines and tabs kept, every other control character escaped.
  static func print(lines text: String) {
    write(text.escapingControlCharacters(keepingNewlinesAndTabs: true) + "\n")
  }

  private static func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}

/// Standard output for text (timelines, reports, lessons, quizzes, replays): newlines and tabs kept, every other
/// control character escaped, so that nothing from a file or a program reaches the terminal raw. The printers
/// escape the names and titles they lay out themselves (a name never breaks a line); this is the last guard.
enum Stdout {
  static func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.escapingControlCharacters(keepingNewlinesAndTabs: true).utf8))
  }
}

/// A message for standard error on one line (see `Stderr.print`).
func printError(_ message: String) {
  Stderr.print(message)
}
