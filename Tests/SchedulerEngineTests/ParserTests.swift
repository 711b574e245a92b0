import Testing

@testable import SchedulerEngine

@Suite("Parser: the specification's example")
struct ParserExampleTests {
  @Test func exampleParsesIntoTheExactTree() throws {
    let expected = Scenario(
      title: "Convoy effect",
      interpreter: .cpython311,
      switchInterval: 5 * Time.millisecond,
      checkInterval: 100,
      cores: 2,
      seed: 1,
      shared: [SharedVariable(name: "counter", initialValue: 0, location: at(8, 1))],
      locks: [LockDeclaration(name: "guard", location: at(9, 1))],
      processes: [
        ProcessDeclaration(
          name: "main",
          threads: [
            ThreadDeclaration(
              name: "cpu", body: [Statement(.compute(2 * Time.second), at: at(12, 5))], location: at(11, 1)),
            ThreadDeclaration(
              name: "net",
              body: [
                Statement(
                  .repeatBlock(
                    count: 200,
                    body: [
                      Statement(.io(200 * Time.microsecond), at: at(16, 9)),
                      Statement(.compute(10 * Time.microsecond), at: at(17, 9)),
                    ]), at: at(15, 5))
              ], location: at(14, 1)),
            ThreadDeclaration(
              name: "adder", count: 2,
              body: [
                Statement(
                  .repeatBlock(
                    count: 1000,
                    body: [
                      Statement(.augmentedAssign(target: "counter", op: .add, value: .constant(1)), at: at(21, 9))
                    ]), at: at(20, 5)),
                Statement(
                  .withLock(
                    name: "guard",
                    body: [
                      Statement(.assign(target: "seen", value: Expression(.name("counter"))), at: at(23, 9)),
                      Statement(.call("noop"), at: at(24, 9)),
                      Statement(
                        .assign(target: "counter", value: Expression(.name("seen"), .add, .constant(1))),
                        at: at(25, 9)),
                    ]), at: at(22, 5)),
              ], location: at(19, 1)),
          ],
          eventLoops: [
            EventLoopDeclaration(
              name: "loop",
              tasks: [
                TaskDeclaration(
                  name: "fetch", count: 3,
                  body: [
                    Statement(.awaitIO(50 * Time.millisecond), at: at(33, 9)),
                    Statement(.compute(Time.millisecond), at: at(34, 9)),
                  ], location: at(32, 5))
              ], location: at(31, 1))
          ]),
        ProcessDeclaration(
          name: "worker",
          threads: [
            ThreadDeclaration(
              name: "main", body: [Statement(.compute(Time.second), at: at(29, 9))], location: at(28, 5))
          ], location: at(27, 1)),
      ])
    let scenario = try parse(convoyExample)
    #expect(scenario == expected)
  }

  @Test func exampleSpotChecks() throws {
    let scenario = try parse(convoyExample)
    #expect(scenario.title == "Convoy effect")
    #expect(scenario.interpreter == .cpython311)
    #expect(scenario.switchInterval == 5_000_000)
    #expect(scenario.cores == 2)
    #expect(scenario.seed == 1)
    #expect(scenario.shared.map(\.name) == ["counter"])
    #expect(scenario.locks.map(\.name) == ["guard"])
    #expect(scenario.processes.map(\.name) == ["main", "worker"])

    let main = scenario.processes[0]
    #expect(main.threads.map(\.name) == ["cpu", "net", "adder"])
    #expect(main.threads.flatMap(\.instanceNames) == ["cpu", "net", "adder-1", "adder-2"])
    #expect(main.eventLoops.map(\.name) == ["loop"])
    #expect(main.eventLoops[0].tasks[0].instanceNames == ["fetch-1", "fetch-2", "fetch-3"])

    let net = main.threads[1].body
    guard case .repeatBlock(let count, let body) = net[0].kind else {
      Issue.record("net does not start with a repeat block")
      return
    }
    #expect(count == 200)
    #expect(body.map(\.kind) == [.io(200_000), .compute(10_000)])

    let adder = main.threads[2]
    #expect(adder.count == 2)
    #expect(adder.body.count == 2)
    guard case .withLock(let lock, let locked) = adder.body[1].kind else {
      Issue.record("adder's second statement is not a with block")
      return
    }
    #expect(lock == "guard")
    #expect(locked.count == 3)
    #expect(locked[2].kind == .assign(target: "counter", value: Expression(.name("seen"), .add, .constant(1))))

    let worker = scenario.processes[1]
    #expect(worker.threads.map(\.instanceNames) == [["main"]])
    #expect(worker.eventLoops.isEmpty)
    #expect(worker.threads[0].body.map(\.kind) == [.compute(1_000_000_000)])
  }

