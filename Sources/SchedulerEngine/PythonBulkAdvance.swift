/// Advancing a Python thread in bulk: a stretch of instructions that touch only the frame's locals, constants,
/// value stack and (with a GIL) the module's names, on numbers and `range` iterators, runs in a tight loop over
/// unboxed values, instead of one instruction at a time through the interpreter and the scheduler's op.
///
/// It is the same run, only faster: each instruction is recorded at the time it ends as `executePython` records
/// it, and the stretch stops before any instruction that could do more: one that calls, raises (a division by
/// zero, an overflow, an unbound local), touches data other threads see while they may run beside it (a
/// free-threaded build), or would end past the next queued event or the budget. Nothing can happen to the thread
/// or its process between two such instructions (no event comes before the horizon, no other thread of the
/// process runs Python without the GIL, and a check point finds no drop request, signal or stopped world), so
/// their effect is the thread's alone. `Tests/PythonFrontEndTests/BulkAdvanceTests.swift` compares the two ways trace for trace.
extension Simulation {
  /// Whether the thread may run a stretch in bulk now: it runs Python with nothing owed, no call pending and
  /// nothing for its check points to do.
  @inline(__always)
  func mayAdvanceInBulk(_ t: Int) -> Bool {
    advancesInBulk && !breakerJobs && threads[t].owed == 0 && lockModel != .oldGIL
      && (lockModel == .none || !processes[threads[t].process].gil.dropRequest)
  }

  /// Runs the thread's instructions in bulk from its frame's next one, as far as they go (see above).
  /// (`executePython` calls it where the frame's next instruction is worth entering: `BulkStep.worthEntering`.)
  mutating func advanceInBulk(_ t: Int, _ machine: PythonMachine, _ frame: PythonFrame) {
    guard machine.nestedRuns == 0 else { return }
    let compiled = frame.compiled
    var run = BulkRun(frame, names: compiled.names)
    defer { run.release() }
    let horizon = queue.nextTime
    let room = machine.budget - machine.executed
    var ip = frame.ip
    var count = 0
    if detail == .counted {
      // Each instruction is an event of the trace, and a sixteenth of one spends the budget, which bounds the
      // time a counted run takes: an instruction advanced in bulk takes well under a sixteenth of one run alone.
      // The budget then lets the stretch run `limit` instructions.
      let (sixteenths, overflow) = max(maxEvents - budgetSpent, 0).multipliedReportingOverflow(by: 16)
      let limit = min(room, overflow ? .max : sixteenths - (bulkTally & 15))
      var clock = now
      compiled.bulk.withUnsafeBufferPointer { steps in
        // (Wrapping arithmetic: the times are within a day and the counts within the budget, and the checks
        // that overflow traps on take a tenth of the loop's time.)
        while count < limit && run.depth < run.capacity {
          let step = steps[ip]
          // Four instructions at once where they fuse (a counted run records no event of its own for each).
          if step.fusion.kind != .none && step.fusion.cost <= horizon &- clock && limit &- count >= 4,
            let next = run.performFused(step.fusion, at: ip)
          {
            ip = next
            count &+= 4
            clock &+= step.fusion.cost
            continue
          }
          guard step.cost <= horizon &- clock, let next = run.perform(step, at: ip) else { break }
          ip = next
          count &+= 1
          clock &+= step.cost
        }
      }
      now = clock
      eventCount += count
      budgetSpent += ((bulkTally & 15) + count) >> 4
      bulkTally &+= count
    } else {
      compiled.bulk.withUnsafeBufferPointer { steps in
        while count < room && budgetSpent < maxEvents && run.depth < run.capacity {
          let step = steps[ip]
          guard step.cost <= horizon - now, let next = run.perform(step, at: ip) else { break }
          ip = next
          count += 1
          now += step.cost
          record(t, .bytecode, detail: Int(step.traceIndex))
        }
      }
    }
    guard count > 0 else { return }
    machine.executed += count
    frame.ip = ip
    run.store(into: frame)
  }
}

