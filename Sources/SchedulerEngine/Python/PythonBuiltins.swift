/// The built-in functions, types, exceptions and methods of the subset, written as CPython behaves.
extension PythonMachine {
  static let exceptionHierarchy: [(String, String?)] = [
    ("BaseException", nil), ("Exception", "BaseException"), ("KeyboardInterrupt", "BaseException"),
    ("SystemExit", "BaseException"), ("ArithmeticError", "Exception"), ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"), ("LookupError", "Exception"), ("KeyError", "LookupError"),
    ("IndexError", "LookupError"), ("TypeError", "Exception"), ("ValueError", "Exception"),
    ("NameError", "Exception"), ("UnboundLocalError", "NameError"), ("AttributeError", "Exception"),
    ("RuntimeError", "Exception"), ("RecursionError", "RuntimeError"), ("NotImplementedError", "RuntimeError"),
    ("AssertionError", "Exception"), ("StopIteration", "Exception"), ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"), ("OSError", "Exception"), ("TimeoutError", "OSError"),
    ("FileNotFoundError", "OSError"), ("FileExistsError", "OSError"), ("IsADirectoryError", "OSError"),
    ("PermissionError", "OSError"),
  ]

  /// The methods of built-in types the subset has, by type name.
  static let methodNames: [String: Set<String>] = [
    "list": ["append", "extend", "pop", "insert", "index", "count", "sort", "reverse", "clear", "copy", "remove"],
    "dict": ["get", "items", "keys", "values", "setdefault", "pop", "popitem", "update", "clear", "copy"],
    "defaultdict": ["get", "items", "keys", "values", "setdefault", "pop", "update", "clear", "copy"],
    "Counter": [
      "get", "items", "keys", "values", "setdefault", "pop", "update", "clear", "copy", "most_common", "elements",
      "total", "subtract",
    ],
    "str": [
      "join", "split", "upper", "lower", "strip", "lstrip", "rstrip", "startswith", "endswith", "replace", "format",
      "find", "rfind", "index", "rindex", "count", "isdigit", "ljust", "rjust", "center", "splitlines", "title",
      "capitalize", "zfill", "encode", "decode", "rsplit", "swapcase", "isalpha", "isalnum", "isspace", "isupper",
      "islower", "isdecimal", "isnumeric", "partition", "rpartition", "removeprefix", "removesuffix", "expandtabs",
    ],
    "set": [
      "add", "discard", "remove", "pop", "clear", "update", "copy", "union", "intersection", "difference",
      "symmetric_difference", "issubset", "issuperset", "isdisjoint",
    ],
    "tuple": ["index", "count"],
    "generator": ["send", "throw", "close", "__next__"],
    "coroutine": ["send", "throw", "close"],
  ]

  /// The names of CPython 3.12's `builtins` module in its order (`list(builtins.__dict__)`), which suggestions
  /// try after the locals and globals: where two are as close, the first wins.
  var builtinOrder: [String] { Self.cpythonBuiltins }

  static let cpythonBuiltins: [String] = [
    "__name__", "__doc__", "__package__", "__loader__", "__spec__", "__build_class__", "__import__", "abs",
    "all", "any", "ascii", "bin", "breakpoint", "callable", "chr", "compile", "delattr", "dir", "divmod",
    "eval", "exec", "format", "getattr", "globals", "hasattr", "hash", "hex", "id", "input", "isinstance",
    "issubclass", "iter", "aiter", "len", "locals", "max", "min", "next", "anext", "oct", "ord", "pow", "print",
    "repr", "round", "setattr", "sorted", "sum", "vars", "None", "Ellipsis", "NotImplemented", "False", "True",
    "bool", "memoryview", "bytearray", "bytes", "classmethod", "complex", "dict", "enumerate", "filter",
    "float", "frozenset", "property", "int", "list", "map", "object", "range", "reversed", "set", "slice",
    "staticmethod", "str", "super", "tuple", "type", "zip", "__debug__", "BaseException", "BaseExceptionGroup",
    "Exception", "GeneratorExit", "KeyboardInterrupt", "SystemExit", "ArithmeticError", "AssertionError",
    "AttributeError", "BufferError", "EOFError", "ImportError", "LookupError", "MemoryError", "NameError",
    "OSError", "ReferenceError", "RuntimeError", "StopAsyncIteration", "StopIteration", "SyntaxError",
    "SystemError", "TypeError", "ValueError", "Warning", "FloatingPointError", "OverflowError",
    "ZeroDivisionError", "BytesWarning", "DeprecationWarning", "EncodingWarning", "FutureWarning",
    "ImportWarning", "PendingDeprecationWarning", "ResourceWarning", "RuntimeWarning", "SyntaxWarning",
    "UnicodeWarning", "UserWarning", "BlockingIOError", "ChildProcessError", "ConnectionError",
    "FileExistsError", "FileNotFoundError", "InterruptedError", "IsADirectoryError", "NotADirectoryError",
    "PermissionError", "ProcessLookupError", "TimeoutError", "IndentationError", "IndexError", "KeyError",
    "ModuleNotFoundError", "NotImplementedError", "RecursionError", "UnboundLocalError", "UnicodeError",
    "BrokenPipeError", "ConnectionAbortedError", "ConnectionRefusedError", "ConnectionResetError", "TabError",
    "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeTranslateError", "ExceptionGroup", "EnvironmentError",
    "IOError", "open", "quit", "exit", "copyright", "credits", "license", "help",
  ]

  /// A built-in function, its positional arguments counted as CPython counts them (`arities`).
  func define(
    _ name: String,
    _ body: @escaping @Sendable (PythonMachine, [PyValue], [(String, PyValue)]) throws(PythonError) -> PyValue
  ) {
    builtins[name] = .builtin(
      PyBuiltin(name: name) { m, args, keywords throws(PythonError) in
        try m.checkArity(name, args.count)
        return try body(m, args, keywords)
      })
  }

