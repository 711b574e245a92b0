import Foundation
import SchedulerEngine
import Testing

@testable import PythonFrontEnd

/// The compiler's code objects in the normalised form of `scripts/python-dis-golden.py`.
enum NormalisedDis {
  static func text(_ code: CodeObject, path: String = "") -> String {
    var lines = ["== " + path + code.name]
    for i in code.instructions {
      var text = i.argrepr
      if let target = i.target { text = "to #\(target)" }
      if i.opname == "LOAD_CONST" || i.opname == "RETURN_CONST", let arg = i.arg,
        case .code(let name, _) = code.constants[arg]
      {
        text = "<code \(name)>"
      }
      let arg = i.arg.map { i.target == nil ? " \($0)" : "" } ?? ""
      let line = i.line.map { $0 == 0 ? "" : String($0) } ?? ""
      let padded = String(repeating: " ", count: max(0, 4 - line.count)) + line
      lines.append("\(padded) \(i.opname)\(arg)\(text.isEmpty ? "" : " (\(text))")")
    }
    for index in code.children.keys.sorted() {
      lines.append(text(code.children[index]!, path: path + code.name + "."))
    }
    return lines.joined(separator: "\n")
  }
}

/// The compiler beside the real CPython 3.11's, 3.12's and 3.13's `dis`, on the programs of Tests/Fixtures/python, whose
/// listings were printed by the real interpreters (and are printed again, to check, where they are installed).
@Suite("Python compiler: dis as CPython 3.11, 3.12 and 3.13 print it")
struct CompilerGoldenTests {
  static let root = ProjectPrograms.root
  static let releases = CompilerRelease.allCases
  /// The fixture programs, the fidelity programs and the examples, by their path in the project.
  static let programs: [String] = {
    var paths: [String] = []
    for folder in ["Tests/Fixtures/python", "Tests/Fixtures/python/threads", "fidelity/programs", "examples"] {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
      paths += names.filter { $0.hasSuffix(".py") }.map { folder + "/" + $0 }
    }
    return paths.sorted()
  }()

  static func golden(_ program: String, _ release: CompilerRelease) -> URL {
    root.appendingPathComponent("Tests/Fixtures/python/dis-3.\(release.rawValue)").appendingPathComponent(
      program.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: ".py", with: ".txt"))
  }

  @Test(arguments: programs, releases)
  func matchesCPython(_ program: String, _ release: CompilerRelease) throws {
    let source = try String(contentsOf: Self.root.appendingPathComponent(program), encoding: .utf8)
    let golden = try String(contentsOf: Self.golden(program, release), encoding: .utf8)
    let module = try PythonParser.parse(source, file: program)
    let code = try PythonCompiler.compile(module, release: release)
    let ours = NormalisedDis.text(code)
    let theirs = golden.trimmingCharacters(in: .newlines)
    if ours != theirs {
      let a = ours.split(separator: "\n", omittingEmptySubsequences: false)
      let b = theirs.split(separator: "\n", omittingEmptySubsequences: false)
      let first = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
      let context = max(0, first - 3)
      Issue.record(
        """
        \(program): first difference at line \(first + 1)
        ours:
        \(a[context..<min(a.count, first + 8)].joined(separator: "\n"))
        CPython 3.\(release.rawValue):
        \(b[context..<min(b.count, first + 8)].joined(separator: "\n"))
        """)
    }
  }

  @Test(arguments: programs, releases)
  func goldenIsWhatCPythonPrints(_ program: String, _ release: CompilerRelease) throws {
    guard let python = CPythonProcess.installed(release) else { return }
    let printed = try CPythonProcess.golden(nil, program, python: python)
    let golden = try String(contentsOf: Self.golden(program, release), encoding: .utf8)
    #expect(printed == golden)
  }
}

