/// The global interpreter lock: the new GIL of CPython 3.2+ (Python/ceval_gil.c), the old GIL of 2.7, or none.
extension Simulation {
  // MARK: Both

  /// take_gil: the thread (on a core) wants the GIL to run bytecode.
  mutating func requestGIL(_ t: Int) {
    if breakerJobs && mustStop(t) {
      pause(t)
      return
    }
    if lockModel == .none || threads[t].holdsGIL {
      execute(t)
      return
    }
    let p = threads[t].process
    record(t, .gilRequest)
    if !processes[p].gil.locked {
      takeGIL(t)
      execute(t)
      return
    }
    switch lockModel {
    case .newGIL:
      setState(t, .waitingGIL)
      releaseCore(t)
      startTimedWait(t)
    case .oldGIL:
      goToSleepOnOldGIL(t)
    case .none:
      break
    }
  }

  /// Marks a GIL waiter woken by a release (it tries the lock once it has a core), or no longer woken. A release
  /// wakes the longest-waiting thread that is not woken yet.
  mutating func signal(_ t: Int, _ woken: Bool) {
    processes[threads[t].process].gil.waiters.setWoken(t, woken)
  }

  mutating func takeGIL(_ t: Int) {
    let p = threads[t].process
    let previous = processes[p].gil.lastHolder
    processes[p].gil.locked = true
    processes[p].gil.holder = t
    processes[p].gil.heldSince = now
    threads[t].holdsGIL = true
    signal(t, false)
    processes[p].gil.waiters.remove(t)
    if previous != t {
      processes[p].gil.lastHolder = t
      processes[p].gil.switchNumber &+= 1
      if previous >= 0 { gilSwitches += 1 }
    }
    record(t, .gilAcquire, detail: previous)
    if lockModel == .newGIL {
      // FORCE_SWITCHING: the thread that dropped the GIL on request waits for exactly this.
      let waiting = processes[p].gil.switchWaiters
      processes[p].gil.switchWaiters.removeAll()
      for w in waiting { wake(w, then: .switchDone) }
      if processes[p].gil.dropRequester == t {
        processes[p].gil.dropRequest = false
        processes[p].gil.dropRequester = -1
      }
    }
    setState(t, .running)
  }

  /// drop_gil, for `reason` (kept as the event's value).
  mutating func dropGIL(_ t: Int, reason: GILDropReason) {
    let p = threads[t].process
    record(t, .gilDrop, value: reason.rawValue)
    if now > processes[p].gil.heldSince {
      processes[p].gilSpans.append(GILSpan(start: processes[p].gil.heldSince, end: now, holder: Int32(t)))
    }
    processes[p].gil.locked = false
    processes[p].gil.holder = -1
    threads[t].holdsGIL = false
    if lockModel == .newGIL {
      // COND_SIGNAL(gil->cond): one waiter wakes; which one is the OS's choice (here: the longest waiting).
      if let w = processes[p].gil.waiters.firstSleeping() {
        signal(w, true)
        wake(w, then: .gilSignalled)
      }
    } else if lockModel == .oldGIL && reason != .periodic {
      // A release for I/O or at exit: sem_post wakes one sleeper, and this time the releaser does not come back.
      if let w = processes[p].gil.waiters.firstSleeping() {
        signal(w, true)
        wake(w, then: .oldGILTry)
      }
    }
  }

  /// Releasing the GIL around a blocking call or C code (Py_BEGIN_ALLOW_THREADS).
  mutating func releaseGILVoluntarily(_ t: Int) {
    guard lockModel != .none, threads[t].holdsGIL else {
      startBlockingOp(t)
      return
    }
    let p = threads[t].process
    let requested = lockModel == .newGIL && processes[p].gil.dropRequest
    dropGIL(t, reason: .voluntary)
    if requested && waitForSwitch(t, then: .startBlockingOp) { return }
    startBlockingOp(t)
  }

  // MARK: The new GIL

  /// The holder saw the drop request at a check point: it drops the GIL and waits until another thread has it.
  mutating func forcedDrop(_ t: Int) {
    dropGIL(t, reason: .requested)
    if !waitForSwitch(t, then: .requestGIL) { requestGIL(t) }
  }

  /// FORCE_SWITCHING in drop_gil: with a drop request pending, the dropper waits on switch_cond until the GIL has
  /// changed hands, so that it cannot take it straight back.
  private mutating func waitForSwitch(_ t: Int, then after: AfterSwitch) -> Bool {
    let p = threads[t].process
    processes[p].gil.dropRequest = false
    processes[p].gil.dropRequester = -1
    guard processes[p].gil.lastHolder == t, processes[p].gil.waiters.count > 0 else { return false }
    threads[t].afterSwitch = after
    threads[t].awaitingSwitch = true
    processes[p].gil.switchWaiters.append(t)
    setState(t, .waitingGIL)
    releaseCore(t)
    return true
  }

