import RealModule

/// Python's operators on the subset's values: arithmetic, comparisons, truth, subscripts, iteration, attributes.
extension PythonMachine {
  // MARK: arithmetic (BINARY_OP's NB_* numbers)

  func binary(_ a: PyValue, _ op: Int, _ b: PyValue) throws(PythonError) -> PyValue {
    let symbols = ["+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^"]
    func unsupportedOperands() -> PythonError {
      raise(
        "TypeError",
        "unsupported operand type(s) for \(symbols[op]): '\(typeName(a))' and '\(typeName(b))'")
    }
    // Sequences first: + concatenates, * repeats.
    switch (a, b, op) {
    case (.str(let x), .str(let y), 0): return .str(x + y)
    case (.list(let x), .list(let y), 0): return .list(PyList(x.items + y.items))
    case (.tuple(let x), .tuple(let y), 0): return .tuple(x + y)
    case (.str(let s), .int(let n), 5), (.int(let n), .str(let s), 5):
      return .str(n > 0 ? String(repeating: s, count: Int(n)) : "")
    case (.list(let l), .int(let n), 5), (.int(let n), .list(let l), 5):
      return .list(PyList(n > 0 ? Array(repeating: l.items, count: Int(n)).flatMap { $0 } : []))
    case (.tuple(let t), .int(let n), 5), (.int(let n), .tuple(let t), 5):
      return .tuple(n > 0 ? Array(repeating: t, count: Int(n)).flatMap { $0 } : [])
    case (.str(let format), _, 6): return .str(try percentFormat(format, b))
    case (.str, _, 0), (.list, _, 0), (.tuple, _, 0):
      // Not two of one kind (those are joined above).
      let kind = typeName(a)
      throw raise("TypeError", "can only concatenate \(kind) (not \"\(typeName(b))\") to \(kind)")
    case (.str, _, 5), (.list, _, 5), (.tuple, _, 5):
      if numeric(b) == nil { throw raise("TypeError", "can't multiply sequence by non-int of type '\(typeName(b))'") }
    case (_, .str, 5), (_, .list, 5), (_, .tuple, 5):
      if numeric(a) == nil { throw raise("TypeError", "can't multiply sequence by non-int of type '\(typeName(a))'") }
    case (.set(let x), .set(let y), 7), (.set(let x), .set(let y), 1), (.set(let x), .set(let y), 10),
      (.set(let x), .set(let y), 12):
      return .set(Self.setOperation(x, op, y))
    default: break
    }
    guard let x = numeric(a), let y = numeric(b) else { throw unsupportedOperands() }
    if case .int(let i) = x, case .int(let j) = y {
      func exact(_ result: (partialValue: Int64, overflow: Bool)) throws(PythonError) -> PyValue {
        if result.overflow { throw PythonError.unsupported("integers beyond 64 bits") }
        return .int(result.partialValue)
      }
      switch op {
      case 0: return try exact(i.addingReportingOverflow(j))
      case 10: return try exact(i.subtractingReportingOverflow(j))
      case 5: return try exact(i.multipliedReportingOverflow(by: j))
      case 11:
        guard j != 0 else { throw raise("ZeroDivisionError", "division by zero") }
        return .float(Double(i) / Double(j))
      case 2:
        guard j != 0 else { throw raise("ZeroDivisionError", "integer division or modulo by zero") }
        return .int(Self.floorDivide(i, j))
      case 6:
        guard j != 0 else { throw raise("ZeroDivisionError", "integer modulo by zero") }
        return .int(i - Self.floorDivide(i, j) * j)
      case 8:
        // A negative exponent makes it float_pow's: C's pow().
        if j < 0 {
          if i == 0 { throw raise("ZeroDivisionError", "0.0 cannot be raised to a negative power") }
          return .float(i > 0 ? Double.pow(Double(i), Double(j)) : integralPower(Double(i), Double(j)))
        }
        var result: Int64 = 1
        var k: Int64 = 0
        while k < j {
          result = try { () throws(PythonError) -> Int64 in
            let (r, o) = result.multipliedReportingOverflow(by: i)
            if o { throw PythonError.unsupported("integers beyond 64 bits") }
            return r
          }()
          k += 1
        }
        return .int(result)
      case 3: return .int(j >= 64 ? 0 : i << j)
      case 9: return .int(j >= 64 ? (i < 0 ? -1 : 0) : i >> j)
      case 1: return .int(i & j)
      case 7: return .int(i | j)
      case 12: return .int(i ^ j)
      default: throw unsupportedOperands()
      }
    }
    let p = x.asDouble
    let q = y.asDouble
    switch op {
    case 0: return .float(p + q)
    case 10: return .float(p - q)
    case 5: return .float(p * q)
    case 11:
      guard q != 0 else { throw raise("ZeroDivisionError", "float division by zero") }
      return .float(p / q)
    case 2:
      guard q != 0 else { throw raise("ZeroDivisionError", "float floor division by zero") }
      return .float((p / q).rounded(.down))
    case 6:
      guard q != 0 else { throw raise("ZeroDivisionError", "float modulo") }
      let r = p.truncatingRemainder(dividingBy: q)
      return .float(r != 0 && (r < 0) != (q < 0) ? r + q : r)
    case 8:
      // float_pow: C's pow() for a positive base; a negative one to a fractional power is complex in Python.
      if p == 0 && q < 0 { throw raise("ZeroDivisionError", "0.0 cannot be raised to a negative power") }
      if p > 0 && q.isFinite && p.isFinite { return .float(Double.pow(p, q)) }
      guard q == q.rounded() else { throw PythonError.unsupported("a negative number to a fractional power (complex)") }
      return .float(integralPower(p, q))
    default: throw unsupportedOperands()
    }
  }