  func installBuiltins() {
    installIterationBuiltins()
    for (name, base) in Self.exceptionHierarchy {
      exceptionTypes[name] = PyType(name: name, bases: base.map { [exceptionTypes[$0]!] } ?? [])
      builtins[name] = .type(exceptionTypes[name]!)
    }
    func function(
      _ name: String,
      _ body: @escaping @Sendable (PythonMachine, [PyValue], [(String, PyValue)]) throws(PythonError) -> PyValue
    ) {
      define(name, body)
    }
    func type(
      _ name: String,
      _ body: @escaping @Sendable (PythonMachine, [PyValue], [(String, PyValue)]) throws(PythonError) -> PyValue
    ) {
      let t = PyType(
        name: name,
        builtin: PyBuiltin(name: name) { m, args, keywords throws(PythonError) in
          try m.checkArity(name, args.count)
          return try body(m, args, keywords)
        })
      builtinTypes[name] = t
      builtins[name] = .type(t)
    }
    function("print") { m, args, keywords throws(PythonError) in
      var separator = " "
      var end = "\n"
      var isError = false
      var flush = false
      for (key, value) in keywords {
        switch (key, value) {
        case ("sep", .str(let s)): separator = s
        case ("end", .str(let s)): end = s
        case ("file", .module(let stream)) where stream.name == "<stderr>": isError = true
        case ("flush", let value): flush = try m.truth(value)
        case ("sep", .none), ("end", .none), ("file", _): break
        default: throw m.raise("TypeError", "'\(key)' is an invalid keyword argument for print()")
        }
      }
      let parts = try args.map { v throws(PythonError) in try m.str(v) }
      return try m.writeStream(parts.joined(separator: separator) + end, isError: isError, flush: flush, result: .none)
    }
    function("len") { m, args, _ throws(PythonError) in
      guard args.count == 1 else {
        throw m.raise("TypeError", "len() takes exactly one argument (\(args.count) given)")
      }
      switch args[0] {
      case .str(let s): return .int(Int64(s.count))
      case .list(let l): return .int(Int64(l.items.count))
      case .tuple(let t): return .int(Int64(t.count))
      case .dict(let d): return .int(Int64(d.count))
      case .set(let s): return .int(Int64(s.items.count))
      case .range: return .int(Int64(try m.iterate(args[0]).count))
      case .instance(let i):
        if let method = i.type.lookup("__len__") { return try m.call(method, args, []) }
      default: break
      }
      throw m.raise("TypeError", "object of type '\(m.typeName(args[0]))' has no len()")
    }
    type("range") { m, args, _ throws(PythonError) in
      let ints = try args.map { v throws(PythonError) -> Int64 in
        guard case .int(let i) = m.numeric(v) else {
          throw m.raise("TypeError", "'\(m.typeName(v))' object cannot be interpreted as an integer")
        }
        return i
      }
      switch ints.count {
      case 0: throw m.raise("TypeError", "range expected at least 1 argument, got 0")
      case 1: return .range(start: 0, stop: ints[0], step: 1)
      case 2: return .range(start: ints[0], stop: ints[1], step: 1)
      case 3:
        guard ints[2] != 0 else { throw m.raise("ValueError", "range() arg 3 must not be zero") }
        return .range(start: ints[0], stop: ints[1], step: ints[2])
      default: throw m.raise("TypeError", "range expected at most 3 arguments, got \(ints.count)")
      }
    }
    type("str") { m, args, _ throws(PythonError) in .str(args.isEmpty ? "" : try m.str(args[0])) }
    type("repr") { m, args, _ throws(PythonError) in .str(try m.repr(args[0])) }
    type("int") { m, args, keywords throws(PythonError) in
      guard let value = args.first else { return .int(0) }
      if let base = args.count > 1 ? args[1] : keywords.first(where: { $0.0 == "base" })?.1 {
        return try m.integer(value, base: base)
      }
      switch value {
      case .int: return value
      case .bool(let b): return .int(b ? 1 : 0)
      case .float(let d):
        guard d.isFinite, let i = Int64(exactly: d.rounded(.towardZero)) else {
          throw m.raise("OverflowError", "cannot convert float infinity to integer")
        }
        return .int(i)
      case .str(let s):
        let text = s.trimmingSpaces.replacingUnderscores
        guard let i = Int64(text) else {
          throw m.raise("ValueError", "invalid literal for int() with base 10: \(PythonConstant.stringRepr(s))")
        }
        return .int(i)
      default:
        throw m.raise(
          "TypeError",
          "int() argument must be a string, a bytes-like object or a real number, not '\(m.typeName(value))'")
      }
    }
    type("float") { m, args, _ throws(PythonError) in
      guard let value = args.first else { return .float(0) }
      switch value {
      case .float: return value
      case .int(let i): return .float(Double(i))
      case .bool(let b): return .float(b ? 1 : 0)
      case .str(let s):
        guard let d = Double(s.trimmingSpaces) else {
          throw m.raise("ValueError", "could not convert string to float: \(PythonConstant.stringRepr(s))")
        }
        return .float(d)
      default:
        throw m.raise("TypeError", "float() argument must be a string or a real number, not '\(m.typeName(value))'")
      }
    }
    type("bool") { m, args, _ throws(PythonError) in .bool(args.isEmpty ? false : try m.truth(args[0])) }
    type("list") { m, args, _ throws(PythonError) in
      guard let source = args.first else { return .list(PyList([])) }
      let items = try m.iterate(source)
      m.chargeC(source, items.count, each: CWork.copyItem)
      return .list(PyList(items))
    }
    type("tuple") { m, args, _ throws(PythonError) in
      guard let source = args.first else { return .tuple([]) }
      let items = try m.iterate(source)
      m.chargeC(source, items.count, each: CWork.copyItem)
      return .tuple(items)
    }
    type("set") { m, args, _ throws(PythonError) in
      if case .set(let other)? = args.first { return .set(other.copy()) }
      let set = PySet()
      for item in args.isEmpty ? [] : try m.iterate(args[0]) { set.insert(try m.hashKey(item), item) }
      return .set(set)
    }
    type("dict") { m, args, keywords throws(PythonError) in
      let dict = PyDict()
      if let source = args.first {
        if case .dict(let other) = source {
          for (k, v) in other.entries { dict.set(try m.hashKey(k), k, v) }
        } else {
          for pair in try m.iterate(source) {
            let items = try m.iterate(pair)
            guard items.count == 2 else {
              throw m.raise("ValueError", "dictionary update sequence element has length \(items.count); 2 is required")
            }
            dict.set(try m.hashKey(items[0]), items[0], items[1])
          }
        }
      }
      for (k, v) in keywords { dict.set(.str(k), .str(k), v) }
      return .dict(dict)
    }
    function("sum") { m, args, _ throws(PythonError) in
      var total: PyValue = args.count > 1 ? args[1] : .int(0)
      if case .range(let start, let stop, let step) = args[0], case .int(let first) = total,
        let sum = PythonMachine.rangeSum(start, stop, step, plus: first)
      {
        // The same sum, without holding every int of a long range at once.
        m.chargeC(args[0], Int(PythonMachine.rangeCount(start, stop, step)), each: CWork.sumItem)
        return .int(sum)
      }
      let items = try m.iterate(args[0])
      m.chargeC(args[0], items.count, each: CWork.sumItem)
      // From 3.12 a float total keeps what each addition rounded off and adds it back at the end (Neumaier's
      // compensated sum, bltinmodule.c's builtin_sum_impl): sum([0.1] * 10) is 1.0, before 0.9999999999999999.
      let compensates = m.version.major > 3 || m.version.minor >= 12
      var lost = 0.0
      for item in items {
        if compensates, case .float(let sum) = total {
          var x: Double? = nil
          switch item {
          case .float(let f):
            let t = sum + f
            lost += abs(sum) >= abs(f) ? (sum - t) + f : (f - t) + sum
            total = .float(t)
            continue
          case .int(let i): x = Double(i)
          case .bool(let b): x = b ? 1 : 0
          default: break
          }
          if let x {
            total = .float(sum + x)
            continue
          }
          if lost != 0 && lost.isFinite { total = .float(sum + lost) }
          lost = 0
        }
        total = try m.binary(total, 0, item)
      }
      if case .float(let sum) = total, lost != 0, lost.isFinite { total = .float(sum + lost) }
      return total
    }
    function("min") { m, args, keywords throws(PythonError) in
      try m.checkKeywords(keywords, ["key", "default"], "min")
      return try m.extreme(args, keywords, sign: -1, name: "min")
    }
    function("max") { m, args, keywords throws(PythonError) in
      try m.checkKeywords(keywords, ["key", "default"], "max")
      return try m.extreme(args, keywords, sign: 1, name: "max")
    }
    function("abs") { m, args, _ throws(PythonError) in
      switch m.numeric(args[0]) {
      case .int(let i)?: return .int(i < 0 ? -i : i)
      case .float(let d)?: return .float(d.magnitude)
      default: throw m.raise("TypeError", "bad operand type for abs(): '\(m.typeName(args[0]))'")
      }
    }
    function("sorted") { m, args, keywords throws(PythonError) in
      try m.checkKeywords(keywords, ["key", "reverse"], "sort")
      let list = PyList(try m.iterate(args[0]))
      m.chargeC(args[0], list.items.count, each: CWork.copyItem)
      try m.sort(list, keywords)
      return .list(list)
    }
    function("enumerate") { m, args, keywords throws(PythonError) in
      try m.checkKeywords(keywords, ["iterable", "start"], "enumerate")
      guard (1...2).contains(args.count) else {
        throw m.raise(
          "TypeError",
          args.isEmpty
            ? "enumerate() missing required argument 'iterable' (pos 1)"
            : "enumerate() takes at most 2 arguments (\(args.count) given)")
      }
      var start: Int64 = 0
      if args.count > 1, case .int(let s) = args[1] { start = s }
      if let (_, value) = keywords.first(where: { $0.0 == "start" }), case .int(let s) = value { start = s }
      let items = try m.iterate(args[0]).enumerated().map {
        PyValue.tuple([.int(start + Int64($0.offset)), $0.element])
      }
      return .iterator(PyIterator(.sequence(items)))
    }
    function("zip") { m, args, _ throws(PythonError) in
      let columns = try args.map { v throws(PythonError) in try m.iterate(v) }
      let count = columns.map(\.count).min() ?? 0
      return .iterator(PyIterator(.sequence((0..<count).map { i in .tuple(columns.map { $0[i] }) })))
    }
    function("reversed") { m, args, _ throws(PythonError) in
      .iterator(PyIterator(.sequence(try m.iterate(args[0]).reversed())))
    }
    function("isinstance") { m, args, _ throws(PythonError) in
      let types: [PyValue] = if case .tuple(let items) = args[1] { items } else { [args[1]] }
      for candidate in types {
        guard case .type(let type) = candidate else { continue }
        switch args[0] {
        case .instance(let i): if i.type.isSubclass(of: type) { return .bool(true) }
        case .exception(let e): if e.type.isSubclass(of: type) { return .bool(true) }
        default:
          let name = m.typeName(args[0])
          if name == type.name || (type.name == "int" && name == "bool")
            || (type.name == "dict" && (name == "defaultdict" || name == "Counter"))
          {
            return .bool(true)
          }
        }
      }
      return .bool(false)
    }
    function("hash") { m, args, _ throws(PythonError) in
      guard let key = PyKey(args[0]) else { throw m.raise("TypeError", "unhashable type: '\(m.typeName(args[0]))'") }
      // An object's is its address's in CPython (shifted by four bits); here the address giltutor gave it.
      var objects = false
      let bits = key.pythonHash { _ in
        objects = true
        return 0
      }
      if objects {
        guard case .instance(let instance) = args[0] else { throw PythonError.unsupported("hash() of this object") }
        return .int(Int64(instance.address >> 4))
      }
      return .int(Int64(bitPattern: bits))
    }
    function("issubclass") { m, args, _ throws(PythonError) in
      guard case .type(let type) = args[0] else { throw m.raise("TypeError", "issubclass() arg 1 must be a class") }
      let types: [PyValue] = if case .tuple(let items) = args[1] { items } else { [args[1]] }
      for candidate in types {
        guard case .type(let base) = candidate else {
          throw m.raise("TypeError", "issubclass() arg 2 must be a class, a tuple of classes, or a union")
        }
        if type.isSubclass(of: base) || base.name == "object" || (base.name == "int" && type.name == "bool")
          || (base.name == "dict" && (type.name == "defaultdict" || type.name == "Counter"))
        {
          return .bool(true)
        }
      }
      return .bool(false)
    }
    function("round") { m, args, _ throws(PythonError) in
      if case .int(let i) = m.numeric(args[0]) ?? .none {
        // An int to tens, hundreds…: half to even, as long_round does (round(25, -1) is 20).
        guard args.count > 1, case .int(let digits) = args[1], digits < 0 else { return .int(i) }
        guard -digits <= 18 else { return .int(0) }
        let unit = Int64(pow10: Int(-digits))
        var q = PythonMachine.floorDivide(i, unit)
        let r = i - q * unit
        if 2 * r > unit || (2 * r == unit && q & 1 == 1) { q += 1 }
        return .int(q * unit)
      }
      guard case .float(let d) = m.numeric(args[0]) ?? .none else { return args[0] }
      if args.count > 1, case .int(let digits) = args[1] {
        guard d.isFinite else { return .float(d) }
        if digits < 0 {
          let unit = integralPower(10, Double(-digits))
          return .float((d / unit).rounded(.toNearestOrEven) * unit)
        }
        // Rounded from the exact binary value, as CPython does: round(2.675, 2) is 2.67.
        let text = (d < 0 ? "-" : "") + m.fixed(d.magnitude, Int(digits))
        return .float(Double(text) ?? d)
      }
      return .int(Int64(d.rounded(.toNearestOrEven)))
    }
    function("type") { m, args, _ throws(PythonError) in
      guard args.count == 1 else { throw PythonError.unsupported("type() with 3 arguments") }
      switch args[0] {
      case .instance(let i): return .type(i.type)
      case .exception(let e): return .type(e.type)
      default:
        let name = m.typeName(args[0])
        if let known = m.builtinTypes[name] { return .type(known) }
        let made = PyType(
          name: name,
          builtin: PyBuiltin(name: name) { m, _, _ throws(PythonError) in
            throw m.raise("TypeError", "cannot create '\(name)' instances")
          })
        m.builtinTypes[name] = made
        return .type(made)
      }
    }
    function("__build_class__") { m, args, _ throws(PythonError) in
      guard case .function(let body) = args[0], case .str(let name) = args[1] else {
        throw PythonError.unsupported("__build_class__")
      }
      let bases = args.dropFirst(2).compactMap { if case .type(let t) = $0 { t } else { nil } }
      let namespace = PyDict()
      _ = try m.execute(
        CompiledCode.make(body.code), globals: body.globals, locals: namespace, arguments: [], closure: body.closure)
      var attributes: [String: PyValue] = [:]
      for (k, v) in namespace.entries { if case .str(let key) = k { attributes[key] = v } }
      return .type(PyType(name: name, bases: Array(bases), attributes: attributes))
    }
  }

