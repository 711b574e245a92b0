import SchedulerEngine

/// The giltutor trace file: a compact binary form of a `Trace` that `giltutor replay` opens.
///
/// Little-endian throughout; strings are a UInt32 byte count and UTF-8; layout in docs/trace-format.md. A reader
/// refuses files of a newer version and reports damaged data with the byte offset where it went wrong.
public enum TraceFile {
  /// The first 8 bytes of every trace file.
  public static let magic: [UInt8] = Array("GILTRACE".utf8)
  /// The version this build writes and the newest it reads. Version 2 adds `TraceOutcome` after the events;
  /// version 3 may hold a lean trace's `bytecodeRun` events, signals, stop-the-world events and the `stopped` state.
  public static let version: UInt16 = 3
  /// Bytes per event in the file.
  public static let eventSize = 24

  /// Why a file could not be read: the message and the byte offset where reading stopped.
  public struct ReadError: Error, Equatable, CustomStringConvertible {
    public var offset: Int
    public var message: String
    public init(offset: Int, message: String) {
      self.offset = offset
      self.message = message
    }
    public var description: String { "byte \(offset): \(message)".escapingControlCharacters() }
  }

  /// Whether `bytes` start like a trace file (as opposed to JSON).
  public static func looksLikeTraceFile(_ bytes: [UInt8]) -> Bool { bytes.starts(with: magic) }

  public static func write(_ trace: Trace) -> [UInt8] {
    var out = ByteWriter()
    out.bytes += magic
    out.u16(version)
    out.u16(0)  // flags, none yet
    let scenario = trace.scenario
    out.string(scenario.title)
    out.string(scenario.interpreter.rawValue)
    out.i64(scenario.switchInterval)
    out.i64(Int64(scenario.checkInterval))
    out.i64(Int64(scenario.cores))
    out.u64(scenario.seed)
    out.u8(trace.truncation?.rawValue ?? 0)
    out.count(scenario.processes.count)
    for process in scenario.processes { out.string(process.name) }
    out.count(scenario.shared.count)
    for variable in scenario.shared {
      out.string(variable.name)
      out.i64(variable.initialValue)
    }
    out.count(scenario.locks.count)
    for lock in scenario.locks { out.string(lock.name) }
    out.count(trace.threads.count)
    for (index, thread) in trace.threads.enumerated() {
      out.string(thread.name)
      out.u32(UInt32(thread.process))
      out.u8(thread.isEventLoop ? 1 : 0)
      let stats = index < trace.statistics.threads.count ? trace.statistics.threads[index] : ThreadStatistics()
      out.i64(stats.cpu)
      out.i64(stats.gilWait)
      out.i64(stats.io)
      out.i64(stats.finishedAt ?? -1)
    }
    out.count(trace.tasks.count)
    for task in trace.tasks {
      out.string(task.name)
      out.u32(UInt32(task.loopThread))
      out.i64(task.finishedAt ?? -1)
      out.i64(task.maxLateness)
    }
    out.count(trace.instructions.count)
    for instruction in trace.instructions {
      out.string(instruction.opname)
      out.i64(instruction.arg.map(Int64.init) ?? Int64.min)
      out.string(instruction.argrepr)
      out.u8(instruction.isCheckPoint ? 1 : 0)
    }
    out.count(trace.sharedFinal.count)
    for (name, value) in trace.sharedFinal {
      out.string(name)
      out.i64(value)
    }
    out.i64(trace.statistics.wallTime)
    out.i64(Int64(trace.statistics.gilSwitches))
    for spans in trace.spans {
      out.count(spans.count)
      for span in spans {
        out.i64(span.start)
        out.i64(span.end)
        out.u8(span.state.rawValue)
      }
    }
    out.count(trace.gilSpans.count)
    for spans in trace.gilSpans {
      out.count(spans.count)
      for span in spans {
        out.i64(span.start)
        out.i64(span.end)
        out.u32(UInt32(bitPattern: span.holder))
      }
    }
    out.u64(UInt64(trace.events.count))
    out.bytes.reserveCapacity(out.bytes.count + trace.events.count * eventSize)
    for event in trace.events {
      out.i64(event.time)
      out.i64(event.value)
      out.u32(UInt32(bitPattern: event.detail))
      out.u16(UInt16(bitPattern: event.thread))
      out.u8(event.kind.rawValue)
      out.u8(0)
    }
    TraceOutcome.write(trace, to: &out)
    return out.bytes
  }