  @Test func exampleWithoutTrailingNewlineParsesTheSame() throws {
    var source = convoyExample
    while source.last == "\n" { source.removeLast() }
    #expect(try parse(source) == parse(convoyExample))
  }
}

@Suite("Parser: header keys")
struct ParserHeaderTests {
  @Test func defaultsAreThoseOfScenarioInit() throws {
    let scenario = try parse(threadScenario("compute 1ms"))
    let defaults = Scenario()
    #expect(scenario.title == "")
    #expect(scenario.interpreter == defaults.interpreter)
    #expect(scenario.switchInterval == defaults.switchInterval)
    #expect(scenario.checkInterval == defaults.checkInterval)
    #expect(scenario.cores == defaults.cores)
    #expect(scenario.seed == defaults.seed)
    #expect(scenario.shared.isEmpty)
    #expect(scenario.locks.isEmpty)
    #expect(scenario.processes.count == 1)
    #expect(scenario.processes[0].name == "main")
    #expect(scenario.processes[0].location == SchedulerEngine.SourceLocation(line: 0, column: 0))
  }

  @Test func everyKeyIsRead() throws {
    let scenario = try parse(
      """
      title:   The  GIL, explained   # a comment
      interpreter: cpython-2.7
      switch_interval: 0.25ms
      check_interval: 1000
      cores: 8
      seed: 18446744073709551615
      thread t:
        compute 1ms
      """)
    #expect(scenario.title == "The  GIL, explained")
    #expect(scenario.interpreter == .cpython27)
    #expect(scenario.switchInterval == 250_000)
    #expect(scenario.checkInterval == 1000)
    #expect(scenario.cores == 8)
    #expect(scenario.seed == UInt64.max)
  }

  @Test func headerKeysMayComeAfterDeclarations() throws {
    let scenario = try parse("thread t:\n  compute 1ms\ncores: 4\nseed: 0\n")
    #expect(scenario.cores == 4)
    #expect(scenario.seed == 0)
  }

  @Test func titleKeepsUnicodeAndStopsAtAComment() throws {
    let scenario = try parse("title: Конвой — the convoy effect 🚚 # not part of it\nthread t:\n  compute 1ms\n")
    #expect(scenario.title == "Конвой — the convoy effect 🚚")
  }

  @Test(arguments: [
    ("cpython-2.7", InterpreterKind.cpython27), ("2.7", .cpython27),
    ("cpython-3.8", .cpython38), ("3.8", .cpython38),
    ("cpython-3.9", .cpython39), ("3.9", .cpython39),
    ("cpython-3.10", .cpython310), ("3.10", .cpython310),
    ("cpython-3.11", .cpython311), ("3.11", .cpython311),
    ("cpython-3.12", .cpython312), ("3.12", .cpython312),
    ("cpython-3.13", .cpython313), ("3.13", .cpython313),
    ("cpython-3.13t", .cpython313t), ("3.13t", .cpython313t),
  ])
  func interpreterNames(name: String, kind: InterpreterKind) throws {
    let scenario = try parse("interpreter: \(name)  # comment\nthread t:\n  compute 1ms\n")
    #expect(scenario.interpreter == kind)
  }

  @Test func coresBounds() throws {
    #expect(try parse("cores: 1\n" + threadScenario("compute 1ms")).cores == 1)
    #expect(try parse("cores: 1024\n" + threadScenario("compute 1ms")).cores == 1024)
    #expect(try parse("check_interval: 1\n" + threadScenario("compute 1ms")).checkInterval == 1)
  }
}

