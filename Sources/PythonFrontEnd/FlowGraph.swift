import SchedulerEngine

/// The control-flow graph a code unit becomes before assembly, and the passes CPython 3.12 and 3.13 run on it
/// (Python/flowgraph.c: jump threading, constant conditions, small exit blocks inlined, unreachable code removed,
/// exception handlers moved to the end, line numbers resolved, backward conditional jumps normalised). The order
/// of the passes and their rules follow that file, because `dis` shows their result.
struct FlowInstruction {
  var opname: String
  var arg: Int = 0
  /// For a jump or a block push (SETUP_*), the label it goes to, and then the block.
  var label: Int? = nil
  var target: Int? = nil
  /// The source line, or -1 for none (CPython's NO_LOCATION).
  var line: Int = -1
  /// The block that handles an exception raised here, if any (i_except).
  var handler: Int? = nil

  var isJump: Bool { FlowGraph.jumps.contains(opname) }
  var isBlockPush: Bool { opname == "SETUP_FINALLY" || opname == "SETUP_CLEANUP" || opname == "SETUP_WITH" }
  var hasTarget: Bool { isJump || isBlockPush }
  var isUnconditionalJump: Bool { FlowGraph.unconditionalJumps.contains(opname) }
  var exitsScope: Bool { FlowGraph.scopeExits.contains(opname) }
  /// A jump or an exit: nothing after it in its block runs.
  var isTerminator: Bool { isUnconditionalJump || exitsScope }
}

struct FlowBlock {
  var instructions: [FlowInstruction] = []
  var label: Int? = nil
  var next: Int? = nil
  var predecessors = 0
  var visited = false
  var isExceptionHandler = false
  var warm = false
  var cold = false

  var last: FlowInstruction? { instructions.last }
  /// Whether control can run off its end into `next`.
  var hasFallthrough: Bool {
    guard let last else { return true }
    return !last.isTerminator
  }
  var exitsScope: Bool { last?.exitsScope ?? false }
}

struct FlowGraph {
  static let jumps: Set<String> = [
    "JUMP", "JUMP_NO_INTERRUPT", "JUMP_FORWARD", "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT",
    "POP_JUMP_IF_FALSE", "POP_JUMP_IF_TRUE", "POP_JUMP_IF_NONE", "POP_JUMP_IF_NOT_NONE", "FOR_ITER", "SEND",
    // 3.11's: a value kept or popped, and conditional jumps by their direction.
    "JUMP_IF_FALSE_OR_POP", "JUMP_IF_TRUE_OR_POP", "POP_JUMP_FORWARD_IF_FALSE", "POP_JUMP_FORWARD_IF_TRUE",
    "POP_JUMP_FORWARD_IF_NONE", "POP_JUMP_FORWARD_IF_NOT_NONE", "POP_JUMP_BACKWARD_IF_FALSE",
    "POP_JUMP_BACKWARD_IF_TRUE", "POP_JUMP_BACKWARD_IF_NONE", "POP_JUMP_BACKWARD_IF_NOT_NONE",
  ]
  static let unconditionalJumps: Set<String> = [
    "JUMP", "JUMP_NO_INTERRUPT", "JUMP_FORWARD", "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT",
  ]
  static let scopeExits: Set<String> = ["RETURN_VALUE", "RETURN_CONST", "RAISE_VARARGS", "RERAISE"]
  /// MAX_COPY_SIZE: how small an exit block must be to be copied into the jumps to it.
  static let maximumCopySize = 4

  var blocks: [FlowBlock] = []
  var entry = 0
  /// Whose passes to run (3.13 adds superinstructions and the rules for TO_BOOL).
  var release = CompilerRelease.python312
  var from313: Bool { release >= .python313 }
  var before312: Bool { release < .python312 }

  /// Builds blocks from an instruction sequence with labels, as cfg_builder does while the compiler emits: a
  /// new block starts at a label and after a terminator. 3.13 builds them from the finished sequence
  /// (_PyCfg_FromInstructionSequence), where only a label something jumps to starts a block.
  init(_ items: [InstructionSequence.Item], release: CompilerRelease) {
    self.release = release
    let targeted = Set(items.compactMap { if case .instruction(let i) = $0 { i.label } else { nil } })
    blocks = [FlowBlock()]
    var current = 0
    func startBlock(label: Int?) {
      var block = FlowBlock()
      block.label = label
      blocks.append(block)
      blocks[current].next = blocks.count - 1
      current = blocks.count - 1
    }
    for item in items {
      switch item {
      case .label(let label) where release >= .python313 && !targeted.contains(label):
        continue
      case .label(let label):
        // An empty unlabelled block takes the label; otherwise a new block starts (two labels at one place
        // make an empty block, which the elimination of empty blocks skips).
        if blocks[current].instructions.isEmpty && blocks[current].label == nil {
          blocks[current].label = label
        } else {
          startBlock(label: label)
        }
      case .instruction(let instruction):
        if let last = blocks[current].last, last.isTerminator || last.isJump {
          startBlock(label: nil)
        }
        blocks[current].instructions.append(instruction)
      }
    }
    // Labels to block indices.
    var byLabel: [Int: Int] = [:]
    for (i, block) in blocks.enumerated() { if let label = block.label { byLabel[label] = i } }
    for b in blocks.indices {
      for i in blocks[b].instructions.indices {
        if let label = blocks[b].instructions[i].label { blocks[b].instructions[i].target = byLabel[label] }
      }
    }
  }

