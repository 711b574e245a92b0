/// A piece of the program's output: what it wrote, when (simulated), from which thread, to which stream.
public struct PythonWrite: Sendable, Equatable {
  public var time: Nanos
  public var thread: Int
  public var isError: Bool
  public var text: String
}

/// What a Python thread asks of the scheduler: a call into `threading`, `queue`, `time` or `sys` that may wait,
/// wakes other threads, or reads what only the scheduler knows. The CALL that makes it ends when the scheduler
/// gives the thread its result (`PythonMachine.resume`).
enum SchedulerCall {
  case sleep(Nanos)
  /// An I/O stand-in's wait (`socket`, `urllib.request`): the GIL released for the latency, then `result`.
  case io(Nanos, result: PyValue)
  /// C code that runs with the GIL released for the time given (a digest of a big buffer), then `result`.
  case native(Nanos, result: PyValue)
  /// A lock's, RLock's, semaphore's or condition's `acquire`: `timeout` -1 waits for ever, 0 does not wait.
  case acquire(Int, timeout: Nanos)
  case release(Int)
  case locked(Int)
  case start(PyInstance)
  /// `timeout` -1: for ever.
  case join(PyInstance, timeout: Nanos)
  case isAlive(PyInstance)
  /// `threading.enumerate()` (`count`: `active_count()`): the threads started and not ended, main included.
  case aliveThreads(count: Bool)
  case eventSet(Int)
  case eventClear(Int)
  case eventIsSet(Int)
  /// `timeout` -1: for ever.
  case eventWait(Int, timeout: Nanos)
  case conditionWait(Int, timeout: Nanos)
  /// `count` nil: all of them (`notify_all`).
  case conditionNotify(Int, count: Int64?)
  case barrierWait(Int)
  /// `timeout` -1: for ever (when `wait`).
  case queuePut(Int, PyValue, wait: Bool, timeout: Nanos)
  case queueGet(Int, wait: Bool, timeout: Nanos)
  case queueSize(Int, empty: Bool)
  case setSwitchInterval(Nanos)
  /// `multiprocessing.Process.start()`: fork, and run the object's `run()` in the child.
  case processStart(PyInstance)
  /// `timeout` -1: for ever.
  case processJoin(Int, timeout: Nanos)
  case processAlive(Int)
  case processTerminate(Int)
  /// The current process's name (`multiprocessing.current_process().name`).
  case processName
  case cpuCount
  /// `os.times()`: the CPU time the process's threads have had, and the time since the run began.
  case processTimes
  /// `os.getpid()`.
  case processID
}

extension PythonMachine {
  /// Hands `call` to the scheduler: the instruction that makes it ends when the scheduler resumes the thread.
  func requesting(_ call: SchedulerCall) -> PythonError {
    guard nestedRuns == 0 else {
      if case .io = call {
        return .unsupported(
          "waiting for I/O (a file's or a socket's) inside a built-in's loop or callback (sum(1 for line in f), "
            + "sorted's key, …: write the loop out)")
      }
      return .unsupported(
        "a call into threading, queue or time from a function that a built-in calls back (sorted's key, …)")
    }
    pendingCall = call
    return .scheduled
  }

  /// The scheduler carried out the thread's call: its result goes where the CALL's result goes.
  func resume(_ thread: PythonThread, with value: PyValue) {
    thread.frames.last?.stack.append(value)
  }

  /// The call raised: the exception goes to the thread's handler, or out of its first frame (thrown).
  func resume(_ thread: PythonThread, raising type: String, _ message: String?) throws(PythonError) {
    try unwind(thread, raise(type, message))
  }

  /// Starts `thread` on a call of `callable`: a Python function's frame, which then runs step by step.
  func startCall(_ thread: PythonThread, _ callable: PyValue, _ arguments: [PyValue], _ keywords: [(String, PyValue)])
    throws(PythonError)
  {
    var function: PyFunction
    var all = arguments
    switch callable {
    case .function(let f): function = f
    case .method(let object, .function(let f)):
      function = f
      all = [object] + arguments
    case .instance(let instance):
      // An object whose class defines `__call__` in Python (a functools.partial): its method is the target.
      guard case .function(let f)? = instance.type.lookup("__call__") else { fallthrough }
      function = f
      all = [callable] + arguments
    default:
      throw PythonError.unsupported("a thread whose target is not a Python function (\(typeName(callable)))")
    }
    guard !function.code.isGenerator else {
      throw PythonError.unsupported("a thread whose target is a generator or a coroutine")
    }
    let locals = try bindArguments(function, all, keywords)
    try push(
      PythonFrame(
        compiled(function), globals: function.globals, namespace: nil, arguments: locals,
        closure: function.closure, id: newFrameID()),
      on: thread)
  }

