/// How many positional arguments the built-ins and the methods of built-in types take, where the subset reads them
/// by position, with CPython 3.12's TypeError for a call with too few or too many: a learner's `[].append()` is
/// Python's error, not a crash.
extension PythonMachine {
  struct Arity {
    var minimum: Int
    var maximum: Int
    /// CPython's message for `count` arguments.
    var message: @Sendable (Int) -> String
  }

  /// `repr() takes exactly one argument (0 given)`, `list.append() takes exactly one argument (2 given)`.
  private static func exactlyOne(_ name: String) -> Arity {
    Arity(minimum: 1, maximum: 1) { "\(name)() takes exactly one argument (\($0) given)" }
  }

  /// `sorted expected 1 argument, got 0`, `replace expected at least 2 arguments, got 1`.
  private static func expected(_ name: String, _ minimum: Int, _ maximum: Int) -> Arity {
    Arity(minimum: minimum, maximum: maximum) { count in
      let bound = minimum == maximum ? "" : count < minimum ? "at least " : "at most "
      let n = count < minimum ? minimum : maximum
      return "\(name) expected \(bound)\(n) argument\(n == 1 ? "" : "s"), got \(count)"
    }
  }

  /// `startswith() takes at least 1 argument (0 given)`.
  private static func atLeast(_ name: String, _ minimum: Int, _ maximum: Int = .max) -> Arity {
    Arity(minimum: minimum, maximum: maximum) { count in
      count < minimum
        ? "\(name)() takes at least \(minimum) argument\(minimum == 1 ? "" : "s") (\(count) given)"
        : "\(name)() takes at most \(maximum) argument\(maximum == 1 ? "" : "s") (\(count) given)"
    }
  }

  /// By built-in function name, and by `type.method` for methods (their `self` not counted).
  static let arities: [String: Arity] = {
    var table: [String: Arity] = [:]
    for name in ["repr", "abs", "len"] { table[name] = exactlyOne(name) }
    table["sum"] = Arity(minimum: 1, maximum: 2) { "sum() takes at least 1 positional argument (\($0) given)" }
    table["sorted"] = expected("sorted", 1, 1)
    table["reversed"] = expected("reversed", 1, 1)
    table["isinstance"] = expected("isinstance", 2, 2)
    table["issubclass"] = expected("issubclass", 2, 2)
    table["hash"] = exactlyOne("hash")
    for method in ["issubset", "issuperset", "isdisjoint"] { table["set." + method] = exactlyOne("set." + method) }
    for name in ["set.copy", "set.pop", "set.clear", "dict.popitem"] {
      table[name] = Arity(minimum: 0, maximum: 0) { "\(name)() takes no arguments (\($0) given)" }
    }
    table["min"] = expected("min", 1, .max)
    table["max"] = expected("max", 1, .max)
    table["enumerate"] = Arity(minimum: 1, maximum: 2) { _ in "enumerate() missing required argument 'iterable'" }
    table["round"] = Arity(minimum: 1, maximum: 2) { _ in "round() missing required argument 'number' (pos 1)" }
    table["type"] = Arity(minimum: 1, maximum: 1) { _ in "type() takes 1 or 3 arguments" }
    table["any"] = exactlyOne("any")
    table["all"] = exactlyOne("all")
    table["map"] = Arity(minimum: 2, maximum: .max) { _ in "map() must have at least two arguments." }
    table["filter"] = expected("filter", 2, 2)
    table["iter"] = expected("iter", 1, 2)
    table["next"] = expected("next", 1, 2)
    table["pow"] = Arity(minimum: 2, maximum: 3) { count in
      count < 2
        ? "pow() missing required argument '\(count == 0 ? "base" : "exp")' (pos \(count + 1))"
        : "pow() takes at most 3 arguments (\(count) given)"
    }
    table["divmod"] = expected("divmod", 2, 2)
    for name in ["chr", "ord", "hex", "bin", "oct", "callable"] { table[name] = exactlyOne(name) }
    table["getattr"] = expected("getattr", 2, 3)
    table["hasattr"] = expected("hasattr", 2, 2)
    table["setattr"] = expected("setattr", 3, 3)
    table["__build_class__"] = Arity(minimum: 2, maximum: .max) { _ in "__build_class__: not enough arguments" }
    for name in [
      "list.append", "list.extend", "list.count", "list.remove", "set.add", "set.discard", "set.remove", "str.join",
      "tuple.count", "str.zfill",
    ] {
      table[name] = exactlyOne(name)
    }
    table["list.insert"] = expected("insert", 2, 2)
    for type in ["list", "tuple"] { table[type + ".index"] = expected("index", 1, 3) }
    for method in ["get", "setdefault", "pop"] { table["dict." + method] = expected(method, 1, 2) }
    for method in ["startswith", "endswith", "find", "rfind", "index", "rindex", "count"] {
      table["str." + method] = atLeast(method, 1, 3)
    }
    table["str.replace"] = expected("replace", 2, 3)
    for method in ["ljust", "rjust", "center"] { table["str." + method] = expected(method, 1, 2) }
    table["str.split"] = atLeast("split", 0, 2)
    table["str.rsplit"] = atLeast("rsplit", 0, 2)
    for method in ["strip", "lstrip", "rstrip", "expandtabs"] { table["str." + method] = atLeast(method, 0, 1) }
    for method in ["partition", "rpartition", "removeprefix", "removesuffix"] {
      table["str." + method] = expected(method, 1, 1)
    }
    for method in ["encode", "decode"] { table["str." + method] = atLeast(method, 0, 2) }
    table["dict.update"] = expected("update", 0, 1)
    for kind in ["generator", "coroutine"] {
      table[kind + ".send"] = Arity(minimum: 1, maximum: 1) { "send() takes exactly one argument (\($0) given)" }
      table[kind + ".throw"] = expected("throw", 1, 3)
      table[kind + ".close"] = Arity(minimum: 0, maximum: 0) { "close() takes no arguments (\($0) given)" }
    }
    table["generator.__next__"] = Arity(minimum: 0, maximum: 0) { "expected 0 arguments, got \($0)" }
    return table
  }()

  /// CPython's TypeError when `name` is called with `count` positional arguments it does not take.
  func checkArity(_ name: String, _ count: Int) throws(PythonError) {
    guard let arity = Self.arities[name], count < arity.minimum || count > arity.maximum else { return }
    throw raise("TypeError", arity.message(count))
  }
}