  /// A built-in's keyword arguments are among those it takes, with CPython's message otherwise.
  func checkKeywords(_ keywords: [(String, PyValue)], _ allowed: Set<String>, _ function: String) throws(PythonError) {
    for (name, _) in keywords where !allowed.contains(name) {
      throw raise("TypeError", "'\(name)' is an invalid keyword argument for \(function)()")
    }
  }

  func extreme(_ args: [PyValue], _ keywords: [(String, PyValue)], sign: Int, name: String) throws(PythonError)
    -> PyValue
  {
    let items = args.count == 1 ? try iterate(args[0]) : args
    if args.count == 1 { chargeC(args[0], items.count, each: CWork.extremeItem) }
    let key = keywords.first { $0.0 == "key" }?.1
    if let fallback = keywords.first(where: { $0.0 == "default" })?.1, items.isEmpty { return fallback }
    guard var best = items.first else { throw raise("ValueError", "\(name)() iterable argument is empty") }
    var bestKey = try key.map { k throws(PythonError) in try call(k, [best], []) } ?? best
    for item in items.dropFirst() {
      let itemKey = try key.map { k throws(PythonError) in try call(k, [item], []) } ?? item
      if try ordering(itemKey, bestKey, symbol: sign < 0 ? "<" : ">") * sign > 0 {
        best = item
        bestKey = itemKey
      }
    }
    return best
  }

