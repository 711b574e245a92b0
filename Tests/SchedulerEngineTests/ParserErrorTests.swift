import Testing

@testable import SchedulerEngine

@Suite("Parser: error messages and their locations")
struct ParserErrorTests {
  static let specificationMessages: [ErrorCase] = [
    ErrorCase(threadScenario("comput 2s"), 2, 5, "unknown statement 'comput'; did you mean 'compute'?"),
    ErrorCase(threadScenario("io"), 2, 7, "expected a duration such as 5ms after 'io'"),
    ErrorCase(threadScenario("sleep 2sec"), 2, 12, "unknown unit 'sec'; use ns, us, ms or s"),
    ErrorCase(threadScenario("await io 1ms"), 2, 5, "'await' is only allowed inside a task"),
    ErrorCase(
      "lock guard\n" + threadScenario("with gaurd:", "    compute 1ms"), 3, 10,
      "unknown lock 'gaurd'; declared locks: guard"),
    ErrorCase("title: nothing to run\ncores: 4\n", 1, 1, "the scenario starts no thread"),
    ErrorCase(
      "interpreter: cpython-3.7\n" + threadScenario("compute 1ms"), 1, 14,
      "unknown interpreter 'cpython-3.7'; use cpython-2.7, cpython-3.8, cpython-3.9, cpython-3.10, cpython-3.11, cpython-3.12, cpython-3.13, cpython-3.13t, cpython-3.14, cpython-3.14t, cpython-3.15 or cpython-3.15t"
    ),
    ErrorCase(
      "title: T\ncores: 2\nseed: 3\nswitch_interval: 5ms\n\nswitch_interval: 1ms\n" + threadScenario("compute 1ms"),
      6, 1, "'switch_interval' is given twice (first on line 4)"),
    ErrorCase(
      threadScenario("y = x + 1"), 2, 9,
      "local 'x' is read before it is assigned; declare it with 'shared x = 0' if it is meant to be shared"),
    ErrorCase(
      threadScenario("n += 1"), 2, 5,
      "local 'n' is read before it is assigned; declare it with 'shared n = 0' if it is meant to be shared"),
  ]

  @Test(arguments: specificationMessages)
  func messagesOfTheSpecification(_ error: ErrorCase) {
    expectError(error.source, error.line, error.column, error.message)
  }

