/// A free-threaded build's garbage collection stops the world (`_PyEval_StopTheWorld` in `Python/pystate.c`,
/// called by `gc_collect_main` in `Python/gc_free_threading.c`): it asks every other thread of the interpreter to
/// pause through the eval breaker, and a thread that is running Python pauses at its next check point; one that
/// is detached (I/O, a sleep, C code without the GIL, a wait) may finish that, but pauses before it runs Python
/// again. When the collection is done (`_PyEval_StartTheWorld`) they all go on. With a GIL the collection is C
/// code holding it, like `builtin`: nobody else runs Python meanwhile anyway.
///
/// The collector here starts at once; the real one first waits until the threads running Python have reached
/// their check points (a fraction of a microsecond in a loop, the whole call for C code that holds on).
extension Simulation {
  mutating func stopTheWorld(_ t: Int) {
    let p = threads[t].process
    guard processes[p].worldStoppedBy < 0 else { return }
    processes[p].worldStoppedBy = t
    stoppedWorlds += 1
    record(t, .worldStopped)
    // A compute loop notices at its next back-edge.
    for u in threads.indices where u != t && threads[u].process == p && threads[u].state == .running {
      recut(u)
    }
  }

  /// Whether the thread must pause now: another thread of its process has stopped the world.
  func mustStop(_ t: Int) -> Bool {
    let stopper = processes[threads[t].process].worldStoppedBy
    return stopper >= 0 && stopper != t
  }

  mutating func pause(_ t: Int) {
    setState(t, .stopped)
    releaseCore(t)
    processes[threads[t].process].stopped.append(t)
  }

  mutating func restartTheWorld(_ t: Int) {
    let p = threads[t].process
    processes[p].worldStoppedBy = -1
    stoppedWorlds -= 1
    record(t, .worldRestarted)
    for u in processes[p].stopped { wake(u, then: .requestGIL) }
    processes[p].stopped = []
  }
}
