import SchedulerEngine

/// The last section of a version-2 trace file: what the events alone do not say about a run — what each
/// synchronisation object is (so a replay says "waits for an item in queue jobs", not "for lock jobs"), how the GIL
/// was set (`PYTHON_GIL`, the import that turned it on), the exceptions that ended threads, and the deadlock.
enum TraceOutcome {
  static func write(_ trace: Trace, to out: inout ByteWriter) {
    for lock in trace.scenario.locks {
      let (code, parameter) = encode(lock.kind)
      out.u8(code)
      out.i64(Int64(parameter))
    }
    out.u8(trace.scenario.pythonGIL.map { $0 ? 1 : 2 } ?? 0)
    out.count(trace.scenario.extensions.count)
    for name in trace.scenario.extensions { out.string(name) }
    out.count(trace.raised.count)
    for raised in trace.raised {
      out.u32(UInt32(raised.thread))
      out.i64(raised.time)
      out.string(raised.error)
    }
    guard let deadlock = trace.deadlock else {
      out.u8(0)
      return
    }
    out.u8(1)
    out.i64(deadlock.time)
    out.count(deadlock.waits.count)
    for wait in deadlock.waits {
      out.u32(UInt32(wait.thread))
      out.string(wait.resource)
      out.i64(Int64(wait.holder ?? -1))
      out.string(wait.nobody)
    }
    out.count(deadlock.cycle.count)
    for thread in deadlock.cycle { out.u32(UInt32(thread)) }
  }

  static func read(into trace: inout Trace, from r: inout ByteReader) throws(TraceFile.ReadError) {
    let threads = trace.threads.count
    func thread(_ r: inout ByteReader) throws(TraceFile.ReadError) -> Int {
      let at = r.offset
      let t = Int(try r.u32())
      guard t < threads else { throw TraceFile.ReadError(offset: at, message: "thread \(t) does not exist") }
      return t
    }
    for i in trace.scenario.locks.indices {
      let at = r.offset
      let code = try r.u8()
      let parameter = try r.bounded(0...Int64(Limits.maximumObjectCount), "an object's count")
      guard let kind = decode(code, Int(parameter)) else {
        throw TraceFile.ReadError(offset: at, message: "unknown object kind \(code)")
      }
      trace.scenario.locks[i].kind = kind
    }
    let gilAt = r.offset
    switch try r.u8() {
    case 0: trace.scenario.pythonGIL = nil
    case 1: trace.scenario.pythonGIL = true
    case 2: trace.scenario.pythonGIL = false
    default: throw TraceFile.ReadError(offset: gilAt, message: "unknown PYTHON_GIL setting \(r.bytes[gilAt])")
    }
    trace.scenario.extensions = try r.list { r throws(TraceFile.ReadError) in try r.string() }
    trace.raised = try r.list { r throws(TraceFile.ReadError) in
      Trace.Raised(thread: try thread(&r), time: try r.time(), error: try r.string())
    }
    let flagAt = r.offset
    switch try r.u8() {
    case 0: return
    case 1: break
    default: throw TraceFile.ReadError(offset: flagAt, message: "unknown deadlock flag \(r.bytes[flagAt])")
    }
    let time = try r.time()
    let waits = try r.list { r throws(TraceFile.ReadError) -> Trace.Deadlock.Wait in
      let waiter = try thread(&r)
      let resource = try r.string()
      let holderAt = r.offset
      let holder = try r.i64()
      guard holder == -1 || (0..<Int64(threads)).contains(holder) else {
        throw TraceFile.ReadError(offset: holderAt, message: "thread \(holder) does not exist")
      }
      return .init(thread: waiter, resource: resource, holder: holder < 0 ? nil : Int(holder), nobody: try r.string())
    }
    let cycle = try r.list { r throws(TraceFile.ReadError) in try thread(&r) }
    trace.deadlock = Trace.Deadlock(time: time, waits: waits, cycle: cycle)
  }

  private static func encode(_ kind: SyncKind) -> (UInt8, Int) {
    switch kind {
    case .lock: (0, 0)
    case .rlock: (1, 0)
    case .event: (2, 0)
    case .semaphore(let count, let bounded): (bounded ? 4 : 3, count)
    case .queue(let maxsize): (5, maxsize)
    case .condition: (6, 0)
    case .barrier(let parties): (7, parties)
    case .threadPool(let workers): (8, workers)
    case .list: (9, 0)
    }
  }

  private static func decode(_ code: UInt8, _ parameter: Int) -> SyncKind? {
    switch code {
    case 0: .lock
    case 1: .rlock
    case 2: .event
    case 3, 4: .semaphore(parameter, bounded: code == 4)
    case 5: .queue(maxsize: parameter)
    case 6: .condition
    case 7: .barrier(parameter)
    case 8: .threadPool(workers: parameter)
    case 9: .list
    default: nil
    }
  }
}
