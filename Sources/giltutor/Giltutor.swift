import ArgumentParser

/// The root command.
struct Giltutor: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "giltutor",
    abstract: "A terminal tutor that shows Python programmers how CPython schedules threads under the GIL.",
    discussion: """
      Run without a subcommand, giltutor opens the lessons where you stopped (--lang ru|en, --reduced-motion, \
      --no-color, --no-mouse). Every picture comes from a deterministic simulation of CPython's thread \
      scheduling (the GIL of 2.7 and 3.x up to 3.15, free-threaded 3.13t-3.15t, processes and asyncio), which 'giltutor simulate' \
      also runs on your own scenario files.
      """,
    version: "0.1.0",
    subcommands: [
      Start.self, LessonCommand.self, ListCommand.self, QuizCommand.self, ProgressCommand.self, Simulate.self,
      Replay.self, Record.self, LintCommand.self,
    ],
    defaultSubcommand: Start.self
  )
}
