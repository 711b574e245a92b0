import Testing

@testable import SchedulerEngine

/// The engine's own seeded generator, so that a failure can be replayed.
extension SeededRandom {
  fileprivate mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
}

@Suite("Parser: never crashes")
struct ParserFuzzTests {
  /// Pieces that are likely to reach deep into the parser when spliced into a file.
  private static let fragments: [String] = [
    " ", "  ", "    ", "\t", "\n", "\r\n", "\r", ":", "=", "+=", "-=", "*=", "+", "-", "*", "#", "x", " x ", "2",
    "0", "-1", "5ms", "0.5", "1.", "µs", "sec", "99999999999999999999999", "thread", "process", "eventloop",
    "task", "repeat", "with", "call", "await", "io", "sleep", "compute", "native", "builtin", "shared", "lock",
    "title:", "interpreter:", "cores:", "seed:", "main", "guard", "counter", "é", "счёт", "🚚", "\u{FEFF}", "\u{0}",
    "\u{301}", "\u{A0}", "\u{2028}", "(", ")", ".", "_", "event", "queue", "semaphore", "rlock", ".set()",
    ".wait(timeout=5ms)", ".get()", ".put(1)", ".join()", ".acquire()", "jobs", "ready", "timeout=", "condition",
    "barrier", ".notify()", ".notify_all()", "import", "python_gil:", "bounded_semaphore", "subinterpreter", "main:",
    ".start()", "pool", "ThreadPoolExecutor(2)", "ThreadPoolExecutor()", ".map(3)", "await to_thread:", "to_thread",
    "signal", "SIGINT", "at", "signal SIGINT at 1ms", "InterpreterPoolExecutor(2)", "list", ".append(1)", "gc 5ms",
  ]

  /// A scenario with every synchronisation object, for the mutation test.
  static let syncExample = """
    queue jobs = 2
    event ready
    semaphore slots = 1
    rlock r
    lock guard
    shared total = 0
    thread producer:
        repeat 3:
            jobs.put(7)
        ready.set()
    thread consumer x 2:
        ready.wait(timeout=5ms)
        x = jobs.get()
        with slots:
            with r:
                total += x
        guard.acquire()
        guard.release()
    thread boss:
        consumer.join()
        with cv:
            cv.wait(timeout=1ms)
            cv.notify_all()
        gate.wait()
        guard.acquire(timeout=2ms)
        workers.map(3)
    pool workers = ThreadPoolExecutor(2):
        total += 1
        io 1ms
    condition cv
    barrier gate = 1
    import legacy
    signal SIGINT at 3ms
    main:
        boss.start()
    """

  /// Parsing either succeeds or reports an error placed on a real line of the file with its text.
  private func check(_ source: String) {
    do {
      let scenario = try ScenarioParser.parse(source, file: "fuzz.gil")
      #expect(
        scenario.mainBody != nil || scenario.processes.contains { !$0.threads.isEmpty || !$0.eventLoops.isEmpty })
    } catch {
      let lines = ScenarioParser.sourceLines(source)
      #expect(error.location.line >= 1 && error.location.line <= max(lines.count, 1), "\(error)")
      #expect(error.location.column >= 1, "\(error)")
      #expect(!error.message.isEmpty)
      if error.location.line <= lines.count {
        #expect(error.sourceLine == String(lines[error.location.line - 1]))
        #expect(error.location.column <= lines[error.location.line - 1].count + 1, "\(error)")
      }
      _ = error.description
    }
  }

  @Test func randomBytes() {
    var random = SeededRandom(seed: 1)
    for _ in 0..<2_000 {
      let bytes = (0..<random.below(120)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
      check(String(decoding: bytes, as: UTF8.self))
    }
  }

  @Test func randomFragments() {
    var random = SeededRandom(seed: 2)
    for _ in 0..<2_000 {
      check((0..<random.below(40)).map { _ in Self.fragments[random.below(Self.fragments.count)] }.joined())
    }
  }

  @Test(arguments: [convoyExample, syncExample])
  func mutatedExample(_ example: String) throws {
    var random = SeededRandom(seed: 3)
    let original = Array(example)
    for _ in 0..<1_500 {
      var chars = original
      for _ in 0...random.below(4) {
        let position = random.below(chars.count + 1)
        switch random.below(4) {
        case 0 where position < chars.count:
          chars.remove(at: position)
        case 1:
          chars.insert(contentsOf: Self.fragments[random.below(Self.fragments.count)], at: position)
        case 2 where position < chars.count:
          chars[position] = Self.fragments[random.below(Self.fragments.count)].first ?? " "
        default:
          // Move a whole line elsewhere, to shake the indentation.
          var lines = String(chars).split(separator: "\n", omittingEmptySubsequences: false)
          let line = lines.remove(at: random.below(lines.count))
          lines.insert(line, at: random.below(lines.count + 1))
          chars = Array(lines.joined(separator: "\n"))
        }
      }
      check(String(chars))
    }
  }

  @Test func everyPrefixOfTheExample() {
    let chars = Array(convoyExample)
    for length in 0...chars.count { check(String(chars[..<length])) }
  }
}
