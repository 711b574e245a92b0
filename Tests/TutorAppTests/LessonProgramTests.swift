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

  @Test func onlyAPyEndingAddsADotToAName() {
    #expect(throws: LessonDiagnostic.self) { try parse("# Race\n\n::: timeline scenario=race.sh\n") }
    #expect(throws: LessonDiagnostic.self) { try parse("# Race\n\n::: timeline scenario=.py\n") }
  }
}