@Suite("Parser: declarations and statements")
struct ParserStatementTests {
  @Test func everyStatementKind() throws {
    let body = try threadBody(
      threadScenario(
        "compute 3ms",
        "io 4us",
        "sleep 5s",
        "sleep 0s",
        "native 6ns",
        "builtin 7ms",
        "call noop",
        "x = 1",
        "x += 2",
        "x -= -3",
        "x *= x",
        "y = x",
        "y = -9223372036854775808",
        "y = x - 1",
        "y = 2 * x",
        "y = x + y",
        "y = 10 -3",
      ))
    let expected: [StatementKind] = [
      .compute(3_000_000),
      .io(4_000),
      .sleep(5_000_000_000),
      .sleep(0),
      .native(6),
      .builtin(7_000_000),
      .call("noop"),
      .assign(target: "x", value: Expression(.constant(1))),
      .augmentedAssign(target: "x", op: .add, value: .constant(2)),
      .augmentedAssign(target: "x", op: .subtract, value: .constant(-3)),
      .augmentedAssign(target: "x", op: .multiply, value: .name("x")),
      .assign(target: "y", value: Expression(.name("x"))),
      .assign(target: "y", value: Expression(.constant(Int64.min))),
      .assign(target: "y", value: Expression(.name("x"), .subtract, .constant(1))),
      .assign(target: "y", value: Expression(.constant(2), .multiply, .name("x"))),
      .assign(target: "y", value: Expression(.name("x"), .add, .name("y"))),
      .assign(target: "y", value: Expression(.constant(10), .subtract, .constant(3))),
    ]
    #expect(body.map(\.kind) == expected)
    // Each statement is located at its first word, in the fifth column.
    #expect(body.map(\.location) == (2...18).map { at($0, 5) })
  }

  @Test func nestedBlocksAndTheirLocations() throws {
    let source = """
      lock a
      lock b
      thread t:
        repeat 3:
          with a:
            with b:
              repeat 1_000_000:
                compute 1us
        sleep 1ms
      """
    let body = try threadBody(source)
    let expected: [Statement] = [
      Statement(
        .repeatBlock(
          count: 3,
          body: [
            Statement(
              .withLock(
                name: "a",
                body: [
                  Statement(
                    .withLock(
                      name: "b",
                      body: [
                        Statement(
                          .repeatBlock(count: 1_000_000, body: [Statement(.compute(1_000), at: at(8, 11))]),
                          at: at(7, 9))
                      ]), at: at(6, 7))
                ]), at: at(5, 5))
          ]), at: at(4, 3)),
      Statement(.sleep(1_000_000), at: at(9, 3)),
    ]
    #expect(body == expected)
  }

