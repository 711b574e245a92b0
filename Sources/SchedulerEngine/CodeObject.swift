/// A compiled function, class body or module, as CPython's code object holds it: what `dis` shows, and what
/// the Python interpreter runs. The Python front end makes them; the engine runs them.
public struct CodeObject: Sendable, Equatable {
  public var name: String
  public var qualifiedName: String
  public var firstLine: Int
  public var instructions: [CodeInstruction]
  public var constants: [PythonConstant]
  public var names: [String]
  /// Fast locals (`co_varnames`), then cells and free variables: CPython's "localsplus" order, which the
  /// arguments of LOAD_FAST and LOAD_DEREF index from 3.11.
  public var localNames: [String]
  /// How many of `localNames` are fast locals (`co_nlocals`); after them come the cells, then the free variables.
  public var fastLocalCount: Int
  /// The cells among the locals (MAKE_CELL's targets) and the free variables (the last of `localNames`).
  public var cellCount: Int
  public var freeCount: Int
  /// Parameters: positional (`co_argcount`), keyword-only, and whether `*args` and `**kwargs` follow.
  public var argumentCount: Int
  public var keywordOnlyCount: Int
  public var hasStarArgs: Bool
  public var hasStarKeywords: Bool
  /// A generator or a coroutine: calling it makes an object instead of running it.
  public var isGenerator: Bool
  /// An `async def`: a coroutine (also `isGenerator`).
  public var isCoroutine: Bool
  /// The code objects among the constants, by their constant index.
  public var children: [Int: CodeObject]
  /// Whose compiler made it: the instruction set, and the stack conventions the interpreter follows for it.
  public var release: CompilerRelease
  /// Python code of giltutor's that stands in for CPython's C code (the built-in `open`, the loop of a built-in
  /// that drains a generator): its instructions take no time of their own and are no check points, as C code's
  /// are not; the Python code it calls is timed and checked as any.
  public var standsInForC = false

  /// This code and the code it holds, marked as standing in for C code.
  public func standingInForC() -> CodeObject {
    var code = self
    code.standsInForC = true
    code.children = children.mapValues { $0.standingInForC() }
    return code
  }

  public init(
    name: String, qualifiedName: String? = nil, firstLine: Int, instructions: [CodeInstruction],
    constants: [PythonConstant], names: [String], localNames: [String], fastLocalCount: Int? = nil,
    cellCount: Int = 0, freeCount: Int = 0, argumentCount: Int = 0, keywordOnlyCount: Int = 0,
    hasStarArgs: Bool = false, hasStarKeywords: Bool = false, isGenerator: Bool = false, isCoroutine: Bool = false,
    children: [Int: CodeObject] = [:], release: CompilerRelease = .python312
  ) {
    self.name = name
    self.qualifiedName = qualifiedName ?? name
    self.firstLine = firstLine
    self.instructions = instructions
    self.constants = constants
    self.names = names
    self.localNames = localNames
    self.fastLocalCount = fastLocalCount ?? localNames.count
    self.cellCount = cellCount
    self.freeCount = freeCount
    self.argumentCount = argumentCount
    self.keywordOnlyCount = keywordOnlyCount
    self.hasStarArgs = hasStarArgs
    self.hasStarKeywords = hasStarKeywords
    self.isGenerator = isGenerator
    self.isCoroutine = isCoroutine
    self.children = children
    self.release = release
  }
}

/// The CPython compilers giltutor reproduces: what a program's code objects hold, and how the interpreter reads
/// them. 3.11 prepares each call with PRECALL, loads a method with LOAD_METHOD, jumps backwards on a condition,
/// keeps a value for `and`/`or` with JUMP_IF_*_OR_POP and runs a list, set or dict comprehension as a function
/// of its own (inlined from 3.12, PEP 709). 3.13 pushes a call's NULL above the callable, passes keyword names on the stack (`CALL_KW`), fuses two
/// loads or stores of locals into one instruction, converts to bool before a conditional jump (`TO_BOOL`), and
/// leaves a `for` loop through `END_FOR` and `POP_TOP`.
public enum CompilerRelease: Int, Sendable, Comparable, CaseIterable {
  case python311 = 11
  case python312 = 12
  case python313 = 13

  public static func < (a: CompilerRelease, b: CompilerRelease) -> Bool { a.rawValue < b.rawValue }
}

extension InterpreterKind {
  /// The compiler whose instructions the interpreter runs: its own where giltutor reproduces it, else the
  /// nearest one (3.8-3.10 run 3.12's, 3.14 and 3.15 run 3.13's; docs/python-subset.md).
  public var compilerRelease: CompilerRelease {
    switch self {
    case .cpython311: .python311
    case .cpython313, .cpython313t, .cpython314, .cpython314t, .cpython315, .cpython315t: .python313
    default: .python312
    }
  }
}

