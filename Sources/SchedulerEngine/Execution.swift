/// Running a thread's program on its core: instructions, bursts of work, blocking calls.
extension Simulation {
  /// Runs the thread's program from its pc. The thread is on a core and holds the GIL (or needs none).
  ///
  /// Instructions that end before the next queued event run inline, without a queue round trip: nothing else can
  /// happen in between, and this is what makes the engine fast.
  mutating func execute(_ t: Int) {
    if threads[t].interrupted {
      raiseKeyboardInterrupt(t)
      return
    }
    if !threads[t].hasRun { firstRun(t) }
    if threads[t].loop >= 0 && loops[threads[t].loop].currentTask < 0 {
      loopDispatch(t)
      return
    }
    setState(t, .running)
    if python != nil {
      executePython(t)
      return
    }
    while true {
      let program = threads[t].frame.program
      let pc = threads[t].frame.pc
      guard pc < programs[program].ops.count else {
        frameEnded(t)
        return
      }
      if !perform(t, programs[program].ops[pc]) { return }
    }
  }

  /// Runs one op of the thread's program (or a Python thread's call). Returns false when the thread stopped
  /// running: it waits, blocks, gave up the GIL, or its op runs on past the next event.
  @inline(__always)
  mutating func perform(_ t: Int, _ op: Op) -> Bool {
    switch op.kind {
    case .compute:
      startWork(t, op, .computeStart)
      let slice = computeSlice(t)
      if inlineWork && now + slice < queue.nextTime && budgetSpent < maxEvents {
        // Nothing else happens before this stretch of the loop ends: run it inline, like a short instruction.
        now += slice
        return computeDone(t, elapsed: slice)
      }
      begin(t, .compute, slice)
      return false
    case .builtin, .gcCollect:
      if op.kind == .gcCollect && lockModel == .none {
        // Another thread's collection runs: this one waits for it, then collects (the call is a check point).
        if mustStop(t) {
          pause(t)
          return false
        }
        stopTheWorld(t)
      }
      startWork(t, op, .builtinStart)
      setState(t, .builtin)
      begin(t, .builtin, threads[t].frame.opLeft)
      return false
    case .native, .io, .sleep:
      releaseGILVoluntarily(t)
      return false
    case .awaitIO, .awaitSleep, .awaitThread:
      taskAwaits(t, op)
      return false
    case .acquireLock where !tryAcquireLock(t, op):
      releaseGILVoluntarily(t)
      return false
    case _ where op.kind.isSyncStep:
      if !startSync(t, op) {
        // (A thread that raised has finished: it waits for nothing.)
        if !threads[t].finished { releaseGILVoluntarily(t) }
        return false
      }
      return runInstruction(t, op, cost: op.cost + takeOwed(t))
    default:
      // Only free-threaded builds draw an extra; the GIL builds' hot path keeps to the op's cost.
      var cost = lockModel == .none ? freeThreadedInstructionTime(t, op) : op.cost
      if threads[t].owed > 0 { cost += takeOwed(t) }
      return runInstruction(t, op, cost: cost)
    }
  }

  /// An instruction that ends before the next queued event runs inline; one that does not is an activity whose
  /// end is an event.
  @inline(__always)
  private mutating func runInstruction(_ t: Int, _ op: Op, cost: Nanos) -> Bool {
    let end = now + cost
    if end > queue.nextTime || budgetSpent >= maxEvents {
      begin(t, .instruction, cost)
      return false
    }
    now = end
    return instructionDone(t, op)
  }

  /// The waker's cost of the threads it woke, added to the instruction it runs now.
  private mutating func takeOwed(_ t: Int) -> Nanos {
    defer { threads[t].owed = 0 }
    return threads[t].owed
  }