/// What bulk advancing can do with one instruction.
struct BulkStep {
  enum Kind: UInt8 {
    /// The interpreter must run it.
    case none
    case nop, loadConst, loadFast, storeFast, popTop, copy, swap
    /// The module's names (LOAD_GLOBAL, STORE_GLOBAL; LOAD_NAME, STORE_NAME in module code).
    case loadGlobal, storeGlobal, loadName, storeName
    case binary, compare, negate, not, jumpIfFalse, jumpIfTrue, jump, forIter
    /// 3.13's: two locals (the first's number in the argument's upper half), and a value made a bool.
    case loadFastLoadFast, storeFastLoadFast, storeFastStoreFast, toBool

    /// How many instructions of 3.12's the step does.
    var instructions: Int {
      switch self {
      case .loadFastLoadFast, .storeFastLoadFast, .storeFastStoreFast: 2
      default: 1
      }
    }
  }
  var kind: Kind
  /// The local's or name's number, the operator, the jump's target, `COPY`'s and `SWAP`'s depth.
  var argument: Int64 = 0
  var constant = BulkValue.int(0)
  /// The four instructions from here as one step, where they are a local's arithmetic or test.
  var fusion = Fusion()

  /// `x = a OP b` (LOAD_FAST a, LOAD_FAST b or LOAD_CONST b, BINARY_OP, STORE_FAST x) or `if a CMP b` (..,
  /// COMPARE_OP, POP_JUMP_IF_x): one dispatch instead of four, the hot loop's usual shapes.
  struct Fusion {
    enum Kind: UInt8 { case none, binaryStore, compareJumpIfFalse, compareJumpIfTrue }
    var kind = Kind.none
    var left: Int32 = 0
    /// The right operand: a local's number, or nil for `constant`.
    var rightLocal: Int32 = -1
    var constant = BulkValue.int(0)
    var operation: Int64 = 0
    /// The local stored, or the jump's target.
    var destination: Int32 = 0
    /// The four instructions' time.
    var cost: Nanos = 0
  }

  /// The fusion of the four steps from `ip`, if they are one.
  static func fusion(_ steps: [BulkStep], at ip: Int) -> Fusion {
    guard ip + 3 < steps.count, steps[ip].kind == .loadFast,
      steps[ip + 1].kind == .loadFast || steps[ip + 1].kind == .loadConst
    else { return Fusion() }
    var fusion = Fusion(
      left: Int32(steps[ip].argument), rightLocal: steps[ip + 1].kind == .loadFast ? Int32(steps[ip + 1].argument) : -1,
      constant: steps[ip + 1].constant, operation: steps[ip + 2].argument,
      destination: Int32(steps[ip + 3].argument), cost: (ip...ip + 3).reduce(0) { $0 + steps[$1].cost })
    switch (steps[ip + 2].kind, steps[ip + 3].kind) {
    case (.binary, .storeFast): fusion.kind = .binaryStore
    case (.compare, .jumpIfFalse): fusion.kind = .compareJumpIfFalse
    case (.compare, .jumpIfTrue): fusion.kind = .compareJumpIfTrue
    default: return Fusion()
    }
    return fusion
  }
  var cost: Nanos = 0
  var traceIndex: Int32 = 0
  /// A stretch from here is long enough to pay for entering it (copying the frame's values in and out): it is
  /// inside a loop that runs in bulk whole, or runs on for `worthwhile` instructions.
  var worthEntering = false
  static let worthwhile = 8

  /// The steps of a code object's instructions.
  static func steps(
    _ ops: [PythonOp], constants: [PyValue], _ scheduling: [InstructionScheduling], withGIL: Bool
  ) -> [BulkStep] {
    var steps = zip(ops, scheduling).map { op, scheduling in
      make(op, constants: constants, scheduling, withGIL: withGIL)
    }
    for ip in steps.indices { steps[ip].fusion = fusion(steps, at: ip) }
    // A loop whose every instruction bulk advancing takes: worth entering anywhere in it.
    for j in steps.indices where steps[j].kind == .jump && Int(steps[j].argument) <= j {
      let loop = Int(steps[j].argument)...j
      if loop.allSatisfy({ steps[$0].kind != .none }) { for ip in loop { steps[ip].worthEntering = true } }
    }
    // Elsewhere, from as many instructions on as it takes to pay for the entry (counted backwards, up to the next
    // the interpreter must run).
    // (3.13's fused loads and stores count for the two instructions they are.)
    var reach = 0
    for ip in steps.indices.reversed() {
      reach = steps[ip].kind == .none ? 0 : reach + steps[ip].kind.instructions
      if reach >= worthwhile { steps[ip].worthEntering = true }
    }
    return steps
  }