  public static func read(_ bytes: [UInt8]) throws(ReadError) -> Trace {
    var r = ByteReader(bytes: bytes)
    guard bytes.count >= magic.count, bytes.starts(with: magic) else {
      throw ReadError(offset: 0, message: "not a giltutor trace file (it does not start with 'GILTRACE')")
    }
    r.offset = magic.count
    let fileVersion = try r.u16()
    guard fileVersion <= version else {
      throw ReadError(
        offset: magic.count,
        message: "trace file version \(fileVersion) is newer than this giltutor reads (\(version)); update giltutor")
    }
    guard fileVersion >= 1 else { throw ReadError(offset: magic.count, message: "trace file version 0 is invalid") }
    _ = try r.u16()
    var scenario = Scenario()
    scenario.title = try r.string()
    let interpreterAt = r.offset
    let interpreterName = try r.string()
    guard let interpreter = InterpreterKind(rawValue: interpreterName) else {
      throw ReadError(offset: interpreterAt, message: "unknown interpreter '\(interpreterName)'")
    }
    scenario.interpreter = interpreter
    scenario.switchInterval = try r.bounded(1...Limits.maximumDuration, "a switch interval")
    scenario.checkInterval = Int(try r.bounded(1...Int64(Limits.maximumCheckInterval), "a check interval"))
    scenario.cores = Int(try r.bounded(1...Int64(Limits.maximumCores), "a core count"))
    scenario.seed = try r.u64()
    let truncatedAt = r.offset
    let truncatedCode = try r.u8()
    guard truncatedCode == 0 || Trace.Truncation(rawValue: truncatedCode) != nil else {
      throw ReadError(offset: truncatedAt, message: "unknown truncation code \(truncatedCode)")
    }
    scenario.processes = try r.list { r throws(ReadError) in
      ProcessDeclaration(name: try r.string(), threads: [], eventLoops: [])
    }
    scenario.shared = try r.list { r throws(ReadError) in
      SharedVariable(name: try r.string(), initialValue: try r.i64())
    }
    scenario.locks = try r.list { r throws(ReadError) in LockDeclaration(name: try r.string()) }
    var statistics = Statistics()
    let processCount = max(1, scenario.processes.count)
    let threads = try r.list { r throws(ReadError) -> ThreadInfo in
      let name = try r.string()
      let processAt = r.offset
      let process = Int(try r.u32())
      guard process < processCount else {
        throw ReadError(offset: processAt, message: "thread '\(name)' is in process \(process), which does not exist")
      }
      let info = ThreadInfo(name: name, process: process, isEventLoop: try r.u8() != 0)
      let cpu = try r.time()
      let gilWait = try r.time()
      let io = try r.time()
      let finished = try r.time(orNone: true)
      statistics.threads.append(
        ThreadStatistics(cpu: cpu, gilWait: gilWait, io: io, finishedAt: finished < 0 ? nil : finished))
      return info
    }
    let tasks = try r.list { r throws(ReadError) -> TaskInfo in
      let name = try r.string()
      let loop = Int(try r.u32())
      let finished = try r.time(orNone: true)
      return TaskInfo(
        name: name, loopThread: loop, finishedAt: finished < 0 ? nil : finished, maxLateness: try r.time())
    }
    let instructions = try r.list { r throws(ReadError) -> Instruction in
      let opname = try r.string()
      let arg = try r.i64()
      let argrepr = try r.string()
      return Instruction(opname, arg == Int64.min ? nil : Int(arg), argrepr, checkPoint: try r.u8() != 0)
    }
    let sharedFinal = try r.list { r throws(ReadError) -> (name: String, value: Int64) in
      (try r.string(), try r.i64())
    }
    statistics.wallTime = try r.time()
    statistics.gilSwitches = Int(try r.bounded(0...Int64(Int32.max), "a hand-off count"))
    var spans: [[StateSpan]] = []
    for _ in threads.indices {
      spans.append(
        try r.list { r throws(ReadError) -> StateSpan in
          let start = try r.time()
          let end = try r.time()
          let stateAt = r.offset
          guard let state = ThreadState(rawValue: try r.u8()) else {
            throw ReadError(offset: stateAt, message: "unknown thread state \(bytes[stateAt])")
          }
          guard end >= start else {
            throw ReadError(offset: stateAt - 16, message: "a state span ends before it starts")
          }
          return StateSpan(start: start, end: end, state: state)
        })
    }
    let gilSpans = try r.list { r throws(ReadError) -> [GILSpan] in
      try r.list { r throws(ReadError) -> GILSpan in
        let start = try r.time()
        let end = try r.time()
        guard end >= start else { throw ReadError(offset: r.offset - 8, message: "a GIL span ends before it starts") }
        let holderAt = r.offset
        let holder = Int32(bitPattern: try r.u32())
        guard holder >= 0 && Int(holder) < threads.count else {
          throw ReadError(offset: holderAt, message: "the GIL is held by thread \(holder), which does not exist")
        }
        return GILSpan(start: start, end: end, holder: holder)
      }
    }
    let countAt = r.offset
    let eventCount = try r.u64()
    let remaining = bytes.count - r.offset
    guard eventCount <= UInt64(remaining / eventSize) else {
      let whole = remaining / eventSize
      throw ReadError(
        offset: r.offset + whole * eventSize,
        message: "the file is truncated: it announces \(eventCount) events at byte \(countAt) but holds \(whole)")
    }
    let events = try readEvents(bytes, from: r.offset, count: Int(eventCount), threads: threads.count)
    r.offset += Int(eventCount) * eventSize
    var trace = Trace(
      scenario: scenario, threads: threads, tasks: tasks, events: events, spans: spans, gilSpans: gilSpans,
      instructions: instructions, sharedFinal: sharedFinal, statistics: statistics)
    if fileVersion >= 2 { try TraceOutcome.read(into: &trace, from: &r) }
    guard r.offset == bytes.count else {
      let after = fileVersion >= 2 ? "the run's outcome" : "the last event"
      throw ReadError(offset: r.offset, message: "\(bytes.count - r.offset) unexpected bytes after \(after)")
    }
    for t in trace.statistics.threads.indices where t < spans.count {
      trace.statistics.threads[t].startedAt = ThreadStatistics.firstPython(in: spans[t])
    }
    trace.truncation = Trace.Truncation(rawValue: truncatedCode)
    return trace
  }