  /// The module's code, on the main thread, as `python FILE` runs it.
  func startModule(_ code: CodeObject, on thread: PythonThread) throws(PythonError) -> PyDict {
    let globals = PyDict()
    globals.set(.str("__name__"), .str("__main__"), .str("__main__"))
    try push(
      PythonFrame(
        CompiledCode.make(code), globals: globals, namespace: globals, arguments: [], closure: [],
        id: newFrameID()),
      on: thread)
    return globals
  }

  /// The modules a program may import.
  public static let modeledModules: Set<String> = [
    "__future__", "threading", "queue", "time", "sys", "os", "concurrent", "concurrent.futures", "asyncio", "json",
    "multiprocessing", "socket", "urllib", "urllib.request", "hashlib", "random", "logging", "math", "collections",
    "itertools", "functools", "_giltutor_collections",
    "_giltutor_processes",
    "_giltutor_io", "_giltutor_hash", "_giltutor_random", "math",
  ]

  /// The modules of the subset that only the scheduler can carry out: `threading`, `queue`, `time`, `sys`.
  func schedulerModule(_ name: String) -> PyModule? {
    switch name {
    case "threading": threadingModule()
    case "queue": queueModule()
    case "time": timeModule()
    case "sys": sysModule()
    case "os": osModule()
    case "_giltutor_io": ioModule()
    case "_giltutor_hash": hashModule()
    case "_giltutor_random": randomModule()
    case "math": mathModule()
    case "itertools": itertoolsModule()
    case "_giltutor_collections": collectionsModule()
    case "_giltutor_processes": processesModule()
    default: nil
    }
  }

  /// The modules `schedulerModule` makes: the same objects in every process.
  static let schedulerModuleNames: Set<String> = [
    "threading", "queue", "time", "sys", "os", "_giltutor_processes", "_giltutor_io", "_giltutor_hash",
    "_giltutor_random",
    "__future__",
  ]

  /// The `threading.Thread` object of a process's main thread (`threading.main_thread()`).
  func makeMainThreadObject(_ thread: Int) {
    let object = PyInstance(type: PyType(name: "_MainThread", bases: [threadType]), address: nextAddress())
    object.attributes["name"] = .str("MainThread")
    object.attributes["daemon"] = .bool(false)
    object.native = thread
    threadObjects[thread] = .instance(object)
  }

  /// What `multiprocessing` (Python code of giltutor's) asks of the scheduler: a fork, a join, a process's state.
  private func processesModule() -> PyModule {
    let picklingError = PyType(name: "PicklingError", bases: [exceptionTypes["Exception"]!])
    picklingError.attributes["__module__"] = .str("_pickle")
    exceptionTypes["PicklingError"] = picklingError
    @Sendable func index(_ m: PythonMachine, _ args: [PyValue]) throws(PythonError) -> Int {
      guard case .int(let i)? = args.first else { throw m.raise("TypeError", "a process number is required") }
      return Int(i)
    }
    let functions: [(String, PyBuiltin)] = [
      method("start") { m, args, _ throws(PythonError) in
        guard case .instance(let object)? = args.first else { throw m.raise("TypeError", "a Process is required") }
        throw m.requesting(.processStart(object))
      },
      method("join") { m, args, _ throws(PythonError) in
        let i = try index(m, args)
        let timeout = args.count > 1 && !m.isNone(args[1]) ? try m.nanoseconds(args[1], "a timeout") : -1
        throw m.requesting(.processJoin(i, timeout: timeout))
      },
      method("is_alive") { m, args, _ throws(PythonError) in throw m.requesting(.processAlive(try index(m, args))) },
      method("terminate") { m, args, _ throws(PythonError) in
        throw m.requesting(.processTerminate(try index(m, args)))
      },
      method("process_name") { m, _, _ throws(PythonError) in throw m.requesting(.processName) },
      method("cpu_count") { m, _, _ throws(PythonError) in throw m.requesting(.cpuCount) },
    ]
    return PyModule(
      name: "_giltutor_processes",
      attributes: Dictionary(uniqueKeysWithValues: functions.map { ($0.0, .builtin($0.1)) }))
  }

  /// A keyword or positional argument: `args[index]`, or the keyword `name`.
  func argument(_ args: [PyValue], _ keywords: [(String, PyValue)], _ index: Int, _ name: String) -> PyValue? {
    if let keyword = keywords.first(where: { $0.0 == name }) { return keyword.1 }
    return index < args.count ? args[index] : nil
  }

