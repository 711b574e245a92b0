/// The OS scheduler: threads that want to run get a free core, or wait in a run queue and are time-sliced.
extension Simulation {
  /// The thread wants a core to do `next`.
  mutating func wantCore(_ t: Int, _ next: Continuation) {
    threads[t].next = next
    if threads[t].core >= 0 {
      // Still on its core (it never gave it up): carry on at once.
      threads[t].generation &+= 1
      queue.push(now, Int32(t), threads[t].generation, .run)
      return
    }
    if let core = cores.firstIndex(of: -1) {
      give(core, to: t, cost: 0)
      return
    }
    runQueue.append(t)
    setState(t, .runnable)
    preemptForWakeUp(t)
    armTimeslice()
  }

  /// Gives up the core: the thread sleeps, blocks or has finished.
  mutating func releaseCore(_ t: Int) {
    let core = threads[t].core
    guard core >= 0 else { return }
    threads[t].stats.cpu += now - threads[t].onCoreSince
    threads[t].core = -1
    threads[t].sliceGeneration &+= 1
    cores[core] = -1
    coreIdleSince[core] = now
    if !runQueue.isEmpty {
      let next = runQueue.removeFirst()
      give(core, to: next, cost: model.contextSwitch)
      armTimeslice()
    }
  }

  private mutating func give(_ core: Int, to t: Int, cost: Nanos) {
    cores[core] = t
    threads[t].core = core
    threads[t].dispatchedAt = now
    threads[t].onCoreSince = now
    threads[t].generation &+= 1
    queue.push(now + cost, Int32(t), threads[t].generation, .run)
  }

  /// CFS lets a thread that just woke up take the core of one that has had at least `wakeupGranularity` more CPU
  /// time (virtual runtime) than it.
  private mutating func preemptForWakeUp(_ woken: Int) {
    var victim = -1
    var most: Nanos = 0
    for t in cores where t >= 0 {
      let lead = virtualRuntime(t) - virtualRuntime(woken)
      if lead >= model.wakeupGranularity && lead > most {
        victim = t
        most = lead
      }
    }
    if victim >= 0 { preempt(victim) }
  }

  private mutating func virtualRuntime(_ t: Int) -> Nanos {
    threads[t].stats.cpu + (threads[t].core >= 0 ? now - threads[t].onCoreSince : 0)
  }

  /// When threads wait for a core, the longest-running one is preempted at the end of its time slice.
  private mutating func armTimeslice() {
    guard !runQueue.isEmpty else { return }
    var oldest = -1
    for t in cores where t >= 0 {
      if oldest < 0 || threads[t].dispatchedAt < threads[oldest].dispatchedAt { oldest = t }
    }
    guard oldest >= 0 else { return }
    threads[oldest].sliceGeneration &+= 1
    queue.push(
      max(now, threads[oldest].dispatchedAt + model.timeslice), Int32(oldest), threads[oldest].sliceGeneration,
      .sliceEnd)
  }

  mutating func sliceEnded(_ t: Int) {
    guard threads[t].core >= 0, !runQueue.isEmpty else { return }
    preempt(t)
  }

  /// Takes the core away; the thread resumes what it was doing when it gets a core again.
  private mutating func preempt(_ t: Int) {
    switch threads[t].activity {
    case .none:
      if threads[t].next == .none { threads[t].next = .execute }
    case .compute, .builtin, .native, .sleepZero:
      // The op at pc keeps the work it has left and starts again from there.
      threads[t].frame.opLeft -= now - threads[t].activityStart
      threads[t].activity = .none
      threads[t].next = .execute
    case .instruction:
      threads[t].activity = .none
      threads[t].next = .execute
    case .failedAcquire, .oldGILRelease, .taskStep:
      threads[t].remaining = max(threads[t].activityEnd - now, 0)
      threads[t].next = .resumeActivity
    }
    record(t, .osPreempt)
    releaseCore(t)
    threads[t].generation &+= 1
    runQueue.append(t)
    setState(t, .runnable)
    armTimeslice()
  }

  /// Starts an activity on the thread's core, ending at `now + duration`.
  mutating func begin(_ t: Int, _ activity: Activity, _ duration: Nanos) {
    threads[t].activity = activity
    threads[t].activityStart = now
    threads[t].activityEnd = now + duration
    threads[t].generation &+= 1
    queue.push(threads[t].activityEnd, Int32(t), threads[t].generation, .activityDone)
  }

  /// Moves the end of the current activity (an earlier check point, a penalty).
  mutating func reschedule(_ t: Int, to end: Nanos) {
    threads[t].activityEnd = end
    threads[t].generation &+= 1
    queue.push(end, Int32(t), threads[t].generation, .activityDone)
  }

  mutating func resumeActivity(_ t: Int) {
    let activity = threads[t].activity
    record(t, .osDispatch)
    setState(t, activity == .taskStep ? .running : .waitingGIL)
    begin(t, activity, threads[t].remaining)
  }

  /// A thread whose timer expired runs after the timer's latency (or at once in the run queue if no core is free).
  mutating func wakeOnTimer(_ t: Int, then next: Continuation) {
    threads[t].next = next
    threads[t].generation &+= 1
    let latency = cores.contains(-1) ? model.timerWakeLatency + random.jitter(model.wakeJitter) : 0
    queue.push(now + latency, Int32(t), threads[t].generation, .woken)
  }

  /// How long the most recently idled free core has been idle, or nil when every core is busy.
  private func shortestIdle() -> Nanos? {
    var best: Nanos? = nil
    for core in cores.indices where cores[core] < 0 {
      let idle = now - coreIdleSince[core]
      if best == nil || idle < best! { best = idle }
    }
    return best
  }

  /// A woken thread runs after the wake-up latency (with seeded jitter) of an idle core. With no idle core it
  /// joins the run queue at once, where it may preempt the thread that woke it.
  mutating func wake(_ t: Int, then next: Continuation) {
    threads[t].next = next
    threads[t].generation &+= 1
    var latency: Nanos = 0
    if let idleFor = shortestIdle() {
      latency = idleFor < model.idlePollWindow ? model.wakeLatency : model.deepIdleWakeLatency
      latency += random.jitter(model.wakeJitter)
    }
    queue.push(now + latency, Int32(t), threads[t].generation, .woken)
  }
}
