import PythonFrontEnd
import SchedulerEngine

/// The scenarios a lesson's directives or a quiz's questions name: `NAME` is the file `scenarios/NAME.scenario`,
/// and `NAME.py` the Python program `scenarios/NAME.py`, run as CPython 3.12 runs it; each read and parsed once
/// per file being parsed.
struct ScenarioReferences {
  /// A scenario file's text for a name, or nil when there is none.
  var loadText: (String) -> String?
  /// The file a name stands for, in messages.
  var path: (String) -> String
  private var parsed: [String: Scenario] = [:]
  private var texts: [String: String] = [:]

  init(loadText: @escaping (String) -> String?, path: @escaping (String) -> String) {
    self.loadText = loadText
    self.path = path
  }

  /// The scenario `name`, named at `file:line:column`. A bad or unknown name is reported there; a mistake inside
  /// the scenario file is reported where it is, saying where the scenario was used.
  mutating func scenario(_ name: String, file: String, line: Int, column: Int) throws(LessonDiagnostic) -> Scenario {
    let stem = Self.isProgram(name) ? String(name.dropLast(3)) : name
    guard !stem.isEmpty, stem.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
    else {
      throw LessonDiagnostic(
        file: file, line: line, column: column,
        message: "a scenario name has letters, digits, '-' and '_' only (and '.py' at the end for a Python program)")
    }
    if let scenario = parsed[name] { return scenario }
    guard let text = text(name) else {
      let what = Self.isProgram(name) ? "program" : "scenario"
      throw LessonDiagnostic(
        file: file, line: line, column: column, message: "unknown \(what) '\(name)': no file \(path(name))")
    }
    do {
      let scenario =
        Self.isProgram(name)
        ? try Self.program(text, file: path(name)) : try ScenarioParser.parse(text, file: path(name))
      parsed[name] = scenario
      return scenario
    } catch {
      throw LessonDiagnostic(
        file: error.file, line: error.location.line, column: error.location.column,
        message: "\(error.message) (scenario '\(name)' used at \(file):\(line))")
    }
  }
}

extension ScenarioReferences {
  /// The text of the file `name` stands for, read once, or nil when there is none.
  mutating func text(_ name: String) -> String? {
    if let text = texts[name] { return text }
    let text = loadText(name)
    texts[name] = text
    return text
  }

  /// Whether the scenario file `name` (already read) chooses its interpreter in its header (`interpreter: ...`,
  /// which only a header line starts with).
  func setsInterpreter(_ name: String) -> Bool {
    guard !Self.isProgram(name), let text = texts[name] else { return false }
    return SourceLines.of(text).contains { $0.hasPrefix("interpreter:") }
  }

  /// Whether a scenario name names a Python program.
  static func isProgram(_ name: String) -> Bool { name.hasSuffix(".py") }

  static func program(_ text: String, file: String) throws(SourceDiagnostic) -> Scenario {
    try ScenarioFiles.program(text, file: file)
  }
}

/// The files lessons and quizzes name as scenarios.
public enum ScenarioFiles {
  /// A Python program as a scenario: compiled as CPython 3.12 compiles it, run by the scheduler.
  public static func program(_ text: String, file: String) throws(SourceDiagnostic) -> Scenario {
    // Tracebacks name the file as the learner knows it.
    var scenario = try PythonProgram.scenario(text, file: file)
    scenario.python?.file = scenario.title
    scenario.python?.texts[scenario.title] = text
    return scenario
  }
}

/// What the lesson and quiz parsers share: the file named in their messages.
protocol FileParser {
  var file: String { get }
}

extension FileParser {
  /// A mistake at `line:column` of the file being parsed.
  func error(_ line: Int, _ column: Int, _ message: String) -> LessonDiagnostic {
    LessonDiagnostic(file: file, line: line, column: column, message: message)
  }
}