/// The compiler beside the real 3.11, 3.12 and 3.13 on mutated programs: wherever CPython compiles a mutation and
/// giltutor's parser reads it, both give the same listing, or giltutor says what it cannot compile yet.
@Suite("Python compiler: agrees with CPython 3.11, 3.12 and 3.13 on mutated programs")
struct CompilerDifferentialTests {
  @Test(arguments: CompilerGoldenTests.releases)
  func mutatedProgramsCompileAlike(_ release: CompilerRelease) throws {
    guard let python = CPythonProcess.installed(release) else { return }
    var random = SeededRandom(seed: 31)
    var programs: [String] = []
    for source in ProjectPrograms.all {
      for _ in 0..<40 { programs.append(ProjectPrograms.mutate(source, &random)) }
    }
    let listings = try Self.cpythonListings(programs, python: python)
    var compared = 0
    var disagreements: [String] = []
    var notYet: [String] = []
    for (program, listing) in zip(programs, listings) {
      guard let listing, let module = try? PythonParser.parse(program, file: "m.py") else { continue }
      do {
        let ours = NormalisedDis.text(try PythonCompiler.compile(module, release: release))
        compared += 1
        if ours != listing.trimmingCharacters(in: .newlines) {
          disagreements.append(Self.firstDifference(ours, listing) + "\n" + program)
        }
      } catch {
        notYet.append(error.message)
        // Not compiled yet: said, not wrong.
        #expect(error.message.contains("cannot be compiled yet"), "\(error.message)")
      }
    }
    #expect(
      compared > programs.count / 4,
      "only \(compared) of \(programs.count) compared; not compiled: \(Set(notYet).sorted())")
    #expect(
      disagreements.isEmpty,
      "\(disagreements.count) of \(compared) differ; the first:\n\(disagreements.first ?? "")")
  }

  static func firstDifference(_ ours: String, _ theirs: String) -> String {
    let a = ours.split(separator: "\n", omittingEmptySubsequences: false)
    let b = theirs.trimmingCharacters(in: .newlines).split(separator: "\n", omittingEmptySubsequences: false)
    let first = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
    let from = max(0, first - 2)
    return "ours:\n" + a[from..<min(a.count, first + 3)].joined(separator: "\n") + "\nCPython:\n"
      + b[from..<min(b.count, first + 3)].joined(separator: "\n")
  }

  static func cpythonListings(_ programs: [String], python: String) throws -> [String?] {
    let path = ProjectPrograms.root.appendingPathComponent("scripts/python-dis-golden.py").path
    return try CPythonProcess.eachProgram(python, [path, "--json"], programs).map { $0 as? String }
  }
}

/// `--dis` prints what `dis.dis` prints (less code objects' addresses and the exception tables): pinned by two
/// listings each of the real 3.11, 3.12 and 3.13 (whose formats differ), and compared with the real ones on every
/// program where they are installed.
@Suite("Python compiler: dis.dis text")
struct DisListingTests {
  static let folder = ProjectPrograms.root.appendingPathComponent("Tests/Fixtures/python")

  static func listing(_ program: String, _ release: CompilerRelease) throws -> String {
    let source = try String(contentsOf: ProjectPrograms.root.appendingPathComponent(program), encoding: .utf8)
    let module = try PythonParser.parse(source, file: program)
    return DisListing.text(try PythonCompiler.compile(module, release: release), file: program)
  }

  @Test(arguments: ["counter", "blocks"], CompilerGoldenTests.releases)
  func matchesTheStoredListing(_ name: String, _ release: CompilerRelease) throws {
    let golden = try String(
      contentsOf: Self.folder.appendingPathComponent("dis-3.\(release.rawValue)-text/\(name).txt"), encoding: .utf8)
    #expect(try Self.listing("Tests/Fixtures/python/\(name).py", release) == golden)
  }

  @Test(arguments: CompilerGoldenTests.programs, CompilerGoldenTests.releases)
  func matchesCPython(_ program: String, _ release: CompilerRelease) throws {
    guard let python = CPythonProcess.installed(release) else { return }
    let theirs = try CPythonProcess.golden("--text", program, python: python)
    let ours = try Self.listing(program, release)
    #expect(ours == theirs, "\(CompilerDifferentialTests.firstDifference(ours, theirs))")
  }
}

/// The exception table the compiler records (where each instruction's exceptions go, how much stack is kept)
/// is CPython 3.11's, 3.12's and 3.13's, entry for entry, where they are installed.
@Suite("Python compiler: exception tables as CPython 3.11's, 3.12's and 3.13's")
struct ExceptionTableTests {
  /// Entries as `_parse_exception_table` gives them: consecutive instructions with one handler make one.
  static func table(_ code: CodeObject, path: String = "") -> String {
    var lines = ["== " + path + code.name]
    for entry in DisListing.exceptionEntries(code) {
      let target = code.instructions[entry.target.instruction].offset
      lines.append(
        "\(entry.start) \(entry.end) \(target) \(entry.target.depth) \(entry.target.keepsLasti ? "True" : "False")")
    }
    for index in code.children.keys.sorted() {
      lines.append(table(code.children[index]!, path: path + code.name + "."))
    }
    return lines.joined(separator: "\n")
  }

  @Test(arguments: CompilerGoldenTests.programs, CompilerGoldenTests.releases)
  func matchesCPython(_ program: String, _ release: CompilerRelease) throws {
    guard let python = CPythonProcess.installed(release) else { return }
    let theirs = try CPythonProcess.golden("--table", program, python: python)
    let source = try String(contentsOf: ProjectPrograms.root.appendingPathComponent(program), encoding: .utf8)
    let ours = Self.table(
      try PythonCompiler.compile(try PythonParser.parse(source, file: program), release: release))
    #expect(
      ours == theirs.trimmingCharacters(in: .newlines), "\(CompilerDifferentialTests.firstDifference(ours, theirs))")
  }
}
