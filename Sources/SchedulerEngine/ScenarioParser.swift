/// Reads the scenario language (see docs/scenario-language.md).
public enum ScenarioParser {
  /// Parses a whole scenario file. `file` is only used in diagnostics.
  ///
  /// Errors come in source order: the first mistake in the file is thrown, located at its token.
  public static func parse(_ source: String, file: String) throws(SourceDiagnostic) -> Scenario {
    if let message = Limits.oversized(source, what: "scenario") {
      throw SourceDiagnostic(file: file, location: .init(line: 1, column: 1), message: message, sourceLine: "")
    }
    var parser = Parser(lines: sourceLines(source), file: file)
    return try parser.parseScenario()
  }

  /// The lines of `source` as characters, without a leading byte order mark or the line endings
  /// (`\n`, `\r\n` or `\r`).
  static func sourceLines(_ source: String) -> [[Character]] {
    var text = source
    if text.unicodeScalars.first == "\u{FEFF}" {
      text = String(String.UnicodeScalarView(text.unicodeScalars.dropFirst()))
    }
    return text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.map(Array.init)
  }
}

/// Keyword lists of the scenario language.
enum ScenarioKeywords {
  static let statements = ["compute", "io", "sleep", "native", "builtin", "gc", "repeat", "with", "call", "await"]
  /// The declarations of synchronisation objects (`LockDeclaration`s).
  static let syncDeclarations = [
    "lock", "rlock", "event", "semaphore", "bounded_semaphore", "queue", "condition", "barrier", "pool", "list",
  ]
  static let declarations =
    ["thread", "process", "subinterpreter", "eventloop", "task", "shared", "import"] + syncDeclarations
  static let headerKeys = ["title", "interpreter", "switch_interval", "check_interval", "cores", "seed", "python_gil"]
  /// Words that cannot name a variable, lock, thread, process, event loop or task.
  static let reserved = Set(statements + declarations)
}

/// A recursive-descent parser over the lexer's tokens. It checks names as it goes, so that the first error in
/// source order is the one thrown; the names of shared variables and locks are collected by a first quick look
/// at the top-level lines, because they may be declared after their use.
private struct Parser {
  private struct NameOwner {
    var kind: String
    var line: Int
  }

  /// Deeper blocks are refused rather than risking the stack.
  private static let maximumDepth = 100

  private var lexer: Lexer
  private let lines: [[Character]]
  private let file: String
  private var token: Token
  /// Just past the last word, number or symbol consumed.
  private var previousEnd: SourceLocation
  private var scenario = Scenario()
  private var headerLines: [String: Int] = [:]
  /// Where the first `signal` declaration is, if any.
  private var signalLine: SourceLocation?
  /// `shared` and synchronisation object names found by the first look, in source order.
  private let sharedNames: Set<String>
  private let lockNames: Set<String>
  /// The same objects in source order, for messages.
  private let lockList: [String]
  /// Each object's declaring word (`lock`, `event`, `queue`, …).
  private let objectKinds: [String: String]
  /// Top-level thread declarations, which `NAME.join()` may wait for.
  private let topLevelThreads: Set<String>
  /// Whether the file has a `main:` block (the first look), whose thread starts the others with `NAME.start()`.
  private let hasMainBlock: Bool
  /// Shared variables and locks declared so far.
  private var globals: [String: NameOwner] = [:]
  /// Thread and event loop names so far, per process: `process/name` for a single thread, `process/name-` for a
  /// family `name-1`, `name-2`, ….
  private var threadNames: [String: NameOwner] = [:]
  /// The process whose body is being read.
  private var currentProcess = "main"
  private var processLines: [String: Int] = [:]
  private var depth = 0
  /// The thread declaration whose body is being read.
  private var currentThread = ""
  /// How many `repeat` blocks enclose the statement being read.
  private var repeatDepth = 0
  /// The line of each pool's `map`: a pool maps once.
  private var poolMaps: [String: Int] = [:]

  init(lines: [[Character]], file: String) {
    self.lines = lines
    self.file = file
    self.lexer = Lexer(lines: lines)
    let start = SourceLocation(line: 1, column: 1)
    self.token = Token(kind: .newline, location: start, end: 1, spelling: "")
    self.previousEnd = start
    var shared: Set<String> = []
    var locks: Set<String> = []
    var lockList: [String] = []
    var kinds: [String: String] = [:]
    var threads: Set<String> = []
    for line in lines {
      guard let (keyword, name) = Parser.declaredName(in: line) else { continue }
      if keyword == "shared" {
        shared.insert(name)
      } else if keyword == "thread" {
        threads.insert(name)
      } else if locks.insert(name).inserted {
        lockList.append(name)
        kinds[name] = keyword
      }
    }
    self.sharedNames = shared
    self.lockNames = locks
    self.lockList = lockList
    self.objectKinds = kinds
    self.topLevelThreads = threads
    self.hasMainBlock = lines.contains { line in
      line.starts(with: Array("main")) && line.dropFirst(4).drop { $0 == " " || $0 == "\t" }.first == ":"
    }
  }

  /// The first letters of the declarations the first look reads, to pass over other lines at once.
  private static let declarationInitials = Set(
    (["shared", "thread"] + ScenarioKeywords.syncDeclarations).map(\.first!))

  /// `(KEYWORD, NAME)` for a top-level line that declares a shared variable, a synchronisation object or a thread.
  private static func declaredName(in line: [Character]) -> (String, String)? {
    guard let first = line.first, Self.declarationInitials.contains(first) else { return nil }
    var index = 0
    while index < line.count, Lexer.isIdentifierCharacter(line[index]) { index += 1 }
    let keyword = String(line[..<index])
    guard keyword == "shared" || keyword == "thread" || ScenarioKeywords.syncDeclarations.contains(keyword) else {
      return nil
    }
    let gap = index
    while index < line.count, line[index] == " " || line[index] == "\t" { index += 1 }
    guard index > gap, index < line.count, Lexer.isIdentifierStart(line[index]) else { return nil }
    let nameStart = index
    while index < line.count, Lexer.isIdentifierCharacter(line[index]) { index += 1 }
    return (keyword, String(line[nameStart..<index]))
  }

  // MARK: - Tokens and diagnostics

  private mutating func advance() throws(SourceDiagnostic) {
    switch token.kind {
    case .newline, .indent, .dedent, .endOfFile: break
    default: previousEnd = SourceLocation(line: token.location.line, column: token.end)
    }
    token = lexer.next()
    if case .invalid(let message) = token.kind { throw diagnostic(message, at: token.location) }
  }