  /// `list.sort(key=, reverse=)`: stable, as Python's.
  func sort(_ list: PyList, _ keywords: [(String, PyValue)]) throws(PythonError) {
    let key = keywords.first { $0.0 == "key" }?.1
    if key == nil { try chargeSort(list.items) }
    let reverse = try keywords.first { $0.0 == "reverse" }.map { k throws(PythonError) in try truth(k.1) } ?? false
    let keyed = try list.items.map { v throws(PythonError) in
      (try key.map { k throws(PythonError) in try call(k, [v], []) } ?? v, v)
    }
    var failure: PythonError? = nil
    let sorted = keyed.enumerated().sorted { a, b in
      do throws(PythonError) {
        let order = try ordering(a.element.0, b.element.0, symbol: "<")
        if order == 0 { return a.offset < b.offset }
        return reverse ? order > 0 : order < 0
      } catch {
        failure = error
        return false
      }
    }
    if let failure { throw failure }
    list.items = sorted.map { $0.element.1 }
  }

  /// Runs the code of `_threading` and makes each function of each of its classes a method of the class of the
  /// same name in `module` (`Condition.wait_for`, Python code in CPython too).
  private func adoptMethods(_ code: CodeObject, into module: PyModule) throws(PythonError) {
    let globals = PyDict()
    globals.set(.str("__name__"), .str("__name__"), .str(module.name))
    // Its own `import threading` must not load it again.
    modules[module.name] = module
    _ = try execute(CompiledCode.make(code), globals: globals, locals: globals, arguments: [])
    for (key, value) in globals.entries {
      guard case .str(let name) = key, case .type(let holder) = value else { continue }
      guard case .type(let target)? = module.attributes[name] else {
        // A class the module does not have (`Timer`): it joins the module.
        // (A private one too, as CPython's modules keep theirs: `threading._ConditionOverLock`.)
        module.attributes[name] = value
        continue
      }
      for (method, function) in holder.attributes where function.isFunction { target.attributes[method] = function }
    }
  }

  /// `import NAME`: the top package of a dotted name (`import a.b` binds `a`), or with `from` (`leaf`) the module
  /// itself. A module is made once: `__future__`, the scheduler's (`threading`, `queue`, `time`, `sys`), or one
  /// written in Python that the program's compilation brought along (`concurrent.futures`), whose code runs here.
  func importModule(_ name: String, leaf: Bool = true) throws(PythonError) -> PyValue {
    let parts = name.split(separator: ".").map(String.init)
    var parent: PyModule? = nil
    for k in parts.indices {
      let prefix = parts[...k].joined(separator: ".")
      let module = try loadModule(prefix)
      parent?.attributes[parts[k]] = .module(module)
      parent = module
    }
    return leaf ? .module(parent!) : .module(modules[parts[0]]!)
  }