  /// Seconds as Python gives them (an int or a float) in simulated nanoseconds.
  func nanoseconds(_ value: PyValue, _ what: String) throws(PythonError) -> Nanos {
    switch numeric(value) {
    case .int(let i): return i.multipliedReportingOverflow(by: Time.second).overflow ? .max : i * Time.second
    case .float(let d) where d.isFinite: return Nanos(min(d * 1e9, 9e18).rounded())
    default: throw raise("TypeError", "'\(typeName(value))' object cannot be interpreted as \(what)")
    }
  }

  /// A timeout argument of a wait or a join: -1 for none (`None`, or absent), else the time, at least 0.
  func timeout(_ value: PyValue?) throws(PythonError) -> Nanos {
    guard let value, !isNone(value) else { return -1 }
    // A negative timeout does not wait, as `Condition.wait` and `Thread.join` treat one.
    return max(try nanoseconds(value, "a timeout"), 0)
  }

  /// A flag argument's truth (`blocking`, `daemon`): the values programs pass have one without raising.
  func flag(_ value: PyValue) -> Bool { (try? truth(value)) ?? true }

  func isNone(_ value: PyValue) -> Bool {
    if case .none = value { return true }
    return false
  }

  /// The number of a `threading` or `queue` object, from `self`: a method called on anything else (`Lock.acquire(5)`)
  /// is a TypeError, as in CPython.
  func object(_ args: [PyValue], _ method: String = "method") throws(PythonError) -> Int {
    if case .instance(let i)? = args.first, i.type.builtin != nil, syncObjects.indices.contains(i.native) {
      return i.native
    }
    let given = args.first.map { typeName($0) } ?? "nothing"
    throw raise("TypeError", "descriptor '\(method)' needs a threading or queue object, not '\(given)'")
  }

  /// `self` of a `Thread` method: a Thread or an instance of a subclass.
  func thread(_ args: [PyValue], _ method: String) throws(PythonError) -> PyInstance {
    if case .instance(let i)? = args.first, i.type.isSubclass(of: threadType) { return i }
    let given = args.first.map { typeName($0) } ?? "nothing"
    throw raise("TypeError", "descriptor '\(method)' for 'Thread' objects doesn't apply to a '\(given)' object")
  }

  /// A type whose instances are objects the scheduler keeps: constructing one numbers it.
  /// `instead`: what a call makes when it is not one of the scheduler's objects (nil: it is).
  private func syncType(
    _ name: String, _ methods: [String: PyBuiltin],
    instead: (@Sendable (PythonMachine, [PyValue], [(String, PyValue)]) throws(PythonError) -> PyValue?)? = nil,
    make: @escaping @Sendable (PythonMachine, [PyValue], [(String, PyValue)]) throws(PythonError) -> SyncKind
  ) -> PyType {
    let type = PyType(
      name: name, attributes: methods.mapValues { .builtin($0) },
      builtin: PyBuiltin(name: name) { m, args, keywords throws(PythonError) in
        if let made = try instead?(m, args, keywords) { return made }
        let kind = try make(m, args, keywords)
        // The type is found by name: a built-in's closure holds no objects of the machine.
        let instance = PyInstance(type: m.builtinTypes["threading." + name]!, address: m.nextAddress())
        instance.native = m.syncObjects.count
        m.syncObjects.append(kind)
        return .instance(instance)
      })
    builtinTypes["threading." + name] = type
    return type
  }

  private func method(
    _ name: String,
    _ body: @escaping @Sendable (PythonMachine, [PyValue], [(String, PyValue)]) throws(PythonError) -> PyValue
  ) -> (String, PyBuiltin) {
    (name, PyBuiltin(name: name, call: body))
  }

  /// `acquire(blocking=True, timeout=-1)`, `release()` and the `with` protocol of a lock-like object.
  private func lockMethods() -> [(String, PyBuiltin)] {
    [
      method("acquire") { m, args, keywords throws(PythonError) in
        let blocking = m.argument(args, keywords, 1, "blocking").map { m.flag($0) } ?? true
        var wait: Nanos = -1
        if let t = m.argument(args, keywords, 2, "timeout"), !m.isNone(t) {
          let seconds = try m.nanoseconds(t, "a timeout")
          if seconds >= 0 { wait = seconds }
          if seconds < 0 && seconds != -Time.second {
            throw m.raise("ValueError", "timeout value must be a non-negative number")
          }
          if !blocking && seconds != -Time.second {
            throw m.raise("ValueError", "can't specify a timeout for a non-blocking call")
          }
        }
        throw m.requesting(.acquire(try m.object(args, "acquire"), timeout: blocking ? wait : 0))
      },
      method("__enter__") { m, args, _ throws(PythonError) in
        throw m.requesting(.acquire(try m.object(args, "__enter__"), timeout: -1))
      },
      method("release") { m, args, _ throws(PythonError) in throw m.requesting(.release(try m.object(args, "release")))
      },
      method("__exit__") { m, args, _ throws(PythonError) in
        throw m.requesting(.release(try m.object(args, "__exit__")))
      },
    ]
  }

