/// Everything that differs between the simulated CPython versions, in one place: the engine asks a thread's
/// profile what to do (which lock, where the check points are, which instructions `dis` prints), never which version
/// it runs. Sources for each field are in docs/engine-model.md.
public struct InterpreterProfile: Sendable, Equatable {
  /// Where a running thread looks at the GIL.
  public enum CheckPoints: Sendable, Equatable {
    /// After every instruction that goes back to the top of the eval loop (`DISPATCH()`, `continue`); the fast
    /// paths (`FAST_DISPATCH()`, `goto fast_next_opcode`) skip it. 2.7 counts its ticker there, 3.2–3.9 check the
    /// eval breaker there. A new frame enters at the top too, so a call is followed by a check before the callee's
    /// first instruction, and the caller's `CALL_FUNCTION` dispatches after the return.
    case everyDispatch(fastPath: Set<String>)
    /// Only at explicit check points: loop back-edges, calls and function entry (3.10 and later: bpo-29988,
    /// python/cpython#18334). The dialect says which instructions they are.
    case backEdgesAndCalls
  }

  /// What `time.sleep(0)` does.
  public enum SleepZero: Sendable, Equatable {
    /// 2.7: `select()` with no timeout, a quick system call with the GIL released.
    case selectCall
    /// 3.x: `clock_nanosleep`, which sleeps for the timer slack (CPython issue #125997).
    case timerSlack
  }

  /// Who the drop request belongs to.
  public enum DropRequest: Sendable, Equatable {
    /// One `gil_drop_request` flag per interpreter (`ceval_gil.c` from 3.2); the thread that took the GIL after
    /// asking for it clears it. (3.13's per-thread eval-breaker bit is not modelled yet.)
    case perInterpreter
  }

  /// How `threading.Lock` is built.
  public enum LockImplementation: Sendable, Equatable {
    /// A barging lock on a POSIX semaphore: a woken waiter takes it, without the GIL, only if it is still free
    /// (up to 3.12 and in 3.13.0).
    case semaphore
    /// `PyMutex` (`Python/lock.c`, from 3.13.1: python/cpython#117721): waiters park in first-come order with
    /// the GIL released; a woken waiter takes the GIL back first and then tries the lock, unless it had waited
    /// longer than `TIME_TO_BE_FAIR_NS` (1 ms), when the releasing thread hands the lock straight to it.
    case pyMutex
  }

  /// How `multiprocessing` starts a worker on Linux.
  public enum StartMethod: Sendable, Equatable {
    /// `fork`: the default on Linux up to 3.13.
    case fork
    /// `forkserver`: the default on Linux from 3.14 (python/cpython#84559). The program first starts a server,
    /// a fresh interpreter, and each worker is forked from it: the workers start later than with `fork`.
    case forkserver
  }

  /// What a free-threaded build (PEP 703) costs a thread that runs Python code.
  public struct FreeThreading: Sendable, Equatable {
    /// The time Python code takes on one thread, relative to the build with the GIL of the same version: 3.13t
    /// runs without the specializing interpreter, about 40 % slower; 3.14t turns it back on, 5-10 % slower.
    public var slowdown: Double
  }

  /// The lock that serialises bytecode: the old GIL (2.7), the new GIL (3.2+), or none (free-threaded).
  public var lockModel: InterpreterKind.LockModel
  public var checkPoints: CheckPoints
  /// The eval loop does not stop before these instructions even when a check is due (it goes on into the `with`
  /// or `try` block, so that `__exit__` is sure to run): `Python/ceval.c`'s main loop, 3.x up to 3.10.
  public var noCheckBefore: Set<String>
  /// The instruction set `dis` prints.
  var dialect: Dialect
  /// 3.12 added `FOR_ITER_RANGE`, which steps a `range` without calling its iterator.
  public var specializedRange: Bool
  public var sleepZero: SleepZero
  public var dropRequest: DropRequest
  public var lockImplementation: LockImplementation
  public var startMethod: StartMethod
  /// Set on the free-threaded builds, which have no GIL.
  public var freeThreading: FreeThreading?

  init(
    lockModel: InterpreterKind.LockModel, checkPoints: CheckPoints, noCheckBefore: Set<String> = [],
    dialect: Dialect, specializedRange: Bool = false, sleepZero: SleepZero = .timerSlack,
    startMethod: StartMethod = .fork, freeThreading: FreeThreading? = nil
  ) {
    self.lockModel = freeThreading == nil ? lockModel : .none
    self.checkPoints = checkPoints
    self.noCheckBefore = noCheckBefore
    self.dialect = dialect
    self.specializedRange = specializedRange
    self.sleepZero = sleepZero
    self.dropRequest = .perInterpreter
    self.lockImplementation = dialect >= .py313 ? .pyMutex : .semaphore
    self.startMethod = startMethod
    self.freeThreading = freeThreading
  }

  /// How long `work` of Python code (measured on the build with the GIL) takes on this build.
  func pythonTime(_ work: Nanos) -> Nanos {
    guard let freeThreading else { return work }
    return Nanos((Double(work) * freeThreading.slowdown).rounded())
  }