  /// The blocks in layout order.
  var order: [Int] {
    var result: [Int] = []
    var b: Int? = entry
    while let index = b {
      result.append(index)
      b = blocks[index].next
    }
    return result
  }

  // MARK: the passes, in _PyCfg_OptimizeCodeUnit's order

  mutating func optimize(constants: inout ConstantTable, locals: Int, parameters: Int, firstLine: Int) {
    if before312 { return optimize311(constants: &constants, firstLine: firstLine) }
    markExceptionHandlers()
    labelExceptionTargets()
    optimizeCFG(constants: &constants)
    constants.removeUnused(self)
    remapConstants(constants)
    addChecksForUninitializedLoads(locals: locals, parameters: parameters)
    if from313 { insertSuperinstructions() }
    pushColdBlocksToEnd()
    resolveLineNumbers()
  }

  /// 3.11's order (Python/compile.c's assemble): small exits without a line copied, the peephole rules, then
  /// unused constants trimmed, line numbers resolved and every exit given one; handlers are labelled last, and
  /// stay where the code put them (3.12 moves them to the end).
  private mutating func optimize311(constants: inout ConstantTable, firstLine: Int) {
    markExceptionHandlers()
    eliminateEmptyBlocks()
    for b in order { extendBlock(b) }
    for b in order {
      optimizeBlock(b, constants: &constants)
      removeRedundantNops(b)
    }
    for b in order { extendBlock(b) }
    removeUnreachable()
    for b in order { removeRedundantNops(b) }
    if removeRedundantJumps() > 0 { eliminateEmptyBlocks() }
    duplicateExitsWithoutLine()
    constants.trimTrailing(self)
    propagateLineNumbers()
    guaranteeLinesForExits(firstLine: firstLine)
    labelExceptionTargets()
  }

  /// extend_block (3.11): a block ending in an unconditional jump to a small exit without a line (an implicit
  /// `return None`) gets a copy of it.
  private mutating func extendBlock(_ b: Int) {
    guard let last = blocks[b].last, last.isUnconditionalJump, let target = last.target else { return }
    guard blocks[target].exitsScope && blocks[target].instructions.count <= Self.maximumCopySize,
      blocks[target].instructions.allSatisfy({ $0.line <= 0 })
    else { return }
    makeNop(b, blocks[b].instructions.count - 1)
    blocks[b].instructions += blocks[target].instructions
  }

  /// guarantee_lineno_for_exits (3.11): a return still without a line takes the last line seen before it.
  private mutating func guaranteeLinesForExits(firstLine: Int) {
    var line = firstLine
    for b in order {
      guard let last = blocks[b].last else { continue }
      if last.line >= 0 {
        line = last.line
      } else if last.opname == "RETURN_VALUE" {
        for i in blocks[b].instructions.indices { blocks[b].instructions[i].line = line }
      }
    }
  }

  private mutating func remapConstants(_ constants: ConstantTable) {
    for b in blocks.indices {
      for i in blocks[b].instructions.indices where blocks[b].instructions[i].opname.hasConstantArgument {
        blocks[b].instructions[i].arg = constants.remapped(blocks[b].instructions[i].arg)
      }
    }
  }

  /// Which handler each instruction's exceptions go to, and what the depth of handlers at a yield tells: 3.12's
  /// YIELD_VALUE argument, 3.13's flag on the RESUME after a yield at depth 1 (label_exception_targets).
  private mutating func labelExceptionTargets() {
    var stackAt = [[Int]?](repeating: nil, count: blocks.count)
    var todo = [entry]
    stackAt[entry] = []
    while let b = todo.popLast() {
      var stack = stackAt[b]!
      var lastYieldDepth = -1
      for i in blocks[b].instructions.indices {
        let instruction = blocks[b].instructions[i]
        if instruction.isBlockPush {
          if let target = instruction.target, stackAt[target] == nil {
            stackAt[target] = stack
            todo.append(target)
          }
          if let target = instruction.target { stack.append(target) }
        } else if instruction.opname == "POP_BLOCK" {
          if !stack.isEmpty { stack.removeLast() }
          // 3.13 makes it a NOP here, before the passes (3.12 in convertPseudoOps, after them).
          if from313 { makeNop(b, i) }
        } else {
          blocks[b].instructions[i].handler = stack.last
          if instruction.isJump, let target = instruction.target, stackAt[target] == nil {
            stackAt[target] = stack
            todo.append(target)
          }
          if instruction.opname == "YIELD_VALUE" && !before312 {
            if from313 { lastYieldDepth = stack.count } else { blocks[b].instructions[i].arg = stack.count }
          }
          if from313, instruction.opname == "RESUME", instruction.arg != 0 {
            if lastYieldDepth == 1 { blocks[b].instructions[i].arg |= 4 }
            lastYieldDepth = -1
          }
        }
      }
      if blocks[b].hasFallthrough, let next = blocks[b].next, stackAt[next] == nil {
        stackAt[next] = stack
        todo.append(next)
      }
    }
  }

  private mutating func markExceptionHandlers() {
    for b in order {
      for instruction in blocks[b].instructions where instruction.isBlockPush {
        if let target = instruction.target { blocks[target].isExceptionHandler = true }
      }
    }
  }