  /// The step of `op`, whose scheduling says its time and place in the trace; `withGIL`: whether the build has
  /// one, which keeps the other threads out of the data they share while this one runs.
  private static func make(_ op: PythonOp, constants: [PyValue], _ scheduling: InstructionScheduling, withGIL: Bool)
    -> BulkStep
  {
    var step = BulkStep(kind: .none, cost: scheduling.cost, traceIndex: scheduling.traceIndex)
    guard withGIL || !scheduling.shared, scheduling.check != .afterCCall else { return step }
    switch op {
    case .loadGlobal(let i, null: .none): (step.kind, step.argument) = (.loadGlobal, Int64(i))
    case .storeGlobal(let i): (step.kind, step.argument) = (.storeGlobal, Int64(i))
    case .loadName(let i): (step.kind, step.argument) = (.loadName, Int64(i))
    case .storeName(let i): (step.kind, step.argument) = (.storeName, Int64(i))
    case .nop: step.kind = .nop
    case .loadConst(let i):
      guard let value = BulkValue.number(constants[i]) else { return step }
      step.kind = .loadConst
      step.constant = value
    case .loadFast(let i): (step.kind, step.argument) = (.loadFast, Int64(i))
    case .storeFast(let i): (step.kind, step.argument) = (.storeFast, Int64(i))
    case .loadFastLoadFast(let a, let b): (step.kind, step.argument) = (.loadFastLoadFast, Int64(a << 16 | b))
    case .storeFastLoadFast(let a, let b): (step.kind, step.argument) = (.storeFastLoadFast, Int64(a << 16 | b))
    case .storeFastStoreFast(let a, let b): (step.kind, step.argument) = (.storeFastStoreFast, Int64(a << 16 | b))
    case .toBool: step.kind = .toBool
    case .popTop: step.kind = .popTop
    case .copy(let n): (step.kind, step.argument) = (.copy, Int64(n))
    case .swap(let n): (step.kind, step.argument) = (.swap, Int64(n))
    case .binaryOp(let operation): (step.kind, step.argument) = (.binary, Int64(operation % 13))
    case .compareOp(let comparison): (step.kind, step.argument) = (.compare, Int64(comparison))
    case .unaryNegative: step.kind = .negate
    case .unaryNot: step.kind = .not
    case .popJumpIfFalse(let target): (step.kind, step.argument) = (.jumpIfFalse, Int64(target))
    case .popJumpIfTrue(let target): (step.kind, step.argument) = (.jumpIfTrue, Int64(target))
    case .jump(let target): (step.kind, step.argument) = (.jump, Int64(target))
    case .forIter(let target): (step.kind, step.argument) = (.forIter, Int64(target))
    default: break
    }
    return step
  }
}

/// A value as bulk advancing holds it: a number unboxed, or anything else by its place in `BulkRun.boxed` (a
/// `range` iterator's included, which FOR_ITER advances).
struct BulkValue {
  /// `unread`: a module name the stretch has not read yet.
  enum Kind: UInt8 { case int, bool, float, boxed, unbound, unread }
  var kind: Kind
  var bits: UInt64

  static func int(_ i: Int64) -> BulkValue { BulkValue(kind: .int, bits: UInt64(bitPattern: i)) }
  static func float(_ d: Double) -> BulkValue { BulkValue(kind: .float, bits: d.bitPattern) }
  static func bool(_ b: Bool) -> BulkValue { BulkValue(kind: .bool, bits: b ? 1 : 0) }

