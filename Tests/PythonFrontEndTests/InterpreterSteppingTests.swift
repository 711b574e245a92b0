import Testing

@testable import PythonFrontEnd
@testable import SchedulerEngine

/// The interpreter runs a thread one instruction at a time, calls included: what lets a scheduler switch
/// threads between any two instructions, as CPython's eval loop can.
@Suite("Python interpreter: one instruction per step")
struct InterpreterSteppingTests {
  @Test func aCallIsAFrameTheThreadStepsThrough() throws {
    let source = "def f(n):\n    return n + 1\n\nx = f(1)\nprint(x)\n"
    let code = try PythonProgram.compile(source, file: "f.py", interpreter: .cpython312)
    let machine = PythonMachine(file: "f.py", budget: 1_000)
    let globals = PyDict()
    let thread = PythonThread(number: 0)
    try machine.push(
      PythonFrame(
        CompiledCode.make(code), globals: globals, namespace: globals, arguments: [], closure: [],
        id: machine.newFrameID()), on: thread)
    var steps = 0
    var deepest = 0
    var functionSteps = 0
    while try machine.step(thread) {
      steps += 1
      deepest = max(deepest, thread.frames.count)
      if thread.frames.count == 2 { functionSteps += 1 }
    }
    steps += 1
    #expect(machine.stdout == "2\n")
    #expect(steps == machine.executed)
    #expect(deepest == 2)
    // After the CALL that makes the frame, then RESUME, LOAD_FAST, LOAD_CONST and BINARY_OP: five steps end
    // with two frames; the function's RETURN_VALUE ends its frame.
    #expect(functionSteps == 5)
    #expect(thread.frames.isEmpty)
  }

  @Test func anExceptionLeavesFramesUntilAHandler() throws {
    let source = """
      def inner():
          return 1 // 0

      def outer():
          try:
              inner()
          except ZeroDivisionError as e:
              return str(e)

      print(outer())
      """
    let code = try PythonProgram.compile(source, file: "e.py", interpreter: .cpython312)
    let result = PythonMachine.run(code, file: "e.py")
    #expect(result.stdout == "integer division or modulo by zero\n")
    #expect(result.exitStatus == 0)
  }

  @Test func deepRecursionIsARecursionError() throws {
    let code = try PythonProgram.compile(
      "def f(n):\n    return f(n + 1)\n\nf(0)\n", file: "r.py", interpreter: .cpython312)
    let result = PythonMachine.run(code, file: "r.py")
    #expect(result.exitStatus == 1)
    #expect(result.stderr.hasSuffix("RecursionError: maximum recursion depth exceeded\n"), "\(result.stderr)")
  }
}
