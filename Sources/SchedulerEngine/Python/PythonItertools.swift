/// `itertools`: the iterators a threading program counts and slices with, as built-in iterators. CPython's are C
/// code, so one `next()` of an `itertools.count()` shared by threads is one step that no other thread can cut
/// (the classic way to hand out unique numbers without a lock), and so is it here.
extension PythonMachine {
  func itertoolsModule() -> PyModule {
    @Sendable func integer(_ m: PythonMachine, _ value: PyValue, _ what: String) throws(PythonError) -> Int64 {
      guard case .int(let i)? = m.numeric(value) else {
        throw m.raise("TypeError", "\(what) must be an integer, not \(m.typeName(value))")
      }
      return i
    }
    /// An iterable as a built-in iterator: itself when it is one, else its items taken now (the subset's
    /// iterables are finite).
    @Sendable func iterator(_ m: PythonMachine, _ value: PyValue) throws(PythonError) -> PyIterator {
      if case .iterator(let existing) = value { return existing }
      if case .range(let start, let stop, let step) = value {
        return PyIterator(.range(start: start, stop: stop, step: step))
      }
      return PyIterator(.sequence(try m.iterate(value)))
    }
    return PyModule(
      name: "itertools",
      attributes: [
        "count": .builtin(
          PyBuiltin(name: "count") { m, args, keywords throws(PythonError) in
            var start = args.count > 0 ? args[0] : .int(0)
            var step = args.count > 1 ? args[1] : .int(1)
            for (key, value) in keywords {
              switch key {
              case "start": start = value
              case "step": step = value
              default: throw m.raise("TypeError", "count() got an unexpected keyword argument '\(key)'")
              }
            }
            guard args.count <= 2 else {
              throw m.raise("TypeError", "count expected at most 2 arguments, got \(args.count)")
            }
            let first = try integer(m, start, "start")
            return .iterator(PyIterator(.count(start: first, step: try integer(m, step, "step"))))
          }),
        "repeat": .builtin(
          PyBuiltin(name: "repeat") { m, args, keywords throws(PythonError) in
            var times: Int64? = nil
            if args.count > 1 { times = try integer(m, args[1], "times") }
            if let value = keywords.first(where: { $0.0 == "times" })?.1 { times = try integer(m, value, "times") }
            guard let object = args.first ?? keywords.first(where: { $0.0 == "object" })?.1 else {
              throw m.raise("TypeError", "repeat() missing required argument 'object' (pos 1)")
            }
            return .iterator(PyIterator(.repeated(object, times: times.map { max(0, $0) })))
          }),
        "cycle": .builtin(
          PyBuiltin(name: "cycle") { m, args, _ throws(PythonError) in
            guard args.count == 1 else {
              throw m.raise("TypeError", "cycle expected 1 argument, got \(args.count)")
            }
            return .iterator(PyIterator(.cycle(try m.iterate(args[0]))))
          }),
        "chain": .builtin(
          PyBuiltin(name: "chain") { m, args, _ throws(PythonError) in
            var items: [PyValue] = []
            for iterable in args { items += try m.iterate(iterable) }
            return .iterator(PyIterator(.sequence(items)))
          }),
        "islice": .builtin(
          PyBuiltin(name: "islice") { m, args, _ throws(PythonError) in
            guard args.count >= 2 && args.count <= 4 else {
              throw m.raise("TypeError", "islice expected 2 to 4 arguments, got \(args.count)")
            }
            // As itertools.c reads them: what is not an int counts as -1, a stop of -1 is refused as such.
            func index(_ value: PyValue, _ none: Int64?) -> Int64? {
              if case .none = value { return none }
              if case .int(let i)? = m.numeric(value) { return i }
              return -1
            }
            let start = args.count > 2 ? index(args[1], 0)! : 0
            let stop = index(args.count > 2 ? args[2] : args[1], nil)
            let step = args.count > 3 ? index(args[3], 1)! : 1
            guard stop != -1 else {
              throw m.raise(
                "ValueError", "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
            }
            guard start >= 0 && (stop ?? 0) >= 0 else {
              throw m.raise("ValueError", "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
            }
            guard step > 0 else {
              throw m.raise("ValueError", "Step for islice() must be a positive integer or None.")
            }
            let inner = try iterator(m, args[0])
            return .iterator(PyIterator(.slice(inner, next: start, stop: stop, step: step)))
          }),
      ])
  }
}