  /// An instruction's time. Without a GIL, while another thread of the process runs on another core, a shared
  /// variable's load or store takes a seeded extra (the cores contend for its cache line), so that two threads do
  /// not run in lockstep the same way in every run.
  private mutating func freeThreadedInstructionTime(_ t: Int, _ op: Op) -> Nanos {
    if op.kind == .listAppend { return criticalSectionTime(t, op) }
    guard op.kind == .loadShared || op.kind == .storeShared || op.kind == .pythonShared else { return op.cost }
    let process = threads[t].process
    guard cores.contains(where: { $0 >= 0 && $0 != t && threads[$0].process == process }) else { return op.cost }
    return op.cost + Nanos(random.next() % UInt64(2 * model.sharedAccessJitter + 1))
  }

  /// `list.append` without a GIL (`Py_BEGIN_CRITICAL_SECTION(self)` in `list_append`): the list's own mutex,
  /// held for the call. A thread that finds it held spins until it is free (the call is far shorter than
  /// `PyMutex`'s spin before parking), and the list's cache line then comes from the other core: the seeded extra
  /// of a shared variable's access.
  private mutating func criticalSectionTime(_ t: Int, _ op: Op) -> Nanos {
    let p = threads[t].process
    let slot = Int(op.slot)
    let list = processes[p].locks[slot]
    var cost = max(list.busyUntil - now, 0) + op.cost
    if list.lastUser >= 0 && list.lastUser != t {
      cost += Nanos(random.next() % UInt64(2 * model.sharedAccessJitter + 1))
    }
    processes[p].locks[slot].busyUntil = now + cost
    processes[p].locks[slot].lastUser = t
    return cost
  }

  /// The first time an op with work (compute, builtin, native) starts, its work is set and its start recorded; a
  /// preempted or interrupted op keeps the work it has left.
  private mutating func startWork(_ t: Int, _ op: Op, _ event: EventKind) {
    guard threads[t].frame.opLeft == 0 else { return }
    threads[t].frame.opLeft = op.cost
    record(t, event, value: op.cost)
  }

  /// How much of the current compute op to run before the next moment the GIL logic must look at it.
  private mutating func computeSlice(_ t: Int) -> Nanos {
    let left = threads[t].frame.opLeft
    let p = threads[t].process
    if breakerJobs && ((signalPending && t == mainThread) || processes[p].worldStoppedBy >= 0) {
      return min(left, model.computeCheckSpacing)
    }
    // Fields read in place: a copy of the GIL state would copy its wait queue's arrays at every slice.
    switch lockModel {
    case .newGIL where processes[p].gil.dropRequest: return min(left, model.computeCheckSpacing)
    case .oldGIL where processes[p].gil.waiters.count > 0:
      return min(left, max(Nanos(processes[p].gil.ticker), 1) * model.tickCost)
    default: return left
    }
  }

