/// Simulated time: an integer count of nanoseconds, so that runs are exact and repeatable.
public typealias Nanos = Int64

public enum Time {
  public static let microsecond: Nanos = 1_000
  public static let millisecond: Nanos = 1_000_000
  public static let second: Nanos = 1_000_000_000
}

/// The interpreter whose scheduling is simulated.
public enum InterpreterKind: String, CaseIterable, Sendable, Hashable {
  case cpython27 = "cpython-2.7"
  case cpython38 = "cpython-3.8"
  case cpython39 = "cpython-3.9"
  case cpython310 = "cpython-3.10"
  case cpython311 = "cpython-3.11"
  case cpython312 = "cpython-3.12"
  case cpython313 = "cpython-3.13"
  case cpython313t = "cpython-3.13t"
  case cpython314 = "cpython-3.14"
  case cpython314t = "cpython-3.14t"
  case cpython315 = "cpython-3.15"
  case cpython315t = "cpython-3.15t"

  /// The lock the interpreter uses to serialise bytecode.
  public enum LockModel: Sendable { case oldGIL, newGIL, none }

  public var lockModel: LockModel { profile.lockModel }

  /// The release a program sees in `sys.version_info`: the one measured here where one is installed, else the
  /// first of its line.
  public var release: (major: Int, minor: Int, micro: Int) {
    switch self {
    case .cpython27: (2, 7, 18)
    case .cpython38: (3, 8, 18)
    case .cpython39: (3, 9, 18)
    case .cpython310: (3, 10, 13)
    case .cpython311: (3, 11, 7)
    case .cpython312: (3, 12, 1)
    case .cpython313, .cpython313t: (3, 13, 0)
    case .cpython314, .cpython314t: (3, 14, 0)
    case .cpython315, .cpython315t: (3, 15, 0)
    }
  }
}

/// A place in a scenario file, 1-based.
public struct SourceLocation: Sendable, Hashable, Comparable {
  public var line: Int
  public var column: Int
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }
  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    (a.line, a.column) < (b.line, b.column)
  }
}

/// A parsed scenario: the machine, the interpreter and the programs of every thread.
public struct Scenario: Sendable, Equatable {
  public var title: String
  public var interpreter: InterpreterKind
  /// The new GIL's switch interval (`sys.setswitchinterval`).
  public var switchInterval: Nanos
  /// The old GIL's check interval in ticks (`sys.setcheckinterval`).
  public var checkInterval: Int
  public var cores: Int
  public var seed: UInt64
  /// Shared (global) variables; every process gets its own copy, as after a fork.
  public var shared: [SharedVariable]
  /// `threading.Lock` objects, one per process like the variables.
  public var locks: [LockDeclaration]
  /// `processes[0]` is the main process, which holds the top-level threads and event loops.
  public var processes: [ProcessDeclaration]
  /// `PYTHON_GIL` (`-X gil`): nil when unset; true forces the GIL on, false keeps it off on a free-threaded build.
  public var pythonGIL: Bool? = nil
  /// The module's own code (`main:`), run by the main thread, which then starts the top-level threads itself
  /// (`NAME.start()`); nil: they start by themselves, one after another.
  public var mainBody: [Statement]? = nil
  /// `concurrent.futures.ThreadPoolExecutor`s (`pool NAME = ThreadPoolExecutor(N):`), whose workers run the body.
  public var pools: [PoolDeclaration] = []
  /// C extension modules imported at start that have not declared they can run without the GIL: on a
  /// free-threaded build the first of them turns the GIL on for good, unless `pythonGIL` is false.
  public var extensions: [String] = []
  /// When a SIGINT (a Ctrl-C) reaches the main process (`signal SIGINT at D`), in time order. Only the main thread
  /// runs Python's handlers, so these need a `main:` block.
  public var signals: [Nanos] = []
  /// A Python program to run instead of declared threads: its module's code runs on the main thread, which
  /// starts the program's threads itself.
  public var python: PythonSource? = nil

  /// The module whose import turns the GIL on in a free-threaded build, if any.
  public var moduleEnablingGIL: String? {
    interpreter.profile.freeThreading != nil && pythonGIL == nil ? extensions.first : nil
  }

  /// Why this interpreter cannot run the scenario's subinterpreters, if it cannot: a GIL of their own came with
  /// 3.12 (PEP 684); before, subinterpreters shared the process's GIL, which is not modelled.
  public var subinterpreterProblem: String? { subinterpreterNeeds?.problem }

