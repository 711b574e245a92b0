import SchedulerEngine
import Testing

/// 3.14 and 3.15 do not run on this machine, so their `dis` listings are pinned to what CPython's own sources say
/// (docs/engine-model.md, "Bytecode of 3.14 and 3.15"): the expected disassemblies in `Lib/test/test_dis.py` of
/// 3.14 (`dis_with`, `dis_bug708901`, `dis_compound_stmt_str`), and for 3.15 the bytecode of v3.15.0b4's
/// `Programs/test_frozenmain.h` (python/cpython#148871 LOAD_COMMON_CONSTANT, #146120 GET_ITER's argument).
@Suite("Bytecode of 3.14 and 3.15")
struct NewDialectTests {
  static func listing(_ text: String, _ interpreter: InterpreterKind) throws -> [String] {
    let scenario = try ScenarioParser.parse(text, file: "dialect.scenario")
    let thread = scenario.processes[0].threads[0]
    return Bytecode.function(body: thread.body, shared: Set(scenario.shared.map(\.name)), interpreter: interpreter)
      .map { ($0.instruction.isCheckPoint ? "* " : "") + $0.instruction.text }
  }

  @Test func loopOfAugmentedAssignment() throws {
    let text = "shared counter = 0\nthread w:\n    repeat 100000:\n        counter += 1\n"
    let body = [
      "* RESUME 0", "LOAD_GLOBAL 1 (range + NULL)", "LOAD_CONST 0 (100000)", "* CALL 1", "GET_ITER", "FOR_ITER",
      "STORE_FAST 0 (_)", "LOAD_GLOBAL 2 (counter)", "LOAD_SMALL_INT 1", "BINARY_OP 13 (+=)",
      "STORE_GLOBAL 1 (counter)", "* JUMP_BACKWARD (to FOR_ITER)", "END_FOR", "POP_ITER",
    ]
    #expect(try Self.listing(text, .cpython314) == body + ["LOAD_CONST 1 (None)", "RETURN_VALUE"])
    var body315 = body
    body315[4] = "GET_ITER 0"
    #expect(try Self.listing(text, .cpython315) == body315 + ["LOAD_COMMON_CONSTANT 7 (None)", "RETURN_VALUE"])
    // The free-threaded builds run the same bytecode.
    #expect(try Self.listing(text, .cpython314t) == Self.listing(text, .cpython314))
  }

  /// A small first constant keeps `co_consts[0]`, so None is constant 1; a local read into an operator borrows.
  @Test func callBetweenLoadAndStore() throws {
    let text = """
      shared counter = 0
      thread w:
          repeat 100:
              x = counter
              call noop
              counter = x + 1
      """
    #expect(
      try Self.listing(text, .cpython314) == [
        "* RESUME 0", "LOAD_GLOBAL 1 (range + NULL)", "LOAD_SMALL_INT 100", "* CALL 1", "GET_ITER", "FOR_ITER",
        "STORE_FAST 0 (_)", "LOAD_GLOBAL 2 (counter)", "STORE_FAST 1 (x)", "LOAD_GLOBAL 5 (noop + NULL)", "CALL 0",
        "POP_TOP", "LOAD_FAST_BORROW 1 (x)", "LOAD_SMALL_INT 1", "BINARY_OP 0 (+)", "STORE_GLOBAL 1 (counter)",
        "* JUMP_BACKWARD (to FOR_ITER)", "END_FOR", "POP_ITER", "LOAD_CONST 1 (None)", "RETURN_VALUE",
      ])
  }

  /// 3.14 took BEFORE_WITH apart: `__enter__` is a call of C code, a check point just after the lock is taken.
  @Test func withBlock() throws {
    let text = "shared counter = 0\nlock guard\nthread w:\n    with guard:\n        counter = counter * 3\n"
    let expected = [
      "* RESUME 0", "LOAD_GLOBAL 0 (guard)", "COPY 1", "LOAD_SPECIAL 1 (__exit__)", "SWAP 2", "SWAP 3",
      "LOAD_SPECIAL 0 (__enter__)", "* CALL 0", "POP_TOP", "LOAD_GLOBAL 2 (counter)", "LOAD_SMALL_INT 3",
      "BINARY_OP 5 (*)", "STORE_GLOBAL 1 (counter)", "LOAD_CONST 1 (None)", "LOAD_CONST 1 (None)",
      "LOAD_CONST 1 (None)", "* CALL 3", "POP_TOP", "LOAD_CONST 1 (None)", "RETURN_VALUE",
    ]
    #expect(try Self.listing(text, .cpython314) == expected)
    let none315 = expected.map { $0 == "LOAD_CONST 1 (None)" ? "LOAD_COMMON_CONSTANT 7 (None)" : $0 }
    #expect(try Self.listing(text, .cpython315) == none315)
  }

  /// A local stored into another local is not borrowed (the reference outlives the instruction).
  @Test func localLoads() throws {
    let text = "thread w:\n    x = 5\n    y = x\n    z = x - 2\n"
    #expect(
      try Self.listing(text, .cpython314) == [
        "* RESUME 0", "LOAD_SMALL_INT 5", "STORE_FAST 0 (x)", "LOAD_FAST 0 (x)", "STORE_FAST 1 (y)",
        "LOAD_FAST_BORROW 0 (x)", "LOAD_SMALL_INT 2", "BINARY_OP 10 (-)", "STORE_FAST 2 (z)", "LOAD_CONST 1 (None)",
        "RETURN_VALUE",
      ])
  }
}
