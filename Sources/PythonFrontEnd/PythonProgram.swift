import SchedulerEngine

/// A learner's Python file, read and compiled for an interpreter: the front end's entry point.
public enum PythonProgram {
  /// The interpreters whose compiler giltutor reproduces instruction for instruction so far.
  public static let compiledInterpreters: [InterpreterKind] = [.cpython312]

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
      return try PythonCompiler.compile(module)
    } catch {
      throw SyntaxErrors(file: file, source: source).subset(error.location, error.message)
    }
  }

  /// Compiles `source` to run it in the simulator: besides `compile`'s errors, an import of a module the
  /// simulator does not model is refused at its statement (`--dis` compiles any import, as CPython does).
  public static func compileToRun(_ source: String, file: String, interpreter: InterpreterKind)
    throws(SourceDiagnostic) -> CodeObject
  {
    let module = try PythonParser.parse(source, file: file, grammar: grammar(for: interpreter))
    if let problem = ModuleSubset.check(module.body, SyntaxErrors(file: file, source: source)) { throw problem }
    return try compile(source, file: file, interpreter: interpreter)
  }
}
