import Foundation
import SchedulerEngine
import Testing

/// The interpreters of this machine: pyenv's build of X.Y, or `pythonX.Y` on the PATH (not pyenv's shims, which
/// exist for every version and fail for those not selected).
enum RealPython {
  static func find(_ version: String) -> String? {
    let environment = ProcessInfo.processInfo.environment
    let name = "python" + version
    let root = environment["PYENV_ROOT"] ?? "\(environment["HOME"] ?? "/root")/.pyenv"
    let versions = "\(root)/versions"
    let builds = (try? FileManager.default.contentsOfDirectory(atPath: versions)) ?? []
    for build in builds.sorted().reversed()
    where build.hasPrefix(version + ".") && build.allSatisfy({ $0.isNumber || $0 == "." }) {
      let path = "\(versions)/\(build)/bin/\(name)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    for directory in (environment["PATH"] ?? "").split(separator: ":") where !directory.hasSuffix("/shims") {
      let path = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }

  /// Runs `python -c script` with `input` on its standard input; its standard output.
  static func run(_ python: String, _ script: String, input: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", script]
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let data = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}

/// `--dis` prints, for each thread, the instructions the engine runs; they must be those the real interpreter's
/// `dis` prints for the same function, name for name and in order, each with what `dis` shows in brackets (from
/// 3.8; 2.7's `dis` has no `get_instructions`), except a jump's offset, which the engine leaves out. Exception
/// handlers are left out of the real
/// listing: only the instructions reachable without an exception are compared, since the engine never raises.
/// Each test runs where that interpreter is installed (pyenv keeps 2.7 and 3.6–3.13 on the development machine)
/// and is skipped elsewhere.
@Suite("dis against the real interpreters")
struct GoldenDisTests {
  /// Reads a module from standard input and prints the opnames of its `worker` function that run without an
  /// exception: from the first instruction, following fall-through and jumps, but not the jumps to exception
  /// handlers. Python 2.7 and 3.x.
  static let reachableOpnames = """
    import dis, sys
    namespace = {}
    exec(compile(sys.stdin.read(), "<scenario>", "exec"), namespace)
    code = namespace["worker"].__code__
    JUMPS = set(dis.hasjrel) | set(dis.hasjabs) | set(getattr(dis, "hasjump", []))
    def instructions():
        if hasattr(dis, "get_instructions"):
            # From 3.4 each instruction also has its argrepr, compared too (jumps' offsets are not).
            return [(i.offset, i.opname, i.argval if i.opcode in JUMPS else None,
                     i.opname if i.opcode in JUMPS or not i.argrepr else "%s(%s)" % (i.opname, i.argrepr))
                    for i in dis.get_instructions(code)]
        raw, out, i, extended = code.co_code, [], 0, 0
        while i < len(raw):
            op, offset, arg, target = ord(raw[i]), i, None, None
            i += 1
            if op >= dis.HAVE_ARGUMENT:
                arg = ord(raw[i]) + ord(raw[i + 1]) * 256 + extended
                extended, i = 0, i + 2
                if op == dis.EXTENDED_ARG:
                    extended = arg * 65536
                    continue
            if op in dis.hasjrel:
                target = i + arg
            elif op in dis.hasjabs:
                target = arg
            out.append((offset, dis.opname[op], target, dis.opname[op]))
        return out
    STOP = set(["JUMP_ABSOLUTE", "JUMP_FORWARD", "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT", "JUMP",
                "RETURN_VALUE", "RETURN_CONST", "RAISE_VARARGS", "RERAISE"])
    EXCEPTIONAL = set(["SETUP_FINALLY", "SETUP_EXCEPT", "SETUP_WITH", "SETUP_ASYNC_WITH"])
    listing = instructions()
    index = dict((entry[0], k) for k, entry in enumerate(listing))
    seen, todo = set(), [0]
    while todo:
        k = todo.pop()
        if k in seen or k >= len(listing):
            continue
        seen.add(k)
        offset, name, target, label = listing[k]
        if target is not None and name not in EXCEPTIONAL and target in index:
            todo.append(index[target])
        if name not in STOP:
            todo.append(k + 1)
    sys.stdout.write(" ".join(listing[k][3] for k in sorted(seen)) + "\\n")
    """

  /// Thread bodies in the scenario language; `python(_:)` turns each into the Python function it stands for.
  static let shapes = [
    "counter += 1",
    "counter -= 3",
    "x = counter * 2",
    "x = counter\ncall noop\ncounter = x + 1",
    "repeat 10:\n    counter += 1",
    "with guard:\n    counter += 1",
    "repeat 10:\n    counter += 1\nx = counter",
    "repeat 10:\n    repeat 3:\n        call noop",
    "repeat 10:\n    with guard:\n        counter += 1",
    "with guard:\n    counter += 1\nx = 1",
    "with guard:\n    with guard:\n        counter += 1",
    "repeat 10:\n    with guard:\n        counter += 1\n    x = counter",
    "ready.set()\nready.wait()\nready.clear()",
    "x = jobs.get()\njobs.put(x)\njobs.put(1)",
    "repeat 10:\n    x = jobs.get()\n    counter += x",
    "guard.acquire()\ncounter += 1\nguard.release()",
    "with slots:\n    counter += 1\nslots.acquire()",
    "with r:\n    r.acquire()",
    "helper.join()",
    "guard.acquire(timeout=0.005)\nguard.release()",
    "with cv:\n    cv.wait()\n    cv.notify()\n    cv.notify_all()",
    "gate.wait()",
    "items.append(counter)\nrepeat 3:\n    items.append(1)",
    "gc 5ms\ncounter += 1",
  ]

  static func python(_ shape: String) -> String {
    var lines = [
      "counter = 0", "def noop(): pass", "class Lock(object):", "    def __enter__(self): pass",
      "    def __exit__(self, *exc): pass", "guard = Lock()", "def worker():", "    global counter",
    ]
    for line in shape.split(separator: "\n") {
      let indent = line.prefix { $0 == " " }
      var text = line.dropFirst(indent.count)
      if text.hasPrefix("repeat ") {
        text = "for _ in range(\(text.dropFirst("repeat ".count).dropLast())):"
      } else if text.hasPrefix("call ") {
        text = "\(text.dropFirst("call ".count))()"
      } else if text.hasPrefix("gc ") {
        text = "gc.collect()"
      }
      lines.append("    \(indent)\(text)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func engine(_ shape: String, _ kind: InterpreterKind) throws -> String {
    // Python's seconds are the scenario's 5ms.
    let indented = shape.replacingOccurrences(of: "timeout=0.005", with: "timeout=5ms")
      .split(separator: "\n").map { "    \($0)" }.joined(separator: "\n")
    // The objects' globals need not exist for `dis`: only `worker` is compiled.
    let scenario = try ScenarioParser.parse(
      "shared counter = 0\nlock guard\nevent ready\nqueue jobs\nsemaphore slots = 2\nrlock r\ncondition cv\n"
        + "barrier gate = 2\nlist items\n"
        + "thread worker:\n\(indented)\nthread helper:\n    compute 1ms\n", file: "golden")
    return Bytecode.function(
      body: scenario.processes[0].threads[0].body, shared: ["counter"], objects: scenario.locks, interpreter: kind
    )
    .map { label($0.instruction, kind) }.joined(separator: " ")
  }

  /// The instructions that jump: their argrepr is an offset, which the engine leaves out.
  static let jumps: Set<String> = [
    "FOR_ITER", "JUMP_BACKWARD", "JUMP_ABSOLUTE", "JUMP_FORWARD", "SETUP_WITH", "SETUP_LOOP", "SETUP_FINALLY",
    "POP_JUMP_IF_FALSE", "POP_JUMP_IF_TRUE", "BEFORE_WITH", "CALL_FINALLY",
  ]

  /// `LOAD_GLOBAL(counter)`: the opname with its argrepr, as the script prints it (2.7: the opname only).
  static func label(_ instruction: Instruction, _ kind: InterpreterKind) -> String {
    guard kind != .cpython27, !instruction.argrepr.isEmpty, !jumps.contains(instruction.opname) else {
      return instruction.opname
    }
    return "\(instruction.opname)(\(instruction.argrepr))"
  }

  static func check(_ version: String, _ kind: InterpreterKind) throws {
    let python = try #require(RealPython.find(version))
    for (number, shape) in shapes.enumerated() {
      let real = try RealPython.run(python, reachableOpnames, input: Self.python(shape))
        .trimmingCharacters(in: .whitespacesAndNewlines)
      #expect(!real.isEmpty, "\(version) printed nothing for:\n\(shape)")
      #expect(try engine(shape, kind) == real, "\(version), shape \(number):\n\(shape)")
    }
  }

  @Test(.enabled(if: RealPython.find("2.7") != nil)) func python27() throws { try Self.check("2.7", .cpython27) }
  @Test(.enabled(if: RealPython.find("3.8") != nil)) func python38() throws { try Self.check("3.8", .cpython38) }
  @Test(.enabled(if: RealPython.find("3.9") != nil)) func python39() throws { try Self.check("3.9", .cpython39) }
  @Test(.enabled(if: RealPython.find("3.10") != nil)) func python310() throws { try Self.check("3.10", .cpython310) }
  @Test(.enabled(if: RealPython.find("3.11") != nil)) func python311() throws { try Self.check("3.11", .cpython311) }
  @Test(.enabled(if: RealPython.find("3.12") != nil)) func python312() throws { try Self.check("3.12", .cpython312) }
  @Test(.enabled(if: RealPython.find("3.13") != nil)) func python313() throws { try Self.check("3.13", .cpython313) }
}
