/// `threading.Event`, `threading.Semaphore`, `queue.Queue` and `Thread.join`: Python classes whose methods do
/// their work holding the GIL and, when they must wait, block on a lock with the GIL released (a `Condition`'s
/// waiter lock, a thread's state lock). A waiter that is woken takes the GIL back and tries again, as
/// `Condition.wait` returns into the method's loop; an event's waiter or a timed-out one returns at once.
extension Simulation {
  /// The method's work at its start, atomically: false when the thread must wait. A step the OS preempted starts
  /// again without doing its work twice.
  /// The process whose object the op waits on: the thread's own, or a `multiprocessing` queue's maker.
  func syncProcess(_ t: Int, _ op: Op) -> Int {
    guard op.kind == .queuePut || op.kind == .queueGet, python != nil else { return threads[t].process }
    return objectProcess(t, Int(op.slot))
  }

  mutating func startSync(_ t: Int, _ op: Op) -> Bool {
    let pc = threads[t].frame.pc
    if threads[t].frame.lockTakenAt == pc { return true }
    let p = syncProcess(t, op)
    let slot = Int(op.slot)
    switch op.kind {
    case .eventSet:
      processes[p].locks[slot].value = 1
      while let waiter = processes[p].locks[slot].waiters.removeFirst() {
        threads[waiter].signalled = true
        wake(waiter, then: .requestGIL, by: t)
      }
    case .eventClear:
      processes[p].locks[slot].value = 0
    case .eventWait:
      guard processes[p].locks[slot].value == 1 || threads[t].signalled else { return false }
      threads[t].signalled = false
    case .queuePut where threads[t].signalled, .queueGet where threads[t].signalled:
      // `put(timeout=D)` or `get(timeout=D)` gave up: it returns (to raise queue.Full or queue.Empty).
      threads[t].signalled = false
    case .queuePut:
      guard case .queue(let maxsize) = processes[p].locks[slot].kind,
        maxsize == 0 || processes[p].locks[slot].queueCount < maxsize
      else { return false }
      processes[p].locks[slot].items.append(threads[t].frame.stack.pop())
      threads[t].lockDeadline = -1
      if let getter = processes[p].locks[slot].waiters.removeFirst() { wake(getter, then: .requestGIL, by: t) }
    case .queueGet:
      guard processes[p].locks[slot].queueCount > 0 else { return false }
      threads[t].lockDeadline = -1
      threads[t].gotValue = processes[p].locks[slot].items[processes[p].locks[slot].head]
      processes[p].locks[slot].head += 1
      if processes[p].locks[slot].head == processes[p].locks[slot].items.count {
        processes[p].locks[slot].items.removeAll(keepingCapacity: true)
        processes[p].locks[slot].head = 0
      }
      if let putter = processes[p].locks[slot].putters.removeFirst() { wake(putter, then: .requestGIL, by: t) }
    case .join:
      // `join(timeout)` that timed out returns; the thread may still run.
      if threads[t].signalled {
        threads[t].signalled = false
      } else {
        guard declarationThreads[slot].allSatisfy({ threads[$0].finished }) else { return false }
      }
      threads[t].lockDeadline = -1
    case .threadStart:
      // `start()` of each copy in turn: create it, then wait until it runs (`self._started.wait()`).
      if threads[t].signalled {
        threads[t].signalled = false
        threads[t].arrived = false
      } else if !threads[t].arrived && declarationThreads[slot].allSatisfy({ threads[$0].launched }) {
        raise(t, "RuntimeError: threads can only be started once")
        return false
      }
      guard let next = declarationThreads[slot].first(where: { !threads[$0].launched }) else { break }
      launch(next, startedBy: t)
      return false
    case .conditionWait:
      if !threads[t].signalled {
        // `Condition.wait`: let go of the lock however deep it is held, and wait to be notified.
        if !threads[t].arrived {
          threads[t].arrived = true
          threads[t].savedDepth = max(processes[p].locks[slot].depth, 1)
          processes[p].locks[slot].depth = 1
          releaseLock(t, slot)
        }
        return false
      }
      // Notified (or timed out): take the lock back, as deep as before.
      guard processes[p].locks[slot].owner < 0 else { return false }
      processes[p].locks[slot].owner = t
      processes[p].locks[slot].depth = threads[t].savedDepth
      record(t, .lockAcquire, detail: slot)
      threads[t].signalled = false
      threads[t].arrived = false
      threads[t].lockDeadline = -1
    case .conditionNotify:
      // -2: notify_all; -1: notify(); n > 0: notify(n).
      var left = op.constant == -2 ? Int.max : op.constant == -1 ? 1 : Int(op.constant)
      while left > 0, let waiter = processes[p].locks[slot].putters.removeFirst() {
        threads[waiter].signalled = true
        wake(waiter, then: .requestGIL, by: t)
        left -= 1
      }
    case _ where op.kind.isPoolStep:
      guard startPoolStep(t, op) else { return false }
    case .barrierWait:
      if threads[t].signalled {
        threads[t].signalled = false
        threads[t].arrived = false
      } else {
        guard case .barrier(let parties) = processes[p].locks[slot].kind else { return true }
        if !threads[t].arrived {
          threads[t].arrived = true
          processes[p].locks[slot].value += 1
        }
        guard processes[p].locks[slot].value >= parties else { return false }
        // The last party releases the others and goes on.
        processes[p].locks[slot].value = 0
        threads[t].arrived = false
        while let waiter = processes[p].locks[slot].waiters.removeFirst() {
          threads[waiter].signalled = true
          wake(waiter, then: .requestGIL, by: t)
        }
      }
    default:
      return true
    }
    threads[t].frame.lockTakenAt = pc
    return true
  }