  private mutating func optimizeCFG(constants: inout ConstantTable) {
    if from313 { return optimizeCFG313(constants: &constants) }
    eliminateEmptyBlocks()
    for b in order { inlineSmallExitBlock(b) }
    for b in order { optimizeBlock(b, constants: &constants) }
    removeRedundantNopsAndPairs()
    for b in order { inlineSmallExitBlock(b) }
    markReachable()
    for b in order where blocks[b].predecessors == 0 { blocks[b].instructions = [] }
    for b in order { removeRedundantNops(b) }
    eliminateEmptyBlocks()
    removeRedundantJumps()
  }

  /// 3.13's order (optimize_cfg): blocks inlined, line numbers resolved before the peephole rules, and NOPs and
  /// redundant jumps removed until neither is left.
  private mutating func optimizeCFG313(constants: inout ConstantTable) {
    eliminateEmptyBlocks()
    var inlined = true
    while inlined {
      inlined = false
      for b in order where inlineSmallOrLinelessBlock(b) { inlined = true }
    }
    removeUnreachable()
    resolveLineNumbers()
    for b in order { optimizeBlock(b, constants: &constants) }
    removeRedundantNopsAndPairs()
    removeUnreachable()
    var removed = true
    while removed {
      let before = order.reduce(0) { $0 + blocks[$1].instructions.count }
      for b in order { removeRedundantNops(b) }
      eliminateEmptyBlocks()
      let nops = before - order.reduce(0) { $0 + blocks[$1].instructions.count }
      removed = nops + removeRedundantJumps() > 0
      eliminateEmptyBlocks()
    }
  }

  /// 3.13: a block ending in an unconditional jump to a small exit block, or to a block without line numbers
  /// that does not fall through, gets a copy of it (a JUMP it ends with keeps the check of the jump it replaces).
  private mutating func inlineSmallOrLinelessBlock(_ b: Int) -> Bool {
    guard let last = blocks[b].last, last.isUnconditionalJump, let target = last.target, target != b else {
      return false
    }
    let copy = blocks[target]
    guard !copy.instructions.isEmpty else { return false }
    let smallExit = copy.exitsScope && copy.instructions.count <= Self.maximumCopySize
    let lineless = copy.instructions.allSatisfy { $0.line < 0 } && !copy.hasFallthrough
    guard smallExit || lineless else { return false }
    makeNop(b, blocks[b].instructions.count - 1)
    blocks[b].instructions += copy.instructions
    if lineless, last.opname == "JUMP", blocks[b].last!.isUnconditionalJump {
      blocks[b].instructions[blocks[b].instructions.count - 1].opname = "JUMP"
    }
    return true
  }

  /// remove_unreachable: what no path reaches is emptied.
  private mutating func removeUnreachable() {
    markReachable()
    for b in order where blocks[b].predecessors == 0 { blocks[b].instructions = [] }
    eliminateEmptyBlocks()
  }

  mutating func eliminateEmptyBlocks() {
    for b in order {
      var next = blocks[b].next
      while let n = next, blocks[n].instructions.isEmpty { next = blocks[n].next }
      blocks[b].next = next
    }
    while blocks[entry].instructions.isEmpty, let next = blocks[entry].next { entry = next }
    for b in order {
      for i in blocks[b].instructions.indices {
        guard var target = blocks[b].instructions[i].target else { continue }
        while blocks[target].instructions.isEmpty, let next = blocks[target].next { target = next }
        blocks[b].instructions[i].target = target
      }
    }
  }

  /// A block ending in an unconditional jump to a small block that leaves the scope gets a copy of it instead.
  private mutating func inlineSmallExitBlock(_ b: Int) {
    guard let last = blocks[b].last, last.isUnconditionalJump, let target = last.target else { return }
    let copy = blocks[target]
    guard copy.exitsScope && copy.instructions.count <= Self.maximumCopySize else { return }
    makeNop(b, blocks[b].instructions.count - 1)
    blocks[b].instructions += copy.instructions
  }

  private func firstInstruction(of block: Int) -> FlowInstruction? { blocks[block].instructions.first }

  /// The instruction becomes a NOP in place, keeping its line and its handler (INSTR_SET_OP0).
  private mutating func makeNop(_ b: Int, _ i: Int) {
    blocks[b].instructions[i].opname = "NOP"
    blocks[b].instructions[i].arg = 0
    blocks[b].instructions[i].label = nil
    blocks[b].instructions[i].target = nil
  }

