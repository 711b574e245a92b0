import ArgumentParser

/// The root command.
struct Giltutor: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "giltutor",
    abstract: "A terminal tutor that shows Python programmers how CPython schedules threads under the GIL.",
    discussion: """
      giltutor simulates CPython's thread scheduling (the GIL of 2.7 and 3.x, free-threaded 3.13t, processes and \
      asyncio) deterministically from small scenario files, and draws what happened.
      """,
    version: "0.1.0",
    subcommands: [
      Start.self, LessonCommand.self, ListCommand.self, QuizCommand.self, ProgressCommand.self, Simulate.self,
      Replay.self, Record.self, LintCommand.self,
    ],
    defaultSubcommand: Start.self
  )
}