  /// The packed events, checked as they are decoded (kinds known, threads in range, times in order).
  private static func readEvents(_ bytes: [UInt8], from start: Int, count: Int, threads: Int) throws(ReadError)
    -> [TraceEvent]
  {
    var events: [TraceEvent] = []
    events.reserveCapacity(count)
    var failure: ReadError?
    bytes.withUnsafeBytes { raw in
      var offset = start
      var previous = Int64.min
      for _ in 0..<count {
        let time = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self))
        let value = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: Int64.self))
        let detail = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 16, as: Int32.self))
        let thread = Int16(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 20, as: Int16.self))
        guard let kind = EventKind(rawValue: raw[offset + 22]) else {
          failure = ReadError(offset: offset + 22, message: "unknown event kind \(raw[offset + 22])")
          return
        }
        guard thread >= -1 && Int(thread) < threads else {
          failure = ReadError(offset: offset + 20, message: "event for thread \(thread), which does not exist")
          return
        }
        guard time >= previous else {
          failure = ReadError(offset: offset, message: "events out of time order")
          return
        }
        guard (0...Limits.maximumTraceTime).contains(time) else {
          failure = ReadError(offset: offset, message: ByteReader.outOfRange(time))
          return
        }
        if kind == .bytecodeRun {
          guard detail >= 0, thread >= 0 else {
            failure = ReadError(offset: offset + 16, message: "a bytecode stretch of \(detail) instructions")
            return
          }
          guard (0...Limits.maximumTraceTime).contains(value) else {
            failure = ReadError(offset: offset + 8, message: ByteReader.outOfRange(value))
            return
          }
        }
        previous = time
        events.append(TraceEvent(time: time, thread: thread, kind: kind, detail: detail, value: value))
        offset += eventSize
      }
    }
    if let failure { throw failure }
    return events
  }
}