  /// |, &, - and ^ of two sets as setobject.c computes them, so that the result's table, and so its order, is
  /// CPython's: a union updates a copy of this set, a symmetric difference one of the other; an intersection walks the smaller set; a
  /// difference copies and discards when the other set is small, else walks this one.
  static func setOperation(_ x: PySet, _ op: Int, _ y: PySet) -> PySet {
    switch op {
    case 7:
      let result = x.copy()
      result.merge(y)
      return result
    case 12:
      // set_symmetric_difference: a copy of the other set, updated with this one.
      let result = y.copy()
      for key in x.order {
        if result.items[key] != nil { result.remove(key) } else { result.insert(key, x.items[key]!) }
      }
      return result
    case 1:
      let (walked, other) = y.items.count > x.items.count ? (x, y) : (y, x)
      let result = PySet()
      for key in walked.order where other.items[key] != nil { result.insert(key, walked.items[key]!) }
      return result
    default:
      if x.items.count >> 2 > y.items.count {
        let result = x.copy()
        for key in y.order { result.remove(key) }
        return result
      }
      let result = PySet()
      for key in x.order where y.items[key] == nil { result.insert(key, x.items[key]!) }
      return result
    }
  }

  static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
  }

  /// bool and int are numbers, as in Python.
  func numeric(_ v: PyValue) -> PyValue? {
    switch v {
    case .int, .float: v
    case .bool(let b): .int(b ? 1 : 0)
    default: nil
    }
  }

  func negate(_ v: PyValue) throws(PythonError) -> PyValue {
    switch numeric(v) {
    case .int(let i)?:
      guard i != .min else { throw PythonError.unsupported("integers beyond 64 bits") }
      return .int(-i)
    case .float(let d)?: return .float(-d)
    default: throw raise("TypeError", "bad operand type for unary -: '\(typeName(v))'")
    }
  }

  // MARK: comparisons

  /// `comparison`: COMPARE_OP's index into <, <=, ==, !=, >, >=.
  func compare(_ a: PyValue, _ comparison: Int, _ b: PyValue) throws(PythonError) -> Bool {
    if comparison == 2 { return try equal(a, b) }
    if comparison == 3 { return try !equal(a, b) }
    if case .set(let x) = a, case .set(let y) = b {
      // Subsets: <= and <, >= and >.
      let (small, large) = comparison < 2 ? (x, y) : (y, x)
      let inside = small.order.allSatisfy { large.items[$0] != nil }
      return inside && (comparison == 1 || comparison == 5 || small.items.count < large.items.count)
    }
    let order = try ordering(a, b, symbol: ["<", "<=", "==", "!=", ">", ">="][comparison])
    switch comparison {
    case 0: return order < 0
    case 1: return order <= 0
    case 4: return order > 0
    default: return order >= 0
    }
  }

  func equal(_ a: PyValue, _ b: PyValue) throws(PythonError) -> Bool {
    if let x = numeric(a), let y = numeric(b) {
      if case .int(let i) = x, case .int(let j) = y { return i == j }
      return x.asDouble == y.asDouble
    }
    switch (a, b) {
    case (.none, .none): return true
    case (.str(let x), .str(let y)): return x == y
    case (.tuple(let x), .tuple(let y)): return try sequencesEqual(x, y)
    case (.list(let x), .list(let y)): return try sequencesEqual(x.items, y.items)
    case (.dict(let x), .dict(let y)):
      guard x.count == y.count else { return false }
      for (k, v) in x.entries {
        guard let other = y.get(try hashKey(k)), try equal(v, other) else { return false }
      }
      return true
    case (.set(let x), .set(let y)):
      return x.items.count == y.items.count && x.items.keys.allSatisfy { y.items[$0] != nil }
    default: return isSame(a, b)
    }
  }

  private func sequencesEqual(_ x: [PyValue], _ y: [PyValue]) throws(PythonError) -> Bool {
    guard x.count == y.count else { return false }
    for (p, q) in zip(x, y) where try !equal(p, q) { return false }
    return true
  }

  /// -1, 0 or 1; TypeError for values Python does not order.
  func ordering(_ a: PyValue, _ b: PyValue, symbol: String) throws(PythonError) -> Int {
    if let x = numeric(a), let y = numeric(b) {
      if case .int(let i) = x, case .int(let j) = y { return i < j ? -1 : i > j ? 1 : 0 }
      let p = x.asDouble
      let q = y.asDouble
      return p < q ? -1 : p > q ? 1 : 0
    }
    switch (a, b) {
    case (.str(let x), .str(let y)):
      let p = Array(x.unicodeScalars)
      let q = Array(y.unicodeScalars)
      for (c, d) in zip(p, q) where c != d { return c.value < d.value ? -1 : 1 }
      return p.count < q.count ? -1 : p.count > q.count ? 1 : 0
    case (.tuple(let x), .tuple(let y)): return try sequenceOrdering(x, y, symbol)
    case (.list(let x), .list(let y)): return try sequenceOrdering(x.items, y.items, symbol)
    default:
      throw raise(
        "TypeError", "'\(symbol)' not supported between instances of '\(typeName(a))' and '\(typeName(b))'")
    }
  }

  private func sequenceOrdering(_ x: [PyValue], _ y: [PyValue], _ symbol: String) throws(PythonError) -> Int {
    for (p, q) in zip(x, y) where try !equal(p, q) { return try ordering(p, q, symbol: symbol) }
    return x.count < y.count ? -1 : x.count > y.count ? 1 : 0
  }

  /// `is`: identity for shared objects, equality for the immutable values CPython shares (None, bools, small
  /// ints, interned strings).
  func isSame(_ a: PyValue, _ b: PyValue) -> Bool {
    switch (a, b) {
    case (.none, .none): true
    case (.bool(let x), .bool(let y)): x == y
    case (.int(let x), .int(let y)): x == y && (-5...256).contains(x)
    case (.str(let x), .str(let y)): x == y
    case (.list(let x), .list(let y)): x === y
    case (.dict(let x), .dict(let y)): x === y
    case (.set(let x), .set(let y)): x === y
    case (.instance(let x), .instance(let y)): x === y
    case (.type(let x), .type(let y)): x === y
    case (.function(let x), .function(let y)): x === y
    case (.module(let x), .module(let y)): x === y
    case (.exception(let x), .exception(let y)): x === y
    case (.generator(let x), .generator(let y)): x === y
    case (.builtin(let x), .builtin(let y)): x.name == y.name
    default: false
    }
  }

  func contains(_ container: PyValue, _ item: PyValue) throws(PythonError) -> Bool {
    switch container {
    case .str(let s):
      guard case .str(let part) = item else {
        throw raise("TypeError", "'in <string>' requires string as left operand, not \(typeName(item))")
      }
      return part.isEmpty || s.contains(part)
    case .dict(let d): return d.get(try hashKey(item)) != nil
    case .set(let s): return s.items[try hashKey(item)] != nil
    case .range(let start, let stop, let step):
      guard case .int(let i) = numeric(item) else { return false }
      let inside = step > 0 ? (i >= start && i < stop) : (i <= start && i > stop)
      return inside && (i - start) % step == 0
    default:
      for element in try iterate(container) where try equal(element, item) { return true }
      return false
    }
  }

  // MARK: truth and hashing

  func truth(_ v: PyValue) throws(PythonError) -> Bool {
    switch v {
    case .none: return false
    case .bool(let b): return b
    case .int(let i): return i != 0
    case .float(let d): return d != 0
    case .str(let s): return !s.isEmpty
    case .tuple(let t): return !t.isEmpty
    case .list(let l): return !l.items.isEmpty
    case .dict(let d): return d.count > 0
    case .set(let s): return !s.items.isEmpty
    case .range(let start, let stop, let step): return step > 0 ? start < stop : start > stop
    case .instance(let i):
      if let method = i.type.lookup("__bool__") { return try truth(call(method, [v], [])) }
      if let method = i.type.lookup("__len__") { return try truth(call(method, [v], [])) }
      return true
    default: return true
    }
  }

  func hashKey(_ v: PyValue) throws(PythonError) -> PyKey {
    if let key = PyKey(v) { return key }
    throw raise("TypeError", "unhashable type: '\(typeName(v))'")
  }

  // MARK: subscripts

  func getItem(_ container: PyValue, _ index: PyValue) throws(PythonError) -> PyValue {
    switch container {
    case .list(let list): return try element(list.items, index, typeName: "list", make: { .list(PyList($0)) })
    case .tuple(let items): return try element(items, index, typeName: "tuple", make: { .tuple($0) })
    case .str(let s):
      let characters = s.map { PyValue.str(String($0)) }
      return try element(characters, index, typeName: "string") { parts in
        .str(parts.map { if case .str(let c) = $0 { c } else { "" } }.joined())
      }
    case .range:
      return try element(try iterate(container), index, typeName: "range", make: { .list(PyList($0)) })
    case .dict(let dict):
      let key = try hashKey(index)
      if let value = dict.get(key) { return value }
      // A defaultdict's missing key (`__missing__`): the factory's value, stored, in the same step (C code).
      // A Counter's missing key counts 0 (its `__missing__`), and is not stored.
      if dict.isCounter { return .int(0) }
      if let factory = dict.defaultFactory, !isNone(factory) {
        let value = try call(factory, [], [])
        dict.set(key, index, value)
        return value
      }
      throw raising(PyException(type: exceptionTypes["KeyError"]!, arguments: [index]))
    case .instance(let instance):
      guard let method = instance.type.lookup("__getitem__") else { break }
      return try call(method, [container, index], [])
    default: break
    }
    throw raise("TypeError", "'\(typeName(container))' object is not subscriptable")
  }

  private func element(
    _ items: [PyValue], _ index: PyValue, typeName: String, make: ([PyValue]) -> PyValue
  ) throws(PythonError) -> PyValue {
    if case .slice(let lower, let upper, let step) = index {
      return make(try sliced(items, lower, upper, step))
    }
    guard case .int(var i) = numeric(index) else {
      throw raise("TypeError", "\(typeName) indices must be integers or slices, not \(self.typeName(index))")
    }
    if i < 0 { i += Int64(items.count) }
    guard i >= 0 && i < items.count else { throw raise("IndexError", "\(typeName) index out of range") }
    return items[Int(i)]
  }

  /// `items[lower:upper:step]` with Python's clamping of the bounds.
  func sliced(_ items: [PyValue], _ lower: PyValue, _ upper: PyValue, _ step: PyValue) throws(PythonError)
    -> [PyValue]
  {
    let n = Int64(items.count)
    var s: Int64 = 1
    if case .int(let k) = numeric(step) ?? .none {
      guard k != 0 else { throw raise("ValueError", "slice step cannot be zero") }
      s = k
    }
    func bound(_ v: PyValue, _ fallback: Int64) -> Int64 {
      guard case .int(var i) = numeric(v) ?? .none else { return fallback }
      if i < 0 { i += n }
      return s > 0 ? min(max(i, 0), n) : min(max(i, -1), n - 1)
    }
    let start = bound(lower, s > 0 ? 0 : n - 1)
    let stop = bound(upper, s > 0 ? n : -1)
    var result: [PyValue] = []
    var i = start
    while s > 0 ? i < stop : i > stop {
      result.append(items[Int(i)])
      i += s
    }
    return result
  }

  func setItem(_ container: PyValue, _ index: PyValue, _ value: PyValue) throws(PythonError) {
    switch container {
    case .list(let list):
      if case .slice(let lower, let upper, _) = index {
        let n = Int64(list.items.count)
        func bound(_ v: PyValue, _ fallback: Int64) -> Int {
          guard case .int(var i) = numeric(v) ?? .none else { return Int(fallback) }
          if i < 0 { i += n }
          return Int(min(max(i, 0), n))
        }
        let start = bound(lower, 0)
        let stop = max(start, bound(upper, n))
        list.items.replaceSubrange(start..<stop, with: try iterate(value))
        return
      }
      guard case .int(var i) = numeric(index) else {
        throw raise("TypeError", "list indices must be integers or slices, not \(typeName(index))")
      }
      if i < 0 { i += Int64(list.items.count) }
      guard i >= 0 && i < list.items.count else { throw raise("IndexError", "list assignment index out of range") }
      list.items[Int(i)] = value
    case .dict(let dict): dict.set(try hashKey(index), index, value)
    case .instance(let instance):
      guard let method = instance.type.lookup("__setitem__") else { fallthrough }
      _ = try call(method, [container, index, value], [])
    default:
      throw raise("TypeError", "'\(typeName(container))' object does not support item assignment")
    }
  }

  func deleteItem(_ container: PyValue, _ index: PyValue) throws(PythonError) {
    switch container {
    case .list(let list):
      guard case .int(var i) = numeric(index) else { throw raise("TypeError", "list indices must be integers") }
      if i < 0 { i += Int64(list.items.count) }
      guard i >= 0 && i < list.items.count else { throw raise("IndexError", "list assignment index out of range") }
      list.items.remove(at: Int(i))
    case .dict(let dict):
      guard dict.remove(try hashKey(index)) != nil else {
        throw raising(PyException(type: exceptionTypes["KeyError"]!, arguments: [index]))
      }
    default:
      throw raise("TypeError", "'\(typeName(container))' object doesn't support item deletion")
    }
  }

  // MARK: iteration

  func makeIterator(_ v: PyValue) throws(PythonError) -> PyValue {
    switch v {
    case .iterator: return v
    case .generator(let generator):
      if generator.isCoroutine { throw raise("TypeError", "'coroutine' object is not iterable") }
      return v
    case .range(let start, let stop, let step):
      return .iterator(PyIterator(.range(start: start, stop: stop, step: step)))
    case .instance(let instance):
      let iterator = try instanceIterator(v)
      // An iterator class of the program's stays itself: FOR_ITER and next() call its `__next__`.
      if case .instance(let made) = iterator, made === instance || made.type.lookup("__next__") != nil {
        return iterator
      }
      return try makeIterator(iterator)
    default: return .iterator(PyIterator(.sequence(try iterate(v))))
    }
  }

  /// What an instance's `__iter__` returns: a built-in iterator, a generator (`return iter(self.items)`,
  /// `yield from self.items`), or an instance of a class with `__next__` (often the object itself).
  private func instanceIterator(_ v: PyValue) throws(PythonError) -> PyValue {
    guard case .instance(let instance) = v, let method = instance.type.lookup("__iter__") else {
      throw raise("TypeError", "'\(typeName(v))' object is not iterable")
    }
    let result = try call(method, [v], [])
    switch result {
    case .iterator, .generator: return result
    case .instance(let instance) where instance.type.lookup("__next__") != nil: return result
    default: throw raise("TypeError", "iter() returned non-iterator of type '\(typeName(result))'")
    }
  }

  /// Every item of an iterable, at once: the subset's iterables are finite.
  func iterate(_ v: PyValue) throws(PythonError) -> [PyValue] {
    switch v {
    case .list(let l): return l.items
    case .tuple(let t): return t
    case .str(let s): return s.map { .str(String($0)) }
    case .dict(let d): return d.keys
    case .set(let s): return s.order.map { s.items[$0]! }
    case .range(let start, let stop, let step):
      let count = step > 0 ? max(0, (stop - start + step - 1) / step) : max(0, (start - stop - step - 1) / -step)
      guard count <= 50_000_000 else { throw PythonError.unsupported("a range of \(count) items held at once") }
      return (0..<count).map { .int(start + $0 * step) }
    case .iterator(let iterator):
      var items: [PyValue] = []
      while let next = iterator.next() { items.append(next) }
      return items
    case .generator(let generator): return try drain(generator)
    case .instance:
      let iterator = try instanceIterator(v)
      guard case .instance = iterator else { return try iterate(iterator) }
      // An iterator class of the program's, drained by a built-in (list, sum, sorted): its `__next__` called from
      // Swift until it raises StopIteration.
      var items: [PyValue] = []
      while let item = try nextOfInstance(iterator) { items.append(item) }
      return items
    default: throw raise("TypeError", "'\(typeName(v))' object is not iterable")
    }
  }

  // MARK: attributes

  func getAttribute(_ object: PyValue, _ name: String) throws(PythonError) -> PyValue {
    switch object {
    case .instance(let instance):
      if let value = instance.attributes[name] { return value }
      if let value = instance.perThread?[active.number]?[name] { return value }
      if name == "__dict__" {
        // A copy, its keys in sorted order (CPython's is the instance's own dict, in the order they were set).
        let namespace = PyDict()
        for (key, value) in instance.attributes.sorted(by: { $0.key < $1.key }) {
          namespace.set(.str(key), .str(key), value)
        }
        return .dict(namespace)
      }
      if let value = instance.type.lookup(name) {
        switch value {
        case .function, .builtin: return .method(self: object, function: value)
        default: return value
        }
      }
    case .type(let type):
      if let value = type.lookup(name) { return value }
      if name == "__name__" { return .str(type.name) }
      // A built-in type's method, unbound (`str.lower` as a sort key): it calls the method of its first argument.
      if type.builtin != nil, Self.methodNames[type.name]?.contains(name) == true {
        let owner = type.name
        return .builtin(
          PyBuiltin(name: owner + "." + name) { m, args, keywords throws(PythonError) in
            guard let object = args.first, m.typeName(object) == owner else {
              let given = args.first.map { m.typeName($0) } ?? "nothing"
              throw m.raise(
                "TypeError", "descriptor '\(name)' for '\(owner)' objects doesn't apply to a '\(given)' object")
            }
            return try m.builtinMethod(object, name, Array(args.dropFirst()), keywords)
          })
      }
    case .module(let module):
      if let value = module.attributes[name] { return value }
      // A name the real module has that giltutor does not model yet is said to be that, not a missing name.
      if CPythonModuleNames.names[module.name]?.contains(name) == true {
        throw PythonError.unsupported("\(module.name).\(name)")
      }
      throw attributeError(object, name)
    case .function(let function):
      if name == "__name__" { return .str(function.name) }
      if let value = function.attributes[name] { return value }
      switch name {
      // The docstring is the first constant where there is one (the compiler puts None first where not).
      case "__doc__":
        if case .string(let doc)? = function.code.constants.first { return .str(doc) }
        return .none
      case "__qualname__": return .str(function.code.qualifiedName)
      case "__module__": return function.globals.get(.str("__name__")) ?? .none
      default: break
      }
    case .dict(let dict) where name == "default_factory" && dict.defaultFactory != nil:
      return dict.defaultFactory!
    case .exception(let exception):
      if name == "args" { return .tuple(exception.arguments) }
      if name == "value", exception.type.isSubclass(of: exceptionTypes["StopIteration"]!) {
        return exception.arguments.first ?? .none
      }
    default:
      if Self.methodNames[typeName(object)]?.contains(name) == true { return .builtinMethod(self: object, name: name) }
    }
    throw attributeError(object, name)
  }

  /// LOAD_ATTR with the method bit: the function and `self` below the arguments, or NULL and the attribute.
  func loadMethod(_ object: PyValue, _ name: String) throws(PythonError) -> (PyValue, PyValue) {
    if case .instance(let instance) = object, instance.attributes[name] == nil,
      instance.perThread?[active.number]?[name] == nil, let value = instance.type.lookup(name)
    {
      switch value {
      case .function, .builtin: return (value, object)
      default: break
      }
    }
    return (.null, try getAttribute(object, name))
  }

  func setAttribute(_ object: PyValue, _ name: String, _ value: PyValue) throws(PythonError) {
    switch object {
    case .instance(let instance) where instance.perThread != nil:
      instance.perThread![active.number, default: [:]][name] = value
    case .instance(let instance): instance.attributes[name] = value
    case .type(let type): type.attributes[name] = value
    case .module(let module): module.attributes[name] = value
    case .function(let function):
      if name == "__name__", case .str(let s) = value { function.name = s } else { function.attributes[name] = value }
    default:
      throw attributeError(object, name)
    }
  }
}