  /// `Thread.start()`: the OS thread is created, and its starter waits until it has run (`firstRun`).
  mutating func launch(_ thread: Int, startedBy t: Int) {
    threads[thread].launched = true
    threads[thread].startedBy = t
    threads[t].arrived = true
    queue.push(now + model.threadStart, Int32(thread), 0, .start)
  }

  /// The thread runs Python for the first time: `_bootstrap_inner` sets the event its starter waits for.
  mutating func firstRun(_ t: Int) {
    threads[t].hasRun = true
    let starter = threads[t].startedBy
    guard starter >= 0, !threads[starter].finished else { return }
    threads[starter].signalled = true
    if threads[starter].state == .waitingLock { wake(starter, then: .requestGIL) }
  }

  /// A timed acquire or wait: its deadline, counted from its first try.
  mutating func startDeadline(_ t: Int) {
    let op = programs[threads[t].frame.program].ops[threads[t].frame.pc]
    let timed =
      [.acquireLock, .conditionWait, .join, .queueGet, .queuePut].contains(op.kind) && op.constant > 0
    if timed && threads[t].lockDeadline < 0 { threads[t].lockDeadline = now + op.constant + model.timerSlack }
  }

  /// The method must wait: with the GIL released, it waits for its object (or, if the object changed meanwhile,
  /// takes the GIL back to try again).
  mutating func waitForObject(_ t: Int, _ op: Op) {
    let p = syncProcess(t, op)
    let slot = Int(op.slot)
    // The object waited for, as the trace names objects: a pool op's slot is the pool's index, not its object's.
    let object = op.kind == .join ? -1 : op.kind.isPoolStep ? pools[slot].slot : slot
    record(t, .lockWait, detail: object)
    if canProceed(t, op) {
      requestGIL(t)
      return
    }
    switch op.kind {
    case _ where op.kind.isPoolStep: waitForPool(t, op)
    case .queuePut: processes[p].locks[slot].putters.add(t)
    case .join: joinWaiters[slot].add(t)
    case .threadStart: break  // the started thread wakes it (`firstRun`)
    // A condition's waiters wait in `putters` to be notified, then in `waiters` for its lock.
    case .conditionWait where !threads[t].signalled: processes[p].locks[slot].putters.add(t)
    default: processes[p].locks[slot].waiters.add(t)
    }
    setState(t, op.kind == .queueGet && processes[p].locks[slot].selects ? .selecting : .waitingLock)
    releaseCore(t)
    startDeadline(t)
    if op.kind == .eventWait && op.constant >= 0 { block(t, until: now + op.constant + model.timerSlack) }
    if threads[t].lockDeadline >= 0 && !threads[t].signalled {
      block(t, until: max(now, threads[t].lockDeadline))
    }
  }

