import LessonKit
import SchedulerEngine
import Testing

/// A lesson or a quiz may name a Python program (`scenario=race.py`) wherever it names a scenario: the program
/// is compiled as CPython 3.12 compiles it and its picture is the scheduler's run of it.
@Suite("Lessons naming a Python program")
struct LessonProgramTests {
  static let race = """
    import threading

    counter = 0

    def work():
        global counter
        for _ in range(1000):
            counter += 1

    threads = [threading.Thread(target=work, name=f"adder-{i}") for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(counter)

    """

  func parse(_ text: String, program: String = race) throws(LessonDiagnostic) -> Lesson {
    try LessonParser.parse(
      text, file: "l.md", id: "01-x", loadScenario: { $0 == "race.py" ? program : nil },
      scenarioPath: { "Lessons/scenarios/\($0)" })
  }

  @Test func aTimelineOfAProgramRunsItsThreads() throws {
    let lesson = try parse("# Race\n\n::: timeline scenario=race.py\n")
    guard case .widget(let widget) = lesson.pages[0].blocks.last else {
      Issue.record("expected a widget")
      return
    }
    #expect(widget.scenario.python != nil)
    #expect(widget.scenario.title == "race.py")
    let trace = Simulator.run(widget.scenario)
    #expect(trace.threads.map(\.name) == ["MainThread", "adder-0", "adder-1"])
    #expect(trace.output.map(\.text) == ["2000\n"])
  }

  @Test func aProgramsMistakeIsReportedInItsFileNamingTheLesson() {
    do {
      _ = try parse("# Race\n\n::: timeline scenario=race.py\n", program: "import threading\nimport numpy\n")
      Issue.record("expected an error")
    } catch {
      #expect(error.file == "Lessons/scenarios/race.py")
      #expect(error.line == 2)
      #expect(error.message.hasPrefix("'import numpy' is not in giltutor's Python subset"))
      #expect(error.message.hasSuffix("(scenario 'race.py' used at l.md:3)"))
    }
  }

  /// `interpreter=` runs a timeline's program on another version, which its title names, so that one file is
  /// shown on 3.9 beside 3.10.
  @Test func aTimelineChoosesTheInterpreter() throws {
    let lesson = try parse(
      "# Race\n\n::: timeline scenario=race.py interpreter=3.9 compact\n"
        + "::: timeline scenario=race.py interpreter=cpython-3.10\n::: timeline scenario=race.py\n")
    let widgets = lesson.pages[0].blocks.compactMap { block -> LessonKit.Widget? in
      if case .widget(let widget) = block { return widget }
      return nil
    }
    #expect(widgets.map(\.scenario.interpreter) == [.cpython39, .cpython310, .cpython312])
    #expect(widgets.map(\.scenario.title) == ["race.py (CPython 3.9)", "race.py (CPython 3.10)", "race.py"])
    #expect(widgets.map(\.timeline.interpreter) == [.cpython39, .cpython310, nil])
    #expect(widgets[0].timeline.compact)
    #expect(Simulator.run(widgets[0].scenario).scenario.interpreter == .cpython39)
  }

  /// The same names as `giltutor simulate --interpreter`; a Python program runs on Python 3 only.
  @Test func interpreterMistakes() {
    func error(_ line: String) -> String {
      do {
        _ = try parse("# Race\n\n\(line)\n")
        return "no error"
      } catch {
        return error.description
      }
    }
    #expect(
      error("::: timeline scenario=race.py interpreter=3.7")
        == "l.md:3:43: error: unknown interpreter '3.7' (known: \(InterpreterNames.all.joined(separator: ", ")))")
    #expect(
      error("::: timeline scenario=race.py compact interpreter=2.7")
        == "l.md:3:51: error: giltutor runs Python 3 programs; cpython-2.7's Python 2 is not modelled "
        + "(choose 3.8 or later)")
    #expect(
      error("::: timeline scenario=race.py interpreter=3.9 interpreter=3.10")
        == "l.md:3:47: error: 'interpreter' is given twice")
    #expect(error("::: key scenario=race.py interpreter=3.9") == "l.md:3:26: error: 'key' takes no options")
    #expect(InterpreterNames.all.allSatisfy { InterpreterNames.parse($0) != nil })
    #expect(InterpreterNames.parse("3.13t") == .cpython313t && InterpreterNames.parse("cpython-3.8") == .cpython38)
  }

  /// A scenario file's own `interpreter:` line wins over nothing: another version on the timeline is a
  /// contradiction, the same one is allowed; a scenario without that line takes the timeline's.
  @Test func aScenarioThatChoosesItsOwnInterpreter() throws {
    let files = [
      "own": "title: own\ninterpreter: cpython-3.9\nthread a:\n    compute 1ms\n",
      "any": "title: any\nthread a:\n    compute 1ms\n",
    ]
    func parse(_ line: String) throws(LessonDiagnostic) -> Lesson {
      try LessonParser.parse(
        "# T\n\n\(line)\n", file: "l.md", id: "01-x", loadScenario: { files[$0] },
        scenarioPath: { "Lessons/scenarios/\($0).scenario" })
    }
    do {
      _ = try parse("::: timeline scenario=own interpreter=3.10")
      Issue.record("expected an error")
    } catch {
      #expect(
        error.description
          == "l.md:3:39: error: scenario 'own' runs on cpython-3.9 (its 'interpreter:' line): give the interpreter "
          + "in one place only")
    }
    guard case .widget(let same) = try parse("::: timeline scenario=own interpreter=3.9").pages[0].blocks.last,
      case .widget(let any) = try parse("::: timeline scenario=any interpreter=2.7").pages[0].blocks.last
    else {
      Issue.record("expected widgets")
      return
    }
    #expect(same.scenario.interpreter == .cpython39 && same.scenario.title == "own")
    #expect(any.scenario.interpreter == .cpython27 && any.scenario.title == "any (CPython 2.7)")
  }

  @Test func onlyAPyEndingAddsADotToAName() {
    #expect(throws: LessonDiagnostic.self) { try parse("# Race\n\n::: timeline scenario=race.sh\n") }
    #expect(throws: LessonDiagnostic.self) { try parse("# Race\n\n::: timeline scenario=.py\n") }
  }
}
