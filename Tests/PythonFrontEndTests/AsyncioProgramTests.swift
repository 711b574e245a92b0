import Foundation
import SchedulerEngine
import Testing

@testable import PythonFrontEnd

/// Programs with `asyncio`: its loop, tasks and futures are Python code (`PythonModules.asyncio`) run by the same
/// interpreter, so coroutines suspend and resume as frames do in CPython, and the loop's idle waits release the GIL.
/// What they print is checked against the real interpreters (`ThreadedProgramTests.deterministic` holds
/// `asyncio_basics`); the figures that depend on time against `../shared/reference/cpython-measurements.md`.
@Suite("asyncio programs: an event loop that switches only where a task waits")
struct AsyncioProgramTests {
  /// 100 coroutines × 5 × `await asyncio.sleep(0.05)` overlap: real 3.12 here took 0.0102-0.0105 of the
  /// sequential time (0.256-0.263 s).
  @Test func waitsOfManyCoroutinesOverlap() throws {
    let out = ThreadedProgramTests.stdout(try ThreadedProgramTests.simulate("asyncio_overlap"))
    let ratio = try #require(Double(out.split(separator: " ")[2]))
    #expect((0.0100...0.0107).contains(ratio), "\(out)")
  }

  /// A coroutine that blocks for 200 ms without awaiting holds up every other: real 3.12, worst tick 201 ms late.
  @Test func aBlockingCallStallsTheWholeLoop() throws {
    let trace = try ThreadedProgramTests.simulate("asyncio_blocking")
    let out = ThreadedProgramTests.stdout(trace)
    let late = try #require(Int(out.split(separator: " ")[3]))
    #expect((195...205).contains(late), "\(out)")
    // The loop idles in its selector between the ticks, with the GIL released.
    #expect(trace.threads.count == 1)
  }

  /// A loop with nothing to wait for but an event nobody sets waits forever in CPython: a deadlock here.
  @Test func aLoopWaitingForNothingIsADeadlock() throws {
    let source = "import asyncio\n\nasync def main():\n    await asyncio.Event().wait()\n\nasyncio.run(main())\n"
    let trace = try ThreadedProgramTests.simulate(source: source)
    let deadlock = try #require(trace.deadlock)
    #expect(deadlock.waits.map(\.resource) == ["its event loop's next event (no timer is due, no task is ready)"])
  }

  /// A task's step runs the coroutine until it waits: between two awaits it is not interrupted by the other tasks,
  /// so a read-modify-write across no await loses nothing, and one across an await loses.
  @Test func tasksSwitchOnlyWhereTheyAwait() throws {
    let source = """
      import asyncio

      counter = 0

      async def plain():
          global counter
          for _ in range(100):
              counter += 1
              await asyncio.sleep(0)

      async def across():
          global counter
          for _ in range(100):
              value = counter
              await asyncio.sleep(0)
              counter = value + 1

      async def main():
          global counter
          await asyncio.gather(plain(), plain())
          print(counter)
          counter = 0
          await asyncio.gather(across(), across())
          print(counter)

      asyncio.run(main())

      """
    #expect(ThreadedProgramTests.stdout(try ThreadedProgramTests.simulate(source: source)) == "200\n100\n")
  }

  /// Before 3.11 `asyncio.TimeoutError` is a class of its own; from 3.11 it is the built-in one.
  @Test func timeoutErrorIsTheBuiltInFrom311() throws {
    let source = "import asyncio\nprint(asyncio.TimeoutError is TimeoutError)\n"
    #expect(ThreadedProgramTests.stdout(try ThreadedProgramTests.simulate(source: source)) == "True\n")
    let old = try ThreadedProgramTests.simulate(source: source, interpreter: .cpython310)
    #expect(ThreadedProgramTests.stdout(old) == "False\n")
  }
}