  private func loadModule(_ name: String) throws(PythonError) -> PyModule {
    if let module = modules[name] { return module }
    let module: PyModule
    if name == "__future__" {
      module = PyModule(name: name, attributes: ["print_function": .none, "annotations": .none])
    } else if let made = schedulerModule(name) {
      module = made
      if name == "threading" || name == "queue", let code = sourceModules["_" + name] {
        try adoptMethods(code, into: module)
      }
    } else if let code = sourceModules[name] {
      let globals = PyDict()
      globals.set(.str("__name__"), .str("__name__"), .str(name))
      _ = try execute(CompiledCode.make(code), globals: globals, locals: globals, arguments: [])
      var attributes: [String: PyValue] = [:]
      for (key, value) in globals.entries { if case .str(let s) = key { attributes[s] = value } }
      module = PyModule(name: name, attributes: attributes)
    } else if sourceModules.keys.contains(where: { $0.hasPrefix(name + ".") }) {
      module = PyModule(name: name, attributes: [:])  // a package whose modules are written in Python
    } else if !Self.standardModules.contains(String(name.prefix { $0 != "." })) {
      // No such module in Python 3 (Python 2's `Queue`, a typo): CPython's error, which a program may catch.
      throw raising(
        PyException(type: exceptionTypes["ModuleNotFoundError"]!, arguments: [.str("No module named '\(name)'")]))
    } else {
      throw PythonError.unsupported("the module '\(name)'")
    }
    modules[name] = module
    return module
  }

  // MARK: methods of built-in types

  func builtinMethod(_ object: PyValue, _ name: String, _ args: [PyValue], _ keywords: [(String, PyValue)])
    throws(PythonError) -> PyValue
  {
    try checkArity(typeName(object) + "." + name, args.count)
    if case .generator(let generator) = object { return try generatorMethod(generator, name, args) }
    switch (object, name) {
    // A Counter's own methods, and its `update`, which adds counts where a dict's replaces values.
    case (.dict(let d), _)
    where d.isCounter && ["update", "subtract", "most_common", "elements", "total"].contains(name):
      return try counterMethod(d, name, args, keywords)
    case (.list(let l), "append"):
      l.items.append(args[0])
      return .none
    case (.list(let l), "extend"):
      l.items += try iterate(args[0])
      return .none
    case (.list(let l), "insert"):
      guard case .int(var i) = numeric(args[0]) else { throw raise("TypeError", "an integer is required") }
      if i < 0 { i = max(0, i + Int64(l.items.count)) }
      l.items.insert(args[1], at: Int(min(i, Int64(l.items.count))))
      return .none
    case (.list(let l), "pop"):
      guard !l.items.isEmpty else { throw raise("IndexError", "pop from empty list") }
      var i = Int64(l.items.count - 1)
      if let first = args.first, case .int(let k) = numeric(first) { i = k < 0 ? k + Int64(l.items.count) : k }
      guard i >= 0 && i < l.items.count else { throw raise("IndexError", "pop index out of range") }
      return l.items.remove(at: Int(i))
    case (.list(let l), "remove"):
      for (i, item) in l.items.enumerated() where try equal(item, args[0]) {
        l.items.remove(at: i)
        return .none
      }
      throw raise("ValueError", "list.remove(x): x not in list")
    case (.list(let l), "sort"):
      try sort(l, keywords)
      return .none
    case (.list(let l), "reverse"):
      l.items.reverse()
      return .none
    case (.list(let l), "clear"):
      l.items = []
      return .none
    case (.list(let l), "copy"): return .list(PyList(l.items))
    case (.list, "index"), (.tuple, "index"):
      for (i, item) in try iterate(object).enumerated() where try equal(item, args[0]) { return .int(Int64(i)) }
      throw raise("ValueError", "\(try repr(args[0])) is not in list")
    case (.list, "count"), (.tuple, "count"):
      var n: Int64 = 0
      for item in try iterate(object) where try equal(item, args[0]) { n += 1 }
      return .int(n)
    case (.dict(let d), "get"): return d.get(try hashKey(args[0])) ?? (args.count > 1 ? args[1] : .none)
    case (.dict(let d), "items"): return .list(PyList(d.entries.map { .tuple([$0.0, $0.1]) }))
    case (.dict(let d), "keys"): return .list(PyList(d.keys))
    case (.dict(let d), "values"): return .list(PyList(d.values))
    case (.dict(let d), "setdefault"):
      let key = try hashKey(args[0])
      if let value = d.get(key) { return value }
      let value = args.count > 1 ? args[1] : .none
      d.set(key, args[0], value)
      return value
    case (.dict(let d), "pop"):
      if let value = d.remove(try hashKey(args[0])) { return value }
      if args.count > 1 { return args[1] }
      throw raising(PyException(type: exceptionTypes["KeyError"]!, arguments: [args[0]]))
    case (.dict(let d), "popitem"):
      guard let key = d.keys.last else {
        throw raising(
          PyException(type: exceptionTypes["KeyError"]!, arguments: [.str("popitem(): dictionary is empty")]))
      }
      return .tuple([key, d.remove(try hashKey(key)) ?? .none])
    case (.dict(let d), "update"):
      if let source = args.first, case .dict(let other) = source {
        for (k, v) in other.entries { d.set(try hashKey(k), k, v) }
      } else if let source = args.first {
        // An iterable of pairs.
        for pair in try iterate(source) {
          let items = try iterate(pair)
          guard items.count == 2 else {
            throw raise(
              "ValueError", "dictionary update sequence element #0 has length \(items.count); 2 is required")
          }
          d.set(try hashKey(items[0]), items[0], items[1])
        }
      }
      for (k, v) in keywords { d.set(.str(k), .str(k), v) }
      return .none
    case (.dict(let d), "clear"):
      for key in d.keys { d.remove(try hashKey(key)) }
      return .none
    case (.dict(let d), "copy"):
      let copy = PyDict()
      copy.defaultFactory = d.defaultFactory
      copy.isCounter = d.isCounter
      for (k, v) in d.entries { copy.set(try hashKey(k), k, v) }
      return .dict(copy)
    case (.set(let s), _): return try setMethod(s, name, args)
    case (.str(let s), _): return try stringMethod(s, name, args, keywords)
    default:
      throw attributeError(object, name)
    }
  }