  private func diagnostic(_ message: String, at location: SourceLocation) -> SourceDiagnostic {
    let index = location.line - 1
    let sourceLine = index >= 0 && index < lines.count ? String(lines[index]) : ""
    return SourceDiagnostic(file: file, location: location, message: message, sourceLine: sourceLine)
  }

  /// `message` at the current token, followed by what was found there unless it is the end of the line.
  private func expected(_ message: String) -> SourceDiagnostic {
    switch token.kind {
    case .newline, .endOfFile, .dedent: diagnostic(message, at: token.location)
    default: diagnostic(message + ", found \(describe(token))", at: token.location)
    }
  }

  private func describe(_ token: Token) -> String {
    switch token.kind {
    case .newline: "the end of the line"
    case .endOfFile: "the end of the file"
    case .indent, .dedent: "a change of indentation"
    case .other(let char): Lexer.display(char)
    default: "'\(token.spelling)'"
    }
  }

  /// The source text from `start` to the end of the last consumed token, on the same line.
  private func sourceText(from start: SourceLocation) -> String {
    let index = start.line - 1
    guard index >= 0, index < lines.count, previousEnd.line == start.line else { return "" }
    let line = lines[index]
    let lower = min(max(start.column - 1, 0), line.count)
    let upper = min(max(previousEnd.column - 1, lower), line.count)
    return String(line[lower..<upper])
  }

  private mutating func expectEndOfLine(after start: SourceLocation) throws(SourceDiagnostic) {
    switch token.kind {
    case .newline: try advance()
    case .endOfFile: break
    default: throw expected("expected the end of the line after '\(sourceText(from: start))'")
    }
  }

  // MARK: - Scenario

  mutating func parseScenario() throws(SourceDiagnostic) -> Scenario {
    try advance()
    loop: while true {
      switch token.kind {
      case .endOfFile: break loop
      case .newline, .dedent: try advance()
      case .indent: throw diagnostic("unexpected indent", at: token.location)
      case .word(let word): try parseTopLevel(word)
      default:
        throw expected("expected a header key such as 'cores:' or a declaration such as 'thread NAME:'")
      }
    }
    let started = scenario.processes.reduce(0) { $0 + $1.threads.count + $1.eventLoops.count }
    if started == 0 && scenario.mainBody == nil {
      throw diagnostic("the scenario starts no thread", at: .init(line: 1, column: 1))
    }
    // Without a count: Python's default, min(32, os.cpu_count() + 4) threads (and interpreters, whose executor is
    // a ThreadPoolExecutor), os.cpu_count() processes.
    for i in scenario.pools.indices where scenario.pools[i].workers == 0 {
      let kind = scenario.pools[i].kind
      let workers = kind == .threads || kind == .interpreters ? min(32, scenario.cores + 4) : scenario.cores
      scenario.pools[i].workers = workers
      if let slot = scenario.locks.firstIndex(where: { $0.name == scenario.pools[i].name }) {
        scenario.locks[slot].kind = .threadPool(workers: workers)
      }
    }
    // A process pool's workers are processes of their own, an interpreter pool's subinterpreters, named as its
    // workers.
    for pool in scenario.pools where !pool.kind.sharesTheGIL {
      for name in pool.workerNames {
        if let line = processLines[name] {
          throw diagnostic(
            "pool '\(pool.name)' has a worker process '\(name)', a name the process on line \(line) has",
            at: pool.location)
        }
        var worker = ProcessDeclaration(name: name, location: pool.location)
        worker.isSubinterpreter = pool.kind == .interpreters
        scenario.processes.append(worker)
      }
    }
    let threads =
      scenario.processes.reduce(0) { $0 + $1.threads.reduce(0) { $0 + $1.count } + $1.eventLoops.count }
      + scenario.pools.reduce(0) { $0 + $1.workers }
    if threads > Self.maximumThreads {
      let last =
        (scenario.processes.flatMap { $0.threads.map(\.location) + $0.eventLoops.map(\.location) }
        + scenario.pools.map(\.location)).max()!
      throw diagnostic("the scenario starts \(threads) threads; at most \(Self.maximumThreads) are allowed", at: last)
    }
    let loops = scenario.processes.flatMap(\.eventLoops)
    let tasks = loops.reduce(0) { $0 + $1.tasks.reduce(0) { $0 + $1.count } }
    if tasks > Self.maximumTasks {
      let last = loops.flatMap { $0.tasks.map(\.location) }.max()!
      throw diagnostic("the scenario creates \(tasks) tasks; at most \(Self.maximumTasks) are allowed", at: last)
    }
    if let signal = signalLine, scenario.mainBody == nil {
      throw diagnostic(
        "only the main thread handles a signal: add a 'main:' block, which starts the threads with NAME.start()",
        at: signal)
    }
    scenario.signals.sort()
    // Without an `interpreter:` line the command line may still choose one; `simulate` and `lint` check then.
    if headerLines["interpreter"] != nil, let problem = scenario.subinterpreterProblem {
      let first = scenario.processes.first(where: \.isSubinterpreter)?.location ?? .init(line: 1, column: 1)
      throw diagnostic(problem, at: scenario.pools.first { $0.kind == .interpreters }?.location ?? first)
    }
    return scenario
  }

  private mutating func parseTopLevel(_ word: String) throws(SourceDiagnostic) {
    switch word {
    case "title", "interpreter", "switch_interval", "check_interval", "cores", "seed", "python_gil":
      try parseHeader(word)
    case "shared": try parseShared()
    case "import": try parseImport()
    case "signal": try parseSignal()
    case "pool": try parsePool()
    case _ where ScenarioKeywords.syncDeclarations.contains(word): try parseSyncObject(word)
    case "thread": scenario.processes[0].threads.append(try parseThread())
    case "main": try parseMain()
    case "eventloop": scenario.processes[0].eventLoops.append(try parseEventLoop())
    case "process": try parseProcess()
    case "subinterpreter": try parseProcess(subinterpreter: true)
    case "task": throw diagnostic("'task' blocks go inside an 'eventloop' block", at: token.location)
    case _ where ScenarioKeywords.statements.contains(word):
      throw diagnostic("'\(word)' is a statement; put it in the body of a thread or task", at: token.location)
    default:
      let start = token.location
      try advance()
      let candidates =
        ScenarioKeywords.headerKeys + ["shared", "thread", "process", "eventloop", "signal"]
        + ScenarioKeywords.syncDeclarations
      let suggestion = ParserSuggestions.closest(to: word, among: candidates).map { "; did you mean '\($0)'?" }
      switch token.kind {
      case .colon:
        let keys = Lexer.list(ScenarioKeywords.headerKeys)
        throw diagnostic("unknown header key '\(word)'" + (suggestion ?? "; the keys are \(keys)"), at: start)
      case .equals where suggestion == nil:
        throw diagnostic(
          "variables at the top level are declared with 'shared \(word) = VALUE'; other assignments go in a thread",
          at: start)
      default:
        throw diagnostic(
          "unknown declaration '\(word)'"
            + (suggestion ?? "; expected thread, process, eventloop, shared, lock or a header key such as 'cores:'"),
          at: start)
      }
    }
  }

