import Testing

@testable import SchedulerEngine

/// `list NAME` and `NAME.append(X)`: one call into C, atomic under a GIL and, without one, inside the list's own
/// critical section, while a read-modify-write of a shared name still races.
@Suite("Lists")
struct ListTests {
  static func program(lists: Int = 1, appends: Int = 20_000) -> String {
    let names = (1...lists).map { "items\($0)" }
    var text = "cores: 4\nshared c = 0\n" + names.map { "list \($0)\n" }.joined()
    for (i, name) in (0..<4).map({ names[$0 % lists] }).enumerated() {
      text += "thread t\(i):\n    repeat \(appends):\n        \(name).append(1)\n        c += 1\n"
    }
    return text
  }

  @Test("No append is ever lost, on any interpreter", arguments: InterpreterKind.allCases)
  func appendsAreAtomic(interpreter: InterpreterKind) throws {
    let trace = try simulate(Self.program(appends: 5_000)) { $0.interpreter = interpreter }
    #expect(trace.shared("len(items1)") == 20_000)
  }

  @Test("Without a GIL the appends all arrive while c += 1 loses updates, a different number for each seed")
  func theNameRacesTheListDoesNot() throws {
    let counts = try (1...3).map { seed in
      let trace = try simulate(Self.program()) {
        $0.interpreter = .cpython314t
        $0.seed = UInt64(seed)
      }
      #expect(trace.shared("len(items1)") == 80_000)
      #expect(trace.shared("c") < 80_000)
      return trace.shared("c")
    }
    #expect(Set(counts).count == 3, "\(counts)")
  }

  /// Per-object locks: four threads appending to one list take turns in its critical section; to four lists, not.
  @Test("Without a GIL, threads appending to one list wait for each other; to a list each, they do not")
  func oneListIsContended() throws {
    let one = try simulate(Self.program(lists: 1)) { $0.interpreter = .cpython314t }
    let four = try simulate(Self.program(lists: 4)) { $0.interpreter = .cpython314t }
    #expect(four.shared("len(items1)") == 20_000)
    #expect(one.statistics.wallTime > four.statistics.wallTime * 5 / 4, "\(one.ms(one.statistics.wallTime)) ms")
  }

  @Test func mistakes() {
    let body = "list items\nthread t:\n"
    expectError(
      body + "    items.apend(1)\n", 3, 11, "'items' is a list; its methods are append; did you mean 'append'?")
    expectError(
      body + "    with items:\n        compute 1ms\n", 3, 10,
      "'items' is a list, not a lock: 'with' takes a lock, an rlock, a semaphore or a condition")
    expectError(
      body + "    items.append()\n", 3, 18, "expected a variable name or an integer after 'append(', found ')'")
    expectError(
      body + "    x = items.append(1)\n", 3, 15, "'items.append()' gives nothing to assign; only a queue's get() does")
    expectError(
      "list items\nlist items\nthread t:\n    compute 1ms\n", 2, 6, "list 'items' is declared twice (first on line 1)")
  }

  @Test("A task may append: it does not block its loop")
  func tasksMayAppend() throws {
    let trace = try simulate(
      "list done\neventloop loop:\n    task t x 3:\n        await sleep 1ms\n        done.append(1)\n")
    #expect(trace.shared("len(done)") == 3)
  }
}
