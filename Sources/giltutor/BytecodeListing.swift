import SchedulerEngine

/// `--dis`: each thread's and task's statements, each followed by the CPython instructions it compiles to.
enum BytecodeListing {
  /// The instructions of one statement, or nil while the engine does not provide them.
  ///
  /// SWITCH ON when the engine's `Bytecode.listing(for:)` lands in SchedulerEngine: replace the body with
  /// `Bytecode.listing(for: kind)`.
  static func instructions(for kind: StatementKind) -> [Instruction]? {
    nil
  }

  static func render(_ scenario: Scenario) -> String {
    var lines = ["Bytecode (\(scenario.interpreter.rawValue)):"]
    if instructions(for: .compute(1)) == nil {
      lines.append("(the instructions are not available in this build: statements only)")
    }
    for process in scenario.processes {
      let prefix = scenario.processes.count > 1 ? "process \(process.name): " : ""
      for thread in process.threads {
        let count = thread.count > 1 ? " x \(thread.count)" : ""
        lines.append("\(prefix)thread \(thread.name)\(count):")
        append(thread.body, depth: 1, to: &lines)
      }
      for loop in process.eventLoops {
        lines.append("\(prefix)eventloop \(loop.name):")
        for task in loop.tasks {
          let count = task.count > 1 ? " x \(task.count)" : ""
          lines.append("  task \(task.name)\(count):")
          append(task.body, depth: 2, to: &lines)
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func append(_ body: [Statement], depth: Int, to lines: inout [String]) {
    let indent = String(repeating: "  ", count: depth)
    for statement in body {
      let line = statement.location.line > 0 ? String(statement.location.line) : ""
      lines.append("\(indent)\(line.isEmpty ? "" : line + ": ")\(source(of: statement.kind))")
      for instruction in instructions(for: statement.kind) ?? [] {
        // A star marks the check points, where the thread may be asked to drop the GIL.
        lines.append("\(indent)    \(instruction.isCheckPoint ? "*" : " ") \(instruction.text)")
      }
      switch statement.kind {
      case .repeatBlock(_, let inner), .withLock(_, let inner):
        append(inner, depth: depth + 1, to: &lines)
      default:
        break
      }
    }
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
    case .compute(let d): return "compute \(DurationText.format(d))"
    case .io(let d): return "io \(DurationText.format(d))"
    case .sleep(let d): return "sleep \(DurationText.format(d))"
    case .native(let d): return "native \(DurationText.format(d))"
    case .builtin(let d): return "builtin \(DurationText.format(d))"
    case .repeatBlock(let count, _): return "repeat \(count):"
    case .withLock(let name, _): return "with \(name):"
    case .assign(let target, let value):
      var text = "\(target) = \(operand(value.left))"
      if let op = value.op, let right = value.right { text += " \(op.rawValue) \(operand(right))" }
      return text
    case .augmentedAssign(let target, let op, let value): return "\(target) \(op.rawValue)= \(operand(value))"
    case .call(let name): return "call \(name)"
    case .awaitIO(let d): return "await io \(DurationText.format(d))"
    case .awaitSleep(let d): return "await sleep \(DurationText.format(d))"
    }
  }
}
