import ArgumentParser
import SchedulerEngine
import TerminalUI

/// `giltutor list`.
struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "Print each lesson's ID and title, one per line.")

  @OptionGroup var options: InterfaceOptions

  func run() throws {
    let lessons = try loadLessons(options.language).lessons
    let width = lessons.map(\.id.count).max() ?? 0
    var text = ""
    for lesson in lessons {
      text += lesson.id + String(repeating: " ", count: width - lesson.id.count + 2)
      text += lesson.title.escapingControlCharacters() + "\n"
    }
    Stdout.write(text)
  }
}
