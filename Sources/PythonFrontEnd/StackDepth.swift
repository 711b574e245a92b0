/// How each 3.11, 3.12 and 3.13 instruction changes the depth of the value stack (PyCompile_OpcodeStackEffectWithJump), and
/// the depth where each exception handler starts: what the exception table records, so that the interpreter
/// knows how much of the stack to keep when it jumps to a handler.
extension FlowGraph {
  /// The change in depth; `jump`: when the instruction jumps (or, for SETUP_*, when its handler runs).
  func stackEffect(_ opname: String, _ arg: Int, jump: Bool) -> Int {
    switch opname {
    // 3.13's END_FOR pops the last value only; a POP_TOP after it pops the iterator.
    case "END_FOR" where from313: return -1
    // 3.11: PRECALL takes the arguments, CALL the callable and its NULL or self and pushes the result.
    case "PRECALL": return -arg
    case "CALL" where before312: return -1
    case "LOAD_ATTR" where before312, "UNARY_POSITIVE", "LIST_TO_TUPLE": return 0
    case "LOAD_METHOD": return 1
    case "IMPORT_STAR": return -1
    case "JUMP_IF_FALSE_OR_POP", "JUMP_IF_TRUE_OR_POP": return jump ? 0 : -1
    case "SEND" where before312: return jump ? -1 : 0
    case "FOR_ITER" where before312: return jump ? -1 : 1
    case "TO_BOOL", "FORMAT_SIMPLE", "CONVERT_VALUE", "STORE_FAST_LOAD_FAST": return 0
    case "FORMAT_WITH_SPEC", "SET_FUNCTION_ATTRIBUTE": return -1
    case "CALL_KW": return -(arg + 2)
    case "LOAD_FAST_LOAD_FAST": return 2
    case "STORE_FAST_STORE_FAST": return -2
    case "NOP", "RESUME", "EXTENDED_ARG", "SWAP", "JUMP", "JUMP_NO_INTERRUPT", "JUMP_FORWARD", "JUMP_BACKWARD",
      "JUMP_BACKWARD_NO_INTERRUPT", "KW_NAMES", "GET_ITER", "UNARY_NEGATIVE", "UNARY_NOT", "UNARY_INVERT",
      "CALL_INTRINSIC_1", "CHECK_EXC_MATCH", "POP_BLOCK", "YIELD_VALUE", "GET_AWAITABLE", "GET_YIELD_FROM_ITER",
      "SETUP_ANNOTATIONS", "DELETE_FAST", "DELETE_NAME", "DELETE_GLOBAL", "DELETE_DEREF", "MAKE_CELL",
      "COPY_FREE_VARS", "RETURN_CONST":
      return 0
    case "POP_TOP", "STORE_FAST", "STORE_FAST_MAYBE_NULL", "STORE_NAME", "STORE_GLOBAL", "STORE_DEREF",
      "BINARY_OP", "COMPARE_OP", "IS_OP", "CONTAINS_OP", "BINARY_SUBSCR", "LIST_APPEND", "SET_ADD", "LIST_EXTEND",
      "SET_UPDATE", "DICT_MERGE", "DICT_UPDATE", "IMPORT_NAME", "POP_JUMP_IF_FALSE", "POP_JUMP_IF_TRUE",
      "POP_JUMP_IF_NONE", "POP_JUMP_IF_NOT_NONE", "RETURN_VALUE", "DELETE_ATTR", "POP_EXCEPT", "RERAISE",
      "END_SEND", "CLEANUP_THROW":
      return -1
    case "PUSH_NULL", "COPY", "LOAD_CONST", "LOAD_FAST", "LOAD_FAST_CHECK", "LOAD_FAST_AND_CLEAR", "LOAD_NAME",
      "LOAD_DEREF", "LOAD_CLOSURE", "LOAD_ASSERTION_ERROR", "LOAD_BUILD_CLASS", "IMPORT_FROM", "PUSH_EXC_INFO",
      "WITH_EXCEPT_START", "BEFORE_WITH", "BEFORE_ASYNC_WITH", "RETURN_GENERATOR", "LOAD_LOCALS", "FOR_ITER":
      return 1
    case "LOAD_GLOBAL": return 1 + (arg & 1)
    case "LOAD_ATTR": return arg & 1
    case "STORE_ATTR", "BINARY_SLICE", "MAP_ADD", "END_FOR", "DELETE_SUBSCR": return -2
    case "STORE_SUBSCR": return -3
    case "STORE_SLICE": return -4
    case "CALL": return -(arg + 1)
    case "CALL_FUNCTION_EX": return -(2 + (arg & 1))
    case "MAKE_FUNCTION": return -(arg & 0xF).nonzeroBitCount
    case "BUILD_LIST", "BUILD_TUPLE", "BUILD_SET", "BUILD_STRING", "BUILD_SLICE": return 1 - arg
    case "BUILD_MAP": return 1 - 2 * arg
    case "BUILD_CONST_KEY_MAP": return -arg
    case "FORMAT_VALUE": return arg & 4 != 0 ? -1 : 0
    case "UNPACK_SEQUENCE": return arg - 1
    case "UNPACK_EX": return (arg & 0xFF) + (arg >> 8)
    case "RAISE_VARARGS": return -arg
    case "SEND": return 0
    case "SETUP_FINALLY", "SETUP_WITH": return jump ? 1 : 0
    case "SETUP_CLEANUP": return jump ? 2 : 0
    default: return 0
    }
  }

  /// For each handler block, the depth of the stack under what the exception pushes, and whether the
  /// handler also gets the offset of the instruction that raised (SETUP_CLEANUP and SETUP_WITH's handlers).
  func handlerDepths() -> [Int: (depth: Int, keepsLasti: Bool)] {
    var start = [Int?](repeating: nil, count: blocks.count)
    var result: [Int: (depth: Int, keepsLasti: Bool)] = [:]
    var todo = [entry]
    start[entry] = 0
    func push(_ b: Int, _ depth: Int) {
      if start[b] == nil {
        start[b] = depth
        todo.append(b)
      }
    }
    while let b = todo.popLast() {
      var depth = start[b]!
      var fallsThrough = true
      for instruction in blocks[b].instructions {
        if instruction.hasTarget, let target = instruction.target {
          if instruction.isBlockPush {
            // The handler's start depth less what the exception (and lasti) push: SETUP_WITH's handler
            // starts without the value __enter__ returned.
            let lasti = instruction.opname != "SETUP_FINALLY"
            let pushed = stackEffect(instruction.opname, instruction.arg, jump: true)
            result[target] = (depth + pushed - 1 - (lasti ? 1 : 0), lasti)
          }
          push(target, depth + stackEffect(instruction.opname, instruction.arg, jump: true))
        }
        depth += stackEffect(instruction.opname, instruction.arg, jump: false)
        if instruction.isTerminator {
          fallsThrough = false
          break
        }
      }
      if fallsThrough, let next = blocks[b].next { push(next, depth) }
    }
    return result
  }
}
