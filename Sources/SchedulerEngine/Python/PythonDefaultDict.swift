/// `collections.defaultdict`: a dict whose missing key's subscript stores and returns what its factory makes, in
/// one step as CPython's C `__missing__` does (for a factory written in C: `int`, `list`, `set`). So
/// `counts[word] += 1` on a shared defaultdict is a read and a write like a plain dict's, and can lose updates
/// between them in the same places.
extension PythonMachine {
  /// The bases of a type whose values are dicts: `dict`.
  var dictBases: [PyType] { if case .type(let t)? = builtins["dict"] { [t] } else { [] } }

  func collectionsModule() -> PyModule {
    let type = PyType(
      name: "defaultdict", bases: dictBases,
      builtin: PyBuiltin(name: "defaultdict") { m, args, keywords throws(PythonError) in
        let factory = args.first ?? .none
        let callable = try m.truth(try m.call(m.builtins["callable"]!, [factory], []))
        guard m.isNone(factory) || callable else {
          throw m.raise("TypeError", "first argument must be callable or None")
        }
        guard case .dict(let made) = try m.call(m.builtins["dict"]!, Array(args.dropFirst()), keywords) else {
          throw PythonError.unsupported("defaultdict")
        }
        made.defaultFactory = factory
        return .dict(made)
      })
    builtinTypes["defaultdict"] = type
    return PyModule(
      name: "_giltutor_collections", attributes: ["defaultdict": .type(type), "Counter": .type(counterType())])
  }
}

/// `collections.Counter`: a dict of counts (CPython's is Python code over a dict, its counting loop in C): a
/// missing key counts 0, `update` and `subtract` add and take away counts from an iterable or a mapping in one
/// step, `most_common` and the repr order by count, the first seen first among equal counts.
extension PythonMachine {
  func counterType() -> PyType {
    let type = PyType(
      name: "Counter", bases: dictBases,
      builtin: PyBuiltin(name: "Counter") { m, args, keywords throws(PythonError) in
        guard args.count <= 1 else { throw m.raise("TypeError", "expected at most 1 argument, got \(args.count)") }
        let counter = PyDict()
        counter.isCounter = true
        _ = try m.counterMethod(counter, "update", args, keywords)
        return .dict(counter)
      })
    builtinTypes["Counter"] = type
    return type
  }

  /// The items by count, highest first (stable: equal counts in the order first seen).
  func mostCommon(_ counter: PyDict) throws(PythonError) -> [(PyValue, PyValue)] {
    var entries = Array(counter.entries)
    var failure: PythonError? = nil
    entries = entries.enumerated().sorted { a, b in
      do throws(PythonError) {
        if try compare(b.element.1, 0, a.element.1) { return true }
        if try compare(a.element.1, 0, b.element.1) { return false }
      } catch { failure = error }
      return a.offset < b.offset
    }.map(\.element)
    if let failure { throw failure }
    return entries
  }

  func counterMethod(_ counter: PyDict, _ name: String, _ args: [PyValue], _ keywords: [(String, PyValue)])
    throws(PythonError) -> PyValue
  {
    switch name {
    case "update", "subtract":
      let sign: Int64 = name == "update" ? 1 : -1
      func add(_ key: PyValue, _ amount: PyValue) throws(PythonError) {
        let hashed = try hashKey(key)
        let now = counter.get(hashed) ?? .int(0)
        counter.set(hashed, key, try binary(now, sign > 0 ? 0 : 10, amount))
      }
      if let source = args.first {
        if case .dict(let mapping) = source {
          for (k, v) in mapping.entries { try add(k, v) }
        } else if !isNone(source) {
          for item in try iterate(source) { try add(item, .int(1)) }
        }
      }
      for (k, v) in keywords { try add(.str(k), v) }
      return .none
    case "most_common":
      var entries = try mostCommon(counter)
      if let n = args.first, case .int(let count)? = numeric(n) { entries = Array(entries.prefix(Int(max(0, count)))) }
      return .list(PyList(entries.map { .tuple([$0.0, $0.1]) }))
    case "elements":
      var items: [PyValue] = []
      for (k, v) in counter.entries {
        if case .int(let count) = v, count > 0 { items += Array(repeating: k, count: Int(count)) }
      }
      return .iterator(PyIterator(.sequence(items)))
    default:  // total
      var sum: PyValue = .int(0)
      for v in counter.values { sum = try binary(sum, 0, v) }
      return sum
    }
  }
}
