import DisplayText
import SchedulerEngine
import TraceIO

/// `--dis`: each thread's and task's statements, each followed by the CPython instructions it compiles to.
enum BytecodeListing {
  /// What `dis.dis` prints for the function each thread and task runs: the scenario line, the instruction, and a
  /// star at the check points (where the thread may be asked to drop the GIL).
  static func render(_ scenario: Scenario) -> String {
    let marks =
      scenario.lockModel == .oldGIL
      ? "* marks a check point: the ticker counts down after it" : "* marks a check point"
    var lines = ["Bytecode (\(scenario.interpreter.rawValue); \(marks)):"]
    let shared = Set(scenario.shared.map(\.name))
    func function(_ title: String, _ body: [Statement]) {
      lines.append(title)
      let listing = Bytecode.function(
        body: body, shared: shared, objects: scenario.locks, interpreter: scenario.interpreter)
      for (line, instruction) in listing {
        let number = line > 0 ? String(line) : ""
        let padded = String(repeating: " ", count: max(0, 5 - number.count)) + number
        var text = "\(padded)  \(instruction.isCheckPoint ? "*" : " ") \(instruction.opname)"
        // The argument column starts at 27; a longer name (LOAD_COMMON_CONSTANT) pushes it right, never cut.
        if (instruction.arg != nil || !instruction.argrepr.isEmpty) && text.count < 27 {
          text = text.padding(toLength: 27, withPad: " ", startingAt: 0)
        }
        if let arg = instruction.arg { text += " \(arg)" }
        if !instruction.argrepr.isEmpty { text += " (\(instruction.argrepr))" }
        lines.append(text)
      }
    }
    if let main = scenario.mainBody { function("main:", main) }
    for pool in scenario.pools {
      function("pool \(pool.name) = ThreadPoolExecutor(\(pool.workers)), the job each worker runs:", pool.job)
    }
    for process in scenario.processes {
      let prefix = scenario.processes.count > 1 ? "process \(process.name): " : ""
      for thread in process.threads {
        let count = thread.count > 1 ? " x \(thread.count)" : ""
        function("\(prefix)thread \(thread.name)\(count):", thread.body)
      }
      for loop in process.eventLoops {
        for task in loop.tasks {
          let count = task.count > 1 ? " x \(task.count)" : ""
          function("\(prefix)eventloop \(loop.name), task \(task.name)\(count):", task.body)
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A statement as the scenario language writes it.
  static func source(of kind: StatementKind) -> String {
    func operand(_ operand: Operand) -> String {
      switch operand {
      case .name(let name): name
      case .constant(let value): String(value)
      }
    }
    switch kind {
    case .compute(let d): return "compute \(DurationText.literal(d))"
    case .io(let d): return "io \(DurationText.literal(d))"
    case .sleep(let d): return "sleep \(DurationText.literal(d))"
    case .native(let d): return "native \(DurationText.literal(d))"
    case .builtin(let d): return "builtin \(DurationText.literal(d))"
    case .gc(let d): return "gc \(DurationText.literal(d))"
    case .repeatBlock(let count, _): return "repeat \(count):"
    case .withLock(let name, _): return "with \(name):"
    case .assign(let target, let value):
      var text = "\(target) = \(operand(value.left))"
      if let op = value.op, let right = value.right { text += " \(op.rawValue) \(operand(right))" }
      return text
    case .augmentedAssign(let target, let op, let value): return "\(target) \(op.rawValue)= \(operand(value))"
    case .call(let name): return "call \(name)"
    case .sync(let call):
      var arguments = ""
      if let value = call.value { arguments = operand(value) }
      if let timeout = call.timeout { arguments = "timeout=\(DurationText.literal(timeout))" }
      let text = "\(call.object).\(call.method.rawValue)(\(arguments))"
      return call.target.map { "\($0) = \(text)" } ?? text
    case .awaitIO(let d): return "await io \(DurationText.literal(d))"
    case .awaitSleep(let d): return "await sleep \(DurationText.literal(d))"
    case .awaitThread: return "await to_thread:"
    }
  }
}