  /// A set's methods; the operations take any iterable, as CPython's do.
  private func setMethod(_ s: PySet, _ name: String, _ args: [PyValue]) throws(PythonError) -> PyValue {
    func asSet(_ value: PyValue) throws(PythonError) -> PySet {
      if case .set(let set) = value { return set }
      let made = PySet()
      for item in try iterate(value) { made.insert(try hashKey(item), item) }
      return made
    }
    switch name {
    case "add":
      s.insert(try hashKey(args[0]), args[0])
      return .none
    case "discard", "remove":
      let key = try hashKey(args[0])
      guard s.items[key] != nil else {
        if name == "discard" { return .none }
        throw raising(PyException(type: exceptionTypes["KeyError"]!, arguments: [args[0]]))
      }
      s.remove(key)
      return .none
    case "pop":
      guard let key = s.order.first else {
        throw raising(PyException(type: exceptionTypes["KeyError"]!, arguments: [.str("pop from an empty set")]))
      }
      let value = s.items[key]!
      s.remove(key)
      return value
    case "clear":
      s.removeAll()
      return .none
    case "update":
      for argument in args { for item in try iterate(argument) { s.insert(try hashKey(item), item) } }
      return .none
    case "copy": return .set(s.copy())
    case "union", "intersection", "difference", "symmetric_difference":
      var result = s.copy()
      let op = ["union": 7, "intersection": 1, "difference": 10, "symmetric_difference": 12][name]!
      for argument in args { result = Self.setOperation(result, op, try asSet(argument)) }
      return .set(result)
    case "issubset":
      let other = try asSet(args[0])
      return .bool(s.order.allSatisfy { other.items[$0] != nil })
    case "issuperset":
      let other = try asSet(args[0])
      return .bool(other.order.allSatisfy { s.items[$0] != nil })
    case "isdisjoint":
      let other = try asSet(args[0])
      return .bool(!s.order.contains { other.items[$0] != nil })
    default: throw attributeError(.set(s), name)
    }
  }

  /// `str.find`, `rfind`, `index`, `rindex` and `count` of `needle` within `s[start:end]` (code points, the bounds
  /// as a slice's: negative from the end, None for none).
  private func search(_ s: String, _ name: String, _ needle: String, _ bounds: ArraySlice<PyValue>)
    throws(PythonError) -> PyValue
  {
    let text = Array(s.unicodeScalars)
    let pattern = Array(needle.unicodeScalars)
    func bound(_ k: Int, _ otherwise: Int) throws(PythonError) -> Int {
      guard k < bounds.count else { return otherwise }
      switch bounds[bounds.startIndex + k] {
      case .none: return otherwise
      case .int(let i): return i < 0 ? max(0, Int(i) + text.count) : Int(min(i, Int64(Int.max / 2)))
      case .bool(let b): return b ? 1 : 0
      default: throw raise("TypeError", "slice indices must be integers or None or have an __index__ method")
      }
    }
    let start = try bound(0, 0)
    let end = min(try bound(1, text.count), text.count)
    var matches: [Int] = []
    if start <= text.count && end - start >= pattern.count {
      var i = start
      while i + pattern.count <= end {
        if text[i..<(i + pattern.count)].elementsEqual(pattern) {
          matches.append(i)
          // count takes matches that do not overlap; the others want the first or the last.
          if name == "count" { i += max(pattern.count, 1) } else { i += 1 }
          if name == "find" || name == "index" { break }
        } else {
          i += 1
        }
      }
    }
    if name == "count" { return .int(Int64(matches.count)) }
    let found = (name.hasPrefix("r") ? matches.last : matches.first) ?? -1
    if found < 0 && name.hasSuffix("index") { throw raise("ValueError", "substring not found") }
    return .int(Int64(found))
  }

  /// `str.splitlines`: the lines of `s`, split where CPython splits them (`\n`, `\r\n`, `\r`, `\v`, `\f`,
  /// `\x1c`-`\x1e`, `\x85`, `\u2028`, `\u2029`), each with its end if `keepEnds`.
  static func lines(of s: String, keepEnds: Bool) -> [String] {
    var lines: [String] = []
    var line = String.UnicodeScalarView()
    var scalars = s.unicodeScalars.makeIterator()
    var pending = scalars.next()
    while let scalar = pending {
      pending = scalars.next()
      switch scalar.value {
      case 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029:
        if keepEnds { line.append(scalar) }
        if scalar.value == 0x0D, let next = pending, next.value == 0x0A {
          if keepEnds { line.append(next) }
          pending = scalars.next()
        }
        lines.append(String(line))
        line = String.UnicodeScalarView()
      default: line.append(scalar)
      }
    }
    if !line.isEmpty { lines.append(String(line)) }
    return lines
  }

  /// Python's whitespace (`str.isspace`): Unicode's, and the separators \x1c-\x1f.
  static func isSpace(_ c: Character) -> Bool {
    c.unicodeScalars.allSatisfy { $0.properties.isWhitespace || (0x1C...0x1F).contains($0.value) }
  }

  /// `str.split()` and `rsplit()` without a separator: runs of whitespace, at most `limit` splits (-1: all).
  static func splitOnSpace(_ s: String, _ limit: Int, _ name: String) -> [String] {
    var words = s.split(whereSeparator: isSpace).map(String.init)
    guard limit >= 0 && words.count > limit + 1 else { return words }
    if name == "split" {
      // The rest from the start of the word after the limit, its inner whitespace kept, the trailing dropped.
      var rest = Substring(s)
      for _ in 0..<limit {
        rest = rest.drop(while: isSpace)
        rest = rest.drop { !isSpace($0) }
      }
      rest = rest.drop(while: isSpace)
      while let last = rest.last, isSpace(last) { rest.removeLast() }
      words = Array(words[..<limit]) + [String(rest)]
    } else {
      var rest = Substring(s)
      for _ in 0..<limit {
        while let last = rest.last, isSpace(last) { rest.removeLast() }
        while let last = rest.last, !isSpace(last) { rest.removeLast() }
      }
      while let last = rest.last, isSpace(last) { rest.removeLast() }
      rest = rest.drop(while: isSpace)
      words = [String(rest)] + Array(words[(words.count - limit)...])
    }
    return words
  }

