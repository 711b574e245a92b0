/// A SIGINT (Ctrl-C) as CPython handles it (`Modules/signalmodule.c`, `Python/ceval_gil.c`): the C handler only
/// notes the signal and sets the eval breaker; Python's handler, which raises `KeyboardInterrupt`, runs in the main
/// thread alone (`_Py_ThreadCanHandleSignals`), at its next check point with the GIL held. A main thread blocked in a
/// wait is woken by the signal (EINTR) from 3.2 on — lock acquires, `join`, `Event.wait`, queue gets, sleeps, I/O
/// — and raises as soon as it has the GIL back; 2.7's lock acquires are not interruptible, so there the signal waits
/// until the wait ends. C code that holds the GIL (`builtin`) or releases it (`native`) finishes first.
extension Simulation {
  /// The main thread, which alone runs signal handlers (`main:`; a scenario with signals has one).
  var mainThread: Int { scenario.mainBody == nil ? -1 : 0 }

  mutating func signalArrived() {
    let t = mainThread
    guard t >= 0, threads.contains(where: { !$0.finished }) else { return }
    record(t, .signalArrived)
    guard !threads[t].finished else {
      mainInShutdown()
      return
    }
    signalPending = true
    switch threads[t].state {
    case .waitingLock where profile.dialect != .py27:
      cancelWait(t)
      threads[t].interrupted = true
      wake(t, then: .requestGIL)
    case .io, .sleeping:
      // EINTR: the call returns to run the handler (PEP 475 retries it only if the handler returns).
      record(t, threads[t].state == .io ? .ioEnd : .sleepEnd)
      threads[t].interrupted = true
      wake(t, then: .requestGIL)
    case .running:
      // A compute loop notices at its next back-edge.
      recut(t)
    default:
      break  // waiting for the GIL, C code, or an uninterruptible 2.7 wait: the next check point handles it
    }
  }

  /// Whether the main thread runs the pending handler at this check point, and so raises.
  func handlesSignal(_ t: Int) -> Bool {
    signalPending && t == mainThread
  }

  /// Python's default SIGINT handler raises `KeyboardInterrupt` in the main thread, which ends it; the other
  /// threads go on, and the program waits for them (`threading._shutdown`).
  mutating func raiseKeyboardInterrupt(_ t: Int) {
    signalPending = false
    threads[t].interrupted = false
    raise(t, "KeyboardInterrupt")
  }

  /// A signal while the main thread waits for the others at exit: from 3.2 its `join` is interrupted, the
  /// exception is ignored ("Exception ignored in: <module 'threading'>") and the interpreter exits, which stops
  /// every other thread of the process; 2.7's uninterruptible `join` lets it go by.
  /// The run ends there, every thread stopped where it was.
  private mutating func mainInShutdown() {
    guard profile.dialect != .py27 else { return }
    raised.append(
      Trace.Raised(
        thread: mainThread, time: now,
        error: "KeyboardInterrupt (in threading._shutdown, ignored: Python exits, stopping the other threads)"))
    for t in threads.indices where !threads[t].finished {
      threads[t].finished = true
      threads[t].stats.finishedAt = now
      record(t, .threadFinish)
    }
    exited = true
  }

  /// Takes a waiting thread out of whatever it waits in.
  private mutating func cancelWait(_ t: Int) {
    let p = threads[t].process
    for slot in processes[p].locks.indices {
      processes[p].locks[slot].waiters.remove(t)
      processes[p].locks[slot].putters.remove(t)
    }
    for declaration in joinWaiters.indices { joinWaiters[declaration].remove(t) }
    for k in pools.indices {
      pools[k].getters.remove(t)
      if pools[k].mapper == t { pools[k].mapper = -1 }
    }
    threads[t].lockDeadline = -1
    threads[t].generation &+= 1
  }
}