  /// Applies an instruction's effect and the check that follows it. Returns false when the thread stopped running.
  private mutating func instructionDone(_ t: Int, _ op: Op) -> Bool {
    let p = threads[t].process
    var value: Int64 = 0
    var nextPC = threads[t].frame.pc + 1
    switch op.kind {
    case .loadShared:
      value = processes[p].shared[Int(op.slot)]
      threads[t].frame.stack.push(value)
    case .loadLocal:
      value = threads[t].frame.locals[Int(op.slot)]
      threads[t].frame.stack.push(value)
    case .loadConst:
      value = op.constant
      threads[t].frame.stack.push(value)
    case .binary:
      let right = threads[t].frame.stack.pop()
      let left = threads[t].frame.stack.pop()
      switch op.constant {
      case 0: value = left &+ right
      case 1: value = left &- right
      default: value = left &* right
      }
      threads[t].frame.stack.push(value)
    case .storeShared:
      value = threads[t].frame.stack.pop()
      processes[p].shared[Int(op.slot)] = value
    case .storeLocal:
      value = threads[t].frame.stack.pop()
      threads[t].frame.locals[Int(op.slot)] = value
    case .loopInit:
      threads[t].frame.loops[Int(op.slot)] = Int(op.constant)
      value = op.constant
    case .forIter:
      let left = threads[t].frame.loops[Int(op.slot)]
      if left > 0 {
        threads[t].frame.loops[Int(op.slot)] = left - 1
      } else {
        nextPC = Int(op.constant)
      }
      value = Int64(left)
    case .jumpBack:
      nextPC = Int(op.slot)
    case .listAppend:
      processes[p].locks[Int(op.slot)].length += 1
      value = Int64(processes[p].locks[Int(op.slot)].length)
    case .acquireLock:
      value = Int64(op.slot)
      threads[t].frame.lockTakenAt = -1
    case .releaseLock:
      if let error = releaseLock(t, Int(op.slot)) {
        raise(t, error)
        return false
      }
    case .queueGet:
      threads[t].frame.lockTakenAt = -1
      value = threads[t].gotValue
      threads[t].frame.stack.push(value)
    case .poolGet:
      threads[t].frame.lockTakenAt = -1
      // The item's job, or for the shut-down's `None` the end of the worker's loop.
      let k = Int(op.slot)
      let item = threads[t].poolItem
      nextPC = item < 0 ? Int(op.constant) : pools[k].jobStart[pools[k].jobOf[item]]
    case _ where op.kind.isSyncStep:
      threads[t].frame.lockTakenAt = -1
    default:
      break
    }
    // A synchronisation method's step is Python code inside the method, not one instruction.
    if op.instruction >= 0 { record(t, .bytecode, detail: Int(op.instruction), value: value) }
    threads[t].frame.pc = nextPC
    return checkAfter(t, checkPoint: op.checkPoint, ticks: op.checkPoint ? 1 : 0)
  }

  /// The eval breaker check (new GIL) or the ticker (old GIL). Returns false when the thread gave up the GIL.
  private mutating func checkAfter(_ t: Int, checkPoint: Bool, ticks: Int) -> Bool {
    if breakerJobs && checkPoint {
      if handlesSignal(t) {
        raiseKeyboardInterrupt(t)
        return false
      }
      if mustStop(t) {
        pause(t)
        return false
      }
    }
    guard threads[t].holdsGIL else { return true }
    let p = threads[t].process
    switch lockModel {
    case .newGIL:
      if checkPoint && processes[p].gil.dropRequest {
        forcedDrop(t)
        return false
      }
    case .oldGIL:
      guard ticks > 0 else { return true }
      processes[p].gil.ticker -= ticks
      if processes[p].gil.ticker < 0 {
        processes[p].gil.ticker = scenario.checkInterval
        if periodicRelease(t) { return false }
      }
    case .none:
      break
    }
    return true
  }

  /// The activity the thread was busy with has ended.
  mutating func activityDone(_ t: Int) {
    let activity = threads[t].activity
    threads[t].activity = .none
    let program = threads[t].frame.program
    let pc = threads[t].frame.pc
    switch activity {
    case .none:
      break
    case .instruction:
      if instructionDone(t, programs[program].ops[pc]) { execute(t) }
    case .compute:
      if computeDone(t, elapsed: now - threads[t].activityStart) { execute(t) }
    case .builtin:
      threads[t].frame.opLeft = 0
      threads[t].frame.pc += 1
      record(t, .builtinEnd)
      if breakerJobs && processes[threads[t].process].worldStoppedBy == t { restartTheWorld(t) }
      // The CALL that ran the C function checks the eval breaker when it returns.
      if checkAfter(t, checkPoint: true, ticks: 1) { execute(t) }
    case .native, .sleepZero:
      threads[t].frame.opLeft = 0
      threads[t].frame.pc += 1
      record(t, activity == .native ? .nativeEnd : .sleepEnd)
      requestGIL(t)
    case .failedAcquire:
      goToSleepOnOldGIL(t)
    case .oldGILRelease:
      oldGILReacquire(t)
    case .taskStep:
      taskResumes(t)
    case .selectZero:
      requestGIL(t)
    }
  }

