import Foundation
import Testing

@testable import PythonFrontEnd
@testable import SchedulerEngine

/// The Python interpreter of the engine runs compiled programs to what the real CPython 3.12 prints: the
/// programs of Tests/Fixtures/python/run, beside the output the real interpreter gave (`NAME.out`), and the last
/// line of its traceback for a program that fails.
@Suite("Python interpreter: prints what CPython 3.12 prints")
struct InterpreterTests {
  static let folder = ProjectPrograms.root.appendingPathComponent("Tests/Fixtures/python/run")
  static let programs: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".py") }.map { String($0.dropLast(3)) }.sorted()
  }()

  static func run(_ program: String, _ interpreter: InterpreterKind = .cpython312) throws -> PythonRunResult {
    let path = folder.appendingPathComponent(program + ".py")
    let source = try String(contentsOf: path, encoding: .utf8)
    let code = try PythonProgram.compile(source, file: path.path, interpreter: interpreter)
    return PythonMachine.run(code, file: path.path)
  }

  /// 3.11's instructions (PRECALL, LOAD_METHOD, jumps that keep a value, comprehensions as functions, SEND
  /// without END_SEND) and 3.13's (its calls, fused loads and stores, TO_BOOL, f-string parts, function
  /// attributes) do what 3.12's do: every program, compiled by each, prints and ends alike.
  @Test(arguments: programs, [InterpreterKind.cpython311, .cpython313])
  func everyCompilersInstructionsRunAlike(_ program: String, _ other: InterpreterKind) throws {
    let twelve = try Self.run(program, .cpython312)
    let result = try Self.run(program, other)
    #expect(result.problem == nil, "\(result.problem ?? "")")
    #expect(
      result.stdout == twelve.stdout, "\(CompilerDifferentialTests.firstDifference(result.stdout, twelve.stdout))")
    #expect(result.stderr == twelve.stderr)
    #expect(result.exitStatus == twelve.exitStatus)
  }

  @Test(arguments: programs)
  func printsWhatCPythonPrints(_ program: String) throws {
    let result = try Self.run(program)
    let expected = try String(contentsOf: Self.folder.appendingPathComponent(program + ".out"), encoding: .utf8)
    #expect(result.problem == nil, "\(result.problem ?? "")")
    // classes.py and exceptions.py end with an uncaught error on purpose; the others end well.
    #expect(result.exitStatus == (["classes", "exceptions"].contains(program) ? 1 : 0), "\(result.stderr)")
    #expect(result.stdout == expected, "\(CompilerDifferentialTests.firstDifference(result.stdout, expected))")
  }

  @Test func anUncaughtExceptionEndsTheProgramWithCPythonsLastLine() throws {
    let result = try Self.run("classes")
    #expect(result.exitStatus == 1)
    #expect(result.stderr.hasPrefix("Traceback (most recent call last):\n"))
    #expect(result.stderr.hasSuffix("NameError: name 'undefined_name' is not defined\n"), "\(result.stderr)")
    #expect(result.stderr.contains("line 33, in <module>"))
  }

  @Test func anAssertionThatFailsEndsWithItsMessage() throws {
    let result = try Self.run("exceptions")
    #expect(result.exitStatus == 1)
    #expect(result.stderr.hasSuffix("line 73, in <module>\nAssertionError: count is 3\n"), "\(result.stderr)")
  }

  /// Every built-in function and every method of a built-in type, called with none to three arguments of
  /// assorted types, returns or raises a Python exception: none crashes the interpreter.
  @Test func everyBuiltinTakesAnyArgumentsWithoutCrashing() throws {
    let arguments = [
      "", "1", "'a'", "[1, 2]", "None", "1.5", "(1,)", "{}", "1, 2", "'a', 'b'", "[], 0", "'a', 1, 2", "-1",
      "x=1", "key=len", "1, 2, 3, 4",
    ]
    // (`super` is not compiled yet.)
    let functions = PythonMachine.cpythonBuiltins.filter {
      ($0.first != "_" || $0 == "__build_class__") && $0 != "super"
    }
    let receivers = ["[3, 1]", "{'k': 1}", "'text'", "{1, 2}", "(1, 2)"]
    var calls: [String] = []
    for name in functions { for a in arguments { calls.append("\(name)(\(a))") } }
    for receiver in receivers {
      for method in PythonMachine.methodNames.values.flatMap({ $0 }).sorted() {
        for a in arguments { calls.append("(\(receiver)).\(method)(\(a))") }
      }
    }
    for chunk in stride(from: 0, to: calls.count, by: 200) {
      let body = calls[chunk..<min(chunk + 200, calls.count)].map {
        "try:\n    \($0)\nexcept BaseException:\n    pass\n"
      }
      let source = body.joined()
      _ = PythonMachine.run(
        try PythonProgram.compile(source, file: "calls.py", interpreter: .cpython312), file: "calls.py",
        budget: 1_000_000)
    }
  }

  /// An exception's misspelt attribute is suggested from its dir(), `args` included, as CPython does.
  @Test func anExceptionsAttributeIsSuggested() throws {
    let source = "class E(Exception):\n    pass\ntry:\n    raise E('x')\nexcept E as e:\n    print(e.awgs)\n"
    let result = PythonMachine.run(
      try PythonProgram.compile(source, file: "e.py", interpreter: .cpython312), file: "e.py")
    #expect(result.stderr.hasSuffix("AttributeError: 'E' object has no attribute 'awgs'. Did you mean: 'args'?\n"))
  }

  @Test func aRunawayProgramStopsAtItsBudget() throws {
    let code = try PythonProgram.compile("while True:\n    pass\n", file: "loop.py", interpreter: .cpython312)
    let result = PythonMachine.run(code, file: "loop.py", budget: 10_000)
    #expect(result.exitStatus == 1)
    #expect(result.problem?.contains("budget") == true)
    #expect(result.instructions > 10_000)
  }

  /// The stored outputs are what the real interpreter prints, where it is installed.
  @Test(.enabled(if: PythonParserDifferentialTests.python3 != nil), arguments: programs)
  func storedOutputIsCPythons(_ program: String) throws {
    let data = try CPythonProcess.run(
      CPythonProcess.python3!, ["-W", "ignore", Self.folder.appendingPathComponent(program + ".py").path])
    let expected = try String(contentsOf: Self.folder.appendingPathComponent(program + ".out"), encoding: .utf8)
    #expect(String(decoding: data, as: UTF8.self) == expected)
  }
}

