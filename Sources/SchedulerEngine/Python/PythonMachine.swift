/// Why Python code stopped: an exception it raised, or a limit of giltutor's (its budget, something it does not
/// model).
public enum PythonError: Error {
  /// An exception, by its number among the machine's `exceptions` (the objects stay with the machine).
  case raised(Int)
  case unsupported(String)
  case budget(Int)
  /// The instruction called into `threading`, `queue`, `time` or `sys` (`PythonMachine.pendingCall`): the
  /// scheduler carries the call out and gives the thread its result (`resume`).
  case scheduled
}

/// What a run of a program printed and how it ended.
public struct PythonRunResult: Sendable, Equatable {
  public var stdout: String
  public var stderr: String
  /// Python's exit status: 0, or 1 after an uncaught exception.
  public var exitStatus: Int32
  /// How many instructions ran.
  public var instructions: Int
  /// What giltutor could not run, if it stopped for that.
  public var problem: String?
}

/// Runs CPython 3.12 or 3.13 bytecode, one instruction at a time, with Python's values and semantics for the
/// subset giltutor models: the interpreter the scheduler interleaves (or, alone, one thread to its end).
public final class PythonMachine {
  /// What the program wrote, in order, each piece with the simulated time and the thread that wrote it.
  var written: [PythonWrite] = []
  /// Whether a scheduler runs the machine: only then does a write that reaches the OS let go of the GIL.
  var scheduled = false
  /// Bytes written to stdout and to stderr since their buffers last went to the OS.
  var stdoutPending = 0
  var stderrPending = 0
  var stdout: String { written.filter { !$0.isError }.map(\.text).joined() }
  var stderr: String { written.filter(\.isError).map(\.text).joined() }
  /// The simulated clock, which the scheduler sets before each instruction (`time.perf_counter`, `print`'s time).
  @exclusivity(unchecked) var clock: Nanos = 0
  /// The thread the scheduler runs now: its recursion depth and the exceptions it handles are its own.
  @exclusivity(unchecked) var active = PythonThread(number: 0)
  /// The call the last instruction made into the scheduler, until the scheduler takes it.
  @exclusivity(unchecked) var pendingCall: SchedulerCall? = nil
  /// How many frames run inside built-ins that called back into Python (`sorted`'s key): a call into the
  /// scheduler there cannot wait, since the built-in's Swift code cannot be suspended.
  @exclusivity(unchecked) var nestedRuns = 0
  /// The objects of `threading` and `queue` that the program made, by their number (`PyInstance.native`).
  @exclusivity(unchecked) var syncObjects: [SyncKind] = []
  /// The time the current instruction spent beyond its own: C code of a built-in (`CWork`) and the Python
  /// instructions a built-in ran in a nested run (timed by `instructionCost`). The scheduler takes it.
  var cWork: Nanos = 0
  var instructionCost: ((String) -> Nanos)? = nil
  /// The objects among them that are `multiprocessing` queues.
  var crossProcess: Set<Int> = []
  /// The objects among them that are an event loop's selector (`queue._Selector`).
  var selectors: Set<Int> = []
  var switchInterval: Nanos = 5 * Time.millisecond
  /// The `Thread` objects by thread number (`current_thread()`), and how many unnamed threads were made.
  var threadObjects: [Int: PyValue] = [:]
  var threadsNamed = 0
  lazy var threadType = makeThreadType()
  /// `threading.local`: a class whose instances keep each thread's attributes apart (a subclass's `__init__` runs
  /// once, in the thread that makes the instance; CPython's runs again in each thread that first touches it).
  lazy var localType: PyType = {
    // CPython's name for it in messages and reprs.
    let type = PyType(name: "_thread._local")
    type.threadLocal = true
    return type
  }()
  /// Modules written in Python that the program imports, compiled with it (`PythonSource.modules`).
  var sourceModules: [String: CodeObject] = [:]
  /// The files' texts (`PythonSource.texts`), and their lines once a traceback needs them.
  var texts: [String: String] = [:]
  private var lines: [String: [Substring]] = [:]

