import ArgumentParser
import Foundation
import TerminalUI
import TutorApp

/// `giltutor lint [DIR]`: checks a lessons folder the way the lessons are read, and more.
struct LintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lint",
    abstract: "Check lessons, their pictures and scenarios (FILE:LINE:COL: error|warning: ...).",
    discussion: """
      Checks every lesson of every language under DIR (DIR/en/*.md, DIR/ru/*.md) and every scenario under \
      DIR/scenarios: unknown directives, missing scenarios, scenarios that do not parse or do not finish, code \
      lines too wide and pages too tall for an 80×24 terminal, a lesson present in one language but not the other, \
      pages whose pictures differ between languages.
      Exit status: 0 when there is no error (warnings allowed), 1 when there is an error, 2 when DIR cannot be read.
      """)

  @Argument(help: "The lessons folder (default: the lessons giltutor opens).")
  var directory: String?

  func run() throws {
    let url: URL
    let shown: String
    if let directory {
      url = URL(fileURLWithPath: directory, isDirectory: true)
      shown = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
    } else if let data = ResourceLocator.current.dataDirectory() {
      url = data.appendingPathComponent("Lessons", isDirectory: true)
      shown = url.path
    } else {
      printError("giltutor: cannot find the Lessons folder (give it: giltutor lint DIR)")
      throw ExitCode(2)
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      printError("giltutor: \(shown): no such folder")
      throw ExitCode(2)
    }
    let findings = Lint.check(url, shownAs: shown)
    let errors = findings.filter { $0.severity == .error }.count
    let warnings = findings.count - errors
    var text = findings.map { $0.description + "\n" }.joined()
    text += "giltutor lint: \(count(errors, "error")), \(count(warnings, "warning"))\n"
    Stdout.write(text)
    if errors > 0 { throw ExitCode(1) }
  }

  func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