  @Test func tasksAwaitAndUseEveryStatement() throws {
    let source = """
      shared done = 0
      eventloop loop:
          task a:
              await io 50ms
              await sleep 0s
              await sleep 1ms
              io 1ms
              done += 1
          task b x 2:
              n = done
              compute 1ms
      """
    let loop = try parse(source).processes[0].eventLoops[0]
    #expect(loop.name == "loop")
    #expect(loop.location == at(2, 1))
    #expect(loop.tasks.map(\.name) == ["a", "b"])
    #expect(loop.tasks.map(\.count) == [1, 2])
    #expect(loop.tasks.map(\.location) == [at(3, 5), at(9, 5)])
    #expect(
      loop.tasks[0].body.map(\.kind) == [
        .awaitIO(50_000_000), .awaitSleep(0), .awaitSleep(1_000_000), .io(1_000_000),
        .augmentedAssign(target: "done", op: .add, value: .constant(1)),
      ])
    #expect(loop.tasks[0].body[0].location == at(4, 9))
    #expect(loop.tasks[1].instanceNames == ["b-1", "b-2"])
  }

  @Test func sharedAndLockDeclarations() throws {
    let scenario = try parse(
      """
      shared a = -5
      shared b = 9223372036854775807
      shared c = -9223372036854775808
      lock l1
      lock l2
      thread t:
        compute 1ms
      """)
    #expect(scenario.shared.map(\.name) == ["a", "b", "c"])
    #expect(scenario.shared.map(\.initialValue) == [-5, Int64.max, Int64.min])
    #expect(scenario.shared.map(\.location) == [at(1, 1), at(2, 1), at(3, 1)])
    #expect(
      scenario.locks == [
        LockDeclaration(name: "l1", location: at(4, 1)), LockDeclaration(name: "l2", location: at(5, 1)),
      ])
  }

  @Test func processesGetTheirThreadsAndEventLoops() throws {
    let source = """
      process a:
          thread t x 3:
              compute 1ms
          eventloop l:
              task k:
                  compute 1ms
      process b:
          eventloop m:
              task k:
                  compute 1ms
      thread top:
          compute 1ms
      """
    let scenario = try parse(source)
    #expect(scenario.processes.map(\.name) == ["main", "a", "b"])
    #expect(scenario.processes.map(\.location) == [at(0, 0), at(1, 1), at(7, 1)])
    #expect(scenario.processes[0].threads.map(\.name) == ["top"])
    #expect(scenario.processes[1].threads.map(\.instanceNames) == [["t-1", "t-2", "t-3"]])
    #expect(scenario.processes[1].eventLoops.map(\.name) == ["l"])
    #expect(scenario.processes[2].threads.isEmpty)
    #expect(scenario.processes[2].eventLoops.map(\.name) == ["m"])
  }

  @Test func namesThatDoNotClashAfterExpansion() throws {
    // `a` and `a-1`, `a-2` are different threads; tasks of different loops may share names.
    let scenario = try parse(
      """
      thread a x 2:
        compute 1ms
      thread a:
        compute 1ms
      eventloop l1:
        task k:
          compute 1ms
      eventloop l2:
        task k:
          compute 1ms
        task k x 2:
          compute 1ms
      """)
    #expect(scenario.processes[0].threads.flatMap(\.instanceNames) == ["a-1", "a-2", "a"])
    #expect(scenario.processes[0].eventLoops[1].tasks.flatMap(\.instanceNames) == ["k", "k-1", "k-2"])
  }

  @Test func xIsAnOrdinaryNameOutsideTheCountClause() throws {
    let scenario = try parse("thread x x 2:\n  x = 1\n  x += x\n")
    #expect(scenario.processes[0].threads[0].name == "x")
    #expect(scenario.processes[0].threads[0].count == 2)
  }

  @Test func localsMayBeAssignedInsideAnEarlierBlock() throws {
    let body = try threadBody(threadScenario("repeat 2:", "    x = 1", "y = x", "with_x = y"))
    #expect(body.count == 3)
  }

  @Test func sharedVariablesAndLocksMayBeDeclaredAfterTheirUse() throws {
    let scenario = try parse("thread t:\n  counter += 1\n  with g:\n    call f\nshared counter = 0\nlock g\n")
    #expect(scenario.shared.map(\.name) == ["counter"])
    #expect(scenario.locks.map(\.name) == ["g"])
  }

  @Test func callTakesAnyIdentifier() throws {
    let body = try threadBody(threadScenario("call compute", "call _private2", "call noop"))
    #expect(body.map(\.kind) == [.call("compute"), .call("_private2"), .call("noop")])
  }

  @Test func headerKeyWordsAreOrdinaryLocalNamesInBodies() throws {
    let body = try threadBody(threadScenario("cores = 2", "seed = cores * 3"))
    #expect(body.count == 2)
  }

  @Test func commentsBlankLinesAndInlineTabsAreIgnored() throws {
    let source = "# top\n\n   \nthread t:   # header\n\n        # deeper comment\n  compute\t1ms# tight\n\t\n  # \tx\n"
    #expect(try threadBody(source).map(\.kind) == [.compute(1_000_000)])
  }

  @Test func deeplyNestedBlocksUpToTheLimit() throws {
    var source = "thread t:\n"
    for level in 1...99 { source += String(repeating: " ", count: level) + "repeat 1:\n" }
    source += String(repeating: " ", count: 100) + "compute 1ns\n"
    var body = try threadBody(source)
    var levels = 0
    while case .repeatBlock(_, let inner) = body.first?.kind {
      levels += 1
      body = inner
    }
    #expect(levels == 99)
    #expect(body.map(\.kind) == [.compute(1)])
  }
}
/// The example scenario of the language specification, verbatim.
let convoyExample = """
  # Convoy effect: an I/O thread beside a CPU-bound one
  title: Convoy effect
  interpreter: cpython-3.11      # cpython-2.7 | cpython-3.11 | cpython-3.12 | cpython-3.13 | cpython-3.13t
  switch_interval: 5ms           # new GIL; check_interval: 100 for the old one
  cores: 2
  seed: 1

  shared counter = 0
  lock guard

  thread cpu:
      compute 2s

  thread net:
      repeat 200:
          io 200us
          compute 10us

  thread adder x 2:              # adder-1, adder-2
      repeat 1000:
          counter += 1
      with guard:
          seen = counter         # `seen` is a local of this thread
          call noop
          counter = seen + 1

  process worker:                # its own interpreter and GIL
      thread main:
          compute 1s

  eventloop loop:
      task fetch x 3:
          await io 50ms
          compute 1ms

  """