  /// A stretch of a compute op has run for `elapsed`. Returns false when the thread gave up the GIL at the
  /// back-edge that ends it.
  private mutating func computeDone(_ t: Int, elapsed: Nanos) -> Bool {
    threads[t].frame.opLeft -= elapsed
    let ticks = lockModel == .oldGIL ? Int(elapsed / model.tickCost) : 0
    if threads[t].frame.opLeft <= 0 {
      threads[t].frame.opLeft = 0
      threads[t].frame.pc += 1
      record(t, .computeEnd)
    }
    // The loop's back-edge is a check point, whether the loop goes round again or has ended.
    if oldGILWaiting(t) { return checkAfter(t, checkPoint: true, ticks: max(ticks, 1)) }
    if lockModel == .oldGIL { advanceIdleTicker(t, ticks) }
    return checkAfter(t, checkPoint: true, ticks: 0)
  }

  private mutating func oldGILWaiting(_ t: Int) -> Bool {
    lockModel == .oldGIL && processes[threads[t].process].gil.waiters.count > 0
  }

  /// With nobody waiting the periodic release changes nothing; only the ticker's phase is kept.
  private mutating func advanceIdleTicker(_ t: Int, _ ticks: Int) {
    let p = threads[t].process
    let interval = scenario.checkInterval + 1
    var ticker = (processes[p].gil.ticker - ticks) % interval
    if ticker < 0 { ticker += interval }
    processes[p].gil.ticker = ticker
  }

  /// Cuts the running compute op at `now` and starts it again, so that a new bound (a drop request, a waiter on
  /// the old GIL) applies.
  mutating func recut(_ t: Int) {
    guard threads[t].core >= 0, threads[t].activity == .compute else { return }
    let elapsed = now - threads[t].activityStart
    threads[t].frame.opLeft -= elapsed
    if lockModel == .oldGIL { advanceIdleTicker(t, Int(elapsed / model.tickCost)) }
    threads[t].activity = .none
    if threads[t].frame.opLeft <= 0 {
      threads[t].frame.opLeft = 1
    }
    // Called while another thread's event is handled: the clock must not move on under that thread.
    let saved = inlineWork
    inlineWork = false
    execute(t)
    inlineWork = saved
  }

  /// Starts the blocking op at pc once the GIL is released (or was never held).
  mutating func startBlockingOp(_ t: Int) {
    if threads[t].loop >= 0 && loops[threads[t].loop].currentTask < 0 {
      startSelect(t)
      return
    }
    let op = programs[threads[t].frame.program].ops[threads[t].frame.pc]
    switch op.kind {
    case .io:
      record(t, .ioStart, value: op.cost)
      setState(t, .io)
      releaseCore(t)
      block(t, until: now + op.cost)
    case .sleep where op.cost == 0 && profile.sleepZero == .selectCall:
      record(t, .sleepStart, value: 0)
      setState(t, .sleeping)
      begin(t, .sleepZero, model.selectZeroCost)
    case .sleep:
      record(t, .sleepStart, value: op.cost)
      setState(t, .sleeping)
      releaseCore(t)
      block(t, until: now + op.cost + model.timerSlack)
    case .native:
      startWork(t, op, .nativeStart)
      setState(t, .native)
      begin(t, .native, threads[t].frame.opLeft)
    case .acquireLock:
      switch processes[threads[t].process].locks[Int(op.slot)].kind {
      case .semaphore, .condition: waitForObject(t, op)
      default: waitForLock(t, Int(op.slot))
      }
    case _ where op.kind.isSyncStep:
      waitForObject(t, op)
    default:
      finishThread(t)
    }
  }

  /// Whether the thread waits on a synchronisation object (a Python event loop's selector is one).
  func waitsOnObject(_ t: Int) -> Bool {
    threads[t].state == .waitingLock || (threads[t].state == .selecting && threads[t].loop < 0)
  }

  mutating func block(_ t: Int, until end: Nanos) {
    threads[t].generation &+= 1
    queue.push(end, Int32(t), threads[t].generation, .blockDone)
  }