  /// `str.replace(old, new, count)`: the first `count` occurrences (-1: all).
  static func replacing(_ s: String, _ old: String, with new: String, count: Int) -> String {
    guard count != 0 else { return s }
    let parts = s.splitting(by: old)
    guard count > 0, parts.count - 1 > count else { return parts.joined(separator: new) }
    return parts[...count].joined(separator: new) + old + parts[(count + 1)...].joined(separator: old)
  }

  private func stringMethod(_ s: String, _ name: String, _ args: [PyValue], _ keywords: [(String, PyValue)])
    throws(PythonError) -> PyValue
  {
    func argument(_ i: Int) throws(PythonError) -> String {
      guard i < args.count, case .str(let t) = args[i] else {
        throw raise("TypeError", "\(name)() argument must be str")
      }
      return t
    }
    func whole(_ value: PyValue) throws(PythonError) -> Int {
      guard case .int(let i) = numeric(value) else {
        throw raise("TypeError", "'\(typeName(value))' object cannot be interpreted as an integer")
      }
      return Int(clamping: i)
    }
    switch name {
    case "join":
      let joined = try iterate(args[0])
      chargeC(args[0], joined.count, each: CWork.joinItem)
      let parts = try joined.map { v throws(PythonError) -> String in
        guard case .str(let t) = v else {
          throw raise("TypeError", "sequence item: expected str instance, \(typeName(v)) found")
        }
        return t
      }
      return .str(parts.joined(separator: s))
    // Bytes are strings inside giltutor: encoding and decoding (UTF-8, the default) leave the text as it is.
    case "encode", "decode": return .str(s)
    case "upper": return .str(s.uppercased())
    case "lower": return .str(s.lowercased())
    case "strip", "lstrip", "rstrip":
      // Whitespace, or any of the characters given.
      var strip: (Character) -> Bool = Self.isSpace
      if let chars = args.first, case .str(let set) = chars { strip = { set.contains($0) } }
      var t = Substring(s)
      if name != "rstrip" { t = t.drop(while: strip) }
      if name != "lstrip" { while let last = t.last, strip(last) { t.removeLast() } }
      return .str(String(t))
    case "swapcase":
      return .str(String(s.map { $0.isUppercase ? Character($0.lowercased()) : Character($0.uppercased()) }))
    case "isalpha": return .bool(!s.isEmpty && s.allSatisfy(\.isLetter))
    case "isalnum": return .bool(!s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber })
    case "isspace": return .bool(!s.isEmpty && s.allSatisfy(Self.isSpace))
    case "isupper": return .bool(s.contains(where: \.isUppercase) && !s.contains(where: \.isLowercase))
    case "islower": return .bool(s.contains(where: \.isLowercase) && !s.contains(where: \.isUppercase))
    case "isdecimal", "isnumeric": return .bool(!s.isEmpty && s.allSatisfy { $0.isWholeNumber })
    case "partition", "rpartition":
      let separator = try argument(0)
      guard !separator.isEmpty else { throw raise("ValueError", "empty separator") }
      let parts = s.splitting(by: separator)
      guard parts.count > 1 else {
        return name == "partition" ? .tuple([.str(s), .str(""), .str("")]) : .tuple([.str(""), .str(""), .str(s)])
      }
      let (left, right) =
        name == "partition"
        ? (parts[0], parts.dropFirst().joined(separator: separator))
        : (parts.dropLast().joined(separator: separator), parts[parts.count - 1])
      return .tuple([.str(left), .str(separator), .str(right)])
    case "removeprefix":
      let prefix = try argument(0)
      return .str(s.hasPrefix(prefix) ? String(s.dropFirst(prefix.count)) : s)
    case "removesuffix":
      let suffix = try argument(0)
      return .str(s.hasSuffix(suffix) && !suffix.isEmpty ? String(s.dropLast(suffix.count)) : s)
    case "expandtabs":
      let size = try args.first.map { v throws(PythonError) in try whole(v) } ?? 8
      var out = ""
      var column = 0
      for c in s {
        if c == "\t" {
          let spaces = size > 0 ? size - column % size : 0
          out += String(repeating: " ", count: spaces)
          column += spaces
        } else {
          out.append(c)
          column = c == "\n" || c == "\r" ? 0 : column + 1
        }
      }
      return .str(out)
    case "startswith", "endswith": return .bool(try affix(s, name, args))
    case "replace":
      let count = try args.count > 2 ? whole(args[2]) : -1
      return .str(Self.replacing(s, try argument(0), with: try argument(1), count: count))
    case "split", "rsplit":
      let separatorValue = args.first ?? keywords.first { $0.0 == "sep" }?.1 ?? .none
      let limitValue = args.count > 1 ? args[1] : keywords.first { $0.0 == "maxsplit" }?.1 ?? .int(-1)
      let limit = try whole(limitValue)
      if case .none = separatorValue { return .list(PyList(Self.splitOnSpace(s, limit, name).map { .str($0) })) }
      guard case .str(let separator) = separatorValue else {
        throw raise("TypeError", "must be str or None, not \(typeName(separatorValue))")
      }
      guard !separator.isEmpty else { throw raise("ValueError", "empty separator") }
      var parts = name == "split" ? s.splitting(by: separator) : s.splitting(by: separator)
      if limit >= 0 && parts.count > limit + 1 {
        parts =
          name == "split"
          ? Array(parts[..<limit]) + [parts[limit...].joined(separator: separator)]
          : [parts[..<(parts.count - limit)].joined(separator: separator)] + Array(parts[(parts.count - limit)...])
      }
      return .list(PyList(parts.map { .str($0) }))
    case "splitlines":
      var keepEnds = false
      if let first = args.first {
        keepEnds = try truth(first)
      } else if let keyword = keywords.first(where: { $0.0 == "keepends" }) {
        keepEnds = try truth(keyword.1)
      }
      return .list(PyList(Self.lines(of: s, keepEnds: keepEnds).map { .str($0) }))
    case "find", "rfind", "index", "rindex", "count":
      return try search(s, name, try argument(0), args.dropFirst())
    case "isdigit": return .bool(!s.isEmpty && s.allSatisfy { $0.isNumber })
    case "format":
      return .str(try formatString(s, args, keywords))
    case "capitalize":
      guard let first = s.first else { return .str(s) }
      return .str(first.uppercased() + s.dropFirst().lowercased())
    case "title":
      // A letter after a letter is lowered, any other raised (str.title's words are runs of letters).
      var out = ""
      var previousIsLetter = false
      for c in s {
        out += previousIsLetter ? c.lowercased() : c.uppercased()
        previousIsLetter = c.isLetter
      }
      return .str(out)
    case "ljust", "rjust", "center", "zfill":
      guard case .int(let width) = numeric(args.first ?? .none) else {
        throw raise("TypeError", "an integer is required")
      }
      var fill = " "
      if args.count > 1 {
        guard case .str(let f) = args[1], f.count == 1 else {
          throw raise("TypeError", "The fill character must be exactly one character long")
        }
        fill = f
      }
      let pad = max(0, Int(width) - s.count)
      switch name {
      case "ljust": return .str(s + String(repeating: fill, count: pad))
      case "rjust": return .str(String(repeating: fill, count: pad) + s)
      case "zfill":
        // After the sign, if there is one.
        if let sign = s.first, sign == "-" || sign == "+" {
          return .str(String(sign) + String(repeating: "0", count: pad) + s.dropFirst())
        }
        return .str(String(repeating: "0", count: pad) + s)
      default:
        // unicodeobject.c's pad: the odd space goes left when the width is odd.
        let left = pad / 2 + (pad & Int(width) & 1)
        return .str(String(repeating: fill, count: left) + s + String(repeating: fill, count: pad - left))
      }
    default:
      throw attributeError(.str(s), name)
    }
  }
}

