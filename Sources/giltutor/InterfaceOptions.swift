import ArgumentParser
import DisplayText
import Foundation
import Terminal
import TerminalUI

/// Options of every command that opens the lessons.
struct InterfaceOptions: ParsableArguments {
  @Option(name: .long, help: "Language of the lessons and the interface: ru or en (default: from LC_ALL/LANG).")
  var lang: String?

  @Flag(name: .long, help: "No colours, attributes only (also when NO_COLOR is set).")
  var noColor = false

  @Flag(
    name: .long,
    help: "Pictures change only when you step, never on a timer (also GILTUTOR_REDUCED_MOTION=1).")
  var reducedMotion = false

  @Flag(name: .long, help: "Do not capture the mouse (the terminal's own selection keeps working).")
  var noMouse = false

  func validate() throws {
    if let lang, Language(rawValue: lang) == nil {
      throw ValidationError("--lang must be 'ru' or 'en', not '\(lang)'")
    }
  }

  var environment: [String: String] { ProcessInfo.processInfo.environment }

  var language: Language {
    lang.flatMap(Language.init(rawValue:)) ?? Language.fromEnvironment(environment)
  }

  var reduced: Bool {
    if reducedMotion { return true }
    let value = environment["GILTUTOR_REDUCED_MOTION"] ?? ""
    return !value.isEmpty && value != "0"
  }

  var colorMode: ColorMode {
    noColor || !(environment["NO_COLOR"] ?? "").isEmpty ? .monochrome : .automatic
  }
}
