import SchedulerEngine

/// Laying a compiled unit out as `dis` shows it: the flow-graph passes, the order of the blocks, jump
/// arguments, EXTENDED_ARG prefixes, and the text `dis` prints beside each argument.
extension CodeGenerator {
  /// Runs the flow-graph passes and lays the result out as `dis` shows it.
  mutating func assemble() -> CodeObject {
    var graph = FlowGraph(code.items, release: release)
    graph.optimize(
      constants: &constants, locals: localNames.count, parameters: scope.parameters.count, firstLine: firstLine)
    var instructions: [FlowInstruction] = []
    // insert_prefix_instructions: COPY_FREE_VARS, MAKE_CELL (in fast-locals order), RETURN_GENERATOR.
    let localsPlus = self.localsPlus
    let frees = scope.freeNames
    if !frees.isEmpty { instructions.append(FlowInstruction(opname: "COPY_FREE_VARS", arg: frees.count, line: -1)) }
    for index in scope.cellNames.compactMap({ localsPlus.firstIndex(of: $0) }).sorted() {
      instructions.append(FlowInstruction(opname: "MAKE_CELL", arg: index, line: -1))
    }
    if isGenerator {
      instructions.append(FlowInstruction(opname: "RETURN_GENERATOR", line: firstLine))
      instructions.append(FlowInstruction(opname: "POP_TOP", line: from313 ? firstLine : -1))
    }
    for b in graph.order {
      for i in graph.blocks[b].instructions.indices
      where Self.derefOpnames.contains(graph.blocks[b].instructions[i].opname) {
        let n = derefNames[graph.blocks[b].instructions[i].arg]
        graph.blocks[b].instructions[i].arg = localsPlus.firstIndex(of: n) ?? 0
      }
    }
    let handlers = graph.handlerDepths()
    graph.convertPseudoOps()
    graph.normalizeJumps()
    // Lay out the blocks, then size the jumps: an argument above 255 needs EXTENDED_ARG prefixes, which move
    // everything after them, so repeat until nothing grows (resolve_jump_offsets).

    var startOf: [Int: Int] = [:]
    for b in graph.order {
      startOf[b] = instructions.count
      for instruction in graph.blocks[b].instructions {
        instructions.append(instruction)
      }
    }
    var offsets = [Int](repeating: 0, count: instructions.count + 1)
    while true {
      var offset = 0
      for (k, instruction) in instructions.enumerated() {
        offsets[k] = offset
        offset += size(instruction)
      }
      offsets[instructions.count] = offset
      var grew = false
      for k in instructions.indices where instructions[k].isJump {
        guard let block = instructions[k].target, let start = startOf[block] else { continue }
        let after = offsets[k] + size(instructions[k])
        let old = size(instructions[k])
        instructions[k].arg = offsets[start] >= after ? offsets[start] - after : after - offsets[start]
        if size(instructions[k]) != old { grew = true }
      }
      if !grew { break }
    }
    var previousLine = Int.min
    var result: [CodeInstruction] = []
    var indexOf: [Int] = []
    // Where exceptions go: dis marks those places as jump targets too.
    var handlerStarts: Set<Int> = []
    for instruction in instructions {
      guard var handler = instruction.handler else { continue }
      while graph.blocks[handler].instructions.isEmpty, let next = graph.blocks[handler].next { handler = next }
      if let start = startOf[handler] { handlerStarts.insert(start) }
    }
    for (k, instruction) in instructions.enumerated() {
      indexOf.append(result.count)
      let line = instruction.line >= 0 && instruction.line != previousLine ? instruction.line : nil
      // 3.13's `dis` (findlinestarts) starts a stretch without a line too, and a line again after one.
      let startsWithoutLine = from313 && instruction.line < 0 && previousLine != instruction.line
      if instruction.line >= 0 || from313 { previousLine = instruction.line }
      let hasArgument = hasArgument(instruction.opname)
      var prefixes = hasArgument ? Self.extendedArgs(instruction.arg) : 0
      var first = true
      while prefixes > 0 {
        result.append(
          CodeInstruction(
            opname: "EXTENDED_ARG", arg: (instruction.arg >> (8 * prefixes)) & 0xFF, argrepr: "",
            line: first ? line : nil, target: nil, offset: 2 * (offsets[k] + result.count - indexOf[k])))
        first = false
        prefixes -= 1
      }
      result.append(
        CodeInstruction(
          opname: instruction.opname, arg: hasArgument ? instruction.arg : nil,
          argrepr: argrepr(instruction, localsPlus: localsPlus), line: first ? line : nil,
          target: instruction.isJump ? instruction.target.flatMap { startOf[$0] } : nil,
          offset: 2 * (offsets[k] + result.count - indexOf[k])))
      result[indexOf[k]].startsWithoutLine = startsWithoutLine
      if var handler = instruction.handler, let info = handlers[handler] {
        while graph.blocks[handler].instructions.isEmpty, let next = graph.blocks[handler].next { handler = next }
        if let start = startOf[handler] {
          let target = ExceptionTarget(instruction: start, depth: info.depth, keepsLasti: info.keepsLasti)
          for covered in indexOf[k]..<result.count { result[covered].exceptionTarget = target }
        }
      }
    }
    for k in result.indices {
      if let t = result[k].target {
        result[k].target = indexOf[t]
        result[indexOf[t]].isJumpTarget = true
      }
    }
    for start in handlerStarts { result[indexOf[start]].isJumpTarget = true }
    for k in result.indices {
      if let target = result[k].exceptionTarget { result[k].exceptionTarget!.instruction = indexOf[target.instruction] }
    }
    let parameters = scope.parameters
    return CodeObject(
      name: name, qualifiedName: qualifiedName, firstLine: firstLine, instructions: result,
      constants: constants.values, names: names, localNames: localsPlus, fastLocalCount: localNames.count,
      cellCount: localsPlus.count - localNames.count - frees.count, freeCount: frees.count,
      argumentCount: parameters.count - keywordOnlyCount - (hasStarArgs ? 1 : 0) - (hasStarKeywords ? 1 : 0),
      keywordOnlyCount: keywordOnlyCount, hasStarArgs: hasStarArgs, hasStarKeywords: hasStarKeywords,
      isGenerator: isGenerator, isCoroutine: isCoroutine, children: childrenByConstant(), release: release)
  }