  /// Peephole rules within one block (optimize_basic_block).
  private mutating func optimizeBlock(_ b: Int, constants: inout ConstantTable) {
    var i = 0
    var opname = ""
    var arg = 0
    var target: FlowInstruction? = nil
    while i < blocks[b].instructions.count {
      let instruction = blocks[b].instructions[i]
      let isCopyOfLoadConst = opname == "LOAD_CONST" && instruction.opname == "COPY" && instruction.arg == 1
      if !isCopyOfLoadConst {
        opname = instruction.opname
        arg = instruction.arg
        target = instruction.hasTarget ? instruction.target.flatMap(firstInstruction) : nil
      }
      let nextOp = i + 1 < blocks[b].instructions.count ? blocks[b].instructions[i + 1].opname : ""
      switch opname {
      case "LOAD_CONST":
        switch nextOp {
        case "TO_BOOL":
          // A constant made a bool is the bool constant.
          let isTrue = constants.value(at: arg).isTrue
          makeNop(b, i)
          blocks[b].instructions[i + 1].opname = "LOAD_CONST"
          blocks[b].instructions[i + 1].arg = constants.index(of: .bool(isTrue))
        case "POP_JUMP_IF_FALSE", "POP_JUMP_IF_TRUE":
          let isTrue = constants.value(at: arg).isTrue
          blocks[b].instructions[i].opname = "NOP"
          blocks[b].instructions[i].arg = 0
          if isTrue == (nextOp == "POP_JUMP_IF_TRUE") {
            blocks[b].instructions[i + 1].opname = "JUMP"
          } else {
            makeNop(b, i + 1)
          }
        case "IS_OP":
          // `x is None` as a condition: one jump (3.13 has a TO_BOOL between the test and the jump).
          let count = blocks[b].instructions.count
          let toBool = i + 2 < count && blocks[b].instructions[i + 2].opname == "TO_BOOL" ? 1 : 0
          let jump = i + 2 + toBool
          let jumpOp = jump < count ? blocks[b].instructions[jump].opname : ""
          if constants.value(at: arg) == .none, jumpOp == "POP_JUMP_IF_FALSE" || jumpOp == "POP_JUMP_IF_TRUE" {
            let negated = blocks[b].instructions[i + 1].arg
            makeNop(b, i)
            makeNop(b, i + 1)
            if toBool == 1 { makeNop(b, i + 2) }
            let flipped = (negated != 0) != (jumpOp == "POP_JUMP_IF_FALSE")
            blocks[b].instructions[jump].opname = flipped ? "POP_JUMP_IF_NOT_NONE" : "POP_JUMP_IF_NONE"
          }
        case "JUMP_IF_FALSE_OR_POP", "JUMP_IF_TRUE_OR_POP":
          // A constant `and`/`or` operand: the jump is taken always, or never and the constant goes.
          let isTrue = constants.value(at: arg).isTrue
          if isTrue == (nextOp == "JUMP_IF_TRUE_OR_POP") {
            blocks[b].instructions[i + 1].opname = "JUMP"
          } else {
            makeNop(b, i)
            makeNop(b, i + 1)
          }
        case "RETURN_VALUE" where !before312:
          makeNop(b, i)
          i += 1
          blocks[b].instructions[i].opname = "RETURN_CONST"
          blocks[b].instructions[i].arg = arg
        default: break
        }
      case "BUILD_TUPLE":
        if nextOp == "UNPACK_SEQUENCE" && arg == blocks[b].instructions[i + 1].arg {
          if arg == 1 {
            makeNop(b, i)
            makeNop(b, i + 1)
            i += 1
            continue
          } else if arg == 2 || arg == 3 {
            makeNop(b, i)
            blocks[b].instructions[i + 1].opname = "SWAP"
            i += 1
            continue
          }
        }
        if i >= arg { foldTupleOfConstants(b, at: i - arg, count: arg, constants: &constants) }
      case "JUMP" where from313, "JUMP_NO_INTERRUPT" where from313:
        // A jump to a jump: to a JUMP it becomes a JUMP (the check goes with it), to a JUMP_NO_INTERRUPT it
        // stays what it is.
        if let target, target.opname == "JUMP" || target.opname == "JUMP_NO_INTERRUPT",
          jumpThread(b, i, to: target, opname: target.opname == "JUMP" ? "JUMP" : opname)
        {
          i -= 1
        }
      case "POP_JUMP_IF_NOT_NONE", "POP_JUMP_IF_NONE", "POP_JUMP_IF_FALSE", "POP_JUMP_IF_TRUE", "JUMP":
        if let target, target.opname == "JUMP", jumpThread(b, i, to: target, opname: opname) { i -= 1 }
      // 3.11: `a and b or c` and its kind: a jump that keeps a value, to a test whose outcome it implies.
      case "JUMP_IF_FALSE_OR_POP", "JUMP_IF_TRUE_OR_POP":
        guard let target else { break }
        let isAnd = opname == "JUMP_IF_FALSE_OR_POP"
        let popSame = isAnd ? "POP_JUMP_IF_FALSE" : "POP_JUMP_IF_TRUE"
        let keepOther = isAnd ? "JUMP_IF_TRUE_OR_POP" : "JUMP_IF_FALSE_OR_POP"
        let popOther = isAnd ? "POP_JUMP_IF_TRUE" : "POP_JUMP_IF_FALSE"
        switch target.opname {
        case popSame:
          if jumpThread(b, i, to: target, opname: popSame) { i -= 1 }
        case "JUMP", opname:
          if jumpThread(b, i, to: target, opname: opname) { i -= 1 }
        case keepOther, popOther:
          // The second test fails where the first passed: go on after it, the value popped.
          let instruction = blocks[b].instructions[i]
          if instruction.line == target.line, let t = instruction.target, let after = blocks[t].next {
            blocks[b].instructions[i].opname = popSame
            blocks[b].instructions[i].target = after
            i -= 1
          }
        default: break
        }
      case "SWAP":
        if arg == 1 {
          makeNop(b, i)
        } else {
          swaptimize(b, &i)
          applyStaticSwaps(b, i)
        }
      case "PUSH_NULL":
        if !from313 && nextOp == "LOAD_GLOBAL" && blocks[b].instructions[i + 1].arg & 1 == 0 {
          makeNop(b, i)
          blocks[b].instructions[i + 1].arg |= 1
        }
      case "LOAD_GLOBAL":
        if from313 && nextOp == "PUSH_NULL" && arg & 1 == 0 {
          blocks[b].instructions[i].arg |= 1
          makeNop(b, i + 1)
        }
      // 3.13: a TO_BOOL after an instruction that makes a bool goes; a comparison says it makes one.
      case "COMPARE_OP" where nextOp == "TO_BOOL":
        makeNop(b, i)
        blocks[b].instructions[i + 1].opname = "COMPARE_OP"
        blocks[b].instructions[i + 1].arg = arg | 16
      case "IS_OP" where nextOp == "TO_BOOL", "CONTAINS_OP" where nextOp == "TO_BOOL":
        makeNop(b, i)
        blocks[b].instructions[i + 1].opname = opname
        blocks[b].instructions[i + 1].arg = arg
      case "TO_BOOL" where nextOp == "TO_BOOL":
        makeNop(b, i)
      case "UNARY_NOT" where nextOp == "TO_BOOL":
        makeNop(b, i)
        blocks[b].instructions[i + 1].opname = "UNARY_NOT"
      default: break
      }
      i += 1
    }
  }

