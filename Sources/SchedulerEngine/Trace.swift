/// What a thread is doing during a stretch of time.
public enum ThreadState: UInt8, Sendable, CaseIterable {
  /// Not started yet.
  case notStarted
  /// Running Python bytecode (holding the GIL, where there is one).
  case running
  /// Running C code that holds the GIL with no check point (`builtin`).
  case builtin
  /// Wants the GIL and waits for it (asleep on the GIL's condition variable).
  case waitingGIL
  /// Blocked in I/O, GIL released.
  case io
  /// In `time.sleep`, GIL released.
  case sleeping
  /// Running C code with the GIL released (`native`).
  case native
  /// Blocked on a `threading.Lock`.
  case waitingLock
  /// Ready to run but every core is busy (the OS has not scheduled it).
  case runnable
  /// An event loop waiting in its selector for a timer or I/O.
  case selecting
  /// Finished.
  case finished
  /// Paused by another thread's stop-the-world (a free-threaded build's garbage collection).
  case stopped
}

/// One thing that happened. Compact (24 bytes) so that long traces stay small.
public struct TraceEvent: Sendable, Equatable {
  public var time: Nanos
  /// Kind-specific: a value read or written, a duration.
  public var value: Int64
  /// Kind-specific: an instruction index, a lock index, a task index, another thread.
  public var detail: Int32
  /// Index into `Trace.threads`, or -1.
  public var thread: Int16
  public var kind: EventKind

  public init(time: Nanos, thread: Int16, kind: EventKind, detail: Int32 = -1, value: Int64 = 0) {
    self.time = time
    self.thread = thread
    self.kind = kind
    self.detail = detail
    self.value = value
  }
}

public enum EventKind: UInt8, Sendable, CaseIterable {
  case threadStart
  case threadFinish
  /// The thread asks for the GIL.
  case gilRequest
  /// A waiter timed out after one interval and set the drop request (new GIL). detail: the holder.
  case gilDropRequest
  /// The holder released the GIL. value: its `GILDropReason`.
  case gilDrop
  /// The thread took the GIL. detail: the previous holder.
  case gilAcquire
  /// A woken waiter found the GIL taken and went back to sleep.
  case gilAcquireFailed
  case ioStart
  case ioEnd
  case sleepStart
  case sleepEnd
  case nativeStart
  case nativeEnd
  case builtinStart
  case builtinEnd
  case computeStart
  case computeEnd
  /// One bytecode instruction ran. detail: index into `Trace.instructions`; value: the value it read or wrote.
  case bytecode
  /// detail: the lock.
  case lockWait
  case lockAcquire
  case lockRelease
  /// The event loop switched to a task. detail: index into `Trace.tasks`.
  case taskSwitch
  /// A task suspended at an await. detail: the task; value: how long it waits.
  case taskAwait
  /// detail: the task.
  case taskFinish
  /// The OS took the core away from the thread (time slice over or a woken thread preempted it).
  case osPreempt
  /// The OS gave the thread a core.
  case osDispatch
  /// A SIGINT reached the process: the main thread (the event's thread) will run Python's handler.
  case signalArrived
  /// A free-threaded build's garbage collection stops the world: every other thread of the process pauses at its
  /// next check point, or before it runs Python again. The event's thread collects.
  case worldStopped
  /// The collection is over: the paused threads go on.
  case worldRestarted
  /// In a lean trace, instructions that ran one after another with nothing else happening to the thread and were
  /// not kept one by one: detail: how many; value: how long they took from `time`.
  case bytecodeRun
}

/// A stretch of time in one state.
public struct StateSpan: Sendable, Equatable {
  public var start: Nanos
  public var end: Nanos
  public var state: ThreadState
  public init(start: Nanos, end: Nanos, state: ThreadState) {
    self.start = start
    self.end = end
    self.state = state
  }
}

/// A stretch of time during which one thread held a process's GIL.
public struct GILSpan: Sendable, Equatable {
  public var start: Nanos
  public var end: Nanos
  public var holder: Int32
  public init(start: Nanos, end: Nanos, holder: Int32) {
    self.start = start
    self.end = end
    self.holder = holder
  }
}

public struct ThreadInfo: Sendable, Equatable {
  public var name: String
  public var process: Int
  /// True for the thread that runs an event loop.
  public var isEventLoop: Bool

  public init(name: String, process: Int, isEventLoop: Bool = false) {
    self.name = name
    self.process = process
    self.isEventLoop = isEventLoop
  }
}

public struct TaskInfo: Sendable, Equatable {
  public var name: String
  /// The thread of its event loop.
  public var loopThread: Int
  public var finishedAt: Nanos?
  /// The longest delay between an awaited wait ending and the task running again.
  public var maxLateness: Nanos