  private func threadingModule() -> PyModule {
    let lockMethods = Dictionary(uniqueKeysWithValues: lockMethods())
    var plainLock = lockMethods
    plainLock["locked"] = PyBuiltin(name: "locked") { m, args, _ throws(PythonError) in
      throw m.requesting(.locked(try m.object(args, "locked")))
    }
    let lock = syncType("lock", plainLock) { _, _, _ in .lock }
    let rlock = syncType("RLock", lockMethods) { _, _, _ in .rlock }
    func semaphore(_ bounded: Bool) -> PyType {
      syncType(bounded ? "BoundedSemaphore" : "Semaphore", lockMethods) { m, args, keywords throws(PythonError) in
        let value = m.argument(args, keywords, 0, "value") ?? .int(1)
        guard case .int(let count) = m.numeric(value) else {
          throw m.raise("TypeError", "'\(m.typeName(value))' object cannot be interpreted as an integer")
        }
        guard count >= 0 else { throw m.raise("ValueError", "semaphore initial value must be >= 0") }
        return .semaphore(Int(count), bounded: bounded)
      }
    }
    var condition = lockMethods
    for (name, body) in [
      method("wait") { m, args, keywords throws(PythonError) in
        throw m.requesting(
          .conditionWait(try m.object(args, "wait"), timeout: try m.timeout(m.argument(args, keywords, 1, "timeout"))))
      },
      method("notify") { m, args, keywords throws(PythonError) in
        var count: Int64 = 1
        if let n = m.argument(args, keywords, 1, "n") {
          guard case .int(let value) = m.numeric(n) else {
            throw m.raise("TypeError", "'\(m.typeName(n))' object cannot be interpreted as an integer")
          }
          count = value
        }
        if count < 0 {
          throw m.raise(
            "ValueError",
            "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
        }
        throw m.requesting(.conditionNotify(try m.object(args, "notify"), count: count))
      },
      method("notify_all") { m, args, _ throws(PythonError) in
        throw m.requesting(.conditionNotify(try m.object(args, "notify_all"), count: nil))
      },
    ] {
      condition[name] = body
    }
    // `Condition()` is the scheduler's, over an RLock of its own; `Condition(lock)` is Lib/threading.py's Python
    // code over the program's Lock (`_threading`'s `_ConditionOverLock`), whose waiters each wait on a lock.
    let conditionType = syncType(
      "Condition", condition,
      instead: { m, args, keywords throws(PythonError) in
        guard let lock = m.argument(args, keywords, 0, "lock"), !m.isNone(lock) else { return nil }
        if case .instance(let given) = lock, given.type.name == "RLock", given.type.builtin != nil {
          throw PythonError.unsupported("Condition(RLock()) (Condition() is over an RLock of its own)")
        }
        guard let over = m.modules["threading"]?.attributes["_ConditionOverLock"]
        else { throw PythonError.unsupported("Condition(lock) without threading's Python part") }
        return try m.call(over, [lock], [])
      },
      make: { _, _, _ in .condition })
    let event = syncType(
      "Event",
      Dictionary(uniqueKeysWithValues: [
        method("set") { m, args, _ throws(PythonError) in throw m.requesting(.eventSet(try m.object(args, "set"))) },
        method("clear") { m, args, _ throws(PythonError) in throw m.requesting(.eventClear(try m.object(args, "clear")))
        },
        method("is_set") { m, args, _ throws(PythonError) in
          throw m.requesting(.eventIsSet(try m.object(args, "is_set")))
        },
        method("wait") { m, args, keywords throws(PythonError) in
          throw m.requesting(
            .eventWait(try m.object(args, "wait"), timeout: try m.timeout(m.argument(args, keywords, 1, "timeout"))))
        },
      ])
    ) { _, _, _ in .event }
    let barrier = syncType(
      "Barrier",
      Dictionary(uniqueKeysWithValues: [
        method("wait") { m, args, _ throws(PythonError) in throw m.requesting(.barrierWait(try m.object(args, "wait")))
        }
      ])
    ) { m, args, keywords throws(PythonError) in
      guard let parties = m.argument(args, keywords, 0, "parties"), case .int(let n) = m.numeric(parties), n > 0
      else { throw m.raise("ValueError", "parties must be > 0") }
      return .barrier(Int(n))
    }
    return PyModule(
      name: "threading",
      attributes: [
        "Thread": .type(threadType), "Lock": .type(lock), "RLock": .type(rlock), "Event": .type(event),
        "Condition": .type(conditionType), "Semaphore": .type(semaphore(false)),
        "BoundedSemaphore": .type(semaphore(true)), "Barrier": .type(barrier), "local": .type(localType),
        "current_thread": .builtin(
          PyBuiltin(name: "current_thread") { m, _, _ in m.threadObjects[m.active.number] ?? PyValue.none }),
        "main_thread": .builtin(PyBuiltin(name: "main_thread") { m, _, _ in m.threadObjects[0] ?? PyValue.none }),
        "active_count": .builtin(
          PyBuiltin(name: "active_count") { m, _, _ throws(PythonError) in
            throw m.requesting(.aliveThreads(count: true))
          }),
        "enumerate": .builtin(
          PyBuiltin(name: "enumerate") { m, _, _ throws(PythonError) in
            throw m.requesting(.aliveThreads(count: false))
          }),
        "get_ident": .builtin(PyBuiltin(name: "get_ident") { m, _, _ in .int(Int64(m.active.number + 1)) }),
        // What concurrent.futures uses to shut its workers down when the main thread ends (`_shutdown`).
        "_register_atexit": .builtin(
          PyBuiltin(name: "_register_atexit") { m, args, _ throws(PythonError) in
            guard let function = args.first else { throw m.raise("TypeError", "_register_atexit() needs a function") }
            m.atExit.append(function)
            return .none
          }),
      ])
  }

  /// `threading.Thread`, which a program may subclass (`class Worker(Thread): def run(self): ...`).
  func makeThreadType() -> PyType {
    let type = PyType(name: "Thread")
    let methods: [(String, PyBuiltin)] = [
      method("__init__") { m, args, keywords throws(PythonError) in
        let thread = try m.thread(args, "__init__")
        let target = m.argument(args, keywords, 2, "target") ?? .none
        thread.attributes["_target"] = target
        thread.attributes["_args"] = m.argument(args, keywords, 4, "args") ?? .tuple([])
        thread.attributes["_kwargs"] = m.argument(args, keywords, 5, "kwargs") ?? PyValue.none
        if let name = m.argument(args, keywords, 3, "name"), !m.isNone(name) {
          thread.attributes["name"] = .str(try m.str(name))
        } else {
          m.threadsNamed += 1
          var name = "Thread-\(m.threadsNamed)"
          if m.version.minor >= 10, let targetName = Self.name(of: target) { name += " (\(targetName))" }
          thread.attributes["name"] = .str(name)
        }
        let daemon = m.argument(args, keywords, 6, "daemon") ?? .none
        thread.attributes["daemon"] = .bool(m.isNone(daemon) ? false : m.flag(daemon))
        return .none
      },
      method("run") { m, args, _ throws(PythonError) in
        let thread = try m.thread(args, "run")
        let target = thread.attributes["_target"] ?? .none
        if m.isNone(target) { return .none }
        var keywords: [(String, PyValue)] = []
        if case .dict(let d)? = thread.attributes["_kwargs"] {
          for (k, v) in d.entries { if case .str(let s) = k { keywords.append((s, v)) } }
        }
        return try m.call(target, try m.iterate(thread.attributes["_args"] ?? .tuple([])), keywords)
      },
      method("start") { m, args, _ throws(PythonError) in
        let thread = try m.thread(args, "start")
        throw m.requesting(.start(thread))
      },
      method("join") { m, args, keywords throws(PythonError) in
        let thread = try m.thread(args, "join")
        throw m.requesting(.join(thread, timeout: try m.timeout(m.argument(args, keywords, 1, "timeout"))))
      },
      method("is_alive") { m, args, _ throws(PythonError) in
        let thread = try m.thread(args, "is_alive")
        throw m.requesting(.isAlive(thread))
      },
      method("getName") { m, args, _ throws(PythonError) in
        let thread = try m.thread(args, "getName")
        return thread.attributes["name"] ?? PyValue.none
      },
    ]
    for (name, body) in methods { type.attributes[name] = .builtin(body) }
    return type
  }

  private func queueModule() -> PyModule {
    let empty = PyType(name: "Empty", bases: [exceptionTypes["Exception"]!])
    let full = PyType(name: "Full", bases: [exceptionTypes["Exception"]!])
    // `queue.Empty` is the C module's class; `Full` is queue.py's.
    empty.attributes["__module__"] = .str("_queue")
    full.attributes["__module__"] = .str("queue")
    exceptionTypes["queue.Empty"] = empty
    exceptionTypes["queue.Full"] = full
    /// `block` and `timeout` of a put or a get: whether it waits, and for how long (-1: for ever).
    @Sendable func waiting(_ m: PythonMachine, _ args: [PyValue], _ keywords: [(String, PyValue)], _ index: Int)
      throws(PythonError) -> (Bool, Nanos)
    {
      let block = m.argument(args, keywords, index, "block").map { m.flag($0) } ?? true
      guard block, let t = m.argument(args, keywords, index + 1, "timeout"), !m.isNone(t) else { return (block, -1) }
      let d = try m.nanoseconds(t, "a timeout")
      if d < 0 { throw m.raise("ValueError", "'timeout' must be a non-negative number") }
      return (true, d)
    }
    let methods = Dictionary(uniqueKeysWithValues: [
      method("put") { m, args, keywords throws(PythonError) in
        let item = m.argument(args, keywords, 1, "item") ?? .none
        let (wait, timeout) = try waiting(m, args, keywords, 2)
        throw m.requesting(.queuePut(try m.object(args, "put"), item, wait: wait, timeout: timeout))
      },
      method("put_nowait") { m, args, keywords throws(PythonError) in
        throw m.requesting(
          .queuePut(
            try m.object(args, "put_nowait"), m.argument(args, keywords, 1, "item") ?? .none, wait: false, timeout: 0))
      },
      method("get") { m, args, keywords throws(PythonError) in
        let (wait, timeout) = try waiting(m, args, keywords, 1)
        throw m.requesting(.queueGet(try m.object(args, "get"), wait: wait, timeout: timeout))
      },
      method("get_nowait") { m, args, _ throws(PythonError) in
        throw m.requesting(.queueGet(try m.object(args, "get_nowait"), wait: false, timeout: 0))
      },
      method("qsize") { m, args, _ throws(PythonError) in
        throw m.requesting(.queueSize(try m.object(args, "qsize"), empty: false))
      },
      method("empty") { m, args, _ throws(PythonError) in
        throw m.requesting(.queueSize(try m.object(args, "empty"), empty: true))
      },
    ])
    func queue(_ name: String, simple: Bool) -> PyType {
      syncType(name, methods) { m, args, keywords throws(PythonError) in
        guard !simple else { return .queue(maxsize: 0) }
        let size = m.argument(args, keywords, 0, "maxsize") ?? .int(0)
        guard case .int(let n) = m.numeric(size) else {
          throw m.raise("TypeError", "'\(m.typeName(size))' object cannot be interpreted as an integer")
        }
        return .queue(maxsize: Int(max(n, 0)))
      }
    }
    // asyncio's loop waits for its next timer, or for a callback from another thread, on a queue of its own: the
    // selector's wait and its self-pipe, which the timeline shows as the loop idling.
    let selector = syncType("_Selector", methods) { m, _, _ in
      m.selectors.insert(m.syncObjects.count)
      return .queue(maxsize: 0)
    }
    // `multiprocessing.Queue`: a queue every process that inherits it reaches (its pipe), items pickled.
    let crossProcess = syncType("_CrossProcess", methods) { m, args, keywords throws(PythonError) in
      m.crossProcess.insert(m.syncObjects.count)
      let size = m.argument(args, keywords, 0, "maxsize") ?? .int(0)
      guard case .int(let n) = m.numeric(size) else {
        throw m.raise("TypeError", "'\(m.typeName(size))' object cannot be interpreted as an integer")
      }
      return .queue(maxsize: Int(max(n, 0)))
    }
    return PyModule(
      name: "queue",
      attributes: [
        "Queue": .type(queue("Queue", simple: false)), "SimpleQueue": .type(queue("SimpleQueue", simple: true)),
        "Empty": .type(empty), "Full": .type(full), "_Selector": .type(selector),
        "_CrossProcess": .type(crossProcess),
      ])
  }

  /// The simulated clock. `time.time()` counts from 2026-01-01 00:00 UTC, so that a run prints the same times in
  /// every run; programs use its differences.
  private func timeModule() -> PyModule {
    let epoch: Nanos = 1_767_225_600 * Time.second
    @Sendable func seconds(_ n: Nanos) -> PyValue { .float(Double(n) / 1e9) }
    let clocks: [(String, PyBuiltin)] = [
      ("perf_counter", PyBuiltin(name: "perf_counter") { m, _, _ in seconds(m.clock) }),
      ("monotonic", PyBuiltin(name: "monotonic") { m, _, _ in seconds(m.clock) }),
      ("time", PyBuiltin(name: "time") { m, _, _ in seconds(epoch + m.clock) }),
      ("perf_counter_ns", PyBuiltin(name: "perf_counter_ns") { m, _, _ in .int(m.clock) }),
      ("monotonic_ns", PyBuiltin(name: "monotonic_ns") { m, _, _ in .int(m.clock) }),
      ("time_ns", PyBuiltin(name: "time_ns") { m, _, _ in .int(epoch + m.clock) }),
      (
        "sleep",
        PyBuiltin(name: "sleep") { m, args, _ throws(PythonError) in
          guard args.count == 1 else {
            throw m.raise("TypeError", "time.sleep() takes exactly one argument (\(args.count) given)")
          }
          let d = try m.nanoseconds(args[0], "an integer or float")
          if d < 0 { throw m.raise("ValueError", "sleep length must be non-negative") }
          throw m.requesting(.sleep(d))
        }
      ),
    ]
    return PyModule(name: "time", attributes: Dictionary(uniqueKeysWithValues: clocks.map { ($0.0, .builtin($0.1)) }))
  }

  /// The little of `os` that a threading program asks: its process's CPU time (`times()`, as a plain tuple of
  /// user, system, children's user and system, and elapsed seconds; the simulated CPU time is all user time), its
  /// pid and the cores.
  private func osModule() -> PyModule {
    PyModule(
      name: "os",
      attributes: [
        "times": .builtin(
          PyBuiltin(name: "times") { m, _, _ throws(PythonError) in throw m.requesting(.processTimes) }),
        "getpid": .builtin(
          PyBuiltin(name: "getpid") { m, _, _ throws(PythonError) in throw m.requesting(.processID) }),
        "cpu_count": .builtin(
          PyBuiltin(name: "cpu_count") { m, _, _ throws(PythonError) in throw m.requesting(.cpuCount) }),
      ])
  }

  /// What the I/O stand-ins (`socket`, `urllib.request`, Python code of giltutor's) ask of the scheduler:
  /// `wait(seconds, result)` waits with the GIL released for the latency that a `# giltutor: io 200us` comment
  /// sets on the program's line that made the call, else `seconds` (the stand-in's documented default), and
  /// returns `result`.
  private func ioModule() -> PyModule {
    PyModule(
      name: "_giltutor_io",
      attributes: [
        "wait": .builtin(
          PyBuiltin(name: "wait") { m, args, _ throws(PythonError) in
            guard args.count == 2 else { throw m.raise("TypeError", "wait() takes a latency and a result") }
            let latency: Nanos
            if let set = m.programLineLatency() {
              latency = set
            } else {
              latency = try m.nanoseconds(args[0], "a latency")
            }
            throw m.requesting(.io(latency, result: args[1]))
          }),
        "read_file": .builtin(
          PyBuiltin(name: "read_file") { m, args, _ throws(PythonError) in
            guard let path = args.first, case .str(let name) = path else {
              throw m.raise("TypeError", "expected str, bytes or os.PathLike object")
            }
            let missingOK = args.count > 1 ? try m.truth(args[1]) : false
            return try m.readFile(name, missingOK: missingOK)
          }),
      ])
  }

  /// The text of a file the program opens (`_giltutor_io.read_file`), from the files the front end read when it
  /// compiled the program; CPython's error where it has none, None for a missing one when `missingOK` (to
  /// append to it or to create it).
  func readFile(_ name: String, missingOK: Bool) throws(PythonError) -> PyValue {
    let quoted = try repr(.str(name))
    func error(_ type: String, _ text: String) -> PythonError {
      raising(PyException(type: exceptionTypes[type]!, arguments: [.str(text + ": " + quoted)]))
    }
    switch files[name] {
    case .text(let text)?: return .str(text)
    case .missing?:
      if missingOK { return .none }
      throw error("FileNotFoundError", "[Errno 2] No such file or directory")
    case .directory?: throw error("IsADirectoryError", "[Errno 21] Is a directory")
    case .unreadable?: throw error("PermissionError", "[Errno 13] Permission denied")
    case .tooLarge(let size)?:
      throw .unsupported("a file of \(size) bytes (\(quoted); giltutor reads files of up to 16 MiB)")
    case nil:
      throw .unsupported(
        "opening a path the program made while it ran (\(quoted); giltutor reads the files a program's text names, "
          + "as they are when it starts)")
    }
  }

  /// The built-in `open`, when the program uses it: `_giltutor_files.open`, Python code over `_giltutor_io`.
  func installOpen() throws(PythonError) {
    guard sourceModules["_giltutor_files"] != nil, case .module(let module) = try importModule("_giltutor_files"),
      let open = module.attributes["open"]
    else { return }
    builtins["open"] = open
  }

  /// What `hashlib` (Python code of giltutor's) asks: `work(name, data)` takes the time of digesting `data` in C,
  /// with the GIL released from `CWork.hashReleasesGILFrom` bytes on and held below; `hexdigest(name, data)` and
  /// `digest(name, data)` give the digest of all of it.
  private func hashModule() -> PyModule {
    PyModule(
      name: "_giltutor_hash",
      attributes: [
        "work": .builtin(
          PyBuiltin(name: "work") { m, args, _ throws(PythonError) in
            let (name, data) = try m.hashArguments(args)
            let count = data.utf8.count
            let cost = (Nanos(count) * CWork.hashBytePicoseconds[name]! + 999) / 1_000
            guard count >= CWork.hashReleasesGILFrom else {
              m.cWork += cost
              return .none
            }
            throw m.requesting(.native(cost, result: .none))
          }),
        "hexdigest": .builtin(
          PyBuiltin(name: "hexdigest") { m, args, _ throws(PythonError) in
            let hex = Array("0123456789abcdef")
            return .str(String(try m.digest(args).flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 15)]] }))
          }),
        "digest": .builtin(
          PyBuiltin(name: "digest") { m, args, _ throws(PythonError) in
            .str(String(String.UnicodeScalarView(try m.digest(args).map { Unicode.Scalar($0) })))
          }),
      ])
  }

  /// The algorithm's name and the data of a call of `_giltutor_hash`.
  private func hashArguments(_ args: [PyValue]) throws(PythonError) -> (name: String, data: String) {
    guard args.count == 2, case .str(let name) = args[0], PythonDigests.names.contains(name) else {
      throw raise("ValueError", "unsupported hash type")
    }
    guard case .str(let data) = args[1] else { throw raise("TypeError", "object supporting the buffer API required") }
    return (name, data)
  }

  /// The digest `hexdigest(name, data)` asks for. The last one is kept: a program that hashes the same buffer
  /// again and again (a benchmark's loop) gets it without computing it again.
  private func digest(_ args: [PyValue]) throws(PythonError) -> [UInt8] {
    let (name, data) = try hashArguments(args)
    if let last = lastDigest, last.name == name, last.data == data { return last.digest }
    let digest = PythonDigests.digest(name, Array(data.utf8))!
    lastDigest = (name, data, digest)
    return digest
  }

  /// The latency a `# giltutor: io` comment sets on the line of the program's innermost frame, if one does.
  private func programLineLatency() -> Nanos? {
    guard !ioLatencies.isEmpty,
      let frame = active.frames.last(where: { file(of: $0) == fileName })
    else { return nil }
    return ioLatencies[frame.compiled.lines[max(0, min(frame.ip - 1, frame.compiled.lines.count - 1))]]
  }

  /// `sys.stdout` and `sys.stderr`: `write` and `flush`, what a program and `logging` call on them (as objects
  /// that are modules inside giltutor: `print(file=sys.stderr)` knows them by their names).
  private func outputStream(isError: Bool) -> PyModule {
    PyModule(
      name: isError ? "<stderr>" : "<stdout>",
      attributes: [
        "write": .builtin(
          PyBuiltin(name: "write") { m, args, _ throws(PythonError) in
            guard args.count == 1, case .str(let text) = args[0] else {
              throw m.raise("TypeError", "write() argument must be str")
            }
            return try m.writeStream(text, isError: isError, flush: false, result: .int(Int64(text.count)))
          }),
        "flush": .builtin(
          PyBuiltin(name: "flush") { m, _, _ throws(PythonError) in
            try m.writeStream("", isError: isError, flush: true, result: .none)
          }),
        "name": .str(isError ? "<stderr>" : "<stdout>"),
      ])
  }

  private func sysModule() -> PyModule {
    PyModule(
      name: "sys",
      attributes: [
        "setswitchinterval": .builtin(
          PyBuiltin(name: "setswitchinterval") { m, args, _ throws(PythonError) in
            guard args.count == 1 else { throw m.raise("TypeError", "setswitchinterval() takes exactly one argument") }
            let d = try m.nanoseconds(args[0], "a float")
            guard d > 0 else { throw m.raise("ValueError", "switch interval must be strictly positive") }
            throw m.requesting(.setSwitchInterval(d))
          }),
        "getswitchinterval": .builtin(
          PyBuiltin(name: "getswitchinterval") { m, _, _ in .float(Double(m.switchInterval) / 1e9) }),
        "version_info": .tuple([
          .int(Int64(version.major)), .int(Int64(version.minor)), .int(Int64(version.micro)), .str("final"), .int(0),
        ]),
        "argv": .list(PyList(([fileName] + arguments).map { .str($0) })),
        "stdout": .module(outputStream(isError: false)),
        "stderr": .module(outputStream(isError: true)),
      ])
  }
}

extension PythonMachine {
  /// A callable's `__name__`, which 3.10+ puts in a thread's default name.
  static func name(of callable: PyValue) -> String? {
    switch callable {
    case .function(let f): f.name
    case .builtin(let b): b.name
    case .method(_, let function): name(of: function)
    case .builtinMethod(_, let name): name
    case .type(let type): type.name
    default: nil
    }
  }
}
