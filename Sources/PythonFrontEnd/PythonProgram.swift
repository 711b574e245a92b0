import SchedulerEngine

/// A learner's Python file, read and compiled for an interpreter: the front end's entry point.
public enum PythonProgram {
  /// The interpreters whose compiler giltutor reproduces instruction for instruction so far (`--dis`):
  /// 3.11's, 3.12's and 3.13's (the free-threaded 3.13t compiles as 3.13 does).
  public static let compiledInterpreters: [InterpreterKind] = [.cpython311, .cpython312, .cpython313, .cpython313t]
  /// The interpreters that run a program: every Python 3 one, each with its own check points, instruction times,
  /// locks and thread naming, on the instructions of the nearest compiler giltutor reproduces
  /// (`InterpreterKind.compilerRelease`; docs/engine-model.md). Python 2's semantics (its
  /// `print` statement, integer division, str as bytes) are not modelled.
  public static let runnableInterpreters = InterpreterKind.allCases.filter { $0 != .cpython27 }

  /// The grammar the interpreter reads: Python 2 for 2.7.
  public static func grammar(for interpreter: InterpreterKind) -> PythonGrammar {
    interpreter == .cpython27 ? .python2 : .python3
  }

  /// Parses and compiles `source`; a syntax error, or code giltutor cannot compile yet, is a diagnostic.
  public static func compile(_ source: String, file: String, interpreter: InterpreterKind)
    throws(SourceDiagnostic) -> CodeObject
  {
    let module = try PythonParser.parse(source, file: file, grammar: grammar(for: interpreter))
    do {
      return try PythonCompiler.compile(module, release: interpreter.compilerRelease)
    } catch {
      throw SyntaxErrors(file: file, source: source).subset(error.location, error.message)
    }
  }

  /// Compiles `source` to run it in the simulator: besides `compile`'s errors, an import of a module the
  /// simulator does not model is refused at its statement (`--dis` compiles any import, as CPython does).
  public static func compileToRun(_ source: String, file: String, interpreter: InterpreterKind)
    throws(SourceDiagnostic) -> CodeObject
  {
    try scenario(source, file: file, interpreter: interpreter).python!.code
  }

  /// The program as a scenario to simulate: compiled to run (`compileToRun`), on the machine its `# giltutor:`
  /// comment lines set (cores, seed, switch interval), titled with the file's name.
  public static func scenario(_ source: String, file: String, interpreter: InterpreterKind = .cpython312)
    throws(SourceDiagnostic) -> Scenario
  {
    let module = try PythonParser.parse(source, file: file, grammar: grammar(for: interpreter))
    let errors = SyntaxErrors(file: file, source: source)
    if let problem = ModuleSubset.check(module.body, errors) { throw problem }
    var scenario = Scenario(interpreter: interpreter)
    let latencies = try ProgramSettings.apply(module.comments, to: &scenario, errors: errors)
    let name = file.split(separator: "/").last.map(String.init) ?? file
    scenario.title = name
    var modules: [String: CodeObject] = [:]
    var texts = [file: source]
    let code = try compile(source, file: file, interpreter: interpreter)
    var imported = ModuleSubset.sourceModules(module.body)
    // The built-in `open` is Python code over the scheduler's I/O too; so is a built-in's loop over a generator.
    if ProgramFiles.usesOpen(code) { imported.insert("_giltutor_files") }
    imported.insert("_giltutor_builtins")
    for name in imported {
      let path = "<giltutor>/" + name.split(separator: ".").joined(separator: "/") + ".py"
      let module = try compile(PythonModules.sources[name]!, file: path, interpreter: interpreter)
      modules[name] = name.hasPrefix("_giltutor") ? module.standingInForC() : module
      texts[path] = PythonModules.sources[name]!
    }
    scenario.python = PythonSource(file: file, code: code, modules: modules, texts: texts)
    scenario.python?.ioLatencies = latencies
    if imported.contains("_giltutor_files") { scenario.python?.files = ProgramFiles.snapshot(code) }
    return scenario
  }
}