struct ByteWriter {
  var bytes: [UInt8] = []
  mutating func u8(_ v: UInt8) { bytes.append(v) }
  mutating func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
  mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
  mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
  mutating func i64(_ v: Int64) { u64(UInt64(bitPattern: v)) }
  mutating func count(_ n: Int) { u32(UInt32(n)) }
  mutating func string(_ s: String) {
    let utf8 = Array(s.utf8)
    count(utf8.count)
    bytes += utf8
  }
}

struct ByteReader {
  let bytes: [UInt8]
  var offset = 0

  mutating func take(_ n: Int, _ what: String) throws(TraceFile.ReadError) -> ArraySlice<UInt8> {
    guard n >= 0, offset + n <= bytes.count else {
      throw TraceFile.ReadError(offset: bytes.count, message: "the file is truncated (it ends inside \(what))")
    }
    defer { offset += n }
    return bytes[offset..<offset + n]
  }
  mutating func unsigned(_ n: Int) throws(TraceFile.ReadError) -> UInt64 {
    var v: UInt64 = 0
    for (shift, byte) in try take(n, "the header").enumerated() { v |= UInt64(byte) << (8 * UInt64(shift)) }
    return v
  }
  mutating func u8() throws(TraceFile.ReadError) -> UInt8 { UInt8(try unsigned(1)) }
  mutating func u16() throws(TraceFile.ReadError) -> UInt16 { UInt16(try unsigned(2)) }
  mutating func u32() throws(TraceFile.ReadError) -> UInt32 { UInt32(try unsigned(4)) }
  mutating func u64() throws(TraceFile.ReadError) -> UInt64 { try unsigned(8) }
  mutating func i64() throws(TraceFile.ReadError) -> Int64 { Int64(bitPattern: try unsigned(8)) }

  /// A time or a duration: what the screens draw, so it must lie between 0 and `Limits.maximumTraceTime` (or be
  /// -1 for "never", where `orNone`).
  mutating func time(orNone: Bool = false) throws(TraceFile.ReadError) -> Int64 {
    let at = offset
    let value = try i64()
    guard (0...Limits.maximumTraceTime).contains(value) || (orNone && value == -1) else {
      throw TraceFile.ReadError(offset: at, message: Self.outOfRange(value))
    }
    return value
  }

  static func outOfRange(_ value: Int64) -> String {
    "a time of \(value) ns, outside what a trace may hold (0 to \(Limits.describe(Limits.maximumTraceTime)))"
  }

  /// A count or a setting that must lie in `range`.
  mutating func bounded(_ range: ClosedRange<Int64>, _ what: String) throws(TraceFile.ReadError) -> Int64 {
    let at = offset
    let value = try i64()
    guard range.contains(value) else {
      throw TraceFile.ReadError(
        offset: at, message: "\(what) of \(value), outside \(range.lowerBound) to \(range.upperBound)")
    }
    return value
  }
  mutating func string() throws(TraceFile.ReadError) -> String {
    let at = offset
    let length = Int(try u32())
    guard length <= 1 << 20 else { throw TraceFile.ReadError(offset: at, message: "a name of \(length) bytes") }
    let utf8 = try take(length, "a name")
    guard let text = String(validating: utf8, as: UTF8.self) else {
      throw TraceFile.ReadError(offset: at + 4, message: "a name that is not UTF-8")
    }
    return text
  }
  /// A UInt32 count, then that many items (a count larger than the bytes left is damage, not a reason to allocate).
  mutating func list<T>(_ item: (inout ByteReader) throws(TraceFile.ReadError) -> T) throws(TraceFile.ReadError)
    -> [T]
  {
    let at = offset
    let n = Int(try u32())
    guard n <= bytes.count - offset else {
      throw TraceFile.ReadError(offset: at, message: "a count of \(n) items, more than the file holds")
    }
    var items: [T] = []
    items.reserveCapacity(n)
    for _ in 0..<n { items.append(try item(&self)) }
    return items
  }
}
