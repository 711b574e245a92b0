import SchedulerEngine

extension Scenario {
  /// The same program at a fraction of its size: every loop count and every duration divided by `factor` (at least
  /// one iteration and one microsecond; `sleep 0s` stays zero). The measured programs count to millions so that a
  /// real run lasts long enough to time; the properties these tests ask of the engine (it runs to the end, a ratio
  /// of long runs, a fraction lost) do not need that many events.
  func shrunk(by factor: Int) -> Scenario {
    var copy = self
    copy.processes = processes.map { process in
      var process = process
      process.threads = process.threads.map { thread in
        var thread = thread
        thread.body = Self.shrink(thread.body, factor)
        return thread
      }
      process.eventLoops = process.eventLoops.map { loop in
        var loop = loop
        loop.tasks = loop.tasks.map { task in
          var task = task
          task.body = Self.shrink(task.body, factor)
          return task
        }
        return loop
      }
      return process
    }
    copy.mainBody = mainBody.map { Self.shrink($0, factor) }
    copy.pools = pools.map { pool in
      var pool = pool
      pool.job = Self.shrink(pool.job, factor)
      return pool
    }
    return copy
  }

  /// The same program on another interpreter, or another number of cores.
  func on(_ interpreter: InterpreterKind) -> Scenario {
    var copy = self
    copy.interpreter = interpreter
    return copy
  }

  func on(cores: Int) -> Scenario {
    var copy = self
    copy.cores = cores
    return copy
  }

  private static func shrink(_ body: [Statement], _ factor: Int) -> [Statement] {
    body.map { statement in
      var statement = statement
      statement.kind = shrink(statement.kind, factor)
      return statement
    }
  }

  private static func shrink(_ kind: StatementKind, _ factor: Int) -> StatementKind {
    func time(_ d: Nanos) -> Nanos { d == 0 ? 0 : max(d / Nanos(factor), Time.microsecond) }
    switch kind {
    case .compute(let d): return .compute(time(d))
    case .io(let d): return .io(time(d))
    case .sleep(let d): return .sleep(time(d))
    case .native(let d): return .native(time(d))
    case .builtin(let d): return .builtin(time(d))
    case .gc(let d): return .gc(time(d))
    case .awaitIO(let d): return .awaitIO(time(d))
    case .awaitSleep(let d): return .awaitSleep(time(d))
    case .awaitThread(let body): return .awaitThread(shrink(body, factor))
    case .repeatBlock(let count, let body):
      return .repeatBlock(count: max(count / factor, 1), body: shrink(body, factor))
    case .withLock(let name, let body): return .withLock(name: name, body: shrink(body, factor))
    case .sync(var call):
      call.timeout = call.timeout.map(time)
      return .sync(call)
    case .assign, .augmentedAssign, .call: return kind
    }
  }
}
