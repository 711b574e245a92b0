import Testing

@testable import giltutor

@Suite struct ArgumentOrderTests {
  @Test func optionsBeforeTheSubcommandMoveAfterIt() {
    #expect(ArgumentOrder.normalized(["--lang", "ru", "lesson", "1"]) == ["lesson", "--lang", "ru", "1"])
    #expect(ArgumentOrder.normalized(["--no-color", "list"]) == ["list", "--no-color"])
    // ArgumentOrder knows the subcommands by their configured names: each must have one.
    #expect(Giltutor.configuration.subcommands.allSatisfy { $0.configuration.commandName != nil })
    for name in ["quiz", "progress", "replay", "record", "lint"] {
      #expect(ArgumentOrder.normalized(["--lang", "ru", name, "x"]) == [name, "--lang", "ru", "x"])
    }
  }

  @Test func everythingElseIsLeftAlone() {
    #expect(ArgumentOrder.normalized(["lesson", "1", "--lang", "ru"]) == ["lesson", "1", "--lang", "ru"])
    #expect(ArgumentOrder.normalized(["--lang", "ru"]) == ["--lang", "ru"])
    #expect(ArgumentOrder.normalized(["simulate", "list"]) == ["simulate", "list"])
    #expect(ArgumentOrder.normalized(["convoy", "simulate"]) == ["convoy", "simulate"])
  }
}
