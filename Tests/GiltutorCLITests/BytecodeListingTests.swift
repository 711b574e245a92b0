import SchedulerEngine
import Testing

@testable import giltutor

@Suite struct BytecodeListingTests {
  @Test func instructionsWithTheirLines() {
    let scenario = Scenario(
      interpreter: .cpython311,
      shared: [SharedVariable(name: "counter", initialValue: 0)],
      processes: [
        ProcessDeclaration(
          name: "main",
          threads: [
            ThreadDeclaration(
              name: "worker", count: 2,
              body: [
                Statement(
                  .repeatBlock(
                    count: 1000,
                    body: [
                      Statement(
                        .augmentedAssign(target: "counter", op: .add, value: .constant(1)),
                        at: .init(line: 4, column: 9))
                    ]), at: .init(line: 3, column: 5)),
                Statement(.assign(target: "x", value: Expression(.name("counter"), .multiply, .constant(2)))),
                Statement(.withLock(name: "lock", body: [Statement(.io(200_000))])),
              ])
          ],
          eventLoops: [
            EventLoopDeclaration(
              name: "loop", tasks: [TaskDeclaration(name: "tick", body: [Statement(.awaitSleep(10_000_000))])])
          ])
      ])
    let text = BytecodeListing.render(scenario)
    #expect(text.hasPrefix("Bytecode (cpython-3.11; * marks a check point):\n"))
    #expect(text.contains("thread worker x 2:\n"))
    #expect(text.contains("    4    LOAD_GLOBAL        2 (counter)\n"))  // co_names: range, counter
    #expect(text.contains("    4    BINARY_OP          13 (+=)\n"))
    #expect(text.contains("    3  * JUMP_BACKWARD      (to FOR_ITER)\n"))
    #expect(text.contains("eventloop loop, task tick:\n"))
  }
}
