/// An asyncio event loop: one thread, tasks that switch only at `await`.
struct LoopState {
  let thread: Int
  /// Tasks ready to run, in the order they became ready.
  var ready = FIFO()
  /// Awaited waits in progress: timers (`asyncio.sleep`) and I/O, each earliest first.
  var timers = MinHeap<PendingWait>()
  var io = MinHeap<PendingWait>()
  var currentTask = -1
  /// Whether the selector's current wait ends on a timer rather than on I/O.
  var selectOnTimer = false
  /// The loop thread's own frame while a task's frame is swapped in.
  var parkedFrame: Frame? = nil
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
  /// `_run_once`: collect what is due, run the next ready task, or wait in the selector.
  mutating func loopDispatch(_ t: Int) {
    let l = threads[t].loop
    collectDue(l)
    if !loops[l].ready.isEmpty {
      let task = loops[l].ready.removeFirst()
      loops[l].currentTask = task
      setState(t, .running)
      // The loop's own Python code (the Task step, the handle) before the coroutine resumes.
      begin(t, .taskStep, model.taskStepCost)
    } else if !loops[l].timers.isEmpty || !loops[l].io.isEmpty {
      releaseGILVoluntarily(t)
    } else {
      finishThread(t)
    }
  }

  /// Moves every wait that has ended onto the ready queue, in the order they ended.
  private mutating func collectDue(_ l: Int) {
    while true {
      let timer = loops[l].timers.first.flatMap { $0.time <= now ? $0 : nil }
      let io = loops[l].io.first.flatMap { $0.time <= now ? $0 : nil }
      guard let next = [timer, io].compactMap({ $0 }).min() else {
        return
      }
      if next.isTimer { _ = loops[l].timers.popFirst() } else { _ = loops[l].io.popFirst() }
      tasks[next.task].readySince = next.time
      loops[l].ready.append(next.task)
    }
  }

  /// The selector waits for the first I/O to complete or the first timer, in whole milliseconds rounded up.
  mutating func startSelect(_ t: Int) {
    let l = threads[t].loop
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
    queue.push(wakeAt, Int32(t), threads[t].generation, .blockDone)
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
    let wait = PendingWait(time: now + op.cost, task: task, isTimer: op.kind == .awaitSleep)
    if wait.isTimer { loops[l].timers.insert(wait) } else { loops[l].io.insert(wait) }
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