  static func number(_ value: PyValue) -> BulkValue? {
    switch value {
    case .int(let i): .int(i)
    case .bool(let b): .bool(b)
    case .float(let d): .float(d)
    default: nil
    }
  }

  var integer: Int64 { Int64(bitPattern: bits) }
  var double: Double { kind == .float ? Double(bitPattern: bits) : Double(integer) }
  /// An int or a bool (which Python's arithmetic takes as 0 or 1).
  var isInteger: Bool { kind == .int || kind == .bool }
  var isNumber: Bool { kind.rawValue <= Kind.float.rawValue }
}

/// A frame's locals and value stack during a stretch advanced in bulk, in buffers of their own: the hot loop
/// reads and writes them without the checks an array makes at each access (the instructions' stack effects are
/// the compiler's, and `capacity` bounds the stack). What is not a number lives in `objects`.
struct BulkRun {
  let locals: UnsafeMutableBufferPointer<BulkValue>
  let stack: UnsafeMutablePointer<BulkValue>
  let capacity: Int
  var depth: Int
  let objects: BulkObjects

  init(_ frame: PythonFrame, names: [String]) {
    locals = .allocate(capacity: frame.fast.count)
    capacity = frame.stack.count + 32
    stack = .allocate(capacity: capacity)
    depth = frame.stack.count
    objects = BulkObjects(frame, names: names)
    for (n, value) in frame.fast.enumerated() { locals[n] = objects.unboxed(value) }
    for (n, value) in frame.stack.enumerated() { stack[n] = objects.unboxed(value) }
  }

  func release() {
    locals.deallocate()
    stack.deallocate()
  }

  /// The frame's locals and stack, and the module's names, as the stretch left them.
  func store(into frame: PythonFrame) {
    frame.fast = locals.map(objects.boxed)
    frame.stack = (0..<depth).map { objects.boxed(stack[$0]) ?? .null }
    objects.storeNames()
  }

  /// Carries out the instruction at `ip` and returns the next one's place; nil, having changed nothing, when the
  /// interpreter must run it (its operands are not numbers, or it would raise).
  @inline(__always)
  mutating func perform(_ step: BulkStep, at ip: Int) -> Int? {
    switch step.kind {
    case .none: return nil
    case .nop: break
    case .loadConst:
      stack[depth] = step.constant
      depth += 1
    case .loadFast:
      let value = locals[Int(step.argument)]
      guard value.kind != .unbound else { return nil }
      stack[depth] = value
      depth += 1
    case .storeFast:
      depth -= 1
      locals[Int(step.argument)] = stack[depth]
    case .loadFastLoadFast:
      let first = locals[Int(step.argument >> 16)]
      let second = locals[Int(step.argument & 0xFFFF)]
      guard first.kind != .unbound && second.kind != .unbound else { return nil }
      stack[depth] = first
      stack[depth + 1] = second
      depth += 2
    case .storeFastLoadFast:
      // The load sees the store (`x = ...; x`), as in CPython.
      let value = stack[depth - 1]
      let loaded = step.argument >> 16 == step.argument & 0xFFFF ? value : locals[Int(step.argument & 0xFFFF)]
      guard loaded.kind != .unbound else { return nil }
      locals[Int(step.argument >> 16)] = value
      stack[depth - 1] = loaded
    case .storeFastStoreFast:
      locals[Int(step.argument >> 16)] = stack[depth - 1]
      locals[Int(step.argument & 0xFFFF)] = stack[depth - 2]
      depth -= 2
    case .toBool:
      guard let truth = Self.truth(stack[depth - 1]) else { return nil }
      stack[depth - 1] = .bool(truth)
    case .loadGlobal, .loadName:
      let value = objects.name(Int(step.argument), inNamespace: step.kind == .loadName)
      guard value.kind != .unread else { return nil }
      stack[depth] = value
      depth += 1
    case .storeGlobal, .storeName:
      depth -= 1
      objects.store(Int(step.argument), inNamespace: step.kind == .storeName, stack[depth])
    case .popTop: depth -= 1
    case .copy:
      stack[depth] = stack[depth - Int(step.argument)]
      depth += 1
    case .swap:
      let n = Int(step.argument)
      (stack[depth - 1], stack[depth - n]) = (stack[depth - n], stack[depth - 1])
    case .binary:
      guard let result = Self.binary(stack[depth - 2], step.argument, stack[depth - 1]) else { return nil }
      depth -= 1
      stack[depth - 1] = result
    case .compare:
      guard let result = Self.compare(stack[depth - 2], step.argument, stack[depth - 1]) else { return nil }
      depth -= 1
      stack[depth - 1] = .bool(result)
    case .negate:
      let value = stack[depth - 1]
      switch value.kind {
      case .int, .bool:
        guard value.integer != .min else { return nil }
        stack[depth - 1] = .int(-value.integer)
      case .float: stack[depth - 1] = .float(-value.double)
      default: return nil
      }
    case .not:
      guard let truth = Self.truth(stack[depth - 1]) else { return nil }
      stack[depth - 1] = .bool(!truth)
    case .jumpIfFalse, .jumpIfTrue:
      guard let truth = Self.truth(stack[depth - 1]) else { return nil }
      depth -= 1
      if truth == (step.kind == .jumpIfTrue) { return Int(step.argument) }
    case .jump: return Int(step.argument)
    case .forIter:
      let top = stack[depth - 1]
      guard top.kind == .boxed, let iterator = objects.ranges[Int(top.bits)], let value = iterator.next(),
        case .int(let i) = value
      else { return nil }
      stack[depth] = .int(i)
      depth += 1
    }
    return ip + 1
  }

