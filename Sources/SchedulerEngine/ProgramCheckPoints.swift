/// Where each version's eval loop checks for a drop request, placed in a Python program's instructions. The
/// program is compiled as 3.11, 3.12 or 3.13 compiles it (`InterpreterKind.compilerRelease`); each version runs
/// that instruction stream, checking where its own loop would check for the same work:
/// - 3.11 and later: at a function's `RESUME`, at `JUMP_BACKWARD` (and 3.11's backward conditional jumps, which
///   check when taken: counted here at each run, one check too many as a loop ends), after a call of C code (a
///   call of Python code checks at the callee's `RESUME`). A generator resumed after a `yield` checks (`RESUME 1`); one resumed by an
///   `await` or a `yield from` (`RESUME 2`, `3`) does not (3.12's RESUME: `oparg < 2`).
/// - 3.10: at loop back-edges, at function entry (the new frame enters the loop at its top) and after a call (the
///   caller's `CALL_FUNCTION` checks when the callee returns): `RESUME`, `JUMP_BACKWARD`, a C call, a return.
/// - 3.8 and 3.9: after every instruction that goes back to the top of the loop (`DISPATCH()`), that is, all but
///   the fast paths (`FAST_DISPATCH()`: loads of locals and constants, stores to locals, stack shuffles,
///   conditional jumps), and not before an instruction that opens a `with` block.
extension InterpreterProfile {
  func programCheck(_ opname: String, arg: Int?, next: String?) -> InstructionScheduling.Check {
    switch opname {
    // The low two bits say where the frame resumes (3.13 keeps a flag above them).
    case "RESUME": return (arg ?? 0) & 3 < 2 ? .always : .never
    case "JUMP_BACKWARD", "POP_JUMP_BACKWARD_IF_FALSE", "POP_JUMP_BACKWARD_IF_TRUE", "POP_JUMP_BACKWARD_IF_NONE",
      "POP_JUMP_BACKWARD_IF_NOT_NONE":
      return .always
    case "CALL", "CALL_KW", "CALL_FUNCTION_EX": return .afterCCall
    case "RETURN_VALUE", "RETURN_CONST": return dialect < .py311 ? .always : .never
    default: break
    }
    guard case .everyDispatch(let fastPath) = checkPoints, let name = Self.dispatchedAs(opname),
      !fastPath.contains(name)
    else { return .never }
    if let next, let following = Self.dispatchedAs(next), noCheckBefore.contains(following) { return .never }
    return .always
  }

  /// The 3.8/3.9 instruction that does what a 3.12 one does, for the fast-path test; nil where 3.12 has an
  /// instruction that older versions fold into another (`PUSH_NULL`, `END_FOR`, `KW_NAMES`, a cache).
  private static func dispatchedAs(_ opname: String) -> String? {
    switch opname {
    case "LOAD_FAST_CHECK", "LOAD_FAST_AND_CLEAR": "LOAD_FAST"
    case "COPY": "DUP_TOP"
    case "SWAP": "ROT_TWO"
    case "POP_JUMP_IF_NONE", "POP_JUMP_IF_NOT_NONE": "POP_JUMP_IF_FALSE"
    case "BEFORE_WITH": "SETUP_WITH"
    case "BINARY_OP": "BINARY_ADD"
    case "PUSH_NULL", "END_FOR", "KW_NAMES", "CACHE", "NOP", "JUMP_BACKWARD_NO_INTERRUPT", "RETURN_GENERATOR",
      "MAKE_CELL", "COPY_FREE_VARS", "CALL_INTRINSIC_1", "CALL_INTRINSIC_2", "PUSH_EXC_INFO":
      nil
    default: opname
    }
  }
}

extension InterpreterProfile {
  /// A program's instruction's time on this version, before a free-threaded build's slowdown (`pythonTime`).
  func programCost(of opname: String, model: MachineModel) -> Nanos {
    model.programCost(of: opname, dialect: dialect, specializedRange: specializedRange)
  }
}