/// The interpreter beside the real 3.12 on mutated programs: it never crashes, and wherever it runs a mutation
/// to its end it prints what CPython prints and ends as CPython ends (the last line of the traceback too).
@Suite("Python interpreter: agrees with CPython 3.12 on mutated programs")
struct InterpreterDifferentialTests {
  /// The programs to mutate: those written as programs (not arity.py and builtins.py, lists of calls).
  static let sources: [String] = ["basics", "classes", "collections", "exceptions", "functions"].compactMap {
    try? String(contentsOf: InterpreterTests.folder.appendingPathComponent($0 + ".py"), encoding: .utf8)
  }

  @Test func mutatedProgramsNeverCrash() throws {
    var random = SeededRandom(seed: 41)
    for source in Self.sources {
      for _ in 0..<60 {
        let program = ProjectPrograms.mutate(source, &random)
        guard let code = try? PythonProgram.compile(program, file: "m.py", interpreter: .cpython312) else { continue }
        _ = PythonMachine.run(code, file: "m.py", budget: 200_000)
      }
    }
  }

  @Test(.enabled(if: PythonParserDifferentialTests.python3 != nil))
  func mutatedProgramsPrintAlike() throws {
    var random = SeededRandom(seed: 43)
    var programs: [String] = []
    for source in Self.sources {
      for _ in 0..<60 { programs.append(ProjectPrograms.mutate(source, &random)) }
    }
    let outcomes = try Self.cpythonOutcomes(programs)
    var compared = 0
    var disagreements: [String] = []
    for (program, outcome) in zip(programs, outcomes) {
      guard let outcome, let code = try? PythonProgram.compile(program, file: "m.py", interpreter: .cpython312)
      else { continue }
      let result = PythonMachine.run(code, file: "m.py", budget: 2_000_000)
      guard result.problem == nil else { continue }
      compared += 1
      let lastLine = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
      // Objects' addresses differ from run to run in CPython: compared without them.
      let theirs = Self.withoutAddresses(outcome.stdout)
      let ours = Self.withoutAddresses(result.stdout)
      if ours != theirs || result.exitStatus != outcome.status || lastLine != outcome.lastLine {
        disagreements.append(
          "status \(result.exitStatus) vs \(outcome.status); \(lastLine) vs \(outcome.lastLine)\n"
            + CompilerDifferentialTests.firstDifference(ours, theirs) + "\n" + program)
      }
    }
    #expect(compared > programs.count / 4, "only \(compared) of \(programs.count) compared")
    #expect(
      disagreements.isEmpty,
      "\(disagreements.count) of \(compared) differ; the first:\n\(disagreements.first ?? "")")
  }

  static func withoutAddresses(_ text: String) -> String {
    text.replacingOccurrences(of: #" at 0x[0-9a-f]+"#, with: " at 0x…", options: .regularExpression)
  }

  struct Outcome {
    var stdout: String
    var status: Int32
    var lastLine: String
  }

  /// Each program run by the real interpreter (in one process, each in a fresh namespace): what it printed, its
  /// exit status and the last line of its traceback; nil where it does not compile.
  static func cpythonOutcomes(_ programs: [String]) throws -> [Outcome?] {
    let script = """
      import io, json, sys, traceback, warnings
      warnings.simplefilter("ignore")
      results = []
      for source in json.load(sys.stdin):
          try:
              code = compile(source, "m.py", "exec")
          except (SyntaxError, ValueError):
              results.append(None)
              continue
          out = io.StringIO()
          saved, sys.stdout = sys.stdout, out
          status, last = 0, ""
          try:
              exec(code, {"__name__": "__main__"})
          except BaseException as e:
              status = 1
              last = traceback.format_exception(e)[-1].rstrip("\\n")
          finally:
              sys.stdout = saved
          results.append({"stdout": out.getvalue(), "status": status, "last": last})
      print(json.dumps(results))
      """
    let values = try CPythonProcess.eachProgram(CPythonProcess.python3!, ["-c", script], programs)
    return values.map { value in
      guard let entry = value as? [String: Any] else { return nil }
      return Outcome(
        stdout: entry["stdout"] as? String ?? "", status: Int32(entry["status"] as? Int ?? 0),
        lastLine: entry["last"] as? String ?? "")
    }
  }
}