  static let headerCases: [ErrorCase] = [
    ErrorCase("title:   # nothing\n", 1, 10, "expected a title after 'title:'"),
    ErrorCase("interpreter:\n", 1, 13, "expected an interpreter such as cpython-3.11 after 'interpreter:'"),
    ErrorCase(
      "interpreter: 3.13 t\n", 1, 14,
      "unknown interpreter '3.13 t'; use cpython-2.7, cpython-3.8, cpython-3.9, cpython-3.10, cpython-3.11, cpython-3.12, cpython-3.13, cpython-3.13t, cpython-3.14, cpython-3.14t, cpython-3.15 or cpython-3.15t"
    ),
    ErrorCase("cores: 0\n", 1, 8, "'cores' must be between 1 and 1024"),
    ErrorCase("cores: 1025\n", 1, 8, "'cores' must be between 1 and 1024"),
    ErrorCase("cores: -2\n", 1, 8, "'cores' must be between 1 and 1024"),
    ErrorCase("cores: two\n", 1, 8, "expected an integer after 'cores:', found 'two'"),
    ErrorCase("cores: 2.5\n", 1, 8, "expected an integer after 'cores:', found '2.5'"),
    ErrorCase("cores:\n", 1, 7, "expected an integer after 'cores:'"),
    ErrorCase("cores 2\n", 1, 7, "expected ':' after 'cores', found '2'"),
    ErrorCase("cores: 2 3\n", 1, 10, "expected the end of the line after 'cores: 2', found '3'"),
    ErrorCase("check_interval: 0\n", 1, 17, "'check_interval' must be at least 1"),
    ErrorCase(
      "check_interval: 99999999999999999999\n", 1, 17, "'check_interval' is too large (the maximum is 1000000000 ticks)"
    ),
    ErrorCase(
      "check_interval: 1000000001\n", 1, 17, "'check_interval' is too large (the maximum is 1000000000 ticks)"),
    ErrorCase("check_interval: 5ms\n", 1, 17, "expected an integer after 'check_interval:', found '5ms'"),
    ErrorCase("seed: -1\n", 1, 7, "'seed' must be a non-negative integer"),
    ErrorCase("seed: 18446744073709551616\n", 1, 7, "'seed' is too large (the maximum is 18446744073709551615)"),
    ErrorCase("switch_interval: 0ms\n", 1, 18, "'switch_interval' must be greater than 0"),
    // sys.setswitchinterval takes seconds: a bare number is read as Python would, and spelled the scenario's way.
    ErrorCase(
      "switch_interval: 5\n", 1, 18,
      "missing unit after '5': Python reads it in seconds, which here is written 5s; use ns, us, ms or s"),
    ErrorCase(
      "switch_interval: 0.005\n", 1, 18,
      "missing unit after '0.005': Python reads it in seconds, which here is written 5ms; use ns, us, ms or s"),
    ErrorCase(
      "switch_interval: 0.0000025\n", 1, 18,
      "missing unit after '0.0000025': Python reads it in seconds, which here is written 2500ns; use ns, us, ms or s"),
    ErrorCase(
      "switch_interval: fast\n", 1, 18, "expected a duration such as 5ms after 'switch_interval:', found 'fast'"),
    ErrorCase("cores: 2\ncores: 2\n", 2, 1, "'cores' is given twice (first on line 1)"),
    ErrorCase("title: a\n# b\ntitle: c\n", 3, 1, "'title' is given twice (first on line 1)"),
    ErrorCase("switch_intervl: 5ms\n", 1, 1, "unknown header key 'switch_intervl'; did you mean 'switch_interval'?"),
    ErrorCase(
      "colour: red\n", 1, 1,
      "unknown header key 'colour'; the keys are title, interpreter, switch_interval, check_interval, cores, seed or python_gil"
    ),
  ]

  @Test(arguments: headerCases)
  func headerKeyErrors(_ error: ErrorCase) {
    expectError(error.source, error.line, error.column, error.message)
  }