  mutating func blockDone(_ t: Int) {
    if threads[t].loop >= 0 && loops[threads[t].loop].currentTask < 0 {
      if loops[threads[t].loop].selectOnTimer { wakeOnTimer(t, then: .requestGIL) } else { wake(t, then: .requestGIL) }
      return
    }
    if waitsOnObject(t) {
      syncTimedOut(t)
      return
    }
    let op = programs[threads[t].frame.program].ops[threads[t].frame.pc]
    record(t, op.kind == .io ? .ioEnd : .sleepEnd)
    threads[t].frame.pc += 1
    if op.kind == .io { wake(t, then: .requestGIL) } else { wakeOnTimer(t, then: .requestGIL) }
  }

  /// The end of the current program: the thread's function returned, or a task finished.
  mutating func frameEnded(_ t: Int) {
    if threads[t].loop >= 0 && loops[threads[t].loop].currentTask >= 0 {
      taskFinished(t)
    } else {
      finishThread(t)
    }
  }

  mutating func finishThread(_ t: Int) {
    guard !threads[t].finished else { return }
    threads[t].finished = true
    threads[t].stats.finishedAt = now
    // A thread that exits drops the GIL without waiting for anyone to take it.
    if threads[t].holdsGIL { dropGIL(t, reason: .voluntary) }
    record(t, .threadFinish)
    setState(t, .finished)
    releaseCore(t)
    threads[t].generation &+= 1
    wakeJoiners(of: t)
  }

  // MARK: threading.Lock

  /// The uncontended `acquire()` takes the lock without releasing the GIL. The lock is taken when the instruction
  /// starts; if the OS preempts the thread before the instruction ends, it starts again and must not wait for itself.
  private mutating func tryAcquireLock(_ t: Int, _ op: Op) -> Bool {
    let p = threads[t].process
    let lock = Int(op.slot)
    let pc = threads[t].frame.pc
    if threads[t].frame.lockTakenAt == pc { return true }
    if threads[t].signalled {
      // `acquire(timeout=D)` gave up: it returns False, without the lock.
      threads[t].signalled = false
      threads[t].gaveUp = true
      threads[t].lockDeadline = -1
      threads[t].frame.lockTakenAt = pc
      return true
    }
    var object = processes[p].locks[lock]
    switch object.kind {
    case .lock where object.owner < 0, .rlock where object.owner < 0 || object.owner == t,
      .condition where object.owner < 0 || object.owner == t:
      object.owner = t
      object.depth += 1
    case .semaphore where object.value > 0:
      object.value -= 1
    default:
      return false
    }
    processes[p].locks[lock] = object
    threads[t].frame.lockTakenAt = pc
    threads[t].lockWaitStart = -1
    threads[t].lockDeadline = -1
    record(t, .lockAcquire, detail: lock)
    return true
  }

  /// The blocking acquire, with the GIL released: take the lock if it has become free meanwhile, else sleep until a
  /// release wakes this thread.
  private mutating func waitForLock(_ t: Int, _ lock: Int) {
    record(t, .lockWait, detail: lock)
    // A woken PyMutex waiter that lost the lock again keeps the time it first asked (`time_to_be_fair`).
    if threads[t].lockWaitStart < 0 { threads[t].lockWaitStart = now }
    startDeadline(t)
    acquireOrSleep(t)
  }

