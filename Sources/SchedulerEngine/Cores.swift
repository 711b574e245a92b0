/// The OS scheduler: threads that want to run get a free core, or wait in a run queue and are time-sliced.
extension Simulation {
  /// The thread wants a core to do `next`: the core it last ran on if that one is free, else any free core, else
  /// it waits in its last core's run queue (a new thread: the shortest queue). Linux looks for an idle CPU when it
  /// wakes a thread, but otherwise leaves it on the CPU it ran on.
  mutating func wantCore(_ t: Int, _ next: Continuation) {
    threads[t].next = next
    if threads[t].core >= 0 {
      // Still on its core (it never gave it up): carry on at once.
      threads[t].generation &+= 1
      queue.push(now, Int32(t), threads[t].generation, .run)
      return
    }
    // Already waiting for a core (a timer and a wake-up can both ask for one): it does `next` when it gets it. A
    // second place in a queue would hand it a core again after it finished.
    if threads[t].queued { return }
    let last = threads[t].lastCore
    if last >= 0 && cores[last] < 0 {
      give(last, to: t, cost: 0)
      return
    }
    if let core = cores.firstIndex(of: -1) {
      give(core, to: t, cost: 0)
      return
    }
    let home = last >= 0 ? last : shortestQueue()
    enqueue(t, on: home)
    setState(t, .runnable)
    preemptForWakeUp(t, on: home)
    armTimeslice(home)
  }

  private func shortestQueue() -> Int {
    var best = 0
    for core in runQueues.indices where runQueues[core].count < runQueues[best].count { best = core }
    return best
  }

  /// Gives up the core: the thread sleeps, blocks or has finished. The core runs the next thread of its own queue;
  /// with none, it goes idle, and pulls a thread waiting on another core only if it stays idle for
  /// `idleBalanceDelay`.
  mutating func releaseCore(_ t: Int) {
    let core = threads[t].core
    guard core >= 0 else { return }
    threads[t].stats.cpu += now - threads[t].onCoreSince
    threads[t].core = -1
    threads[t].sliceGeneration &+= 1
    cores[core] = -1
    coreIdleSince[core] = now
    if !runQueues[core].isEmpty {
      give(core, to: dequeue(core), cost: model.contextSwitch)
      armTimeslice(core)
    } else if queuedThreads > 0 {
      queue.push(now + model.idleBalanceDelay, Int32(core), balanceGeneration[core], .balance)
    }
  }

  /// The idle core's balancing: it takes the first thread of the longest queue.
  mutating func balance(_ core: Int) {
    guard cores[core] < 0 else { return }
    var busiest = -1
    for c in runQueues.indices where !runQueues[c].isEmpty {
      if busiest < 0 || runQueues[c].count > runQueues[busiest].count { busiest = c }
    }
    guard busiest >= 0 else { return }
    give(core, to: dequeue(busiest), cost: model.contextSwitch)
    armTimeslice(busiest)
  }

  /// The run queues change only here, so that `queuedThreads` (which spares an idle core a scan of every queue)
  /// stays their total.
  private mutating func enqueue(_ t: Int, on core: Int) {
    runQueues[core].append(t)
    threads[t].queued = true
    queuedThreads += 1
  }

  private mutating func dequeue(_ core: Int) -> Int {
    queuedThreads -= 1
    let t = runQueues[core].removeFirst()
    threads[t].queued = false
    return t
  }

  private mutating func give(_ core: Int, to t: Int, cost: Nanos) {
    cores[core] = t
    balanceGeneration[core] &+= 1
    threads[t].core = core
    threads[t].lastCore = core
    threads[t].dispatchedAt = now
    threads[t].onCoreSince = now
    threads[t].generation &+= 1
    queue.push(now + cost, Int32(t), threads[t].generation, .run)
  }

  /// CFS lets a thread that just woke up take the core it waits for from the one running there if that one has
  /// had at least `wakeupGranularity` more CPU time (virtual runtime) than it.
  private mutating func preemptForWakeUp(_ woken: Int, on core: Int) {
    let current = cores[core]
    guard current >= 0 else { return }
    if virtualRuntime(current) - virtualRuntime(woken) >= model.wakeupGranularity { preempt(current) }
  }