/// One instruction after assembly.
public struct CodeInstruction: Sendable, Equatable {
  public init(
    opname: String, arg: Int?, argrepr: String, line: Int?, target: Int?, offset: Int = 0, isJumpTarget: Bool = false
  ) {
    self.opname = opname
    self.arg = arg
    self.argrepr = argrepr
    self.line = line
    self.target = target
    self.offset = offset
    self.isJumpTarget = isJumpTarget
  }

  public var opname: String
  public var arg: Int?
  /// What `dis` prints in brackets after the argument.
  public var argrepr: String
  /// The source line, where this instruction starts one.
  public var line: Int?
  /// Where a stretch of instructions without a line starts (3.13's `dis` marks it `--`).
  public var startsWithoutLine = false
  /// For a jump, the index of the instruction it goes to.
  public var target: Int?
  /// Where it is in the code, in bytes (its EXTENDED_ARG prefixes and inline caches count).
  public var offset: Int = 0
  /// Whether a jump or an exception lands here (`dis` marks it `>>`).
  public var isJumpTarget = false
  /// Where an exception raised here goes (its entry of the exception table), if anywhere in this code.
  public var exceptionTarget: ExceptionTarget? = nil
}

/// An exception table's entry for one instruction: the handler's first instruction, how much of the stack to
/// keep under the exception, and whether the raising instruction's offset is pushed too.
public struct ExceptionTarget: Sendable, Equatable {
  public var instruction: Int
  public var depth: Int
  public var keepsLasti: Bool
  public init(instruction: Int, depth: Int, keepsLasti: Bool) {
    self.instruction = instruction
    self.depth = depth
    self.keepsLasti = keepsLasti
  }
}

/// A value `co_consts` can hold, with Python's `repr`.
public indirect enum PythonConstant: Hashable, Sendable {
  case none, ellipsis
  case bool(Bool)
  case int(Int64)
  case float(Double)
  case string(String)
  case bytes([UInt8])
  case tuple([PythonConstant])
  /// A set display of constants, or one tested with `in` or iterated (the compiler's frozenset), its items in
  /// the source's order; CPython's table, built from them in that order, orders its repr.
  case frozenset([PythonConstant])
  /// A nested code object, by a number unique within its parent.
  case code(name: String, id: Int)

  public var repr: String {
    switch self {
    case .none: "None"
    case .ellipsis: "Ellipsis"
    case .bool(let b): b ? "True" : "False"
    case .int(let i): String(i)
    case .float(let d): Self.floatRepr(d)
    case .string(let s): Self.stringRepr(s)
    case .bytes(let b): "b" + Self.stringRepr(String(decoding: b, as: UTF8.self))
    case .tuple(let items):
      items.count == 1 ? "(\(items[0].repr),)" : "(" + items.map(\.repr).joined(separator: ", ") + ")"
    case .frozenset(let items):
      items.isEmpty ? "frozenset()" : "frozenset({" + Self.tableOrder(items).map(\.repr).joined(separator: ", ") + "})"
    case .code(let name, _): "<code object \(name)>"
    }
  }

  /// Set items in the order of the table CPython builds by adding them one by one.
  static func tableOrder(_ items: [PythonConstant]) -> [PythonConstant] {
    let set = PySet()
    var byKey: [PyKey: PythonConstant] = [:]
    for item in items {
      guard let key = PyKey(CompiledCode.value(of: item)) else { continue }
      set.insert(key, .none)
      if byKey[key] == nil { byKey[key] = item }
    }
    return set.order.compactMap { byKey[$0] }
  }

  /// `repr(float)`: the shortest text that reads back as the same double, which is also what Swift prints,
  /// exponent and all (1e+16, 1e-05).
  public static func floatRepr(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d < 0 ? "-inf" : "inf" }
    return "\(d)"
  }

  public static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    if scalar == " " { return true }
    switch scalar.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
      .spaceSeparator:
      return false
    default: return true
    }
  }

  /// `repr(str)`: single quotes unless the text has a single quote and no double one; escapes for controls.
  public static func stringRepr(_ s: String) -> String {
    let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
    var out = String(quote)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if Character(scalar) == quote {
          out += "\\" + String(quote)
        } else if !isPrintable(scalar) {
          // str.isprintable: controls, formats, surrogates, private use, unassigned and separators but the space.
          let hex = String(scalar.value, radix: 16)
          let (prefix, width) = scalar.value < 0x100 ? ("\\x", 2) : scalar.value < 0x10000 ? ("\\u", 4) : ("\\U", 8)
          out += prefix + String(repeating: "0", count: max(0, width - hex.count)) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out.append(quote)
    return out
  }
}