  /// The same, with the oldest version that has what the scenario needs (`3.14` for an interpreter pool, else
  /// `3.12`), so that the command line can say which to choose.
  public var subinterpreterNeeds: (problem: String, version: String)? {
    if pools.contains(where: { $0.kind == .interpreters }), interpreter.profile.dialect < .py314 {
      let problem =
        "InterpreterPoolExecutor came with CPython 3.14 (concurrent.futures); \(interpreter.rawValue) has none: "
        + "use subinterpreter blocks (3.12+) or a ProcessPoolExecutor"
      return (problem, "3.14")
    }
    guard processes.contains(where: \.isSubinterpreter), interpreter.profile.dialect < .py312 else { return nil }
    let problem =
      "subinterpreters with a GIL of their own need CPython 3.12 or later (PEP 684); "
      + "\(interpreter.rawValue) has one GIL for all of them"
    return (problem, "3.12")
  }

  /// The lock that serialises bytecode in this run: the interpreter's, except that a free-threaded build has the
  /// new GIL after all with PYTHON_GIL=1 or after an extension that needs it.
  public var lockModel: InterpreterKind.LockModel {
    let gilTurnedOn = pythonGIL == true || moduleEnablingGIL != nil
    return interpreter.profile.freeThreading != nil && gilTurnedOn ? .newGIL : interpreter.lockModel
  }

  public init(
    title: String = "",
    interpreter: InterpreterKind = .cpython311,
    switchInterval: Nanos = 5 * Time.millisecond,
    checkInterval: Int = 100,
    cores: Int = 2,
    seed: UInt64 = 1,
    shared: [SharedVariable] = [],
    locks: [LockDeclaration] = [],
    processes: [ProcessDeclaration] = [ProcessDeclaration(name: "main")]
  ) {
    self.title = title
    self.interpreter = interpreter
    self.switchInterval = switchInterval
    self.checkInterval = checkInterval
    self.cores = cores
    self.seed = seed
    self.shared = shared
    self.locks = locks
    self.processes = processes
  }
}

/// A Python program, compiled for the scenario's interpreter.
public struct PythonSource: Sendable, Equatable {
  /// The file's name, as tracebacks show it.
  public var file: String
  public var code: CodeObject
  /// The modules written in Python that it imports (`concurrent.futures`), by name, compiled with it.
  public var modules: [String: CodeObject]
  /// The text of each file, by the name tracebacks give it, for the source lines they show.
  public var texts: [String: String]
  /// The arguments after the file's name (`sys.argv[1:]`).
  public var arguments: [String] = []
  /// The latency of the I/O stand-ins called on a line, by line, where a `# giltutor: io 200us` comment sets it.
  public var ioLatencies: [Int: Nanos] = [:]
  /// The files the program may open, as they were when it was compiled, by the path its text names them with:
  /// a run reads these, never the disk, so that it is a function of the scenario.
  public var files: [String: ProgramFile] = [:]
  public init(file: String, code: CodeObject, modules: [String: CodeObject] = [:], texts: [String: String] = [:]) {
    self.file = file
    self.code = code
    self.modules = modules
    self.texts = texts
  }
}

/// A file a program names, as the front end found it.
public enum ProgramFile: Sendable, Equatable {
  case text(String)
  case missing
  case directory
  case unreadable
  /// Larger than giltutor reads (its size in bytes).
  case tooLarge(Int)

  /// The most a file may hold for a program to read it: 16 MiB.
  public static let largest = 16 << 20
}

public struct SharedVariable: Sendable, Equatable {
  public var name: String
  public var initialValue: Int64
  public var location: SourceLocation
  public init(name: String, initialValue: Int64, location: SourceLocation = .init(line: 0, column: 0)) {
    self.name = name
    self.initialValue = initialValue
    self.location = location
  }
}

/// A `threading` (or `queue`) object that threads wait on: underneath, every one of them blocks on a lock.
public struct LockDeclaration: Sendable, Equatable {
  public var name: String
  public var kind: SyncKind
  public var location: SourceLocation
  public init(name: String, kind: SyncKind = .lock, location: SourceLocation = .init(line: 0, column: 0)) {
    self.name = name
    self.kind = kind
    self.location = location
  }
}