  func childrenByConstant() -> [Int: CodeObject] {
    var result: [Int: CodeObject] = [:]
    for (i, value) in constants.values.enumerated() {
      if case .code(_, let id) = value, let child = children[id] { result[i] = child }
    }
    return result
  }

  /// How many EXTENDED_ARG prefixes an argument needs.
  static func extendedArgs(_ arg: Int) -> Int { arg > 0xFF_FFFF ? 3 : arg > 0xFFFF ? 2 : arg > 0xFF ? 1 : 0 }

  /// An instruction's size in code units: its prefixes, itself and its inline caches (the release's
  /// `opcode._inline_cache_entries`).
  func size(_ i: FlowInstruction) -> Int {
    let caches = from313 ? Self.caches313 : before312 ? Self.caches311 : Self.caches312
    return 1 + (hasArgument(i.opname) ? Self.extendedArgs(i.arg) : 0) + (caches[i.opname] ?? 0)
  }

  static let caches311: [String: Int] = [
    "BINARY_SUBSCR": 4, "STORE_SUBSCR": 1, "UNPACK_SEQUENCE": 1, "STORE_ATTR": 4, "LOAD_ATTR": 4, "COMPARE_OP": 2,
    "LOAD_GLOBAL": 5, "BINARY_OP": 1, "LOAD_METHOD": 10, "PRECALL": 1, "CALL": 4,
  ]
  static let caches312: [String: Int] = [
    "LOAD_GLOBAL": 4, "BINARY_OP": 1, "UNPACK_SEQUENCE": 1, "COMPARE_OP": 1, "BINARY_SUBSCR": 1, "FOR_ITER": 1,
    "LOAD_SUPER_ATTR": 1, "LOAD_ATTR": 9, "STORE_ATTR": 4, "CALL": 3, "STORE_SUBSCR": 1, "SEND": 1,
  ]
  /// 3.13 caches for TO_BOOL, CONTAINS_OP, JUMP_BACKWARD and the conditional jumps too.
  static let caches313 = caches312.merging([
    "CONTAINS_OP": 1, "JUMP_BACKWARD": 1, "TO_BOOL": 3, "POP_JUMP_IF_TRUE": 1, "POP_JUMP_IF_FALSE": 1,
    "POP_JUMP_IF_NONE": 1, "POP_JUMP_IF_NOT_NONE": 1,
  ]) { $1 }

  func hasArgument(_ opname: String) -> Bool {
    if from313 && Self.argumentless313.contains(opname) { return false }
    if before312 && Self.argumentless311.contains(opname) { return false }
    return ![
      "NOP", "POP_TOP", "PUSH_NULL", "RETURN_VALUE", "GET_ITER", "END_FOR", "BINARY_SUBSCR", "STORE_SUBSCR",
      "UNARY_NEGATIVE", "UNARY_NOT", "UNARY_INVERT", "LOAD_BUILD_CLASS", "BINARY_SLICE", "STORE_SLICE",
      "PUSH_EXC_INFO", "POP_EXCEPT", "BEFORE_WITH", "WITH_EXCEPT_START", "CHECK_EXC_MATCH", "RETURN_GENERATOR",
      "LOAD_ASSERTION_ERROR", "DELETE_SUBSCR", "GET_LEN", "SETUP_ANNOTATIONS", "END_SEND", "CLEANUP_THROW",
      "GET_YIELD_FROM_ITER", "GET_AITER", "GET_ANEXT", "BEFORE_ASYNC_WITH", "END_ASYNC_FOR", "LOAD_LOCALS",
      "MATCH_MAPPING", "MATCH_SEQUENCE", "MATCH_KEYS", "INTERPRETER_EXIT", "RETURN_GENERATOR",
    ].contains(opname)
  }

