/// `multiprocessing` in the scheduler: a child process is a process of the simulation, with its own GIL and its
/// own interpreter, a copy of its parent's at the fork (`PythonMachine.fork`); its first thread runs the
/// `Process` object's `run()`. A `multiprocessing.Queue` is one queue every process that inherited it reaches,
/// its items pickled on the way (`ObjectCopier`). The times of the fork, the child's start-up and a queue item's
/// trip are measured (`MachineModel.forkCost`, `forkedChildStart`, `pipeTrip`).
extension Simulation {
  /// The op for a call of `_giltutor_processes`, or nil when it was done at once.
  mutating func processCall(_ t: Int, _ call: SchedulerCall, _ instruction: Op) -> Op? {
    let world = python!
    let p = threads[t].process
    let machine = world.machines[p]
    let thread = world.threads[t]
    var op = instruction
    func done(_ value: PyValue) -> Op? {
      machine.resume(thread, with: value)
      return nil
    }
    func child(_ index: Int) -> Int? {
      index > 0 && index < world.processMains.count ? world.processMains[index] : nil
    }
    switch call {
    case .processStart(let object):
      let index = fork(t, object)
      object.attributes["_index"] = .int(Int64(index))
      object.attributes["pid"] = .int(Int64(40_000 + index))
      // The parent's `os.fork()`, with the GIL held.
      op.cost += model.forkCost
      return op
    case .processJoin(let index, let timeout):
      guard let main = child(index) else { return done(.none) }
      op.kind = .join
      op.slot = Int32(world.declaration[main])
      op.constant = timeout < 0 ? 0 : max(timeout, 1)
      op.cost += profile.pythonTime(model.syncCost(.join, of: .lock))
      return op
    case .processAlive(let index):
      guard let main = child(index) else { return done(.bool(false)) }
      return done(.bool(!threads[main].finished))
    case .processTerminate(let index):
      if child(index) != nil { terminate(index) }
      return done(.none)
    case .processName: return done(.str(world.processNames[p]))
    case .cpuCount: return done(.int(Int64(scenario.cores)))
    case .processTimes:
      let cpu = threads.indices.filter { threads[$0].process == p }.reduce(Nanos(0)) { sum, k in
        sum + threads[k].stats.cpu + (threads[k].core >= 0 ? now - threads[k].onCoreSince : 0)
      }
      return done(.tuple([.float(Double(cpu) / 1e9), .float(0), .float(0), .float(0), .float(Double(now) / 1e9)]))
    case .processID:
      // The main process's pid as in a fresh container, a child's as `Process.pid` says.
      return done(.int(Int64(p == 0 ? 1_000 : 40_000 + p)))
    default: return done(.none)
    }
  }

  /// `os.fork()` from thread `t`: a new process with a copy of its interpreter and of its synchronisation objects
  /// (a lock held at the fork stays held in the child), whose first thread starts after the child's start-up.
  private mutating func fork(_ t: Int, _ object: PyInstance) -> Int {
    let world = python!
    let parent = threads[t].process
    let (machine, copier) = world.machines[parent].fork()
    let index = processes.count
    // CPython's `random` reseeds a forked child (`os.register_at_fork`): from a seed of the child's own here.
    machine.randomSeed = scenario.seed &* 1_000_003 &+ UInt64(index)
    var state = ProcessState(shared: [], locks: processes[parent].locks)
    for k in state.locks.indices {
      state.locks[k].waiters = WaitQueue()
      state.locks[k].putters = WaitQueue()
    }
    processes.append(state)
    let name = (try? world.machines[parent].str(object.attributes["name"] ?? .none)) ?? "Process-\(index)"
    scenario.processes.append(ProcessDeclaration(name: name))
    world.machines.append(machine)
    world.processNames.append(name)
    world.processGlobals.append(copier.dict(world.processGlobals[parent]))
    world.processObjects[index] = object
    let main = newPythonThread(name: name, process: index)
    world.processMains.append(main)
    world.daemon[main] = machine.flag(object.attributes["daemon"] ?? .bool(false))
    machine.makeMainThreadObject(main)
    // The child runs its copy of the object's `run()`.
    machine.active = world.threads[main]
    if case .instance(let copy) = copier.copy(.instance(object)), let run = copy.type.lookup("run") {
      try? machine.startCall(world.threads[main], run, [.instance(copy)], [])
    }
    threads[main].launched = true
    queue.push(now + model.forkCost + model.forkedChildStart, Int32(main), 0, .start)
    return index
  }

  /// The child's first thread has returned: the process exits (code 0 unless an exception ended it).
  mutating func processEnded(_ index: Int) {
    let world = python!
    guard let object = world.processObjects[index] else { return }
    if object.attributes["exitcode"] == nil || object.attributes["exitcode"].map(world.machine.isNone) == true {
      object.attributes["exitcode"] = .int(0)
    }
  }

  /// `Process.terminate()`: SIGTERM; the child's threads end where they are, exit code -15.
  private mutating func terminate(_ index: Int) {
    let world = python!
    for k in threads.indices where threads[k].process == index && !threads[k].finished {
      // A thread that waits on a queue its parent holds must not be woken later.
      for slot in processes[0].locks.indices {
        processes[0].locks[slot].waiters.remove(k)
        processes[0].locks[slot].putters.remove(k)
      }
      finishThread(k)
    }
    if let object = world.processObjects[index],
      !threads[world.processMains[index]].finished
        || object.attributes["exitcode"].map(world.machine.isNone) != false
    {
      object.attributes["exitcode"] = .int(-15)
    }
  }
}