  // MARK: - Header

  private mutating func parseHeader(_ key: String) throws(SourceDiagnostic) {
    let start = token.location
    if let first = headerLines[key] {
      throw diagnostic("'\(key)' is given twice (first on line \(first))", at: start)
    }
    headerLines[key] = start.line
    try advance()
    guard token.kind == .colon else { throw expected("expected ':' after '\(key)'") }
    try advance()
    switch key {
    case "title":
      guard case .text(let title) = token.kind, !title.isEmpty else {
        throw diagnostic("expected a title after 'title:'", at: token.location)
      }
      scenario.title = title
      try advance()
    case "interpreter":
      guard case .text(let name) = token.kind, !name.isEmpty else {
        throw diagnostic("expected an interpreter such as cpython-3.11 after 'interpreter:'", at: token.location)
      }
      guard let kind = InterpreterKind(rawValue: name) ?? InterpreterKind(rawValue: "cpython-" + name) else {
        let names = Lexer.list(InterpreterKind.allCases.map(\.rawValue))
        throw diagnostic("unknown interpreter '\(name)'; use \(names)", at: token.location)
      }
      scenario.interpreter = kind
      try advance()
    case "switch_interval":
      let location = token.location
      let interval = try parseDuration(expectedAfter: "switch_interval:", bareNumberMeans: "s")
      if interval == 0 { throw diagnostic("'switch_interval' must be greater than 0", at: location) }
      if let problem = Limits.switchIntervalProblem(interval) { throw diagnostic(problem, at: location) }
      scenario.switchInterval = interval
    case "check_interval":
      let value = try parseInteger(expectedAfter: "check_interval:")
      guard let ticks = value.int, (1...Limits.maximumCheckInterval).contains(ticks) else {
        throw diagnostic(
          value.negative || value.int == 0
            ? "'check_interval' must be at least 1"
            : "'check_interval' is too large (the maximum is \(Limits.maximumCheckInterval) ticks)",
          at: value.location)
      }
      scenario.checkInterval = ticks
    case "cores":
      let value = try parseInteger(expectedAfter: "cores:")
      guard let cores = value.int, (1...Limits.maximumCores).contains(cores) else {
        throw diagnostic("'cores' must be between 1 and \(Limits.maximumCores)", at: value.location)
      }
      scenario.cores = cores
    case "python_gil":
      let value = try parseInteger(expectedAfter: "python_gil:")
      guard let setting = value.int, setting == 0 || setting == 1 else {
        throw diagnostic("'python_gil' must be 0 or 1, as PYTHON_GIL", at: value.location)
      }
      scenario.pythonGIL = setting == 1
    default:
      let value = try parseInteger(expectedAfter: "seed:")
      guard !value.negative, let seed = value.magnitude else {
        let message =
          value.negative
          ? "'seed' must be a non-negative integer" : "'seed' is too large (the maximum is \(UInt64.max))"
        throw diagnostic(message, at: value.location)
      }
      scenario.seed = seed
    }
    try expectEndOfLine(after: start)
  }

  // MARK: - Shared variables and locks

  /// `import NAME`: a C extension module, imported before the threads start, that has not declared it can run
  /// without the GIL (no `Py_mod_gil` slot).
  private mutating func parseImport() throws(SourceDiagnostic) {
    let start = token.location
    try advance()
    let (name, nameLocation) = try parseName(of: "module name", after: "import")
    if scenario.extensions.contains(name) {
      throw diagnostic("module '\(name)' is imported twice", at: nameLocation)
    }
    try expectEndOfLine(after: start)
    scenario.extensions.append(name)
  }

  /// `signal SIGINT at D`: a Ctrl-C reaches the process at D. Only the main thread handles it, so the scenario
  /// needs a `main:` block (checked at the end, as `main:` may come later).
  private mutating func parseSignal() throws(SourceDiagnostic) {
    let start = token.location
    try advance()
    guard case .word(let name) = token.kind else {
      throw expected("expected a signal after 'signal', as in 'signal SIGINT at 100ms'")
    }
    guard name == "SIGINT" else {
      let hint = name.uppercased() == "SIGINT" ? "write SIGINT" : "the one modelled is SIGINT, a Ctrl-C"
      throw diagnostic("unknown signal '\(name)'; \(hint): 'signal SIGINT at 100ms'", at: token.location)
    }
    try advance()
    guard token.kind == .word("at") else { throw expected("expected 'at' and a time after 'signal SIGINT'") }
    try advance()
    let time = try parseDuration(expectedAfter: "signal SIGINT at")
    try expectEndOfLine(after: start)
    if signalLine == nil { signalLine = start }
    scenario.signals.append(time)
  }

  /// `WORD NAME`, the start of a global's declaration: where its line starts, and its name, claimed for `kind`.
  private mutating func beginGlobal(_ word: String, kind: String, nameOf what: String) throws(SourceDiagnostic)
    -> (start: SourceLocation, name: String, nameLocation: SourceLocation)
  {
    let start = token.location
    try advance()
    let (name, nameLocation) = try parseName(of: what, after: word)
    try declareGlobal(name, kind: kind, at: nameLocation)
    return (start, name, nameLocation)
  }

  private mutating func parseShared() throws(SourceDiagnostic) {
    let (start, name, _) = try beginGlobal("shared", kind: "shared variable", nameOf: "shared variable name")
    guard token.kind == .equals else {
      throw expected("expected '=' and an initial value after 'shared \(name)', as in 'shared \(name) = 0'")
    }
    try advance()
    let value = try parseInteger(expectedAfter: "shared \(name) =", what: "an integer")
    guard let initial = value.int64 else {
      throw diagnostic("'\(value.spelling)' does not fit in a 64-bit integer", at: value.location)
    }
    try expectEndOfLine(after: start)
    scenario.shared.append(SharedVariable(name: name, initialValue: initial, location: start))
  }