  mutating func switchDone(_ t: Int) {
    threads[t].awaitingSwitch = false
    switch threads[t].afterSwitch {
    case .requestGIL: requestGIL(t)
    case .startBlockingOp: startBlockingOp(t)
    }
  }

  /// COND_TIMED_WAIT(gil->cond, gil->mutex, interval): the waiter sleeps one switch interval (plus timer slack).
  private mutating func startTimedWait(_ t: Int) {
    let p = threads[t].process
    processes[p].gil.waiters.add(t)
    threads[t].savedSwitch = processes[p].gil.switchNumber
    signal(t, false)
    setState(t, .waitingGIL)
    threads[t].generation &+= 1
    queue.push(now + scenario.switchInterval + model.timerSlack, Int32(t), threads[t].generation, .gilTimeout)
  }

  mutating func gilTimeout(_ t: Int) {
    wakeOnTimer(t, then: .gilTimedOut)
  }

  /// The timed wait expired: if no switch happened meanwhile, ask the holder to drop the GIL.
  mutating func gilTimedOut(_ t: Int) {
    let p = threads[t].process
    guard processes[p].gil.locked else {
      takeGIL(t)
      execute(t)
      return
    }
    if processes[p].gil.switchNumber == threads[t].savedSwitch && !processes[p].gil.dropRequest {
      processes[p].gil.dropRequest = true
      processes[p].gil.dropRequester = t
      let holder = processes[p].gil.holder
      record(t, .gilDropRequest, detail: holder)
      // The holder notices at its next check point; in a compute loop that is the next back-edge.
      if holder >= 0 { recut(holder) }
    }
    releaseCore(t)
    startTimedWait(t)
  }

  /// Woken by a release: take the GIL if it is still free, or wait a whole interval again.
  mutating func gilSignalled(_ t: Int) {
    let p = threads[t].process
    signal(t, false)
    if !processes[p].gil.locked {
      takeGIL(t)
      execute(t)
    } else {
      releaseCore(t)
      startTimedWait(t)
    }
  }

  // MARK: The old GIL (2.7)

  /// Every check interval the holder releases the lock and takes it straight back; a waiter only gets it if it is
  /// quick enough to grab it in between. Returns true when the thread stopped running (the window is an activity).
  mutating func periodicRelease(_ t: Int) -> Bool {
    let p = threads[t].process
    guard processes[p].gil.waiters.count > 0 else { return false }
    dropGIL(t, reason: .periodic)
    var cost = model.releaseGap
    if let w = processes[p].gil.waiters.firstSleeping() {
      signal(w, true)
      wake(w, then: .oldGILTry)
      cost += model.futexWakeCost
    }
    // In the release window the thread does not hold the lock: it is in the lock's code, about to take it back.
    setState(t, .waitingGIL)
    if inlineWork && now + cost < queue.nextTime && budgetSpent < maxEvents {
      // Nothing can happen in the window: the thread takes the lock back inline, without a queue round trip.
      now += cost
      takeGIL(t)
      return false
    }
    begin(t, .oldGILRelease, cost)
    return true
  }

  mutating func oldGILReacquire(_ t: Int) {
    let p = threads[t].process
    if !processes[p].gil.locked {
      takeGIL(t)
      execute(t)
    } else {
      goToSleepOnOldGIL(t)
    }
  }

  /// A woken waiter tries the lock: free (it won the race) or taken (it fails, costing both threads).
  mutating func oldGILTry(_ t: Int) {
    let p = threads[t].process
    if !processes[p].gil.locked {
      takeGIL(t)
      execute(t)
      return
    }
    record(t, .gilAcquireFailed)
    setState(t, .waitingGIL)
    let holder = processes[p].gil.holder
    if holder >= 0 && threads[holder].core >= 0 && threads[holder].activity != .none {
      if threads[holder].activity == .compute { threads[holder].frame.opLeft += model.contentionPenalty }
      reschedule(holder, to: threads[holder].activityEnd + model.contentionPenalty)
    }
    begin(t, .failedAcquire, model.failedAcquireCost)
  }

  /// sem_wait: take the lock if it is free, else sleep in the kernel until a release wakes this thread.
  mutating func goToSleepOnOldGIL(_ t: Int) {
    let p = threads[t].process
    signal(t, false)
    guard processes[p].gil.locked else {
      takeGIL(t)
      execute(t)
      return
    }
    processes[p].gil.waiters.add(t)
    setState(t, .waitingGIL)
    releaseCore(t)
    // The holder now has someone to release the lock for: its ticker matters again.
    let holder = processes[p].gil.holder
    if holder >= 0 { recut(holder) }
  }
}