  /// A jump to a jump goes straight to the second one's target, when the lines allow.
  private mutating func jumpThread(_ b: Int, _ i: Int, to target: FlowInstruction, opname: String) -> Bool {
    let instruction = blocks[b].instructions[i]
    // 3.11 threads only between jumps on one line.
    if before312 {
      guard instruction.line == target.line, instruction.target != target.target else { return false }
      blocks[b].instructions[i].target = target.target
      blocks[b].instructions[i].opname = opname
      return true
    }
    if from313 {
      // 3.13: the jump becomes a NOP (kept if its line needs it) and a jump with the target's line follows,
      // made afresh: no handler covers it (basicblock_add_jump).
      guard instruction.target != target.target else { return false }
      makeNop(b, i)
      var jump = target
      jump.opname = opname
      jump.handler = nil
      blocks[b].instructions.append(jump)
      return true
    }
    guard instruction.line == target.line || target.line == -1, instruction.target != target.target else {
      return false
    }
    blocks[b].instructions[i].target = target.target
    blocks[b].instructions[i].opname = opname
    return true
  }

  private mutating func foldTupleOfConstants(_ b: Int, at start: Int, count: Int, constants: inout ConstantTable) {
    let items = blocks[b].instructions[start..<(start + count)]
    guard items.allSatisfy({ $0.opname == "LOAD_CONST" }) else { return }
    let tuple = PythonConstant.tuple(items.map { constants.value(at: $0.arg) })
    let index = constants.index(of: tuple)
    for k in start..<(start + count) {
      makeNop(b, k)
    }
    blocks[b].instructions[start + count].opname = "LOAD_CONST"
    blocks[b].instructions[start + count].arg = index
  }

  /// Replaces a run of SWAPs and NOPs with the shortest run of SWAPs that has the same effect.
  private mutating func swaptimize(_ b: Int, _ ix: inout Int) {
    let start = ix
    var depth = blocks[b].instructions[start].arg
    var length = 0
    var more = false
    let limit = blocks[b].instructions.count - start
    while true {
      length += 1
      guard length < limit else { break }
      let op = blocks[b].instructions[start + length].opname
      if op == "SWAP" {
        depth = max(depth, blocks[b].instructions[start + length].arg)
        more = true
      } else if op != "NOP" {
        break
      }
    }
    guard more else { return }
    var stack = Array(0..<depth)
    for k in 0..<length where blocks[b].instructions[start + k].opname == "SWAP" {
      let oparg = blocks[b].instructions[start + k].arg
      stack.swapAt(0, oparg - 1)
    }
    let visited = -1
    var current = length - 1
    for i in 0..<depth {
      if stack[i] == visited || stack[i] == i { continue }
      var j = i
      while true {
        if j != 0 {
          blocks[b].instructions[start + current].opname = "SWAP"
          blocks[b].instructions[start + current].arg = j + 1
          current -= 1
        }
        if stack[j] == visited { break }
        let nextJ = stack[j]
        stack[j] = visited
        j = nextJ
      }
    }
    while current >= 0 {
      blocks[b].instructions[start + current].opname = "NOP"
      blocks[b].instructions[start + current].arg = 0
      current -= 1
    }
    ix += length - 1
  }

  private static func swappable(_ opname: String) -> Bool {
    opname == "STORE_FAST" || opname == "STORE_FAST_MAYBE_NULL" || opname == "POP_TOP"
  }

  private func storesTo(_ instruction: FlowInstruction) -> Int {
    instruction.opname == "STORE_FAST" || instruction.opname == "STORE_FAST_MAYBE_NULL" ? instruction.arg : -1
  }

  private func nextSwappable(_ b: Int, _ i: Int, line: Int) -> Int {
    var i = i + 1
    while i < blocks[b].instructions.count {
      let instruction = blocks[b].instructions[i]
      if line >= 0 && instruction.line != line { return -1 }
      if instruction.opname == "NOP" {
        i += 1
        continue
      }
      return Self.swappable(instruction.opname) ? i : -1
    }
    return -1
  }