  public init(name: String, loopThread: Int, finishedAt: Nanos? = nil, maxLateness: Nanos = 0) {
    self.name = name
    self.loopThread = loopThread
    self.finishedAt = finishedAt
    self.maxLateness = maxLateness
  }
}

/// One CPython instruction as `dis` prints it.
public struct Instruction: Sendable, Equatable, Hashable {
  public var opname: String
  public var arg: Int?
  /// What `dis` shows in brackets, e.g. `counter`, `+=`, `NULL + noop`.
  public var argrepr: String
  /// Whether the eval loop checks for a drop request here (3.10+: back-edges, function entry).
  public var isCheckPoint: Bool

  public init(_ opname: String, _ arg: Int? = nil, _ argrepr: String = "", checkPoint: Bool = false) {
    self.opname = opname
    self.arg = arg
    self.argrepr = argrepr
    self.isCheckPoint = checkPoint
  }

  /// `LOAD_GLOBAL 0 (counter)`.
  public var text: String {
    var s = opname
    if let arg { s += " \(arg)" }
    if !argrepr.isEmpty { s += " (\(argrepr))" }
    return s
  }
}

public struct ThreadStatistics: Sendable, Equatable {
  /// Time on a core: bytecode, builtins, C code and the costs of switching.
  public var cpu: Nanos = 0
  public var gilWait: Nanos = 0
  public var io: Nanos = 0
  public var finishedAt: Nanos? = nil
  /// When it first ran Python (after `Thread.start()`'s handshake): where its first span of running bytecode or a
  /// builtin starts (`firstPython(in:)`), so that it follows from the spans of any trace.
  public var startedAt: Nanos? = nil

  /// The start of the first span in which a thread ran Python.
  public static func firstPython(in spans: [StateSpan]) -> Nanos? {
    spans.first { $0.state == .running || $0.state == .builtin }?.start
  }

  public init(cpu: Nanos = 0, gilWait: Nanos = 0, io: Nanos = 0, finishedAt: Nanos? = nil) {
    self.cpu = cpu
    self.gilWait = gilWait
    self.io = io
    self.finishedAt = finishedAt
  }
}

public struct Statistics: Sendable, Equatable {
  public var wallTime: Nanos = 0
  /// Times a GIL changed hands (taken by a thread other than its previous holder), over all processes.
  public var gilSwitches: Int = 0
  public var threads: [ThreadStatistics] = []

  public init(wallTime: Nanos = 0, gilSwitches: Int = 0, threads: [ThreadStatistics] = []) {
    self.wallTime = wallTime
    self.gilSwitches = gilSwitches
    self.threads = threads
  }
}

/// Why a holder released the GIL: the value of a `gilDrop` event.
public enum GILDropReason: Int64, Sendable {
  /// A blocking call, `time.sleep`, C code that releases it, or the thread's end.
  case voluntary = 0
  /// Another thread set the drop request (new GIL).
  case requested = 1
  /// The old GIL's release every `check_interval` ticks.
  case periodic = 2
}

/// The result of a simulation: everything every view and answer is computed from.
public struct Trace: Sendable {
  public var scenario: Scenario
  public var threads: [ThreadInfo]
  public var tasks: [TaskInfo]
  public var events: [TraceEvent]
  /// How many events happened: `events.count`, unless the simulation only counted them.
  public var eventCount: Int
  /// Per thread, its states over time, back to back from 0 to `statistics.wallTime`.
  public var spans: [[StateSpan]]
  /// Per process, who held its GIL when (empty for free-threaded interpreters).
  public var gilSpans: [[GILSpan]]
  /// The instructions that bytecode events point into.
  public var instructions: [Instruction]
  /// Final values of the main process's shared variables, in declaration order, then its lists' lengths
  /// (`len(NAME)`).
  public var sharedFinal: [(name: String, value: Int64)]
  public var statistics: Statistics
  /// Set when the simulation hit a limit of its budget and the trace stops there.
  public var truncation: Truncation?
  /// True when the simulation hit its limit (events or simulated time) and the trace stops there.
  public var truncated: Bool { truncation != nil }
  /// Set when threads were left waiting for ever: the run ends there, with them waiting.
  public var deadlock: Deadlock?
  /// Exceptions that ended threads, in time order.
  public var raised: [Raised] = []
  /// A Python program's output, in the order it was written, with the simulated time of each piece.
  public var output: [PythonWrite] = []
  /// A Python program's exit status: 1 after an uncaught exception in the main thread.
  public var exitStatus: Int32? = nil
  /// What giltutor could not simulate in a Python program; the run stopped there.
  public var pythonProblem: PythonProblem? = nil

