/// An asyncio event loop: one thread, tasks that switch only at `await`.
struct LoopState {
  let thread: Int
  /// Tasks ready to run, in the order they became ready.
  var ready = FIFO()
  /// Tasks whose wait ended during this pass: the callback that ends it (a future's result set) runs now, and
  /// schedules the task's step with `call_soon`, so the task runs in the next pass.
  var woken: [Int] = []
  /// How many of `ready` this pass still runs: `_run_once` runs the ready callbacks it found when the pass began.
  var passLeft = 0
  /// The selector has returned: the next dispatch begins a pass.
  var selected = false
  /// Awaited waits in progress: timers (`asyncio.sleep`) and I/O, each earliest first.
  var timers = MinHeap<PendingWait>()
  var io = MinHeap<PendingWait>()
  var currentTask = -1
  /// Whether the selector's current wait ends on a timer rather than on I/O.
  var selectOnTimer = false
  /// The loop thread's own frame while a task's frame is swapped in.
  var parkedFrame: Frame? = nil
  /// Tasks waiting for a thread of the default executor (`await to_thread:`).
  var threadWaits = 0
  /// The loop's default executor in `pools`, or -1; and whether `asyncio.run` has begun to shut it down.
  var executor = -1
  var executorShutDown = false
}

struct SimTask {
  let name: String
  let loop: Int
  var frame: Frame
  var readySince: Nanos = -1
  var finishedAt: Nanos? = nil
  var maxLateness: Nanos = 0
}

extension Simulation {
  /// `BaseEventLoop._run_once`, pass after pass: each pass calls the selector, which releases the GIL even when
  /// callbacks are ready (timeout 0), then runs the callbacks that were ready when it began, no more; a task whose
  /// wait ended in this pass runs in the next.
  mutating func loopDispatch(_ t: Int) {
    let l = threads[t].loop
    if loops[l].selected {
      loops[l].selected = false
      for task in loops[l].woken { loops[l].ready.append(task) }
      loops[l].woken.removeAll(keepingCapacity: true)
      collectDue(l)
      loops[l].passLeft = loops[l].ready.count
    }
    if loops[l].passLeft > 0 {
      loops[l].passLeft -= 1
      let task = loops[l].ready.removeFirst()
      loops[l].currentTask = task
      setState(t, .running)
      // The loop's own Python code (the Task step, the handle) before the coroutine resumes.
      begin(t, .taskStep, model.taskStepCost)
    } else if !loops[l].ready.isEmpty || !loops[l].woken.isEmpty || !loops[l].timers.isEmpty
      || !loops[l].io.isEmpty || loops[l].threadWaits > 0
    {
      releaseGILVoluntarily(t)
    } else if loops[l].executor >= 0 && !pools[loops[l].executor].workersEnded(threads) {
      // `asyncio.run` ends with `loop.shutdown_default_executor()`: the workers take the `None` and end, and the
      // loop waits for them (woken as a self-pipe write would wake it).
      if !loops[l].executorShutDown {
        loops[l].executorShutDown = true
        putShutdownSignal(loops[l].executor)
      }
      releaseGILVoluntarily(t)
    } else {
      finishThread(t)
    }
  }

  /// Moves every wait that has ended to `woken`, in the order they ended: their callbacks run in this pass.
  private mutating func collectDue(_ l: Int) {
    while true {
      let timer = loops[l].timers.first.flatMap { $0.time <= now ? $0 : nil }
      let io = loops[l].io.first.flatMap { $0.time <= now ? $0 : nil }
      guard let next = [timer, io].compactMap({ $0 }).min() else {
        return
      }
      if next.isTimer { _ = loops[l].timers.popFirst() } else { _ = loops[l].io.popFirst() }
      tasks[next.task].readySince = next.time
      loops[l].woken.append(next.task)
    }
  }

  /// The selector waits for the first I/O to complete or the first timer, in whole milliseconds rounded up.
  mutating func startSelect(_ t: Int) {
    let l = threads[t].loop
    loops[l].selected = true
    if !loops[l].ready.isEmpty || !loops[l].woken.isEmpty {
      // select(0): the system call returns at once; the thread keeps its core.
      setState(t, .selecting)
      begin(t, .selectZero, model.selectZeroCost)
      return
    }
    // A timer is rounded up to the selector's resolution; I/O wakes the selector when it completes.
    var wakeAt = Nanos.max
    loops[l].selectOnTimer = false
    if let timer = loops[l].timers.first {
      let wait = max(timer.time - now, 0)
      let resolution = model.selectorResolution
      wakeAt = now + (wait + resolution - 1) / resolution * resolution + (wait > 0 ? model.timerSlack : 0)
      loops[l].selectOnTimer = wait > 0
    }
    if let io = loops[l].io.first, io.time < wakeAt {
      wakeAt = io.time
      loops[l].selectOnTimer = false
    }
    setState(t, .selecting)
    releaseCore(t)
    threads[t].generation &+= 1
    // With only executor threads to wait for, the selector waits until one writes to the self-pipe.
    if wakeAt < Nanos.max { queue.push(wakeAt, Int32(t), threads[t].generation, .blockDone) }
  }

  /// The loop's step is done: the task's coroutine runs on the loop thread.
  mutating func taskResumes(_ t: Int) {
    let l = threads[t].loop
    let task = loops[l].currentTask
    if tasks[task].readySince >= 0 {
      tasks[task].maxLateness = max(tasks[task].maxLateness, now - tasks[task].readySince)
      tasks[task].readySince = -1
    }
    record(t, .taskSwitch, detail: task)
    loops[l].parkedFrame = threads[t].frame
    threads[t].frame = tasks[task].frame
    execute(t)
  }

  /// `await io D` / `await sleep D`: the task parks until the wait ends; the loop goes on.
  mutating func taskAwaits(_ t: Int, _ op: Op) {
    let l = threads[t].loop
    let task = loops[l].currentTask
    record(t, .taskAwait, detail: task, value: op.cost)
    threads[t].frame.pc += 1
    if op.kind == .awaitThread {
      taskAwaitsThread(t, op, task: task)
    } else if op.kind == .awaitSleep && op.cost == 0 {
      // `asyncio.sleep(0)` yields without a timer: the task's step is scheduled again for the next pass.
      tasks[task].readySince = now
      loops[l].woken.append(task)
    } else {
      let wait = PendingWait(time: now + op.cost, task: task, isTimer: op.kind == .awaitSleep)
      if wait.isTimer { loops[l].timers.insert(wait) } else { loops[l].io.insert(wait) }
    }
    parkTask(t)
    loopDispatch(t)
  }

  mutating func taskFinished(_ t: Int) {
    let l = threads[t].loop
    let task = loops[l].currentTask
    record(t, .taskFinish, detail: task)
    tasks[task].finishedAt = now
    parkTask(t)
    loopDispatch(t)
  }

  private mutating func parkTask(_ t: Int) {
    let l = threads[t].loop
    let task = loops[l].currentTask
    tasks[task].frame = threads[t].frame
    if let own = loops[l].parkedFrame { threads[t].frame = own }
    loops[l].parkedFrame = nil
    loops[l].currentTask = -1
  }
}