  /// `lock NAME`, `rlock NAME`, `event NAME`, `semaphore NAME = N`, `queue NAME [= MAXSIZE]`.
  private mutating func parseSyncObject(_ word: String) throws(SourceDiagnostic) {
    let (start, name, _) = try beginGlobal(word, kind: word, nameOf: "\(word) name")
    var kind = SyncKind.lock
    switch word {
    case "rlock": kind = .rlock
    case "event": kind = .event
    case "condition": kind = .condition
    case "list": kind = .list
    case "barrier":
      guard token.kind == .equals else {
        throw expected("expected '=' and a number of parties after 'barrier \(name)', as in 'barrier \(name) = 3'")
      }
      try advance()
      kind = .barrier(try parseObjectCount(after: "barrier \(name) =", least: 1, what: "a barrier's parties"))
    case "semaphore", "bounded_semaphore":
      guard token.kind == .equals else {
        throw expected("expected '=' and a count after '\(word) \(name)', as in '\(word) \(name) = 2'")
      }
      try advance()
      let count = try parseObjectCount(after: "\(word) \(name) =", least: 0, what: "a semaphore's count")
      kind = .semaphore(count, bounded: word == "bounded_semaphore")
    case "queue":
      if token.kind == .equals {
        try advance()
        kind = .queue(
          maxsize: try parseObjectCount(
            after: "queue \(name) =", least: 1, what: "a queue's size (leave it out for no limit)"))
      } else {
        kind = .queue(maxsize: 0)
      }
    default: break
    }
    try expectEndOfLine(after: start)
    scenario.locks.append(LockDeclaration(name: name, kind: kind, location: start))
  }

  /// A semaphore's count or a queue's size: a whole number from `least` up to `Limits.maximumObjectCount`.
  private mutating func parseObjectCount(after context: String, least: Int, what: String)
    throws(SourceDiagnostic) -> Int
  {
    let value = try parseInteger(expectedAfter: context, what: "a count")
    guard let count = value.int, count >= least, count <= Limits.maximumObjectCount else {
      throw diagnostic(
        "'\(value.spelling)' is out of range: \(what) is \(least) to \(Limits.maximumObjectCount)",
        at: value.location)
    }
    return count
  }

  private mutating func declareGlobal(_ name: String, kind: String, at location: SourceLocation)
    throws(SourceDiagnostic)
  {
    if let owner = globals[name] {
      let message =
        owner.kind == kind
        ? "\(kind) '\(name)' is declared twice (first on line \(owner.line))"
        : "'\(name)' is already declared as a \(owner.kind) on line \(owner.line)"
      throw diagnostic(message, at: location)
    }
    globals[name] = NameOwner(kind: kind, line: location.line)
  }

  /// `pool NAME = ThreadPoolExecutor(N):` and the job its workers run for each item, as an indented body.
  private mutating func parsePool() throws(SourceDiagnostic) {
    let (start, name, nameLocation) = try beginGlobal("pool", kind: "pool", nameOf: "pool name")
    guard token.kind == .equals else {
      throw expected("expected '= ThreadPoolExecutor(N):' after 'pool \(name)'")
    }
    try advance()
    guard case .word(let executor) = token.kind else {
      throw expected("expected 'ThreadPoolExecutor(N)' after 'pool \(name) ='")
    }
    let executorLocation = token.location
    guard let kind = PoolDeclaration.Kind(rawValue: executor) else {
      let kinds = ["ThreadPoolExecutor", "ProcessPoolExecutor", "Pool", "InterpreterPoolExecutor"]
      let hint =
        ParserSuggestions.closest(to: executor.lowercased(), among: kinds.map { $0.lowercased() })
        .flatMap { close in kinds.first { $0.lowercased() == close } }
        .map { "did you mean '\($0)'?" }
        ?? "expected ThreadPoolExecutor(N), ProcessPoolExecutor(N), Pool(N) or InterpreterPoolExecutor(N)"
      throw diagnostic("unknown executor '\(executor)'; " + hint, at: executorLocation)
    }
    try advance()
    guard token.kind == .other("(") else { throw expected("expected '(' after '\(executor)'") }
    try advance()
    var workers = 0  // Python's default, settled once the cores are known
    if token.kind != .other(")") {
      let value = try parseInteger(expectedAfter: "\(executor)(", what: "a number of workers")
      guard let count = value.int, count >= 1, count <= Self.maximumThreads else {
        throw diagnostic(
          "'\(value.spelling)' is out of range: a pool has 1 to \(Self.maximumThreads) workers", at: value.location)
      }
      workers = count
    }
    guard token.kind == .other(")") else { throw expected("expected ')': \(executor)(N) takes the workers") }
    try advance()
    // Its workers' names: NAME-1 … NAME-N, or NAME alone (with the default count, the family's).
    try claimThreadName(name, count: workers == 1 ? 1 : 2, kind: "pool", at: nameLocation)
    try openBlock(start)
    var assigned: Set<String> = []
    currentThread = name
    defer { currentThread = "" }
    let job = try parseBody(inTask: false, assigned: &assigned)
    scenario.locks.append(LockDeclaration(name: name, kind: .threadPool(workers: workers), location: start))
    scenario.pools.append(PoolDeclaration(name: name, kind: kind, workers: workers, job: job, location: start))
  }

  /// A pool's `map` runs once, from a thread of the main process: `with ThreadPoolExecutor(N) as NAME:
  /// NAME.map(job, range(K))` starts the workers, waits for every result, and shuts the pool down.
  private mutating func checkPoolMap(_ pool: String, at location: SourceLocation) throws(SourceDiagnostic) {
    if pool == currentThread {
      throw diagnostic("a pool's job cannot map its own pool (it would wait for itself)", at: location)
    }
    if currentProcess != "main" {
      throw diagnostic("a pool belongs to the main process; map it from a thread there", at: location)
    }
    if repeatDepth > 0 {
      throw diagnostic(
        "'\(pool).map()' is the whole 'with' block of the pool (start, submit, results, shut down), so it runs "
          + "once: map more items instead of repeating it", at: location)
    }
    if let line = poolMaps[pool] {
      throw diagnostic("pool '\(pool)' is mapped twice (first on line \(line)); a pool maps once", at: location)
    }
    poolMaps[pool] = location.line
  }

  // MARK: - Threads, processes, event loops, tasks

  /// `main:`: the module's code, run by the main thread, which starts the top-level threads (`NAME.start()`).
  private mutating func parseMain() throws(SourceDiagnostic) {
    let start = token.location
    if let first = headerLines["main"] {
      throw diagnostic("'main:' is given twice (first on line \(first))", at: start)
    }
    headerLines["main"] = start.line
    try advance()
    try claimThreadName("main", count: 1, kind: "main thread", at: start)
    try openBlock(start)
    var assigned: Set<String> = []
    currentThread = "main"
    defer { currentThread = "" }
    scenario.mainBody = try parseBody(inTask: false, assigned: &assigned)
  }