  /// The four fused instructions at `ip` carried out, and the next one's place; nil, having changed nothing, where
  /// one of them would hand back (the steps one by one then find which).
  @inline(__always)
  mutating func performFused(_ fusion: BulkStep.Fusion, at ip: Int) -> Int? {
    let left = locals[Int(fusion.left)]
    let right = fusion.rightLocal < 0 ? fusion.constant : locals[Int(fusion.rightLocal)]
    if fusion.kind == .binaryStore {
      guard let result = Self.binary(left, fusion.operation, right) else { return nil }
      locals[Int(fusion.destination)] = result
      return ip + 4
    }
    guard let result = Self.compare(left, fusion.operation, right) else { return nil }
    return result == (fusion.kind == .compareJumpIfTrue) ? Int(fusion.destination) : ip + 4
  }

  @inline(__always)
  static func truth(_ v: BulkValue) -> Bool? {
    switch v.kind {
    case .int, .bool: v.bits != 0
    case .float: v.double != 0
    default: nil
    }
  }

  /// `PythonMachine.binary` on numbers, where it neither raises nor leaves 64 bits; nil elsewhere.
  @inline(__always)
  static func binary(_ a: BulkValue, _ op: Int64, _ b: BulkValue) -> BulkValue? {
    guard a.isNumber, b.isNumber else { return nil }
    if a.isInteger && b.isInteger {
      let (i, j) = (a.integer, b.integer)
      func exact(_ result: (partialValue: Int64, overflow: Bool)) -> BulkValue? {
        result.overflow ? nil : .int(result.partialValue)
      }
      switch op {
      case 0: return exact(i.addingReportingOverflow(j))
      case 10: return exact(i.subtractingReportingOverflow(j))
      case 5: return exact(i.multipliedReportingOverflow(by: j))
      case 11: return j == 0 ? nil : .float(Double(i) / Double(j))
      case 2: return j == 0 ? nil : .int(PythonMachine.floorDivide(i, j))
      case 6: return j == 0 ? nil : .int(i - PythonMachine.floorDivide(i, j) * j)
      case 1: return .int(i & j)
      case 7: return .int(i | j)
      case 12: return .int(i ^ j)
      default: return nil
      }
    }
    let (p, q) = (a.double, b.double)
    switch op {
    case 0: return .float(p + q)
    case 10: return .float(p - q)
    case 5: return .float(p * q)
    case 11: return q == 0 ? nil : .float(p / q)
    default: return nil
    }
  }