  static let declarationCases: [ErrorCase] = [
    ErrorCase("thred t:\n  compute 1ms\n", 1, 1, "unknown declaration 'thred'; did you mean 'thread'?"),
    ErrorCase("lst items\nthread t:\n  compute 1ms\n", 1, 1, "unknown declaration 'lst'; did you mean 'list'?"),
    ErrorCase(
      "signals SIGINT at 1ms\nmain:\n  compute 1ms\n", 1, 1, "unknown declaration 'signals'; did you mean 'signal'?"),
    ErrorCase(
      "banana\n", 1, 1,
      "unknown declaration 'banana'; expected thread, process, eventloop, shared, lock or a header key such as 'cores:'"
    ),
    ErrorCase(
      "counter = 0\n", 1, 1,
      "variables at the top level are declared with 'shared counter = VALUE'; other assignments go in a thread"),
    ErrorCase("task t:\n  compute 1ms\n", 1, 1, "'task' blocks go inside an 'eventloop' block"),
    ErrorCase("compute 1ms\n", 1, 1, "'compute' is a statement; put it in the body of a thread or task"),
    ErrorCase(
      "42\n", 1, 1, "expected a header key such as 'cores:' or a declaration such as 'thread NAME:', found '42'"),
    ErrorCase("thread:\n", 1, 7, "expected a thread name after 'thread', found ':'"),
    ErrorCase("thread repeat:\n", 1, 8, "'repeat' is a keyword and cannot be used as a thread name"),
    ErrorCase("thread t\n  compute 1ms\n", 1, 9, "expected ':' after 'thread t'"),
    ErrorCase("thread t x 2\n", 1, 13, "expected ':' after 'thread t x 2'"),
    ErrorCase("thread t: compute 1ms\n", 1, 11, "the body of 'thread t:' goes on the following lines, indented"),
    ErrorCase("thread adder x2:\n", 1, 14, "write the count as a separate word: 'x 2'"),
    ErrorCase("thread adder x 0:\n", 1, 16, "the count must be at least 1"),
    ErrorCase("thread adder x -1:\n", 1, 16, "expected a count after 'x', as in 'thread adder x 2:', found '-'"),
    ErrorCase("thread adder x:\n", 1, 15, "expected a count after 'x', as in 'thread adder x 2:', found ':'"),
    ErrorCase("thread adder x 99999999999999999999:\n", 1, 16, "the count '99999999999999999999' is too large"),
    ErrorCase("thread t:\n", 1, 1, "expected an indented block after 'thread t:'"),
    ErrorCase("thread t:\nthread u:\n  compute 1ms\n", 1, 1, "expected an indented block after 'thread t:'"),
    ErrorCase("thread t:  # no body\n\n# still none\n", 1, 1, "expected an indented block after 'thread t:'"),
    ErrorCase("eventloop l:\n", 1, 1, "expected an indented block after 'eventloop l:'"),
    ErrorCase(
      "thread a:\n  compute 1ms\nthread a:\n  compute 1ms\n", 3, 8,
      "thread name 'a' is already used by the thread on line 1"),
    ErrorCase(
      "thread a x 2:\n  compute 1ms\nthread a x 3:\n  compute 1ms\n", 3, 8,
      "thread name 'a-1' is already used by the thread on line 1"),
    ErrorCase(
      "thread loop:\n  compute 1ms\neventloop loop:\n  task t:\n    compute 1ms\n", 3, 11,
      "event loop name 'loop' is already used by the thread on line 1"),
    ErrorCase(
      "eventloop loop:\n  task t:\n    compute 1ms\nthread loop:\n  compute 1ms\n", 4, 8,
      "thread name 'loop' is already used by the event loop on line 1"),
    ErrorCase(
      "process main:\n  thread t:\n    compute 1ms\n", 1, 9,
      "'main' is the name of the top-level process; choose another name"),
    ErrorCase(
      "process w:\n  thread a:\n    compute 1ms\nprocess w:\n  thread b:\n    compute 1ms\n", 4, 9,
      "process 'w' is declared twice (first on line 1)"),
    ErrorCase(
      "process w:\n  shared c = 0\n", 2, 3,
      "'shared' declarations go at the top level; every process gets its own copy of them"),
    ErrorCase(
      "process w:\n  lock l\n", 2, 3, "'lock' declarations go at the top level; every process gets its own copy of them"
    ),
    ErrorCase(
      "process w:\n  process v:\n", 2, 3,
      "processes and subinterpreters cannot be nested; declare them at the top level"),
    ErrorCase("process w:\n  cores: 2\n", 2, 3, "'cores' can only be set at the top level"),
    ErrorCase(
      "process w:\n  compute 1ms\n", 2, 3, "a process holds only 'thread' and 'eventloop' blocks, found 'compute'"),
    ErrorCase(
      "process w:\n  thraed t:\n", 2, 3,
      "a process holds only 'thread' and 'eventloop' blocks, found 'thraed'; did you mean 'thread'?"),
    ErrorCase("process w:\n  thread t:\n  compute 1ms\n", 2, 3, "expected an indented block after 'thread t:'"),
    ErrorCase(
      "eventloop l:\n  compute 1ms\n", 2, 3,
      "an event loop holds only 'task' blocks, found 'compute'; put statements in a 'task NAME:' block"),
    ErrorCase(
      "eventloop l:\n  tsak t:\n", 2, 3, "an event loop holds only 'task' blocks, found 'tsak'; did you mean 'task'?"),
    ErrorCase("eventloop l:\n  task t:\n", 2, 3, "expected an indented block after 'task t:'"),
    ErrorCase(
      "eventloop l:\n  task f:\n    compute 1ms\n  task f:\n    compute 1ms\n", 4, 8,
      "task name 'f' is already used in this event loop (line 2)"),
    ErrorCase("shared c = 0\nshared c = 1\n", 2, 8, "shared variable 'c' is declared twice (first on line 1)"),
    ErrorCase("lock g\nlock g\n", 2, 6, "lock 'g' is declared twice (first on line 1)"),
    ErrorCase("shared g = 0\nlock g\n", 2, 6, "'g' is already declared as a shared variable on line 1"),
    ErrorCase("lock g\nshared g = 0\n", 2, 8, "'g' is already declared as a lock on line 1"),
    ErrorCase("shared c\n", 1, 9, "expected '=' and an initial value after 'shared c', as in 'shared c = 0'"),
    ErrorCase("shared c = x\n", 1, 12, "expected an integer after 'shared c =', found 'x'"),
    ErrorCase("shared c = 1ms\n", 1, 12, "expected an integer after 'shared c =', found '1ms'"),
    ErrorCase("shared c = 9223372036854775808\n", 1, 12, "'9223372036854775808' does not fit in a 64-bit integer"),
    ErrorCase("shared with = 0\n", 1, 8, "'with' is a keyword and cannot be used as a shared variable name"),
    ErrorCase("lock\n", 1, 5, "expected a lock name after 'lock'"),
    ErrorCase("lock a b\n", 1, 8, "expected the end of the line after 'lock a', found 'b'"),
  ]

