import Foundation
import SchedulerEngine
import Testing

@testable import PythonFrontEnd

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

  static func run(_ program: String) throws -> PythonRunResult {
    let path = folder.appendingPathComponent(program + ".py")
    let source = try String(contentsOf: path, encoding: .utf8)
    let code = try PythonProgram.compile(source, file: path.path, interpreter: .cpython312)
    return PythonMachine.run(code, file: path.path)
  }

  @Test(arguments: programs)
  func printsWhatCPythonPrints(_ program: String) throws {
    let result = try Self.run(program)
    let expected = try String(contentsOf: Self.folder.appendingPathComponent(program + ".out"), encoding: .utf8)
    #expect(result.problem == nil, "\(result.problem ?? "")")
    // classes.py ends with an error on purpose; the others end well.
    #expect(result.exitStatus == (program == "classes" ? 1 : 0), "\(result.stderr)")
    #expect(result.stdout == expected, "\(CompilerDifferentialTests.firstDifference(result.stdout, expected))")
  }

  @Test func anUncaughtExceptionEndsTheProgramWithCPythonsLastLine() throws {
    let result = try Self.run("classes")
    #expect(result.exitStatus == 1)
    #expect(result.stderr.hasPrefix("Traceback (most recent call last):\n"))
    #expect(result.stderr.hasSuffix("NameError: name 'undefined_name' is not defined\n"), "\(result.stderr)")
    #expect(result.stderr.contains("line 33, in <module>"))
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
    let process = Process()
    process.executableURL = URL(fileURLWithPath: PythonParserDifferentialTests.python3!)
    process.arguments = ["-W", "ignore", Self.folder.appendingPathComponent(program + ".py").path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let expected = try String(contentsOf: Self.folder.appendingPathComponent(program + ".out"), encoding: .utf8)
    #expect(String(decoding: data, as: UTF8.self) == expected)
  }
}