  private mutating func parseThread() throws(SourceDiagnostic) -> ThreadDeclaration {
    let start = token.location
    try advance()
    let (name, nameLocation) = try parseName(of: "thread name", after: "thread")
    let count = try parseCount(declaration: "thread", name: name)
    try claimThreadName(name, count: count, kind: "thread", at: nameLocation)
    try openBlock(start)
    var assigned: Set<String> = []
    currentThread = name
    defer { currentThread = "" }
    let body = try parseBody(inTask: false, assigned: &assigned)
    return ThreadDeclaration(name: name, count: count, body: body, location: start)
  }

  private mutating func parseEventLoop() throws(SourceDiagnostic) -> EventLoopDeclaration {
    let start = token.location
    try advance()
    let (name, nameLocation) = try parseName(of: "event loop name", after: "eventloop")
    try claimThreadName(name, count: 1, kind: "event loop", at: nameLocation)
    try openBlock(start)
    try enterBlock()
    defer { depth -= 1 }
    var tasks: [TaskDeclaration] = []
    var taskNames: [String: Int] = [:]
    while true {
      switch token.kind {
      case .dedent, .endOfFile:
        try advance()
        return EventLoopDeclaration(name: name, tasks: tasks, location: start)
      case .indent:
        throw diagnostic("unexpected indent", at: token.location)
      case .word("task"):
        tasks.append(try parseTask(names: &taskNames))
      case .word(let word):
        let hint =
          ParserSuggestions.closest(to: word, among: ["task"]) != nil
          ? "; did you mean 'task'?" : "; put statements in a 'task NAME:' block"
        throw diagnostic("an event loop holds only 'task' blocks, found '\(word)'" + hint, at: token.location)
      default:
        throw expected("expected 'task NAME:' inside an event loop")
      }
    }
  }

  private mutating func parseTask(names: inout [String: Int]) throws(SourceDiagnostic) -> TaskDeclaration {
    let start = token.location
    try advance()
    let (name, nameLocation) = try parseName(of: "task name", after: "task")
    let count = try parseCount(declaration: "task", name: name)
    let key = count == 1 ? name : name + "-"
    if let line = names[key] {
      let used = count == 1 ? name : name + "-1"
      throw diagnostic("task name '\(used)' is already used in this event loop (line \(line))", at: nameLocation)
    }
    names[key] = start.line
    try openBlock(start)
    var assigned: Set<String> = []
    let body = try parseBody(inTask: true, assigned: &assigned)
    return TaskDeclaration(name: name, count: count, body: body, location: start)
  }

  /// `process NAME:`, or `subinterpreter NAME:` (the same block, another way to run it).
  private mutating func parseProcess(subinterpreter: Bool = false) throws(SourceDiagnostic) {
    let start = token.location
    let word = subinterpreter ? "subinterpreter" : "process"
    try advance()
    let (name, nameLocation) = try parseName(of: "\(word) name", after: word)
    if name == "main" {
      throw diagnostic("'main' is the name of the top-level process; choose another name", at: nameLocation)
    }
    if let line = processLines[name] {
      throw diagnostic("\(word) '\(name)' is declared twice (first on line \(line))", at: nameLocation)
    }
    processLines[name] = start.line
    try openBlock(start)
    try enterBlock()
    currentProcess = name
    defer {
      depth -= 1
      currentProcess = "main"
    }
    var process = ProcessDeclaration(name: name, location: start)
    process.isSubinterpreter = subinterpreter
    while true {
      switch token.kind {
      case .dedent, .endOfFile:
        try advance()
        scenario.processes.append(process)
        return
      case .indent:
        throw diagnostic("unexpected indent", at: token.location)
      case .word("thread"):
        process.threads.append(try parseThread())
      case .word("eventloop"):
        process.eventLoops.append(try parseEventLoop())
      case .word("process"), .word("subinterpreter"):
        throw diagnostic(
          "processes and subinterpreters cannot be nested; declare them at the top level", at: token.location)
      case .word(let word) where word == "shared" || ScenarioKeywords.syncDeclarations.contains(word):
        throw diagnostic(
          "'\(word)' declarations go at the top level; every process gets its own copy of them", at: token.location)
      case .word(let word) where ScenarioKeywords.headerKeys.contains(word):
        throw diagnostic("'\(word)' can only be set at the top level", at: token.location)
      case .word(let word):
        let suggestion = ParserSuggestions.closest(to: word, among: ["thread", "eventloop"])
        throw diagnostic(
          "a process holds only 'thread' and 'eventloop' blocks, found '\(word)'"
            + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
          at: token.location)
      default:
        throw expected("expected 'thread NAME:' or 'eventloop NAME:' inside a process")
      }
    }
  }

  /// A name after a keyword: an identifier that is not a keyword.
  private mutating func parseName(of what: String, after keyword: String) throws(SourceDiagnostic) -> (
    String, SourceLocation
  ) {
    guard case .word(let name) = token.kind else { throw expected("expected a \(what) after '\(keyword)'") }
    if ScenarioKeywords.reserved.contains(name) {
      throw diagnostic("'\(name)' is a keyword and cannot be used as a \(what)", at: token.location)
    }
    let location = token.location
    try advance()
    return (name, location)
  }

  /// The optional `x COUNT` after a thread or task name.
  private mutating func parseCount(declaration: String, name: String) throws(SourceDiagnostic) -> Int {
    guard case .word(let word) = token.kind else { return 1 }
    guard word == "x" else {
      if word.count > 1, word.first == "x", word.dropFirst().allSatisfy(Lexer.isDigit) {
        throw diagnostic("write the count as a separate word: 'x \(word.dropFirst())'", at: token.location)
      }
      return 1
    }
    try advance()
    let value = try parseInteger(
      expectedAfter: "x", what: "a count", example: "as in '\(declaration) \(name) x 2:'", allowSign: false)
    guard let count = value.int, count >= 1 else {
      let message = value.isTooLarge ? "the count '\(value.spelling)' is too large" : "the count must be at least 1"
      throw diagnostic(message, at: value.location)
    }
    // Enough to teach with, and few enough that every scenario simulates in seconds (thousands of threads that
    // each time out every switch interval would keep both cores busy with wake-ups alone).
    let limit = declaration == "task" ? Self.maximumTasks : Self.maximumThreads
    guard count <= limit else {
      throw diagnostic("at most \(limit) \(declaration)s can be started this way", at: value.location)
    }
    return count
  }

  static let maximumThreads = Limits.maximumThreads
  static let maximumTasks = Limits.maximumTasks