func parse(_ source: String) throws(SourceDiagnostic) -> Scenario {
  try ScenarioParser.parse(source, file: "test.gil")
}

/// The diagnostic `source` produces, or nil when it parses.
func diagnostic(_ source: String) -> SourceDiagnostic? {
  do {
    _ = try ScenarioParser.parse(source, file: "test.gil")
    return nil
  } catch {
    return error
  }
}

/// A scenario holding one thread `t` whose body is `lines`, each indented by four spaces.
func threadScenario(_ lines: String...) -> String {
  "thread t:\n" + lines.map { "    " + $0 + "\n" }.joined()
}

/// The body of the single thread `t` of `source`.
func threadBody(_ source: String) throws(SourceDiagnostic) -> [Statement] {
  try parse(source).processes[0].threads[0].body
}

func at(_ line: Int, _ column: Int) -> SchedulerEngine.SourceLocation {
  SchedulerEngine.SourceLocation(line: line, column: column)
}

/// Expects `source` to fail with `message` at `line`:`column`, with that line as `sourceLine`.
func expectError(
  _ source: String, _ line: Int, _ column: Int, _ message: String,
  sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  guard let error = diagnostic(source) else {
    Issue.record("expected the error \"\(message)\", but the source parsed", sourceLocation: sourceLocation)
    return
  }
  #expect(error.message == message, sourceLocation: sourceLocation)
  #expect(error.location == at(line, column), "\(error.message)", sourceLocation: sourceLocation)
  #expect(error.file == "test.gil", sourceLocation: sourceLocation)
  let lines = ScenarioParser.sourceLines(source)
  if line >= 1 && line <= lines.count {
    #expect(error.sourceLine == String(lines[line - 1]), sourceLocation: sourceLocation)
  }
}

/// An error case for parameterised tests.
struct ErrorCase: Sendable, CustomTestStringConvertible {
  var source: String
  var line: Int
  var column: Int
  var message: String
  init(_ source: String, _ line: Int, _ column: Int, _ message: String) {
    self.source = source
    self.line = line
    self.column = column
    self.message = message
  }
  var testDescription: String { message }
}

@Suite("Parser: size")
struct ParserSizeTests {
  /// The largest scenario the language allows parses whole (its speed is measured by `make bench`).
  @Test func theLargestScenarioParses() throws {
    var source = "title: many\n"
    for index in 0..<500 { source += "shared v\(index) = \(index)\nlock l\(index)\n" }
    for index in 0..<500 {
      source += "thread t\(index) x 2:\n  repeat 10:\n    with l\(index):\n      v\(index) += 1\n  io 1ms\n"
    }
    let scenario = try parse(source)
    #expect(scenario.processes[0].threads.count == 500)
    #expect(scenario.locks.count == 500)
    #expect(throws: SourceDiagnostic.self) { try parse(source + "thread one_more:\n  io 1ms\n") }
  }
}