  /// Whether a retry would succeed now.
  private func canProceed(_ t: Int, _ op: Op) -> Bool {
    if op.kind == .join {
      return threads[t].signalled || declarationThreads[Int(op.slot)].allSatisfy { threads[$0].finished }
    }
    if op.kind == .threadStart { return threads[t].signalled }
    if op.kind.isPoolStep { return canPoolProceed(t, op) }
    let object = processes[syncProcess(t, op)].locks[Int(op.slot)]
    switch op.kind {
    case .conditionWait: return threads[t].signalled && object.owner < 0
    case .barrierWait: return threads[t].signalled
    case .acquireLock where object.kind == .condition: return object.owner < 0 || object.owner == t
    case .eventWait: return object.value == 1 || threads[t].signalled
    case .queueGet: return object.queueCount > 0 || threads[t].signalled
    case .queuePut:
      if threads[t].signalled { return true }
      if case .queue(let maxsize) = object.kind { return maxsize == 0 || object.queueCount < maxsize }
      return true
    case .acquireLock: return object.value > 0
    default: return true
    }
  }

  /// `Event.wait(timeout)` gave up: it returns (False) as soon as it has the GIL back.
  mutating func syncTimedOut(_ t: Int) {
    let op = programs[threads[t].frame.program].ops[threads[t].frame.pc]
    let p = syncProcess(t, op)
    if op.kind == .join {
      // A join's slot is the threads' declaration, whose joiners wait apart.
      joinWaiters[Int(op.slot)].remove(t)
    } else {
      processes[p].locks[Int(op.slot)].waiters.remove(t)
      processes[p].locks[Int(op.slot)].putters.remove(t)
    }
    threads[t].signalled = true
    threads[t].gaveUp = true
    threads[t].lockDeadline = -1
    wakeOnTimer(t, then: .requestGIL)
  }

  /// A finished thread may complete a declaration that threads are joining.
  mutating func wakeJoiners(of t: Int) {
    if threads[t].pool >= 0 {
      wakeMapperIfReady(threads[t].pool)
      executorWorkerEnded(threads[t].pool)
    }
    for (declaration, members) in declarationThreads.enumerated() where members.contains(t) {
      guard members.allSatisfy({ threads[$0].finished }) else { continue }
      while let joiner = joinWaiters[declaration].removeFirst() { wake(joiner, then: .requestGIL) }
    }
  }

  /// What a thread left waiting waits for, for a deadlock's report.
  func deadlockWait(of t: Int) -> Trace.Deadlock.Wait {
    let frame = threads[t].frame
    let ops = programs[frame.program].ops
    if threads[t].state == .selecting, threads[t].loop >= 0 {
      // An event loop with nothing left but tasks awaiting threads of its executor (`await to_thread:`).
      return .init(
        thread: t, resource: "the results of its executor's threads", holder: nil, nobody: "which none will set")
    }
    guard waitsOnObject(t), frame.pc < ops.count else {
      return .init(thread: t, resource: "\(threads[t].state)", holder: nil, nobody: "")
    }
    let op = ops[frame.pc]
    if op.kind.isPoolStep { return poolWait(of: t, op) }
    if op.kind == .join || op.kind == .threadStart {
      let target = declarationThreads[Int(op.slot)].first { !threads[$0].finished } ?? t
      return .init(
        thread: t, resource: "thread \(threads[target].qualifiedName ?? threads[target].name) to finish",
        holder: target, nobody: "")
    }
    let object = processes[syncProcess(t, op)].locks[Int(op.slot)]
    let name = scenario.locks[Int(op.slot)].name
    switch op.kind {
    case .queueGet where object.selects:
      // asyncio's loop with no timer and no ready task, that no other thread will wake: it waits forever.
      return .init(
        thread: t, resource: "its event loop's next event (no timer is due, no task is ready)", holder: nil,
        nobody: "which no thread will bring")
    case .eventWait:
      return .init(thread: t, resource: "event \(name)", holder: nil, nobody: "which no thread will set")
    case .queueGet:
      return .init(thread: t, resource: "an item in queue \(name)", holder: nil, nobody: "which no thread will put")
    case .queuePut:
      return .init(thread: t, resource: "room in queue \(name)", holder: nil, nobody: "which no thread will make")
    case .conditionWait where !threads[t].signalled:
      return .init(thread: t, resource: "condition \(name)", holder: nil, nobody: "which no thread will notify")
    case .barrierWait:
      guard case .barrier(let parties) = object.kind else { break }
      return .init(
        thread: t, resource: "barrier \(name) (\(object.value) of \(parties) there)", holder: nil,
        nobody: "which no more threads will reach")
    default:
      break
    }
    if case .semaphore = object.kind {
      return .init(thread: t, resource: "semaphore \(name)", holder: nil, nobody: "which no thread will release")
    }
    return .init(
      thread: t, resource: "\(object.kind.word) \(name)", holder: object.owner >= 0 ? object.owner : nil,
      nobody: "which no thread holds")
  }
}
