import Foundation
import SchedulerEngine
import Testing

@testable import giltutor

@Suite struct OptionTests {
  @Test func interpreterNames() throws {
    #expect(try InterpreterChoice.parse("3.13t") == .cpython313t)
    #expect(try InterpreterChoice.parse("2.7") == .cpython27)
    #expect(try InterpreterChoice.parse("3.10") == .cpython310)
    for kind in InterpreterKind.allCases {
      #expect(try InterpreterChoice.parse(kind.rawValue) == kind)
    }
    #expect(throws: (any Error).self) { try InterpreterChoice.parse("3.7") }
  }

  @Test func commandLineOverridesTheHeader() throws {
    let command = try Simulate.parse([
      "f", "--interpreter", "2.7", "--switch-interval", "0.5ms", "--check-interval", "50", "--cores", "4", "--seed",
      "9",
    ])
    var scenario = Scenario(title: "", interpreter: .cpython312, cores: 2, seed: 1)
    command.apply(to: &scenario, defaultTitle: "file-name")
    #expect(scenario.interpreter == .cpython27)
    #expect(scenario.switchInterval == 500_000)
    #expect(scenario.checkInterval == 50)
    #expect(scenario.cores == 4)
    #expect(scenario.seed == 9)
    #expect(scenario.title == "file-name")

    var titled = Scenario(title: "Mine", interpreter: .cpython312)
    try Simulate.parse(["f"]).apply(to: &titled, defaultTitle: "file-name")
    #expect(titled.title == "Mine")
    #expect(titled.interpreter == .cpython312)
  }

  @Test func utf8Locale() {
    #expect(TerminalSize.localeIsUTF8(environment: ["LANG": "en_US.UTF-8"]))
    #expect(TerminalSize.localeIsUTF8(environment: ["LANG": "C.utf8"]))
    #expect(!TerminalSize.localeIsUTF8(environment: ["LANG": "C"]))
    #expect(!TerminalSize.localeIsUTF8(environment: [:]))
    // LC_ALL wins over LC_CTYPE, which wins over LANG.
    #expect(!TerminalSize.localeIsUTF8(environment: ["LC_ALL": "C", "LANG": "C.UTF-8"]))
    #expect(TerminalSize.localeIsUTF8(environment: ["LC_CTYPE": "ru_RU.UTF-8", "LANG": "C"]))
    #expect(TerminalSize.localeIsUTF8(environment: ["LC_ALL": "", "LANG": "C.UTF-8"]))
  }

  @Test func columnsWithoutATerminal() {
    // Under `swift test` standard output is not a terminal.
    guard isatty(STDOUT_FILENO) == 0 else { return }
    #expect(TerminalSize.columns(environment: ["COLUMNS": "132"]) == 132)
    #expect(TerminalSize.columns(environment: ["COLUMNS": "wide"]) == 80)
    #expect(TerminalSize.columns(environment: [:]) == 80)
  }
}