extension String {
  var trimmingSpaces: String {
    var t = Substring(self)
    while let first = t.first, first == " " || first == "\n" || first == "\t" { t.removeFirst() }
    while let last = t.last, last == " " || last == "\n" || last == "\t" { t.removeLast() }
    return String(t)
  }

  var replacingUnderscores: String { split(separator: "_").joined() }

  func range(of needle: String) -> Range<String.Index>? {
    guard !needle.isEmpty else { return startIndex..<startIndex }
    var i = startIndex
    while i < endIndex {
      if self[i...].hasPrefix(needle) { return i..<index(i, offsetBy: needle.count) }
      i = index(after: i)
    }
    return nil
  }

  func splitting(by separator: String) -> [String] {
    guard !separator.isEmpty else { return [self] }
    var parts: [String] = []
    var rest = Substring(self)
    while let r = String(rest).range(of: separator) {
      let prefix = String(rest)[..<r.lowerBound]
      parts.append(String(prefix))
      rest = rest.dropFirst(prefix.count + separator.count)
    }
    parts.append(String(rest))
    return parts
  }

  func replacingAll(_ old: String, with new: String) -> String {
    splitting(by: old).joined(separator: new)
  }
}

extension PythonMachine {
  /// `s.startswith(prefix[, start[, end]])` and `endswith`: a str or a tuple of them, within `s[start:end]`
  /// (indices in code points, clamped as slices are).
  func affix(_ s: String, _ name: String, _ args: [PyValue]) throws(PythonError) -> Bool {
    let scalars = Array(s.unicodeScalars)
    func bound(_ k: Int, _ fallback: Int) throws(PythonError) -> Int {
      guard k < args.count, !isNone(args[k]) else { return fallback }
      guard case .int(var i)? = numeric(args[k]) else {
        throw raise("TypeError", "slice indices must be integers or None or have an __index__ method")
      }
      if i < 0 { i += Int64(scalars.count) }
      return Int(min(max(i, 0), Int64(scalars.count)))
    }
    let low = try bound(1, 0)
    let high = try bound(2, scalars.count)
    let part = low < high ? String(String.UnicodeScalarView(scalars[low..<high])) : ""
    let candidates: [PyValue] = if case .tuple(let items) = args[0] { items } else { [args[0]] }
    for candidate in candidates {
      guard case .str(let affix) = candidate else {
        throw raise(
          "TypeError",
          "\(name) first arg must be str or a tuple of str, not \(typeName(candidate))")
      }
      if low > scalars.count { continue }
      if name == "startswith"
        ? part.unicodeScalars.starts(with: affix.unicodeScalars)
        : Array(part.unicodeScalars).reversed().starts(with: Array(affix.unicodeScalars).reversed())
      {
        return true
      }
    }
    return false
  }
}

extension PythonMachine {
  /// `int(text, base)`: base 2-36, or 0 for the base the literal's prefix says (0x, 0o, 0b), with CPython's errors.
  func integer(_ value: PyValue, base: PyValue) throws(PythonError) -> PyValue {
    guard case .int(var radix)? = numeric(base) else {
      throw raise("TypeError", "'\(typeName(base))' object cannot be interpreted as an integer")
    }
    let originalRadix = radix
    guard case .str(let s) = value else {
      throw raise("TypeError", "int() can't convert non-string with explicit base")
    }
    guard radix == 0 || (2...36).contains(radix) else {
      throw raise("ValueError", "int() base must be >= 2 and <= 36, or 0")
    }
    var text = s.trimmingSpaces.replacingUnderscores.lowercased()
    var negative = false
    if text.hasPrefix("-") || text.hasPrefix("+") {
      negative = text.hasPrefix("-")
      text.removeFirst()
    }
    for (prefix, prefixRadix) in [("0x", Int64(16)), ("0o", 8), ("0b", 2)]
    where text.hasPrefix(prefix) && (radix == 0 || radix == prefixRadix) {
      text.removeFirst(2)
      radix = prefixRadix
    }
    if radix == 0 { radix = 10 }
    guard !text.isEmpty, let magnitude = Int64(text, radix: Int(radix)) else {
      throw raise(
        "ValueError", "invalid literal for int() with base \(originalRadix): \(PythonConstant.stringRepr(s))")
    }
    return .int(negative ? -magnitude : magnitude)
  }
}

extension Int64 {
  /// 10 to the `exponent` (at most 18).
  init(pow10 exponent: Int) {
    self = (0..<exponent).reduce(1) { value, _ in value * 10 }
  }
}