  public struct PythonProblem: Sendable, Equatable {
    public var message: String
    public var line: Int
    /// The program ran past the interpreter's budget of instructions where the scheduler could not cut it (in a
    /// function a built-in called back), rather than meeting something outside the subset.
    public var isBudget = false
    /// The file of the frame it happened in, when not the program's (a module written in Python).
    public var file: String? = nil
    public init(message: String, line: Int, isBudget: Bool = false, file: String? = nil) {
      self.message = message
      self.line = line
      self.isBudget = isBudget
      self.file = file
    }
  }

  /// An exception a thread raised and did not catch: `ValueError: Semaphore released too many times`.
  public struct Raised: Sendable, Equatable {
    public var thread: Int
    public var time: Nanos
    public var error: String
    public init(thread: Int, time: Nanos, error: String) {
      self.thread = thread
      self.time = time
      self.error = error
    }
  }

  /// Threads that wait for something no thread will ever release or give.
  public struct Deadlock: Sendable, Equatable {
    /// When the last thing happened.
    public var time: Nanos
    /// Every thread left waiting, in thread order.
    public var waits: [Wait]
    /// Threads each waiting for what the next one holds, the last for what the first holds (one thread: it holds
    /// what it waits for); empty when the waits end at a thread that is not waiting (it finished holding it).
    public var cycle: [Int]

    public init(time: Nanos, waits: [Wait], cycle: [Int]) {
      self.time = time
      self.waits = waits
      self.cycle = cycle
    }

    public struct Wait: Sendable, Equatable {
      public var thread: Int
      /// What it waits for, as the scenario names it: `lock guard`, `event ready`, `thread worker to finish`.
      public var resource: String
      /// The thread that holds it (a lock), or that it waits for (a join).
      public var holder: Int?
      /// Without a holder: why no one will give it, `which no thread will set`.
      public var nobody: String

      public init(thread: Int, resource: String, holder: Int?, nobody: String) {
        self.thread = thread
        self.resource = resource
        self.holder = holder
        self.nobody = nobody
      }
    }
  }

  /// Why a trace stops early: a limit of its `SimulationBudget`, or a recorded program that was stopped.
  public enum Truncation: UInt8, Sendable {
    case events = 1
    case time = 2
    case recordingStopped = 3
  }

  public init(
    scenario: Scenario, threads: [ThreadInfo], tasks: [TaskInfo], events: [TraceEvent], spans: [[StateSpan]],
    gilSpans: [[GILSpan]], instructions: [Instruction], sharedFinal: [(name: String, value: Int64)],
    statistics: Statistics
  ) {
    self.scenario = scenario
    self.threads = threads
    self.tasks = tasks
    self.events = events
    self.eventCount = events.count
    self.spans = spans
    self.gilSpans = gilSpans
    self.instructions = instructions
    self.sharedFinal = sharedFinal
    self.statistics = statistics
  }

  /// The state of a thread at time `t`.
  public func state(of thread: Int, at t: Nanos) -> ThreadState {
    let list = spans[thread]
    var lo = 0
    var hi = list.count - 1
    while lo <= hi {
      let mid = (lo + hi) / 2
      if list[mid].end <= t {
        lo = mid + 1
      } else if list[mid].start > t {
        hi = mid - 1
      } else {
        return list[mid].state
      }
    }
    return t < 0 || list.isEmpty ? .notStarted : (list.last!.state)
  }

  /// The index of the first event later than `t` (events are in time order).
  public func firstEvent(after t: Nanos) -> Int {
    var lo = 0
    var hi = events.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if events[mid].time <= t { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// Who held a process's GIL at time `t`, if anyone.
  public func gilHolder(process: Int, at t: Nanos) -> Int? {
    for span in gilSpans[process] where span.start <= t && t < span.end { return Int(span.holder) }
    return nil
  }
}

extension Trace {
  /// Whether the trace is lean: some of its bytecode instructions are kept only as `bytecodeRun` stretches.
  public var isLean: Bool { events.contains { $0.kind == .bytecodeRun } }

  /// How many instructions the lean trace's stretches stand for (0 when every instruction is kept).
  public var aggregatedInstructions: Int {
    events.reduce(0) { $0 + ($1.kind == .bytecodeRun ? Int($1.detail) : 0) }
  }

  /// The simulated time the trace covers: the statistics' wall time, or the end of the last state span when that
  /// is later (a recording stopped early). Every output and picture measures its time axis with it.
  public var coveredTime: Nanos {
    var wall = statistics.wallTime
    for list in spans { wall = max(wall, list.last?.end ?? 0) }
    return wall
  }
}