extension PyValue {
  var asDouble: Double {
    switch self {
    case .int(let i): Double(i)
    case .float(let d): d
    case .bool(let b): b ? 1 : 0
    default: .nan
    }
  }
}

/// `pow` for the subset: exact by repeated squaring for integral exponents; others are not modelled.
func integralPower(_ base: Double, _ exponent: Double) -> Double {
  guard exponent == exponent.rounded(), abs(exponent) < Double(1 << 31) else { return .nan }
  var result = 1.0
  var b = exponent < 0 ? 1 / base : base
  var e = Int(abs(exponent))
  while e > 0 {
    if e & 1 == 1 { result *= b }
    b *= b
    e >>= 1
  }
  return result
}

extension PythonMachine {
  /// An iterator instance's next item (its `__next__` called from Swift), or nil where it raised StopIteration.
  func nextOfInstance(_ iterator: PyValue) throws(PythonError) -> PyValue? {
    guard case .instance(let instance) = iterator, let next = instance.type.lookup("__next__") else {
      throw raise("TypeError", "'\(typeName(iterator))' object is not an iterator")
    }
    do {
      return try call(next, [iterator], [])
    } catch {
      if case .raised(let id) = error, exceptions[id].type.isSubclass(of: exceptionTypes["StopIteration"]!) {
        return nil
      }
      throw error
    }
  }
}