  /// `PythonMachine.compare` on numbers.
  @inline(__always)
  static func compare(_ a: BulkValue, _ comparison: Int64, _ b: BulkValue) -> Bool? {
    guard a.isNumber, b.isNumber else { return nil }
    let order: Int
    if a.isInteger && b.isInteger {
      let (i, j) = (a.integer, b.integer)
      if comparison == 2 { return i == j }
      if comparison == 3 { return i != j }
      order = i < j ? -1 : i > j ? 1 : 0
    } else {
      let (p, q) = (a.double, b.double)
      if comparison == 2 { return p == q }
      if comparison == 3 { return p != q }
      order = p < q ? -1 : p > q ? 1 : 0
    }
    switch comparison {
    case 0: return order < 0
    case 1: return order <= 0
    case 4: return order > 0
    default: return order >= 0
    }
  }
}

/// The values of a stretch advanced in bulk that are not numbers, which it moves but does not look into (the
/// `range` iterators among them, which FOR_ITER advances, at their places), and the module's names it reads and
/// writes: by their number in the code's `co_names`, read once and written back at the end in the order they
/// were first stored (a new name joins the namespace's order there).
final class BulkObjects {
  @exclusivity(unchecked) var boxed: [PyValue] = []
  @exclusivity(unchecked) var ranges: [PyIterator?] = []
  let names: [String]
  let globals: PyDict
  /// Class code's own namespace; nil for a function's code, and for module code, whose namespace is its globals.
  let namespace: PyDict?
  @exclusivity(unchecked) var globalValues: [BulkValue]
  @exclusivity(unchecked) var namespaceValues: [BulkValue]
  var stored: [(name: Int, inNamespace: Bool)] = []

  init(_ frame: PythonFrame, names: [String]) {
    self.names = names
    globals = frame.globals
    namespace = frame.namespace === frame.globals ? nil : frame.namespace
    globalValues = Array(repeating: BulkValue(kind: .unread, bits: 0), count: names.count)
    namespaceValues = namespace == nil ? [] : globalValues
  }

  func unboxed(_ value: PyValue?) -> BulkValue {
    guard let value else { return BulkValue(kind: .unbound, bits: 0) }
    if let number = BulkValue.number(value) { return number }
    boxed.append(value)
    if case .iterator(let iterator) = value, case .range = iterator.source {
      ranges.append(iterator)
    } else {
      ranges.append(nil)
    }
    return BulkValue(kind: .boxed, bits: UInt64(boxed.count - 1))
  }

  func boxed(_ value: BulkValue) -> PyValue? {
    switch value.kind {
    case .int: .int(value.integer)
    case .bool: .bool(value.bits != 0)
    case .float: .float(Double(bitPattern: value.bits))
    case .boxed: boxed[Int(value.bits)]
    case .unbound, .unread: nil
    }
  }

  /// The module name's value, read from its namespace the first time; `.unread` when it is not there (the
  /// interpreter then looks further, or raises). LOAD_NAME reads class code's own namespace.
  @inline(__always)
  func name(_ n: Int, inNamespace: Bool) -> BulkValue {
    let own = inNamespace && namespace != nil
    let value = own ? namespaceValues[n] : globalValues[n]
    return value.kind != .unread ? value : read(n, own)
  }

  @inline(never)
  private func read(_ n: Int, _ own: Bool) -> BulkValue {
    guard let value = (own ? namespace! : globals).get(.str(names[n])) else { return BulkValue(kind: .unread, bits: 0) }
    let unboxedValue = unboxed(value)
    if own { namespaceValues[n] = unboxedValue } else { globalValues[n] = unboxedValue }
    return unboxedValue
  }

  @inline(__always)
  func store(_ n: Int, inNamespace: Bool, _ value: BulkValue) {
    let own = inNamespace && namespace != nil
    if !stored.contains(where: { $0 == (n, own) }) { stored.append((n, own)) }
    if own { namespaceValues[n] = value } else { globalValues[n] = value }
  }

  func storeNames() {
    for (n, own) in stored {
      guard let value = boxed(own ? namespaceValues[n] : globalValues[n]) else { continue }
      (own ? namespace! : globals).set(.str(names[n]), .str(names[n]), value)
    }
  }
}