  /// Below 3.11's HAVE_ARGUMENT (90).
  static let argumentless311: Set<String> = [
    "YIELD_VALUE", "UNARY_POSITIVE", "LIST_TO_TUPLE", "IMPORT_STAR", "ASYNC_GEN_WRAP", "PREP_RERAISE_STAR",
  ]
  static let argumentless313: Set<String> = ["MAKE_FUNCTION", "TO_BOOL", "FORMAT_SIMPLE", "FORMAT_WITH_SPEC"]

  static let binaryNames = [
    "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^",
  ]
  static let compareNames = ["<", "<=", "==", "!=", ">", ">="]

  func argrepr(_ i: FlowInstruction, localsPlus: [String]) -> String {
    switch i.opname {
    case "KW_NAMES" where before312: return ""
    case "LOAD_CONST", "RETURN_CONST", "KW_NAMES": return constants.value(at: i.arg).repr
    case "LOAD_GLOBAL" where from313: return names[i.arg >> 1] + (i.arg & 1 == 1 ? " + NULL" : "")
    case "LOAD_ATTR" where from313: return names[i.arg >> 1] + (i.arg & 1 == 1 ? " + NULL|self" : "")
    case "LOAD_GLOBAL": return (i.arg & 1 == 1 ? "NULL + " : "") + names[i.arg >> 1]
    case "LOAD_ATTR" where before312, "LOAD_METHOD": return names[i.arg]
    case "COMPARE_OP" where before312: return Self.compareNames[i.arg]
    case "LOAD_ATTR": return (i.arg & 1 == 1 ? "NULL|self + " : "") + names[i.arg >> 1]
    case "LOAD_FAST_LOAD_FAST", "STORE_FAST_LOAD_FAST", "STORE_FAST_STORE_FAST":
      return localsPlus[i.arg >> 4] + ", " + localsPlus[i.arg & 15]
    case "LOAD_NAME", "STORE_NAME", "DELETE_NAME", "STORE_GLOBAL", "DELETE_GLOBAL", "STORE_ATTR", "DELETE_ATTR",
      "IMPORT_NAME", "IMPORT_FROM":
      return names[i.arg]
    case "LOAD_FAST", "STORE_FAST", "LOAD_FAST_CHECK", "LOAD_FAST_AND_CLEAR", "DELETE_FAST", "LOAD_DEREF",
      "STORE_DEREF", "DELETE_DEREF", "LOAD_CLOSURE", "MAKE_CELL":
      return localsPlus[i.arg]
    case "COMPARE_OP" where from313:
      let name = Self.compareNames[i.arg >> 5]
      return i.arg & 16 != 0 ? "bool(\(name))" : name
    case "COMPARE_OP": return Self.compareNames[i.arg >> 4]
    case "CONVERT_VALUE": return ["", "str", "repr", "ascii"][i.arg & 3]
    case "SET_FUNCTION_ATTRIBUTE":
      return ["defaults", "kwdefaults", "annotations", "closure"][i.arg.trailingZeroBitCount]
    case "BINARY_OP": return Self.binaryNames[i.arg % 13] + (i.arg >= 13 ? "=" : "")
    case "FORMAT_VALUE":
      let converters = ["", "str", "repr", "ascii"]
      let conversion = converters[i.arg & 3]
      return i.arg & 4 != 0 ? (conversion.isEmpty ? "with format" : conversion + ", with format") : conversion
    case "MAKE_FUNCTION":
      let flags = ["defaults", "kwdefaults", "annotations", "closure"]
      return flags.enumerated().filter { i.arg & (1 << $0.offset) != 0 }.map(\.element).joined(separator: ", ")
    case "CALL_INTRINSIC_1":
      let intrinsics = [
        "INTRINSIC_1_INVALID", "INTRINSIC_PRINT", "INTRINSIC_IMPORT_STAR", "INTRINSIC_STOPITERATION_ERROR",
        "INTRINSIC_ASYNC_GEN_WRAP", "INTRINSIC_UNARY_POSITIVE", "INTRINSIC_LIST_TO_TUPLE", "INTRINSIC_TYPEVAR",
      ]
      return i.arg < intrinsics.count ? intrinsics[i.arg] : ""
    default: return ""
    }
  }
}