  @Test(arguments: declarationCases)
  func declarationErrors(_ error: ErrorCase) {
    expectError(error.source, error.line, error.column, error.message)
  }

  static let statementCases: [ErrorCase] = [
    ErrorCase(threadScenario("io fast"), 2, 8, "expected a duration such as 5ms after 'io', found 'fast'"),
    ErrorCase(threadScenario("compute 5"), 2, 13, "missing unit after '5'; use ns, us, ms or s, as in 5ms"),
    ErrorCase(threadScenario("compute 0s"), 2, 13, "'compute' needs a duration greater than 0"),
    ErrorCase(threadScenario("io 0ms"), 2, 8, "'io' needs a duration greater than 0"),
    ErrorCase(threadScenario("native 0ns"), 2, 12, "'native' needs a duration greater than 0"),
    ErrorCase(threadScenario("builtin 0.0s"), 2, 13, "'builtin' needs a duration greater than 0"),
    ErrorCase(threadScenario("compute -1ms"), 2, 13, "a duration cannot be negative"),
    ErrorCase(
      threadScenario("compute 1ms 2ms"), 2, 17, "expected the end of the line after 'compute 1ms', found '2ms'"),
    ErrorCase(threadScenario("compute 1ms ;"), 2, 17, "expected the end of the line after 'compute 1ms', found ';'"),
    ErrorCase(threadScenario("repeat 0:", "    compute 1ms"), 2, 12, "'repeat' needs a count of at least 1"),
    ErrorCase(threadScenario("repeat -3:", "    compute 1ms"), 2, 12, "'repeat' needs a count of at least 1"),
    ErrorCase(
      threadScenario("repeat 2.5:", "    compute 1ms"), 2, 12,
      "expected a count after 'repeat', as in 'repeat 10:', found '2.5'"),
    ErrorCase(
      threadScenario("repeat 99999999999999999999:", "    compute 1ms"), 2, 12,
      "the count '99999999999999999999' is too large"),
    ErrorCase(threadScenario("repeat 3", "    compute 1ms"), 2, 13, "expected ':' after 'repeat 3'"),
    ErrorCase(threadScenario("repeat 3:", "compute 1ms"), 2, 5, "expected an indented block after 'repeat 3:'"),
    ErrorCase(threadScenario("repeat 3:"), 2, 5, "expected an indented block after 'repeat 3:'"),
    ErrorCase(threadScenario("with:", "    compute 1ms"), 2, 9, "expected a lock name after 'with', found ':'"),
    ErrorCase(
      threadScenario("with g:", "    compute 1ms"), 2, 10,
      "unknown lock 'g'; no lock is declared (add 'lock g' at the top level)"),
    ErrorCase(
      "lock b\nlock a\n" + threadScenario("with c:", "    compute 1ms"), 4, 10, "unknown lock 'c'; declared locks: b, a"
    ),
    ErrorCase(
      "shared c = 0\n" + threadScenario("with c:", "    compute 1ms"), 3, 10, "'c' is a shared variable, not a lock"),
    ErrorCase("lock g\n" + threadScenario("g = 1"), 3, 5, "'g' is a lock; only variables can be assigned"),
    ErrorCase("lock g\n" + threadScenario("g += 1"), 3, 5, "'g' is a lock; only variables can be assigned"),
    ErrorCase("lock g\n" + threadScenario("x = g"), 3, 9, "'g' is a lock, not a variable"),
    ErrorCase(threadScenario("call"), 2, 9, "expected a function name after 'call', as in 'call noop'"),
    ErrorCase(threadScenario("call noop()"), 2, 14, "expected the end of the line after 'call noop', found '('"),
    ErrorCase(threadScenario("await"), 2, 5, "'await' is only allowed inside a task"),
    ErrorCase(
      "eventloop l:\n  task t:\n    await compute 1ms\n", 3, 11,
      "expected 'io', 'sleep' or 'to_thread:' after 'await', found 'compute'"),
    ErrorCase("eventloop l:\n  task t:\n    await io 0s\n", 3, 14, "'await io' needs a duration greater than 0"),
    ErrorCase(
      "eventloop l:\n  task t:\n    await sleep\n", 3, 16, "expected a duration such as 5ms after 'await sleep'"),
    ErrorCase(
      "eventloop l:\n  task t:\n    repeat 2:\n      x = y\n", 4, 11,
      "local 'y' is read before it is assigned; declare it with 'shared y = 0' if it is meant to be shared"),
    ErrorCase(
      threadScenario("x = x + 1"), 2, 9,
      "local 'x' is read before it is assigned; declare it with 'shared x = 0' if it is meant to be shared"),
    ErrorCase(
      threadScenario("x = 1", "x += y"), 3, 10,
      "local 'y' is read before it is assigned; declare it with 'shared y = 0' if it is meant to be shared"),
    ErrorCase(
      "thread a:\n  x = 1\nthread b:\n  y = x\n", 4, 7,
      "local 'x' is read before it is assigned; declare it with 'shared x = 0' if it is meant to be shared"),
    ErrorCase(
      threadScenario("x = 1 + 2 + 3"), 2, 15, "an expression has at most one operator; split it into two assignments"),
    ErrorCase(threadScenario("x ="), 2, 8, "expected a variable name or an integer after '='"),
    ErrorCase(threadScenario("x = 1 +"), 2, 12, "expected a variable name or an integer after '+'"),
    ErrorCase(threadScenario("x = 1.5"), 2, 9, "expected a variable name or an integer after '=', found '1.5'"),
    ErrorCase(threadScenario("x = 2 / 1"), 2, 11, "expected the end of the line after 'x = 2', found '/'"),
    ErrorCase(threadScenario("x = 1", "x += "), 3, 9, "expected a variable name or an integer after '+='"),
    ErrorCase(
      threadScenario("x = 9223372036854775808"), 2, 9, "'9223372036854775808' does not fit in a 64-bit integer"),
    ErrorCase(threadScenario("x + 1"), 2, 7, "expected '=', '+=', '-=' or '*=' after 'x', found '+'"),
    ErrorCase(
      threadScenario("banana"), 2, 5,
      "unknown statement 'banana'; expected compute, io, sleep, native, builtin, gc, repeat, with, call or an assignment such as 'banana = 1'"
    ),
    ErrorCase(threadScenario("rpeat 3:"), 2, 5, "unknown statement 'rpeat'; did you mean 'repeat'?"),
    ErrorCase(threadScenario("gcc 5ms"), 2, 5, "unknown statement 'gcc'; did you mean 'gc'?"),
    ErrorCase(threadScenario("gc 5"), 2, 8, "missing unit after '5'; use ns, us, ms or s, as in 5ms"),
    ErrorCase(threadScenario("slep 1ms"), 2, 5, "unknown statement 'slep'; did you mean 'sleep'?"),
    ErrorCase(threadScenario("oi 1ms"), 2, 5, "unknown statement 'oi'; did you mean 'io'?"),
    ErrorCase(threadScenario("Compute 1ms"), 2, 5, "unknown statement 'Compute'; did you mean 'compute'?"),
    ErrorCase(threadScenario(": x"), 2, 5, "expected a statement such as 'compute 1ms', found ':'"),
    ErrorCase(threadScenario("cores: 2"), 2, 5, "'cores' can only be set at the top level"),
    ErrorCase(threadScenario("title: x"), 2, 5, "'title' can only be set at the top level"),
    ErrorCase(threadScenario("thread u:"), 2, 5, "'thread' blocks go at the top level or directly inside a process"),
    ErrorCase(
      threadScenario("eventloop u:"), 2, 5, "'eventloop' blocks go at the top level or directly inside a process"),
    ErrorCase(threadScenario("process u:"), 2, 5, "'process' blocks go at the top level"),
    ErrorCase(threadScenario("task u:"), 2, 5, "'task' blocks go inside an 'eventloop' block"),
    ErrorCase(threadScenario("shared c = 0"), 2, 5, "'shared' declarations go at the top level"),
    ErrorCase(threadScenario("compute 1."), 2, 13, "expected a digit after the decimal point in '1.'"),
    ErrorCase(threadScenario("счёт = 1"), 2, 5, "names may only use ASCII letters, digits and '_', found 'с'"),
    ErrorCase(
      threadScenario("x = 1\u{7}"), 2, 10, "expected the end of the line after 'x = 1', found the character U+0007"),
    ErrorCase(
      threadScenario("x = 1\u{A0}"), 2, 10, "expected the end of the line after 'x = 1', found the character U+00A0"),
  ]