  /// Whether a check (the ticker, or the eval breaker) follows `opname`: derived from the fast paths where every
  /// dispatch checks, else the dialect's `explicit` choice; none when the next instruction enters a protected block.
  func checkFollows(_ opname: String, explicit: Bool, next: String? = nil) -> Bool {
    if let next, noCheckBefore.contains(next) { return false }
    switch checkPoints {
    case .everyDispatch(let fastPath): return !fastPath.contains(opname)
    case .backEdgesAndCalls: return explicit
    }
  }

  /// 2.7's `Python/ceval.c`: `LOAD_FAST`, `LOAD_CONST`, `STORE_FAST`, `POP_TOP` and a few others `goto
  /// fast_next_opcode`, past the ticker; 2.7 only skips the ticker's release before `SETUP_FINALLY`.
  static let python27 = InterpreterProfile(
    lockModel: .oldGIL,
    checkPoints: .everyDispatch(fastPath: [
      "LOAD_FAST", "LOAD_CONST", "STORE_FAST", "POP_TOP", "NOP", "ROT_TWO", "ROT_THREE", "ROT_FOUR", "DUP_TOP",
      "DUP_TOPX", "JUMP_FORWARD",
    ]),
    noCheckBefore: ["SETUP_FINALLY"], dialect: .py27, sleepZero: .selectCall)

  /// The instructions 3.8's and 3.9's `Python/ceval.c` end with `FAST_DISPATCH()` (on their common path).
  private static let fastPath38: Set<String> = [
    "NOP", "LOAD_FAST", "LOAD_CONST", "STORE_FAST", "POP_TOP", "ROT_TWO", "ROT_THREE", "ROT_FOUR", "DUP_TOP",
    "DUP_TOP_TWO", "JUMP_FORWARD", "POP_JUMP_IF_FALSE", "POP_JUMP_IF_TRUE", "JUMP_IF_FALSE_OR_POP",
    "JUMP_IF_TRUE_OR_POP",
  ]

  /// The top of 3.x's eval loop (up to 3.10) does not handle the eval breaker before these.
  private static let protectedBlocks: Set<String> = ["SETUP_FINALLY", "SETUP_WITH", "BEFORE_ASYNC_WITH", "YIELD_FROM"]

  static let python38 = InterpreterProfile(
    lockModel: .newGIL,
    checkPoints: .everyDispatch(fastPath: fastPath38.union(["BEGIN_FINALLY", "END_FINALLY", "CALL_FINALLY"])),
    noCheckBefore: protectedBlocks, dialect: .py38)

  static let python39 = InterpreterProfile(
    lockModel: .newGIL,
    checkPoints: .everyDispatch(fastPath: fastPath38.union(["IS_OP", "CONTAINS_OP", "LOAD_ASSERTION_ERROR"])),
    noCheckBefore: protectedBlocks, dialect: .py39)

  static let python310 = InterpreterProfile(
    lockModel: .newGIL, checkPoints: .backEdgesAndCalls, noCheckBefore: protectedBlocks, dialect: .py310)

  static let python311 = InterpreterProfile(lockModel: .newGIL, checkPoints: .backEdgesAndCalls, dialect: .py311)

  static let python312 = InterpreterProfile(
    lockModel: .newGIL, checkPoints: .backEdgesAndCalls, dialect: .py312, specializedRange: true)

  static let python313 = InterpreterProfile(
    lockModel: .newGIL, checkPoints: .backEdgesAndCalls, dialect: .py313, specializedRange: true)

  /// 3.13t's missing specialization is in its slowdown, a figure for whole programs; the costs it multiplies are
  /// 3.13's.
  static let python313t = python313.freeThreaded(slowdown: 1.40)

  static let python314 = InterpreterProfile(
    lockModel: .newGIL, checkPoints: .backEdgesAndCalls, dialect: .py314, specializedRange: true,
    startMethod: .forkserver)

  static let python314t = python314.freeThreaded(slowdown: 1.075)

  static let python315 = InterpreterProfile(
    lockModel: .newGIL, checkPoints: .backEdgesAndCalls, dialect: .py315, specializedRange: true,
    startMethod: .forkserver)

  static let python315t = python315.freeThreaded(slowdown: 1.075)

  /// The same version built with `--disable-gil`: no GIL, Python code `slowdown` times slower.
  func freeThreaded(slowdown: Double) -> InterpreterProfile {
    InterpreterProfile(
      lockModel: .none, checkPoints: checkPoints, noCheckBefore: noCheckBefore, dialect: dialect,
      specializedRange: specializedRange, sleepZero: sleepZero, startMethod: startMethod,
      freeThreading: FreeThreading(slowdown: slowdown))
  }
}

extension InterpreterKind {
  /// What this interpreter does differently from the others.
  public var profile: InterpreterProfile {
    switch self {
    case .cpython27: .python27
    case .cpython38: .python38
    case .cpython39: .python39
    case .cpython310: .python310
    case .cpython311: .python311
    case .cpython312: .python312
    case .cpython313: .python313
    case .cpython313t: .python313t
    case .cpython314: .python314
    case .cpython314t: .python314t
    case .cpython315: .python315
    case .cpython315t: .python315t
    }
  }
}