  private mutating func virtualRuntime(_ t: Int) -> Nanos {
    threads[t].stats.cpu + (threads[t].core >= 0 ? now - threads[t].onCoreSince : 0)
  }

  /// When threads wait for a core, the one running there is preempted at the end of its time slice.
  private mutating func armTimeslice(_ core: Int) {
    let current = cores[core]
    guard !runQueues[core].isEmpty, current >= 0 else { return }
    threads[current].sliceGeneration &+= 1
    queue.push(
      max(now, threads[current].dispatchedAt + model.timeslice), Int32(current), threads[current].sliceGeneration,
      .sliceEnd)
  }

  mutating func sliceEnded(_ t: Int) {
    let core = threads[t].core
    guard core >= 0, !runQueues[core].isEmpty else { return }
    preempt(t, rebalance: true)
  }

  /// Takes the core away; the thread resumes what it was doing when it gets a core again. Preempted by a woken
  /// thread, it waits for the same core; at the end of its time slice it goes to the least loaded core, the next
  /// one round on a tie (the periodic load balancing, which shares the cores among more threads than cores).
  private mutating func preempt(_ t: Int, rebalance: Bool = false) {
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
    case .failedAcquire, .oldGILRelease, .taskStep, .selectZero:
      threads[t].remaining = max(threads[t].activityEnd - now, 0)
      threads[t].next = .resumeActivity
    }
    record(t, .osPreempt)
    let core = threads[t].core
    releaseCore(t)
    threads[t].generation &+= 1
    var target = core
    if rebalance {
      var least = Int.max
      for step in 1...cores.count {
        let c = (core + step) % cores.count
        let load = runQueues[c].count + (cores[c] >= 0 ? 1 : 0)
        if load < least {
          least = load
          target = c
        }
      }
    }
    threads[t].lastCore = target
    setState(t, .runnable)
    if cores[target] < 0 {
      give(target, to: t, cost: model.contextSwitch)
      return
    }
    enqueue(t, on: target)
    armTimeslice(target)
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
    setState(t, activity == .taskStep ? .running : activity == .selectZero ? .selecting : .waitingGIL)
    begin(t, activity, threads[t].remaining)
  }

  /// A thread whose timer expired runs after the timer's latency (or at once in the run queue if no core is free).
  mutating func wakeOnTimer(_ t: Int, then next: Continuation) {
    threads[t].next = next
    threads[t].generation &+= 1
    let latency = cores.contains(-1) ? model.timerWakeLatency + random.jitter(model.wakeJitter) : 0
    queue.push(now + latency, Int32(t), threads[t].generation, .woken)
  }

  /// A woken thread runs after the wake-up latency (with seeded jitter) of the idle core it is woken onto. With no
  /// idle core it joins the run queue at once, where it may preempt the thread that woke it.
  mutating func wake(_ t: Int, then next: Continuation) {
    threads[t].next = next
    threads[t].generation &+= 1
    var latency: Nanos = 0
    if let target = wakeTarget(t) {
      // As Linux picks the CPU when it wakes a thread: its own if idle, else an idle one, which it then runs on.
      threads[t].lastCore = target
      let idleFor = now - coreIdleSince[target]
      latency = idleFor < model.idlePollWindow ? model.wakeLatency : model.deepIdleWakeLatency
      latency += random.jitter(model.wakeJitter)
    }
    queue.push(now + latency, Int32(t), threads[t].generation, .woken)
  }

  /// `waker` wakes `t` from a Python-level wait (a lock, an event, a condition, a queue): the system call is the
  /// waker's time, paid with its current or next instruction.
  mutating func wake(_ t: Int, then next: Continuation, by waker: Int) {
    wake(t, then: next)
    threads[waker].owed += model.wakeCost
  }

  /// The idle core a woken thread goes to: the one it last ran on, else the one that went idle last; nil when
  /// every core is busy.
  private func wakeTarget(_ t: Int) -> Int? {
    let last = threads[t].lastCore
    if last >= 0 && cores[last] < 0 { return last }
    var best: Int? = nil
    for core in cores.indices where cores[core] < 0 {
      if best == nil || coreIdleSince[core] > coreIdleSince[best!] { best = core }
    }
    return best
  }
}