  @Test(arguments: statementCases)
  func statementErrors(_ error: ErrorCase) {
    expectError(error.source, error.line, error.column, error.message)
  }

  static let indentationCases: [ErrorCase] = [
    ErrorCase("thread t:\n\tcompute 1ms\n", 2, 1, "a tab is used for indentation; indent with spaces only"),
    ErrorCase("thread t:\n  \tcompute 1ms\n", 2, 3, "a tab is used for indentation; indent with spaces only"),
    ErrorCase("  thread t:\n    compute 1ms\n", 1, 3, "unexpected indent"),
    ErrorCase("# comment\n   cores: 2\n", 2, 4, "unexpected indent"),
    ErrorCase(threadScenario("compute 1ms", "    compute 1ms"), 3, 9, "unexpected indent"),
    ErrorCase(
      "eventloop l:\n  task t:\n    compute 1ms\n    task u:\n", 4, 5, "'task' blocks go inside an 'eventloop' block"),
    ErrorCase(
      "eventloop l:\n  task t:\n    compute 1ms\n   task u:\n", 4, 4,
      "this line is indented by 3 spaces, which matches no enclosing block (use 0, 2 or 4 spaces)"),
    ErrorCase("eventloop l:\n  task t:\n    compute 1ms\n      io 1ms\n", 4, 7, "unexpected indent"),
    ErrorCase("process p:\n  thread t:\n    compute 1ms\n     compute 1ms\n", 4, 6, "unexpected indent"),
    ErrorCase(
      threadScenario("repeat 2:", "    compute 1ms", "  compute 1ms"), 4, 7,
      "this line is indented by 6 spaces, which matches no enclosing block (use 0, 4 or 8 spaces)"),
    ErrorCase(
      "thread t:\n  compute 1ms\n compute 1ms\n", 3, 2,
      "this line is indented by 1 space, which matches no enclosing block (use 0 or 2 spaces)"),
  ]