/// Which object a `LockDeclaration` makes.
public enum SyncKind: Sendable, Equatable {
  /// `threading.Lock()`: `lock NAME`.
  case lock
  /// `threading.RLock()`: `rlock NAME`; its owner may take it again.
  case rlock
  /// `threading.Event()`: `event NAME`.
  case event
  /// `threading.Semaphore(N)`: `semaphore NAME = N`; `threading.BoundedSemaphore(N)`: `bounded_semaphore NAME = N`,
  /// which raises ValueError when released more often than acquired.
  case semaphore(Int, bounded: Bool = false)
  /// `queue.Queue(maxsize=N)`: `queue NAME` (no limit) or `queue NAME = N`.
  case queue(maxsize: Int)
  /// `threading.Condition()`, over its own RLock: `condition NAME`.
  case condition
  /// `threading.Barrier(N)`: `barrier NAME = N`.
  case barrier(Int)
  /// A pool of N workers: `pool NAME = ThreadPoolExecutor(N):` (or `ProcessPoolExecutor(N)`, `Pool(N)`).
  case threadPool(workers: Int)
  /// A list in a global, `list NAME` (`NAME = []`): `append` is one call into C, atomic under the GIL and, without
  /// one, inside the list's own critical section (a per-object lock).
  case list

  /// The word that declares it, as errors and deadlocks name it.
  public var word: String {
    switch self {
    case .lock: "lock"
    case .rlock: "rlock"
    case .event: "event"
    case .semaphore: "semaphore"
    case .queue: "queue"
    case .condition: "condition"
    case .barrier: "barrier"
    case .threadPool: "pool"
    case .list: "list"
    }
  }

  /// The methods a scenario may call on it.
  public var methods: [SyncMethod] {
    switch self {
    case .lock, .rlock, .semaphore: [.acquire, .release]
    case .event: [.set, .clear, .wait]
    case .queue: [.put, .get]
    case .condition: [.wait, .notify, .notifyAll]
    case .barrier: [.wait]
    case .threadPool: [.map]
    case .list: [.append]
    }
  }

  /// Whether `with NAME:` works on it.
  public var isContextManager: Bool {
    switch self {
    case .lock, .rlock, .semaphore, .condition: true
    case .event, .queue, .barrier, .threadPool, .list: false
    }
  }
}

/// A method of a synchronisation object (or `join` of a thread) that a statement calls.
public enum SyncMethod: String, Sendable, Equatable, CaseIterable {
  case acquire, release, set, clear, wait, put, get, join, start, notify, map, append
  case notifyAll = "notify_all"
}

/// `OBJECT.METHOD(...)`, or `TARGET = QUEUE.get()`.
public struct SyncCall: Sendable, Equatable {
  /// The object's name, or for `join` the thread declaration's.
  public var object: String
  public var method: SyncMethod
  /// What `put` puts.
  public var value: Operand?
  /// Where `get` stores what it got, if anywhere.
  public var target: String?
  /// `wait(timeout=D)`, `acquire(timeout=D)`.
  public var timeout: Nanos?
  public init(
    _ object: String, _ method: SyncMethod, value: Operand? = nil, target: String? = nil, timeout: Nanos? = nil
  ) {
    self.object = object
    self.method = method
    self.value = value
    self.target = target
    self.timeout = timeout
  }
}

/// `pool NAME = ThreadPoolExecutor(N):` (or `ProcessPoolExecutor(N)`, `Pool(N)`): a pool of the main process,
/// with the job each item runs (the function given to `map`). Its workers are `NAME-1` … `NAME-N`: threads, or
/// the one thread of each worker process (the processes have those names too).
public struct PoolDeclaration: Sendable, Equatable {
  public enum Kind: String, Sendable, Equatable {
    /// `concurrent.futures.ThreadPoolExecutor`: threads, started as items are submitted.
    case threads = "ThreadPoolExecutor"
    /// `concurrent.futures.ProcessPoolExecutor`: processes, started as items are submitted (3.9+; all at the
    /// first submit before), items and results pickled through pipes one by one.
    case processes = "ProcessPoolExecutor"
    /// `multiprocessing.Pool`: all its processes started when it is made, `map`'s items sent in chunks.
    case multiprocessing = "Pool"
    /// `concurrent.futures.InterpreterPoolExecutor` (3.14+): a thread pool whose every worker runs its items in a
    /// subinterpreter of its own (its own GIL), created when the worker starts; items and results pickled.
    case interpreters = "InterpreterPoolExecutor"

    /// Whether its workers are threads of the main interpreter, sharing its GIL.
    public var sharesTheGIL: Bool { self == .threads }
  }

  public var name: String
  public var kind: Kind
  public var workers: Int
  public var job: [Statement]
  public var location: SourceLocation
  public init(
    name: String, kind: Kind = .threads, workers: Int, job: [Statement],
    location: SourceLocation = .init(line: 0, column: 0)
  ) {
    self.name = name
    self.kind = kind
    self.workers = workers
    self.job = job
    self.location = location
  }

  /// The names of its worker threads.
  public var workerNames: [String] { expandedNames(name, workers) }
}