  func sourceLine(_ file: String, _ line: Int) -> String? {
    if lines[file] == nil, let text = texts[file] {
      lines[file] = text.split(separator: "\n", omittingEmptySubsequences: false)
    }
    guard let all = lines[file], line >= 1, line <= all.count else { return nil }
    let trimmed = all[line - 1].drop { $0 == " " || $0 == "\t" }
    let shown = String(trimmed.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    return shown.isEmpty ? nil : shown
  }

  /// `threading._register_atexit`'s functions, which the main thread calls at its end, last first.
  var atExit: [PyValue] = []
  var builtins: [String: PyValue] = [:]
  var exceptionTypes: [String: PyType] = [:]
  var builtinTypes: [String: PyType] = [:]
  var modules: [String: PyModule] = [:]
  var objectsMade = 0
  var framesMade = 0
  /// The exceptions the active thread handles, innermost last (sys.exc_info's stack).
  var handledExceptions: [PyValue] {
    get { active.handledExceptions }
    set { active.handledExceptions = newValue }
  }

  /// An address-like number for a new object's `repr`, from a counter: the same in every run.
  func nextAddress() -> Int {
    objectsMade += 1
    return 0x7f00_0000_0000 + objectsMade * 0x30
  }

  /// The exceptions raised so far, which PythonError.raised names by number.
  var exceptions: [PyException] = []
  let moduleName = "__main__"
  let fileName: String
  /// `sys.argv[1:]`.
  var arguments: [String] = []
  /// `random`'s generator, and the seed of the run's own it starts from (`random.seed()` without a seed; a
  /// forked child's is its own, as CPython reseeds a child).
  var randomSeed: UInt64 = 0
  lazy var generator = MersenneTwister(seed: randomSeed)
  /// The last digest `hashlib` computed, and of what.
  var lastDigest: (name: String, data: String, digest: [UInt8])? = nil
  /// The I/O stand-ins' latency on the program's lines that set one (`PythonSource.ioLatencies`).
  var ioLatencies: [Int: Nanos] = [:]
  /// The files the program may open (`PythonSource.files`).
  var files: [String: ProgramFile] = [:]
  /// The version the program runs as (`sys.version_info`; from 3.10 a thread is named after its target).
  var version = InterpreterKind.cpython312.release
  /// Instructions left before the run stops (a runaway program).
  @exclusivity(unchecked) var budget: Int
  @exclusivity(unchecked) var executed = 0
  /// The active thread's frames alive, which the recursion limit counts.
  var depth: Int {
    get { active.depth }
    set { active.depth = newValue }
  }
  static let maximumDepth = 900

  init(file: String, budget: Int) {
    self.fileName = file
    self.budget = budget
    installBuiltins()
  }

  /// Runs a module's code to its end and returns what it printed.
  public static func run(_ code: CodeObject, file: String, budget: Int = 50_000_000) -> PythonRunResult {
    let machine = PythonMachine(file: file, budget: budget)
    let globals = PyDict()
    globals.set(.str("__name__"), .str("__main__"), .str("__main__"))
    var status: Int32 = 0
    var problem: String?
    do {
      _ = try machine.execute(CompiledCode.make(code), globals: globals, locals: globals, arguments: [])
    } catch {
      switch error {
      case .raised(let id):
        machine.printTraceback(machine.exceptions[id])
        status = 1
      case .unsupported(let what):
        problem = what
        status = 1
      case .budget(let count):
        problem = "the program ran \(count) instructions, the budget: it may not end"
        status = 1
      case .scheduled:
        problem = "threading, queue and time need the scheduler: simulate the program"
        status = 1
      }
    }
    return PythonRunResult(
      stdout: machine.stdout, stderr: machine.stderr, exitStatus: status, instructions: machine.executed,
      problem: problem)
  }

  func printTraceback(_ exception: PyException) {
    var text = "Traceback (most recent call last):\n"
    // giltutor's own helpers stand in for C code (`open`'s), of which CPython shows no frames.
    for (_, name, line, file) in exception.traceback.reversed() where !file.hasPrefix("<giltutor>/_giltutor") {
      text += "  File \"\(file)\", line \(line), in \(name)\n"
      // The line's source, as CPython shows it (without its carets under the failing part).
      if let source = sourceLine(file, line) { text += "    \(source)\n" }
    }
    let message = (try? str(.exception(exception))) ?? ""
    // A class of a module other than the program's is named with its module, as `__module__` says.
    var name = exception.type.name
    if case .str(let module)? = exception.type.attributes["__module__"], module != "__main__", module != "builtins" {
      name = module + "." + name
    }
    var last = message.isEmpty ? name : "\(name): \(message)"
    if let suggestion = exception.suggestion { last += ". Did you mean: '\(suggestion)'?" }
    if let name = exception.missingName, Self.standardModules.contains(name) {
      last +=
        exception.suggestion != nil ? " Or did you forget to import '\(name)'" : ". Did you forget to import '\(name)'"
    }
    text += last + "\n"
    write(text, isError: true)
  }

  func write(_ text: String, isError: Bool = false) {
    written.append(PythonWrite(time: clock, thread: active.number, isError: isError, text: text))
  }

  /// A write(2) of a buffer's worth to a pipe that a reader drains: 1.5 µs a line measured on this machine kind
  /// (3.12.1, 200,000 `sys.stderr.write` of 41 bytes into `cat`; 0.6 µs into /dev/null), about 0.2 µs of it the
  /// Python call. CPython makes it with the GIL released (`_Py_write`).
  static let writeSystemCall: Nanos = 1_300
  /// TextIOWrapper's and BufferedWriter's buffer: a block-buffered stream goes to the OS when this much is
  /// waiting.
  static let streamBuffer = 8_192

  /// The program writes `text` to stdout or stderr as CPython's streams do: stderr is line-buffered (a write with
  /// a newline goes to the OS at once), stdout — a pipe or a file, as when the real program's output is kept —
  /// block-buffered. Where the write reaches the OS, the thread makes the system call with the GIL released, so
  /// another thread may take it: a program that logs switches threads at every line. `result`: what the call
  /// returns then.
  func writeStream(_ text: String, isError: Bool, flush: Bool, result: PyValue) throws(PythonError) -> PyValue {
    write(text, isError: isError)
    let pending = (isError ? stderrPending : stdoutPending) + text.utf8.count
    let due = flush || pending >= Self.streamBuffer || (isError && text.contains("\n"))
    let reachesOS = due && pending > 0
    if isError { stderrPending = reachesOS ? 0 : pending } else { stdoutPending = reachesOS ? 0 : pending }
    guard reachesOS, scheduled, nestedRuns == 0 else { return result }
    throw requesting(.native(Self.writeSystemCall, result: result))
  }

  /// Makes an exception of a built-in class to raise: `throw raise("ZeroDivisionError", "division by zero")`.
  func raise(_ type: String, _ message: String? = nil) -> PythonError {
    let exceptionType = exceptionTypes[type] ?? exceptionTypes["Exception"]!
    return raising(PyException(type: exceptionType, arguments: message.map { [.str($0)] } ?? []))
  }

  func raising(_ exception: PyException) -> PythonError {
    exceptions.append(exception)
    return .raised(exceptions.count - 1)
  }

  // MARK: calls

  func call(_ callable: PyValue, _ arguments: [PyValue], _ keywords: [(String, PyValue)]) throws(PythonError)
    -> PyValue
  {
    switch callable {
    case .function(let function):
      return try callFunction(function, arguments, keywords)
    case .builtin(let builtin):
      return try builtin.call(self, arguments, keywords)
    case .method(let object, let function):
      return try call(function, [object] + arguments, keywords)
    case .builtinMethod(let object, let name):
      return try callMethod(object, name, arguments, keywords)
    case .type(let type):
      if let builtin = type.builtin { return try builtin.call(self, arguments, keywords) }
      if type.isSubclass(of: exceptionTypes["BaseException"]!) {
        return .exception(PyException(type: type, arguments: arguments))
      }
      let instance = PyValue.instance(PyInstance(type: type, address: nextAddress()))
      if let initialiser = type.lookup("__init__") {
        _ = try call(initialiser, [instance] + arguments, keywords)
      } else if !arguments.isEmpty || !keywords.isEmpty {
        throw raise("TypeError", "\(type.name)() takes no arguments")
      }
      return instance
    case .instance(let instance):
      guard let method = instance.type.lookup("__call__") else { fallthrough }
      return try call(method, [callable] + arguments, keywords)
    default:
      throw raise("TypeError", "'\(typeName(callable))' object is not callable")
    }
  }

  /// The fast locals a call of `function` starts with: its arguments bound to its parameters as Python binds
  /// them, defaults filled in, with CPython's TypeErrors for the mismatches.
  func bindArguments(_ function: PyFunction, _ arguments: [PyValue], _ keywords: [(String, PyValue)])
    throws(PythonError) -> [PyValue?]
  {
    let code = function.code
    var locals = [PyValue?](repeating: nil, count: code.localNames.count)
    let positional = code.argumentCount
    let name = code.name
    for (i, argument) in arguments.enumerated() {
      if i < positional {
        locals[i] = argument
      } else if !code.hasStarArgs {
        throw raise(
          "TypeError",
          "\(name)() takes \(positional) positional argument\(positional == 1 ? "" : "s") but \(arguments.count) were given"
        )
      }
    }
    let starIndex = positional + code.keywordOnlyCount
    if code.hasStarArgs { locals[starIndex] = .tuple(Array(arguments.dropFirst(positional))) }
    let extraKeywords = PyDict()
    for (key, value) in keywords {
      if let i = code.localNames[0..<(positional + code.keywordOnlyCount)].firstIndex(of: key) {
        if locals[i] != nil { throw raise("TypeError", "\(name)() got multiple values for argument '\(key)'") }
        locals[i] = value
      } else if code.hasStarKeywords {
        extraKeywords.set(.str(key), .str(key), value)
      } else {
        throw raise("TypeError", "\(name)() got an unexpected keyword argument '\(key)'")
      }
    }
    if code.hasStarKeywords { locals[starIndex + (code.hasStarArgs ? 1 : 0)] = .dict(extraKeywords) }
    // Defaults fill the last positional parameters.
    let firstDefault = positional - function.defaults.count
    for i in 0..<positional where locals[i] == nil {
      if i >= firstDefault {
        locals[i] = function.defaults[i - firstDefault]
      } else {
        let missing = code.localNames[i]
        throw raise("TypeError", "\(name)() missing 1 required positional argument: '\(missing)'")
      }
    }
    for i in positional..<(positional + code.keywordOnlyCount) where locals[i] == nil {
      let key = code.localNames[i]
      guard let value = function.keywordDefaults[key] else {
        throw raise("TypeError", "\(name)() missing 1 required keyword-only argument: '\(key)'")
      }
      locals[i] = value
    }
    return locals
  }

  func callFunction(_ function: PyFunction, _ arguments: [PyValue], _ keywords: [(String, PyValue)])
    throws(PythonError) -> PyValue
  {
    let locals = try bindArguments(function, arguments, keywords)
    return try execute(
      compiled(function), globals: function.globals, locals: nil, arguments: locals, closure: function.closure)
  }

  func callMethod(_ object: PyValue, _ name: String, _ arguments: [PyValue], _ keywords: [(String, PyValue)])
    throws(PythonError) -> PyValue
  {
    try builtinMethod(object, name, arguments, keywords)
  }
}