  private mutating func claimThreadName(_ name: String, count: Int, kind: String, at location: SourceLocation)
    throws(SourceDiagnostic)
  {
    // Names are identifiers, which hold no '-', so only equal base names can collide after expansion:
    // two single threads (`name`), or two families (`name-1`, …).
    let key = currentProcess + "/" + (count == 1 ? name : name + "-")
    if let owner = threadNames[key] {
      let used = count == 1 ? name : name + "-1"
      let place = currentProcess == "main" ? "" : " of process \(currentProcess)"
      throw diagnostic(
        "\(kind) name '\(used)' is already used by the \(owner.kind) on line \(owner.line)\(place)", at: location)
    }
    threadNames[key] = NameOwner(kind: kind, line: location.line)
  }

  // MARK: - Blocks

  /// The `:` that ends a block header, the end of its line and the indent of its body.
  private mutating func openBlock(_ start: SourceLocation) throws(SourceDiagnostic) {
    guard token.kind == .colon else { throw expected("expected ':' after '\(sourceText(from: start))'") }
    try advance()
    let header = sourceText(from: start)
    guard token.kind == .newline else {
      throw diagnostic("the body of '\(header)' goes on the following lines, indented", at: token.location)
    }
    try advance()
    guard token.kind == .indent else {
      throw diagnostic("expected an indented block after '\(header)'", at: start)
    }
  }

  /// Consumes the indent that starts a block, refusing absurd nesting.
  private mutating func enterBlock() throws(SourceDiagnostic) {
    if depth >= Parser.maximumDepth {
      throw diagnostic("blocks are nested too deeply (the limit is \(Parser.maximumDepth) levels)", at: token.location)
    }
    depth += 1
    try advance()
  }

  private mutating func parseBody(inTask: Bool, assigned: inout Set<String>) throws(SourceDiagnostic) -> [Statement] {
    try enterBlock()
    defer { depth -= 1 }
    var body: [Statement] = []
    while true {
      switch token.kind {
      case .dedent, .endOfFile:
        try advance()
        return body
      case .indent:
        throw diagnostic("unexpected indent", at: token.location)
      default:
        body.append(try parseStatement(inTask: inTask, assigned: &assigned))
      }
    }
  }

  // MARK: - Statements

  private mutating func parseStatement(inTask: Bool, assigned: inout Set<String>) throws(SourceDiagnostic)
    -> Statement
  {
    let start = token.location
    guard case .word(let word) = token.kind else {
      throw expected("expected a statement such as 'compute 1ms'")
    }
    let kind: StatementKind
    switch word {
    case "compute", "io", "sleep", "native", "builtin", "gc":
      try advance()
      let location = token.location
      let duration = try parseDuration(expectedAfter: word)
      if duration == 0 && word != "sleep" {
        throw diagnostic("'\(word)' needs a duration greater than 0", at: location)
      }
      try expectEndOfLine(after: start)
      switch word {
      case "compute": kind = .compute(duration)
      case "io": kind = .io(duration)
      case "sleep": kind = .sleep(duration)
      case "native": kind = .native(duration)
      case "gc": kind = .gc(duration)
      default: kind = .builtin(duration)
      }
    case "repeat":
      try advance()
      let value = try parseInteger(expectedAfter: "repeat", what: "a count", example: "as in 'repeat 10:'")
      guard let count = value.int, count >= 1 else {
        let message =
          value.isTooLarge ? "the count '\(value.spelling)' is too large" : "'repeat' needs a count of at least 1"
        throw diagnostic(message, at: value.location)
      }
      try openBlock(start)
      repeatDepth += 1
      defer { repeatDepth -= 1 }
      kind = .repeatBlock(count: count, body: try parseBody(inTask: inTask, assigned: &assigned))
    case "with":
      try advance()
      guard case .word(let name) = token.kind else { throw expected("expected a lock name after 'with'") }
      try checkLock(name, at: token.location)
      if let word = objectKinds[name], Self.sampleKind(word)?.isContextManager == false {
        throw diagnostic(
          "'\(name)' is \(Self.withArticle(word)), not a lock: 'with' takes a lock, an rlock, a "
            + "semaphore or a condition", at: token.location)
      }
      try advance()
      try openBlock(start)
      kind = .withLock(name: name, body: try parseBody(inTask: inTask, assigned: &assigned))
    case "call":
      try advance()
      guard case .word(let name) = token.kind else {
        throw expected("expected a function name after 'call', as in 'call noop'")
      }
      try advance()
      try expectEndOfLine(after: start)
      kind = .call(name)
    case "await":
      guard inTask else { throw diagnostic("'await' is only allowed inside a task", at: start) }
      try advance()
      guard case .word(let what) = token.kind, what == "io" || what == "sleep" || what == "to_thread" else {
        throw expected("expected 'io', 'sleep' or 'to_thread:' after 'await'")
      }
      try advance()
      if what == "to_thread" {
        // The function a thread of the loop's executor runs: a thread's body, with locals of its own.
        try openBlock(start)
        var locals: Set<String> = []
        return Statement(.awaitThread(try parseBody(inTask: false, assigned: &locals)), at: start)
      }
      let location = token.location
      let duration = try parseDuration(expectedAfter: "await \(what)")
      if duration == 0 && what == "io" {
        throw diagnostic("'await io' needs a duration greater than 0", at: location)
      }
      try expectEndOfLine(after: start)
      kind = what == "io" ? .awaitIO(duration) : .awaitSleep(duration)
    case "thread", "eventloop":
      throw diagnostic("'\(word)' blocks go at the top level or directly inside a process", at: start)
    case "process":
      throw diagnostic("'process' blocks go at the top level", at: start)
    case "task":
      throw diagnostic("'task' blocks go inside an 'eventloop' block", at: start)
    case _ where word == "shared" || word == "import" || ScenarioKeywords.syncDeclarations.contains(word):
      throw diagnostic("'\(word)' declarations go at the top level", at: start)
    default:
      try advance()
      if token.kind == .other(".") {
        kind = .sync(try parseSyncCall(on: word, at: start, target: nil, inTask: inTask, assigned: assigned))
      } else {
        return try parseAssignment(to: word, at: start, inTask: inTask, assigned: &assigned)
      }
    }
    return Statement(kind, at: start)
  }