  @Test(arguments: indentationCases)
  func indentationErrors(_ error: ErrorCase) {
    expectError(error.source, error.line, error.column, error.message)
  }

  @Test func tooDeeplyNestedBlocks() {
    var source = "thread t:\n"
    for level in 1...150 { source += String(repeating: " ", count: level) + "repeat 1:\n" }
    source += String(repeating: " ", count: 151) + "compute 1ns\n"
    // The thread's body is the first level; the body of the 100th `repeat` (line 102) would be the 101st.
    expectError(source, 102, 102, "blocks are nested too deeply (the limit is 100 levels)")
  }

  @Test func errorsComeInSourceOrder() {
    // A later lexical error does not hide an earlier mistake, and a later semantic one does not either.
    expectError(
      threadScenario("comput 1ms", "\tcompute 1ms"), 2, 5, "unknown statement 'comput'; did you mean 'compute'?")
    expectError(
      threadScenario("compute 1ms", "io 5sec", "with nope:", "   x"), 3, 9, "unknown unit 'sec'; use ns, us, ms or s")
    expectError(
      threadScenario("compute 1ms x", "é"), 2, 17, "expected the end of the line after 'compute 1ms', found 'x'")
  }

  @Test func emptyInputsStartNoThread() {
    for source in ["", "\n", "# only a comment\n", "\u{FEFF}", "   \n\t\n", "title: t\nshared a = 1\nlock l\n"] {
      let error = diagnostic(source)
      #expect(error?.message == "the scenario starts no thread")
      #expect(error?.location == at(1, 1))
    }
  }
}