  /// Releases a lock, an RLock level, or a semaphore count; or, as Python, the exception the release raises.
  @discardableResult
  mutating func releaseLock(_ t: Int, _ lock: Int) -> String? {
    let p = threads[t].process
    let owned = processes[p].locks[lock].owner == t
    switch processes[p].locks[lock].kind {
    case .semaphore(let count, let bounded):
      if bounded && processes[p].locks[lock].value >= count {
        return "ValueError: Semaphore released too many times"
      }
      processes[p].locks[lock].value += 1
      record(t, .lockRelease, detail: lock)
      // Semaphore.release notifies one waiter, which takes the GIL back and tries again.
      if let waiter = processes[p].locks[lock].waiters.removeFirst() { wake(waiter, then: .requestGIL, by: t) }
      return nil
    case .condition:
      // The condition's RLock: its waiters take the GIL back and try again.
      guard owned else { return "RuntimeError: cannot release un-acquired lock" }
      processes[p].locks[lock].depth -= 1
      guard processes[p].locks[lock].depth == 0 else { return nil }
      processes[p].locks[lock].owner = -1
      record(t, .lockRelease, detail: lock)
      if let waiter = processes[p].locks[lock].waiters.removeFirst() { wake(waiter, then: .requestGIL, by: t) }
      return nil
    case .lock, .rlock:
      // CPython's messages; a Lock may be released by a thread other than its owner, but not when free.
      if processes[p].locks[lock].kind == .rlock && !owned {
        return "RuntimeError: cannot release un-acquired lock"
      }
      if processes[p].locks[lock].owner < 0 { return "RuntimeError: release unlocked lock" }
      processes[p].locks[lock].depth -= 1
      guard processes[p].locks[lock].depth <= 0 else { return nil }
    case .event, .queue, .barrier, .threadPool, .list:
      return nil
    }
    processes[p].locks[lock].owner = -1
    processes[p].locks[lock].depth = 0
    record(t, .lockRelease, detail: lock)
    guard let waiter = processes[p].locks[lock].waiters.removeFirst() else { return nil }
    if usesPyMutex(lock, in: p) && now - threads[waiter].lockWaitStart > model.lockFairnessWait {
      // `mutex_unpark`: the waiter has waited long enough to be handed the lock; it never looks free.
      processes[p].locks[lock].owner = waiter
      threads[waiter].handedLock = true
    }
    wake(waiter, then: .lockWoken, by: t)
    return nil
  }

  /// An exception ends the thread, as an uncaught one ends a Python thread (`threading.excepthook` prints it);
  /// As the exception passes the `with` blocks around the instruction that raised, each one's `__exit__` releases
  /// its lock, inner blocks first; locks taken with `acquire()` stay held.
  mutating func raise(_ t: Int, _ error: String) {
    raised.append(Trace.Raised(thread: t, time: now, error: error))
    let pc = threads[t].frame.pc
    for block in programs[threads[t].frame.program].withBlocks where block.acquire < pc && pc < block.release {
      releaseLock(t, Int(block.slot))
    }
    finishThread(t)
  }

  /// `Lock` is a PyMutex from 3.13; `RLock` is still a semaphore there.
  private func usesPyMutex(_ lock: Int, in p: Int) -> Bool {
    profile.lockImplementation == .pyMutex && processes[p].locks[lock].kind == .lock
  }

  /// A woken lock waiter. On a semaphore it takes the lock if it is still free (a barging lock: it may not be),
  /// then wants the GIL. On a PyMutex it owns the lock if it was handed it; else it takes the GIL back first and
  /// tries the lock again from the instruction that wants it, parking again at the end of the queue if it lost.
  mutating func lockWoken(_ t: Int) {
    let lock = Int(programs[threads[t].frame.program].ops[threads[t].frame.pc].slot)
    if usesPyMutex(lock, in: threads[t].process) && !threads[t].handedLock {
      requestGIL(t)
      return
    }
    acquireOrSleep(t)
  }

  private mutating func acquireOrSleep(_ t: Int) {
    let p = threads[t].process
    let op = programs[threads[t].frame.program].ops[threads[t].frame.pc]
    let lock = Int(op.slot)
    if processes[p].locks[lock].owner < 0 || threads[t].handedLock {
      processes[p].locks[lock].owner = t
      processes[p].locks[lock].depth = 1
      threads[t].handedLock = false
      threads[t].lockWaitStart = -1
      threads[t].lockDeadline = -1
      record(t, .lockAcquire, detail: lock)
      record(t, .bytecode, detail: Int(op.instruction), value: Int64(lock))
      threads[t].frame.pc += 1
      requestGIL(t)
    } else {
      processes[p].locks[lock].waiters.add(t)
      setState(t, .waitingLock)
      releaseCore(t)
      if threads[t].lockDeadline >= 0 { block(t, until: max(now, threads[t].lockDeadline)) }
    }
  }
}
