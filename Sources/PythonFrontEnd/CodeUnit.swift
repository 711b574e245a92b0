import SchedulerEngine

/// What the code generator writes for one code object: instructions and labels in order, with the tables
/// (constants, names, locals) their arguments index.
struct InstructionSequence {
  enum Item {
    case instruction(FlowInstruction)
    case label(Int)
  }

  var items: [Item] = []
  private var labels = 0

  mutating func newLabel() -> Int {
    labels += 1
    return labels
  }

  mutating func place(_ label: Int) { items.append(.label(label)) }

  mutating func emit(_ opname: String, _ arg: Int = 0, line: Int, target: Int? = nil) {
    items.append(.instruction(FlowInstruction(opname: opname, arg: arg, label: target, line: line)))
  }
}

/// `co_consts` while a code object is compiled: each value once, in the order first added, the first one kept
/// even when unused (it may be the docstring).
struct ConstantTable {
  private(set) var values: [PythonConstant] = []
  private var indices: [PythonConstant: Int] = [:]
  /// After `removeUnused`, where each old index went.
  private var remap: [Int: Int] = [:]

  mutating func index(of value: PythonConstant) -> Int {
    if let i = indices[value] { return i }
    values.append(value)
    indices[value] = values.count - 1
    return values.count - 1
  }

  func value(at index: Int) -> PythonConstant { values[index] }

  /// Drops the constants no instruction loads (remove_unused_consts), keeping the order of the rest.
  mutating func removeUnused(_ graph: FlowGraph) {
    guard !values.isEmpty else { return }
    var used: Set<Int> = [0]
    for b in graph.order {
      for instruction in graph.blocks[b].instructions where instruction.opname.hasConstantArgument {
        used.insert(instruction.arg)
      }
    }
    var kept: [PythonConstant] = []
    remap = [:]
    for (i, value) in values.enumerated() where used.contains(i) {
      remap[i] = kept.count
      kept.append(value)
    }
    values = kept
    indices = [:]
    for (i, value) in values.enumerated() where indices[value] == nil { indices[value] = i }
  }

  func remapped(_ old: Int) -> Int { remap[old] ?? old }

  /// Drops the constants after the last one an instruction loads (3.11's trim_unused_consts; the first one
  /// always stays).
  mutating func trimTrailing(_ graph: FlowGraph) {
    var last = 0
    for b in graph.order {
      for instruction in graph.blocks[b].instructions where instruction.opname.hasConstantArgument {
        last = max(last, instruction.arg)
      }
    }
    guard last + 1 < values.count else { return }
    for value in values[(last + 1)...] { indices[value] = nil }
    values.removeLast(values.count - last - 1)
  }
}

extension PythonConstant {
  /// Python's truth value of the constant.
  var isTrue: Bool {
    switch self {
    case .none: false
    case .ellipsis, .code: true
    case .bool(let b): b
    case .int(let i): i != 0
    case .float(let d): d != 0
    case .string(let s): !s.isEmpty
    case .bytes(let b): !b.isEmpty
    case .tuple(let items), .frozenset(let items): !items.isEmpty
    }
  }
}