  /// SWAP 2, POP_TOP, STORE_FAST x becomes STORE_FAST x, POP_TOP: the instructions swap instead of the values.
  private mutating func applyStaticSwaps(_ b: Int, _ from: Int) {
    var i = from
    while i >= 0 {
      let swap = blocks[b].instructions[i]
      if swap.opname != "SWAP" {
        if swap.opname == "NOP" || Self.swappable(swap.opname) {
          i -= 1
          continue
        }
        return
      }
      let j = nextSwappable(b, i, line: -1)
      if j < 0 { return }
      var k = j
      let line = blocks[b].instructions[j].line
      var count = swap.arg - 1
      while count > 0 {
        k = nextSwappable(b, k, line: line)
        if k < 0 { return }
        count -= 1
      }
      let storeJ = storesTo(blocks[b].instructions[j])
      let storeK = storesTo(blocks[b].instructions[k])
      if storeJ >= 0 || storeK >= 0 {
        if storeJ == storeK { return }
        for idx in (j + 1)..<k {
          let store = storesTo(blocks[b].instructions[idx])
          if store >= 0 && (store == storeJ || store == storeK) { return }
        }
      }
      blocks[b].instructions[i].opname = "NOP"
      blocks[b].instructions[i].arg = 0
      blocks[b].instructions.swapAt(j, k)
      i -= 1
    }
  }

  /// Removes the NOPs whose line another instruction already carries.
  mutating func removeRedundantNops(_ b: Int) {
    var kept: [FlowInstruction] = []
    var previousLine = -1
    let instructions = blocks[b].instructions
    var carried: FlowInstruction? = nil
    for src in instructions.indices {
      var instruction = instructions[src]
      if let carry = carried {
        instruction.line = carry.line
        carried = nil
      }
      let line = instruction.line
      if instruction.opname == "NOP" {
        if line < 0 { continue }
        if previousLine == line { continue }
        if src < instructions.count - 1 {
          let nextLine = instructions[src + 1].line
          if nextLine == line { continue }
          if nextLine < 0 {
            carried = instruction
            continue
          }
        } else {
          var next = blocks[b].next
          while let n = next, blocks[n].instructions.isEmpty { next = blocks[n].next }
          // 3.13 looks past the next block's NOPs without a line, which go too.
          let nextLine =
            next.map { n in
              (from313
                ? blocks[n].instructions.first { $0.opname != "NOP" || $0.line >= 0 } : blocks[n].instructions[0])?
                .line ?? -1
            } ?? -2
          if nextLine == line { continue }
        }
      }
      kept.append(instruction)
      previousLine = line
    }
    blocks[b].instructions = kept
  }

  /// LOAD_CONST or COPY 1 followed by POP_TOP do nothing: both become NOPs.
  private mutating func removeRedundantNopsAndPairs() {
    var done = false
    while !done {
      done = true
      var previous: (block: Int, index: Int)? = nil
      var current: (block: Int, index: Int)? = nil
      for b in order {
        removeRedundantNops(b)
        if blocks[b].label != nil { current = nil }
        for i in blocks[b].instructions.indices {
          previous = current
          current = (b, i)
          let instruction = blocks[b].instructions[i]
          guard instruction.opname == "POP_TOP", let p = previous else { continue }
          let before = blocks[p.block].instructions[p.index]
          if before.opname == "LOAD_CONST" || (before.opname == "COPY" && before.arg == 1) {
            blocks[p.block].instructions[p.index].opname = "NOP"
            blocks[p.block].instructions[p.index].arg = 0
            blocks[b].instructions[i].opname = "NOP"
            blocks[b].instructions[i].arg = 0
            done = false
          }
        }
        if let c = current, blocks[c.block].instructions[c.index].isJump || !blocks[b].hasFallthrough {
          current = nil
        }
      }
    }
  }

  private mutating func markReachable() {
    for b in blocks.indices {
      blocks[b].predecessors = 0
      blocks[b].visited = false
    }
    var stack = [entry]
    blocks[entry].predecessors = 1
    while let b = stack.popLast() {
      blocks[b].visited = true
      if let next = blocks[b].next, blocks[b].hasFallthrough {
        if !blocks[next].visited && !stack.contains(next) { stack.append(next) }
        blocks[next].predecessors += 1
      }
      for instruction in blocks[b].instructions where instruction.hasTarget {
        guard let target = instruction.target else { continue }
        if !blocks[target].visited && !stack.contains(target) { stack.append(target) }
        blocks[target].predecessors += 1
      }
    }
  }

  /// A jump to the block that follows anyway becomes a NOP; how many did.
  @discardableResult
  private mutating func removeRedundantJumps() -> Int {
    var removed = 0
    for b in order {
      guard let last = blocks[b].last, last.isUnconditionalJump, last.target == blocks[b].next else { continue }
      blocks[b].instructions[blocks[b].instructions.count - 1].opname = "NOP"
      removed += 1
    }
    return removed
  }

  /// LOAD_FAST of a local that may be unbound there becomes LOAD_FAST_CHECK.
  private mutating func addChecksForUninitializedLoads(locals: Int, parameters: Int) {
    guard locals > 0 else { return }
    let tracked = min(locals, 64)
    var masks = [UInt64](repeating: 0, count: blocks.count)
    var onStack = [Bool](repeating: false, count: blocks.count)
    var stack: [Int] = []
    func maybePush(_ b: Int, _ mask: UInt64) {
      let both = masks[b] | mask
      if masks[b] != both {
        masks[b] = both
        if !onStack[b] {
          stack.append(b)
          onStack[b] = true
        }
      }
    }
    func scan(_ b: Int) {
      var unsafe = masks[b]
      for i in blocks[b].instructions.indices {
        let instruction = blocks[b].instructions[i]
        if let handler = instruction.handler { maybePush(handler, unsafe) }
        guard instruction.arg < 64 else { continue }
        let bit = UInt64(1) << UInt64(instruction.arg)
        switch instruction.opname {
        case "DELETE_FAST", "LOAD_FAST_AND_CLEAR", "STORE_FAST_MAYBE_NULL": unsafe |= bit
        case "STORE_FAST", "LOAD_FAST_CHECK": unsafe &= ~bit
        case "LOAD_FAST":
          if unsafe & bit != 0 { blocks[b].instructions[i].opname = "LOAD_FAST_CHECK" }
          unsafe &= ~bit
        default: break
        }
      }
      if let next = blocks[b].next, blocks[b].hasFallthrough { maybePush(next, unsafe) }
      if let last = blocks[b].last, last.isJump, let target = last.target { maybePush(target, unsafe) }
    }
    var start: UInt64 = 0
    if parameters < tracked { for i in parameters..<tracked { start |= UInt64(1) << UInt64(i) } }
    maybePush(entry, start)
    for b in order { scan(b) }
    while let b = stack.popLast() {
      onStack[b] = false
      scan(b)
    }
  }