@Suite("Parser: line endings, byte order mark and columns")
struct ParserEncodingTests {
  @Test func windowsLineEndingsAndByteOrderMark() throws {
    let windows =
      "\u{FEFF}" + convoyExample.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
    #expect(try parse(windows) == parse(convoyExample))
    let oldMac = convoyExample.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r")
    #expect(try parse(oldMac) == parse(convoyExample))
  }

  @Test func errorsInAWindowsFileHaveCleanSourceLines() {
    let source = "\u{FEFF}thread t:\r\n    compute 1ms\r\n    comput 1ms\r\n"
    expectError(source, 3, 5, "unknown statement 'comput'; did you mean 'compute'?")
    #expect(diagnostic(source)?.sourceLine == "    comput 1ms")
  }

  @Test func theByteOrderMarkTakesNoColumn() {
    expectError("\u{FEFF}cores: 0\n" + threadScenario("compute 1ms"), 1, 8, "'cores' must be between 1 and 1024")
  }

  @Test func columnsCountCharactersNotBytes() {
    let source = """
      # Сценарий: конвой — комментарий по-русски 🚚
      title: Эффект конвоя
      thread t:  # поток ввода-вывода
          compute 5µs 3ms
      """
    expectError(source, 4, 17, "expected the end of the line after 'compute 5µs', found '3ms'")
    expectError(
      "interpreter: питон-3.11\n", 1, 14,
      "unknown interpreter 'питон-3.11'; use cpython-2.7, cpython-3.8, cpython-3.9, cpython-3.10, cpython-3.11, cpython-3.12, cpython-3.13, cpython-3.13t, cpython-3.14, cpython-3.14t, cpython-3.15 or cpython-3.15t"
    )
    // An emoji made of several code points is one character.
    expectError("title: 👩‍👩‍👧 family\ncores: 0\n", 2, 8, "'cores' must be between 1 and 1024")
  }

  @Test func descriptionShowsTheLineAndACaret() throws {
    let error = try #require(diagnostic(threadScenario("comput 2s")))
    #expect(
      error.description
        == "test.gil:2:5: error: unknown statement 'comput'; did you mean 'compute'?\n        comput 2s\n        ^")
  }

  @Test func descriptionCaretCountsCharacters() throws {
    let error = try #require(diagnostic("thread t:\n    compute 5µs 3ms  # ещё\n"))
    let lines = error.description.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 3)
    #expect(lines[0] == "test.gil:2:17: error: expected the end of the line after 'compute 5µs', found '3ms'")
    #expect(lines[1] == "        compute 5µs 3ms  # ещё")
    #expect(lines[2] == String(repeating: " ", count: 4 + 16) + "^")
  }

  @Test func descriptionWithoutASourceLine() throws {
    let error = try #require(diagnostic(""))
    #expect(error.description == "test.gil:1:1: error: the scenario starts no thread")
  }
}