  /// `OBJECT.METHOD(ARGUMENTS)`, the token at the dot; `target`: the variable a `get` stores into.
  private mutating func parseSyncCall(
    on object: String, at start: SourceLocation, target: String?, inTask: Bool, assigned: Set<String>
  ) throws(SourceDiagnostic) -> SyncCall {
    let objectLocation = start
    try advance()
    guard case .word(let methodName) = token.kind else {
      throw expected("expected a method name after '\(object).', as in '\(object).wait()'")
    }
    let methodLocation = token.location
    let methods: [SyncMethod]
    let what: String
    if let word = objectKinds[object], let declaration = Self.sampleKind(word) {
      methods = declaration.methods
      what = Self.withArticle(word)
    } else if topLevelThreads.contains(object) {
      methods = hasMainBlock ? [.start, .join] : [.join]
      what = "a thread"
    } else if sharedNames.contains(object) {
      throw diagnostic("'\(object)' is a shared variable; it has no methods", at: objectLocation)
    } else {
      let known = lockList + topLevelThreads.sorted()
      var message = "unknown object '\(object)'"
      if let close = ParserSuggestions.closest(to: object, among: known) {
        message += "; did you mean '\(close)'?"
      } else if !known.isEmpty {
        message += "; declared: " + known.joined(separator: ", ")
      } else {
        message += "; declare it at the top level, as in 'event \(object)' or 'queue \(object)'"
      }
      throw diagnostic(message, at: objectLocation)
    }
    if methodName == "start" && topLevelThreads.contains(object) && !hasMainBlock {
      throw diagnostic(
        "threads start by themselves; '\(object).start()' needs a 'main:' block, whose thread starts them",
        at: methodLocation)
    }
    guard let method = SyncMethod(rawValue: methodName), methods.contains(method) else {
      let names = methods.map(\.rawValue)
      let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
      var message = "'\(object)' is \(what); its methods are " + list
      if let close = ParserSuggestions.closest(to: methodName, among: names) { message += "; did you mean '\(close)'?" }
      throw diagnostic(message, at: methodLocation)
    }
    if target != nil && method != .get {
      throw diagnostic(
        "'\(object).\(methodName)()' gives nothing to assign; only a queue's get() does", at: methodLocation)
    }
    if inTask && method != .append {
      throw diagnostic("a task cannot block its event loop on '\(object).\(methodName)()'", at: start)
    }
    if (method == .join || method == .start) && object == currentThread {
      throw diagnostic("a thread cannot join itself (Python raises RuntimeError)", at: objectLocation)
    }
    if method == .map { try checkPoolMap(object, at: objectLocation) }
    try advance()
    guard token.kind == .other("(") else { throw expected("expected '(' after '\(object).\(methodName)'") }
    try advance()
    var call = SyncCall(object, method, target: target)
    switch method {
    case .put, .append:
      call.value = try parseOperand(after: "\(methodName)(", assigned: assigned)
    case .map:
      call.value = .constant(
        Int64(try parseObjectCount(after: "\(object).map(", least: 0, what: "the number of items a map submits")))
    case .wait where token.kind == .word("timeout") && objectKinds[object] != "barrier",
      .acquire where token.kind == .word("timeout"):
      try advance()
      guard token.kind == .equals else { throw expected("expected '=' after 'timeout', as in 'timeout=5ms'") }
      try advance()
      call.timeout = try parseDuration(expectedAfter: "timeout=", bareNumberMeans: "s")
    default:
      break
    }
    guard token.kind == .other(")") else {
      let timed = (method == .wait && objectKinds[object] != "barrier") || method == .acquire
      let allowed =
        method == .put
        ? "one value" : method == .map ? "the number of items" : timed ? "nothing or timeout=D" : "no arguments"
      throw expected("expected ')': '\(object).\(methodName)()' takes \(allowed)")
    }
    try advance()
    try expectEndOfLine(after: start)
    return call
  }

  /// A kind for each declaring word, to ask it its methods.
  /// `an event`, `a queue`: a declaring word as the messages say it.
  private static func withArticle(_ word: String) -> String {
    ("aeiou".contains(word.first ?? "x") ? "an " : "a ") + word
  }

  private static func sampleKind(_ word: String) -> SyncKind? {
    switch word {
    case "lock": .lock
    case "rlock": .rlock
    case "event": .event
    case "semaphore", "bounded_semaphore": .semaphore(1)
    case "queue": .queue(maxsize: 0)
    case "condition": .condition
    case "barrier": .barrier(1)
    case "pool": .threadPool(workers: 1)
    case "list": .list
    default: nil
    }
  }

  /// `start`: where the target is; the token is the one after it.
  private mutating func parseAssignment(
    to target: String, at start: SourceLocation, inTask: Bool, assigned: inout Set<String>
  ) throws(SourceDiagnostic) -> Statement {
    let op: BinaryOperator
    switch token.kind {
    case .equals:
      try checkAssignable(target, at: start)
      try advance()
      if case .word(let object) = token.kind, objectKinds[object] != nil || topLevelThreads.contains(object) {
        let objectStart = token.location
        try advance()
        guard token.kind == .other(".") else {
          let what = objectKinds[object].map(Self.withArticle) ?? "a thread"
          let message =
            objectKinds[object] == "queue"
            ? "'\(object)' is a queue, not a variable; take an item with '\(object).get()'"
            : "'\(object)' is \(what), not a variable"
          throw diagnostic(message, at: objectStart)
        }
        let call = try parseSyncCall(
          on: object, at: objectStart, target: target, inTask: inTask, assigned: assigned)
        if !sharedNames.contains(target) { assigned.insert(target) }
        return Statement(.sync(call), at: start)
      }
      let value = try parseExpression(assigned: assigned)
      try expectEndOfLine(after: start)
      if !sharedNames.contains(target) { assigned.insert(target) }
      return Statement(.assign(target: target, value: value), at: start)
    case .plusEquals: op = .add
    case .minusEquals: op = .subtract
    case .timesEquals: op = .multiply
    case .colon where ScenarioKeywords.headerKeys.contains(target):
      throw diagnostic("'\(target)' can only be set at the top level", at: start)
    default:
      if let keyword = ParserSuggestions.closest(to: target, among: ScenarioKeywords.statements) {
        throw diagnostic("unknown statement '\(target)'; did you mean '\(keyword)'?", at: start)
      }
      switch token.kind {
      case .plus, .minus, .star, .other:
        throw expected("expected '=', '+=', '-=' or '*=' after '\(target)'")
      default:
        let statements = ScenarioKeywords.statements.filter { inTask || $0 != "await" }.joined(separator: ", ")
        throw diagnostic(
          "unknown statement '\(target)'; expected \(statements) or an assignment such as '\(target) = 1'", at: start)
      }
    }
    try checkAssignable(target, at: start)
    try checkRead(target, at: start, assigned: assigned)
    let operatorText = token.spelling
    try advance()
    let value = try parseOperand(after: operatorText, assigned: assigned)
    try expectEndOfLine(after: start)
    return Statement(.augmentedAssign(target: target, op: op, value: value), at: start)
  }

  private func checkAssignable(_ name: String, at location: SourceLocation) throws(SourceDiagnostic) {
    if let word = objectKinds[name] {
      throw diagnostic(
        "'\(name)' is \(Self.withArticle(word)); only variables can be assigned", at: location)
    }
  }