public struct ProcessDeclaration: Sendable, Equatable {
  public var name: String
  public var threads: [ThreadDeclaration]
  public var eventLoops: [EventLoopDeclaration]
  public var location: SourceLocation
  /// A subinterpreter (`subinterpreter NAME:`, PEP 684, 3.12+) rather than a process: the same isolation and its
  /// own GIL, in the same process, created without a fork.
  public var isSubinterpreter = false
  public init(
    name: String, threads: [ThreadDeclaration] = [], eventLoops: [EventLoopDeclaration] = [],
    location: SourceLocation = .init(line: 0, column: 0)
  ) {
    self.name = name
    self.threads = threads
    self.eventLoops = eventLoops
    self.location = location
  }
}

/// `thread NAME [x COUNT]:` — COUNT threads named NAME-1 … NAME-COUNT (just NAME when COUNT is 1).
public struct ThreadDeclaration: Sendable, Equatable {
  public var name: String
  public var count: Int
  public var body: [Statement]
  public var location: SourceLocation
  public init(name: String, count: Int = 1, body: [Statement], location: SourceLocation = .init(line: 0, column: 0)) {
    self.name = name
    self.count = count
    self.body = body
    self.location = location
  }

  /// The names of the threads (or tasks) this declaration starts.
  public var instanceNames: [String] { expandedNames(name, count) }
}

/// `eventloop NAME:` — one thread running an asyncio loop over its tasks.
public struct EventLoopDeclaration: Sendable, Equatable {
  public var name: String
  public var tasks: [TaskDeclaration]
  public var location: SourceLocation
  public init(name: String, tasks: [TaskDeclaration], location: SourceLocation = .init(line: 0, column: 0)) {
    self.name = name
    self.tasks = tasks
    self.location = location
  }
}

/// `task NAME [x COUNT]:` — coroutines scheduled by their event loop, declared as threads are: a name, a count (the
/// copies are NAME-1 … NAME-COUNT) and a body.
public typealias TaskDeclaration = ThreadDeclaration

func expandedNames(_ name: String, _ count: Int) -> [String] {
  count == 1 ? [name] : (1...max(count, 1)).map { "\(name)-\($0)" }
}

public struct Statement: Sendable, Equatable {
  public var kind: StatementKind
  public var location: SourceLocation
  public init(_ kind: StatementKind, at location: SourceLocation = .init(line: 0, column: 0)) {
    self.kind = kind
    self.location = location
  }
}

public indirect enum StatementKind: Sendable, Equatable {
  /// Python bytecode for a duration; needs the GIL; check points at its loop back-edges.
  case compute(Nanos)
  /// A blocking I/O call (socket, file): releases the GIL while it waits.
  case io(Nanos)
  /// `time.sleep(D)`: releases the GIL; `sleep 0s` releases and re-takes it.
  case sleep(Nanos)
  /// C code that releases the GIL and uses a core (hashlib, NumPy).
  case native(Nanos)
  /// C code that keeps the GIL and has no check point inside (`sum(range(10**8))`).
  case builtin(Nanos)
  /// `gc.collect()`, a garbage collection that takes D: C code holding the GIL, or without one a stop-the-world.
  case gc(Nanos)
  /// `for _ in range(N):`
  case repeatBlock(count: Int, body: [Statement])
  /// `with LOCK:` on a `threading.Lock` (or an RLock, a Semaphore).
  case withLock(name: String, body: [Statement])
  /// A method of a synchronisation object, or `THREAD.join()`.
  case sync(SyncCall)
  /// `NAME = EXPR`: a shared variable or a thread-local name.
  case assign(target: String, value: Expression)
  /// `NAME += OPERAND` (and -=, *=).
  case augmentedAssign(target: String, op: BinaryOperator, value: Operand)
  /// `call NAME`: a call of an empty Python function (a check point at its RESUME).
  case call(String)
  /// `await io D` inside a task: the task waits, the loop runs others.
  case awaitIO(Nanos)
  /// `await sleep D` inside a task (`asyncio.sleep`).
  case awaitSleep(Nanos)
  /// `await to_thread:` inside a task: `await asyncio.to_thread(f)`, the body being `f`, run by a thread of the
  /// loop's default executor while the task waits and the loop runs others.
  case awaitThread([Statement])
}

public enum Operand: Sendable, Equatable {
  case name(String)
  case constant(Int64)
}

public enum BinaryOperator: String, Sendable, Equatable, CaseIterable {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
}

/// `OPERAND` or `OPERAND OP OPERAND`.
public struct Expression: Sendable, Equatable {
  public var left: Operand
  public var op: BinaryOperator?
  public var right: Operand?
  public init(_ left: Operand, _ op: BinaryOperator? = nil, _ right: Operand? = nil) {
    self.left = left
    self.op = op
    self.right = right
  }
}