  /// 3.13's LOAD_FAST_LOAD_FAST, STORE_FAST_LOAD_FAST and STORE_FAST_STORE_FAST.
  private mutating func insertSuperinstructions() {
    for b in order {
      var i = 0
      while i + 1 < blocks[b].instructions.count {
        let first = blocks[b].instructions[i]
        let second = blocks[b].instructions[i + 1]
        var superName: String? = nil
        if first.opname == "LOAD_FAST" && second.opname == "LOAD_FAST" { superName = "LOAD_FAST_LOAD_FAST" }
        if first.opname == "STORE_FAST" && second.opname == "LOAD_FAST" { superName = "STORE_FAST_LOAD_FAST" }
        if first.opname == "STORE_FAST" && second.opname == "STORE_FAST" { superName = "STORE_FAST_STORE_FAST" }
        if let superName, first.line == second.line, first.arg < 16, second.arg < 16 {
          blocks[b].instructions[i].opname = superName
          blocks[b].instructions[i].arg = first.arg << 4 | second.arg
          makeNop(b, i + 1)
        }
        i += 1
      }
    }
    for b in order { removeRedundantNops(b) }
    eliminateEmptyBlocks()
  }

  /// Exception handlers and what only they reach go after the rest of the code.
  private mutating func pushColdBlocksToEnd() {
    guard blocks[entry].next != nil else { return }
    markCold()
    for b in order where blocks[b].cold && blocks[b].hasFallthrough {
      guard let next = blocks[b].next, blocks[next].warm else { continue }
      var jump = FlowBlock()
      // 3.13's goes without a check, at the place of the block's last instruction.
      jump.instructions = [
        from313
          ? FlowInstruction(opname: "JUMP_NO_INTERRUPT", target: next, line: blocks[b].last?.line ?? -1)
          : FlowInstruction(opname: "JUMP", target: next)
      ]
      jump.cold = true
      jump.next = next
      blocks.append(jump)
      blocks[b].next = blocks.count - 1
    }
    var coldHead: Int? = nil
    var coldTail: Int? = nil
    var b = entry
    while blocks[b].next != nil {
      while let n = blocks[b].next, !blocks[n].cold { b = n }
      guard let streakStart = blocks[b].next else { break }
      var streakEnd = streakStart
      while let n = blocks[streakEnd].next, blocks[n].cold { streakEnd = n }
      if coldHead == nil { coldHead = streakStart } else { blocks[coldTail!].next = streakStart }
      coldTail = streakEnd
      blocks[b].next = blocks[streakEnd].next
      blocks[streakEnd].next = nil
    }
    blocks[b].next = coldHead
    if coldHead != nil { removeRedundantJumps() }
  }

  private mutating func markCold() {
    for i in blocks.indices { blocks[i].visited = false }
    var stack = [entry]
    blocks[entry].visited = true
    while let b = stack.popLast() {
      blocks[b].warm = true
      if let next = blocks[b].next, blocks[b].hasFallthrough, !blocks[next].visited {
        stack.append(next)
        blocks[next].visited = true
      }
      for instruction in blocks[b].instructions where instruction.isJump {
        if let target = instruction.target, !blocks[target].visited {
          stack.append(target)
          blocks[target].visited = true
        }
      }
    }
    for i in blocks.indices { blocks[i].visited = false }
    stack = []
    for b in order where blocks[b].isExceptionHandler {
      stack.append(b)
      blocks[b].visited = true
    }
    while let b = stack.popLast() {
      blocks[b].cold = true
      if let next = blocks[b].next, blocks[b].hasFallthrough, !blocks[next].warm, !blocks[next].visited {
        stack.append(next)
        blocks[next].visited = true
      }
      for instruction in blocks[b].instructions where instruction.isJump {
        if let target = instruction.target, !blocks[target].warm, !blocks[target].visited {
          stack.append(target)
          blocks[target].visited = true
        }
      }
    }
  }

  /// An exit without a line; from 3.13 also a block that checks the eval breaker (a jump back, a call).
  private func isExitWithoutLine(_ b: Int) -> Bool {
    let checks = from313 && blocks[b].instructions.contains { Self.evalBreaks.contains($0.opname) }
    return (blocks[b].exitsScope || checks) && blocks[b].instructions.allSatisfy { $0.line < 0 }
  }

  static let evalBreaks: Set<String> = ["JUMP", "JUMP_BACKWARD", "CALL", "CALL_KW", "CALL_FUNCTION_EX", "RESUME"]

  private mutating func resolveLineNumbers() {
    duplicateExitsWithoutLine()
    propagateLineNumbers()
  }