  /// A name read in a body: a shared variable, or a local that an earlier statement assigned.
  private func checkRead(_ name: String, at location: SourceLocation, assigned: Set<String>)
    throws(SourceDiagnostic)
  {
    if sharedNames.contains(name) || assigned.contains(name) { return }
    if let word = objectKinds[name] {
      throw diagnostic("'\(name)' is \(Self.withArticle(word)), not a variable", at: location)
    }
    throw diagnostic(
      "local '\(name)' is read before it is assigned; declare it with 'shared \(name) = 0' if it is meant to be shared",
      at: location)
  }

  private func checkLock(_ name: String, at location: SourceLocation) throws(SourceDiagnostic) {
    if lockNames.contains(name) { return }
    if sharedNames.contains(name) {
      throw diagnostic("'\(name)' is a shared variable, not a lock", at: location)
    }
    let known =
      lockNames.isEmpty
      ? "no lock is declared (add 'lock \(name)' at the top level)"
      : "declared locks: " + lockList.joined(separator: ", ")
    throw diagnostic("unknown lock '\(name)'; \(known)", at: location)
  }

  private mutating func parseExpression(assigned: Set<String>) throws(SourceDiagnostic) -> Expression {
    let left = try parseOperand(after: "=", assigned: assigned)
    let op: BinaryOperator
    switch token.kind {
    case .plus: op = .add
    case .minus: op = .subtract
    case .star: op = .multiply
    default: return Expression(left)
    }
    try advance()
    let right = try parseOperand(after: op.rawValue, assigned: assigned)
    switch token.kind {
    case .plus, .minus, .star:
      throw diagnostic(
        "an expression has at most one operator; split it into two assignments", at: token.location)
    default:
      return Expression(left, op, right)
    }
  }

  private mutating func parseOperand(after context: String, assigned: Set<String>) throws(SourceDiagnostic)
    -> Operand
  {
    if case .word(let name) = token.kind {
      try checkRead(name, at: token.location, assigned: assigned)
      try advance()
      return .name(name)
    }
    guard token.kind == .minus || isNumber(token) else {
      throw expected("expected a variable name or an integer after '\(context)'")
    }
    let value = try parseInteger(expectedAfter: context, what: "a variable name or an integer")
    guard let constant = value.int64 else {
      throw diagnostic("'\(value.spelling)' does not fit in a 64-bit integer", at: value.location)
    }
    return .constant(constant)
  }

  private func isNumber(_ token: Token) -> Bool {
    if case .number = token.kind { return true }
    return false
  }

  // MARK: - Literals

  private struct IntegerValue {
    var negative: Bool
    /// Nil when the digits exceed `UInt64`.
    var magnitude: UInt64?
    var location: SourceLocation
    var spelling: String

    var int64: Int64? { magnitude.flatMap { DurationLiteral.signedValue(negative: negative, magnitude: $0) } }
    var int: Int? { int64.flatMap { Int(exactly: $0) } }
    var isTooLarge: Bool { !negative && int == nil }
  }

  /// An integer literal, with an optional `-` when `allowSign`.
  private mutating func parseInteger(
    expectedAfter context: String, what: String = "an integer", example: String? = nil, allowSign: Bool = true
  ) throws(SourceDiagnostic) -> IntegerValue {
    let location = token.location
    var negative = false
    if allowSign, token.kind == .minus {
      negative = true
      try advance()
    }
    guard case .number(let literal) = token.kind, literal.isInteger else {
      throw expected("expected \(what) after '\(context)'" + (example.map { ", \($0)" } ?? ""))
    }
    let spelling = (negative ? "-" : "") + literal.spelling
    try advance()
    return IntegerValue(
      negative: negative, magnitude: DurationLiteral.integerValue(literal.integerDigits), location: location,
      spelling: spelling)
  }

  /// `nanos` in the largest unit that keeps it whole: `5ms`, `250us`, `1500ns`.
  static func spelled(_ nanos: Nanos) -> String {
    if nanos % Time.second == 0 { return "\(nanos / Time.second)s" }
    if nanos % Time.millisecond == 0 { return "\(nanos / Time.millisecond)ms" }
    if nanos % Time.microsecond == 0 { return "\(nanos / Time.microsecond)us" }
    return "\(nanos)ns"
  }

  /// A duration such as `5ms`, in nanoseconds (zero allowed; callers refuse it where it makes no sense).
  /// `bareNumberMeans` is the unit Python would read a bare number in (`sys.setswitchinterval(0.005)` is
  /// seconds): the message for a missing unit then spells the number in that unit the scenario's way.
  private mutating func parseDuration(expectedAfter context: String, bareNumberMeans pythonUnit: String? = nil)
    throws(SourceDiagnostic) -> Nanos
  {
    let location = token.location
    if token.kind == .minus { throw diagnostic("a duration cannot be negative", at: location) }
    guard case .number(let literal) = token.kind else {
      throw expected("expected a duration such as 5ms after '\(context)'")
    }
    guard !literal.unit.isEmpty else {
      if let pythonUnit,
        case .success(let nanos) = DurationLiteral.nanoseconds(
          integerDigits: literal.integerDigits, fractionDigits: literal.fractionDigits ?? "", unit: pythonUnit),
        nanos > 0
      {
        throw diagnostic(
          "missing unit after '\(literal.spelling)': Python reads it in seconds, which here is written "
            + "\(Self.spelled(nanos)); use \(DurationLiteral.unitList)", at: location)
      }
      throw diagnostic(
        "missing unit after '\(literal.spelling)'; use \(DurationLiteral.unitList), as in \(literal.spelling)ms",
        at: location)
    }
    let result = DurationLiteral.nanoseconds(
      integerDigits: literal.integerDigits, fractionDigits: literal.fractionDigits ?? "", unit: literal.unit)
    switch result {
    case .success(let nanos) where nanos <= Limits.maximumDuration:
      try advance()
      return nanos
    case .success:
      throw diagnostic(
        "'\(literal.spelling)' is too long; a duration is at most \(Limits.describe(Limits.maximumDuration))",
        at: location)
    case .failure(.unknownUnit):
      throw diagnostic(
        "unknown unit '\(literal.unit)'; use \(DurationLiteral.unitList)",
        at: SourceLocation(line: location.line, column: literal.unitColumn))
    case .failure(.notWholeNanoseconds):
      throw diagnostic("'\(literal.spelling)' is not a whole number of nanoseconds", at: location)
    case .failure(.tooLarge):
      throw diagnostic(
        "'\(literal.spelling)' is too long; a duration is at most \(Limits.describe(Limits.maximumDuration))",
        at: location)
    }
  }
}