  /// duplicate_exits_without_lineno: an exit without a line that several jumps reach is copied for each, with
  /// the line of the jump; one reached by falling into it takes the line before it.
  private mutating func duplicateExitsWithoutLine() {
    for b in order {
      guard let last = blocks[b].last, last.isJump, let target = last.target else { continue }
      if isExitWithoutLine(target) && blocks[target].predecessors > 1 {
        var copy = FlowBlock()
        copy.instructions = blocks[target].instructions
        copy.instructions[0].line = last.line
        copy.predecessors = 1
        copy.next = blocks[target].next
        blocks.append(copy)
        let index = blocks.count - 1
        blocks[b].instructions[blocks[b].instructions.count - 1].target = index
        blocks[target].predecessors -= 1
        blocks[target].next = index
      }
    }
    for b in order where blocks[b].hasFallthrough && !blocks[b].instructions.isEmpty {
      if let next = blocks[b].next, isExitWithoutLine(next) {
        blocks[next].instructions[0].line = blocks[b].last!.line
      }
    }
  }

  /// propagate_line_numbers: an instruction without a line takes the one before it, and so does the first of a
  /// block only one other block reaches.
  private mutating func propagateLineNumbers() {
    for b in order {
      guard let last = blocks[b].last else { continue }
      var previous = -1
      for i in blocks[b].instructions.indices {
        if blocks[b].instructions[i].line < 0 {
          blocks[b].instructions[i].line = previous
        } else {
          previous = blocks[b].instructions[i].line
        }
      }
      if blocks[b].hasFallthrough, let next = blocks[b].next, blocks[next].predecessors == 1,
        blocks[next].instructions[0].line < 0
      {
        blocks[next].instructions[0].line = previous
      }
      if last.isJump, let target = last.target, blocks[target].predecessors == 1,
        blocks[target].instructions[0].line < 0
      {
        blocks[target].instructions[0].line = previous
      }
    }
  }

  /// SETUP_* and POP_BLOCK become NOPs (the exception table replaces them), then the NOPs go.
  mutating func convertPseudoOps() {
    for b in order {
      for i in blocks[b].instructions.indices {
        let instruction = blocks[b].instructions[i]
        if instruction.isBlockPush || instruction.opname == "POP_BLOCK" {
          blocks[b].instructions[i].opname = "NOP"
          blocks[b].instructions[i].arg = 0
          blocks[b].instructions[i].target = nil
        } else if instruction.opname == "STORE_FAST_MAYBE_NULL" {
          blocks[b].instructions[i].opname = "STORE_FAST"
        } else if instruction.opname == "LOAD_CLOSURE" && from313 {
          blocks[b].instructions[i].opname = "LOAD_FAST"
        }
      }
    }
    for b in order { removeRedundantNops(b) }
  }

  /// JUMP becomes JUMP_FORWARD or JUMP_BACKWARD; a conditional jump backwards becomes the opposite jump forward
  /// over a JUMP_BACKWARD (normalize_jumps).
  mutating func normalizeJumps() {
    for i in blocks.indices { blocks[i].visited = false }
    var b: Int? = entry
    while let index = b {
      blocks[index].visited = true
      normalizeJump(in: index)
      b = blocks[index].next
    }
  }

  private mutating func normalizeJump(in b: Int) {
    guard let last = blocks[b].last, last.isJump, let target = last.target else { return }
    let forward = !blocks[target].visited
    let lastIndex = blocks[b].instructions.count - 1
    switch last.opname {
    case "JUMP":
      blocks[b].instructions[lastIndex].opname = forward ? "JUMP_FORWARD" : "JUMP_BACKWARD"
      return
    case "JUMP_NO_INTERRUPT":
      blocks[b].instructions[lastIndex].opname = forward ? "JUMP_FORWARD" : "JUMP_BACKWARD_NO_INTERRUPT"
      return
    default: break
    }
    // 3.11 has conditional jumps both ways.
    if before312, last.opname.hasPrefix("POP_JUMP_IF_") {
      let condition = last.opname.dropFirst("POP_JUMP_IF_".count)
      blocks[b].instructions[lastIndex].opname = "POP_JUMP_\(forward ? "FORWARD" : "BACKWARD")_IF_\(condition)"
      return
    }
    let reversed: [String: String] = [
      "POP_JUMP_IF_NOT_NONE": "POP_JUMP_IF_NONE", "POP_JUMP_IF_NONE": "POP_JUMP_IF_NOT_NONE",
      "POP_JUMP_IF_FALSE": "POP_JUMP_IF_TRUE", "POP_JUMP_IF_TRUE": "POP_JUMP_IF_FALSE",
    ]
    guard !forward, let opposite = reversed[last.opname] else { return }
    var jump = FlowBlock()
    // At the conditional jump's place (3.13's `dis` shows the difference).
    jump.instructions = [FlowInstruction(opname: "JUMP", target: target, line: last.line)]
    jump.cold = blocks[b].cold
    jump.next = blocks[b].next
    blocks.append(jump)
    let index = blocks.count - 1
    blocks[b].instructions[lastIndex].opname = opposite
    blocks[b].instructions[lastIndex].target = blocks[b].next
    blocks[b].next = index
  }
}

extension String {
  /// Opcodes whose argument indexes `co_consts`.
  var hasConstantArgument: Bool { self == "LOAD_CONST" || self == "RETURN_CONST" || self == "KW_NAMES" }
}
