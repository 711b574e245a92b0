/// A Python value as the interpreter holds it. Immutable values are stored inline; mutable ones (lists, dicts,
/// instances) are shared references, as in CPython, so that two names can see one list change.
public enum PyValue {
  case none
  case bool(Bool)
  case int(Int64)
  case float(Double)
  case str(String)
  case tuple([PyValue])
  case list(PyList)
  case dict(PyDict)
  case set(PySet)
  case range(start: Int64, stop: Int64, step: Int64)
  indirect case slice(PyValue, PyValue, PyValue)
  case function(PyFunction)
  case builtin(PyBuiltin)
  /// A method bound to its object: `obj.m` for a function defined in obj's class, or a built-in type's method.
  indirect case method(self: PyValue, function: PyValue)
  indirect case builtinMethod(self: PyValue, name: String)
  case type(PyType)
  case instance(PyInstance)
  case module(PyModule)
  case iterator(PyIterator)
  /// A generator or a coroutine (PyGenerator).
  case generator(PyGenerator)
  case exception(PyException)
  case cell(PyCell)
  case code(CodeReference)
  /// The NULL that PUSH_NULL pushes below a callable.
  case null

  var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  var isFunction: Bool {
    if case .function = self { return true }
    return false
  }
}

public final class PyList {
  var items: [PyValue]
  init(_ items: [PyValue]) { self.items = items }
}

public final class PyDict {
  /// A `collections.defaultdict`'s `default_factory`: what a missing key's subscript calls (nil: a plain dict).
  var defaultFactory: PyValue? = nil
  /// A `collections.Counter`: a missing key counts 0, and its methods count.
  var isCounter = false
  private(set) var keys: [PyValue] = []
  private(set) var values: [PyValue] = []
  private var index: [PyKey: Int] = [:]

  init() {}

  var count: Int { index.count }

  func get(_ key: PyKey) -> PyValue? { index[key].map { values[$0] } }

  func set(_ key: PyKey, _ keyValue: PyValue, _ value: PyValue) {
    if let i = index[key] {
      values[i] = value
    } else {
      index[key] = keys.count
      keys.append(keyValue)
      values.append(value)
    }
  }

  @discardableResult
  func remove(_ key: PyKey) -> PyValue? {
    guard let i = index.removeValue(forKey: key) else { return nil }
    let value = values[i]
    keys.remove(at: i)
    values.remove(at: i)
    for (k, position) in index where position > i { index[k] = position - 1 }
    return value
  }

  /// The entries in insertion order, as Python 3.7+ keeps them.
  var entries: [(PyValue, PyValue)] { Array(zip(keys, values)) }
}

/// A set, laid out as CPython's hash table lays it out (Objects/setobject.c: linear probes, then perturbed jumps;
/// a removal leaves a dummy; the table grows fourfold at three fifths full): the order of its slots is the order
/// a set is iterated and printed in, which programs see (`print({3, 1, 2})` shows `{1, 2, 3}`). (CPython hashes
/// strings with a key chosen at each start, so their order changes from run to run there; here it is one order.)
public final class PySet {
  /// The members by key (what membership and equality use).
  private(set) var items: [PyKey: PyValue] = [:]
  private var table = [Slot](repeating: .empty, count: PySet.minimumSize)
  /// Members and dummies (setobject.c's `fill`).
  private var fill = 0

  private enum Slot {
    case empty, dummy
    case member(PyKey, UInt64)
  }

  static let minimumSize = 8
  private static let linearProbes = 9

  /// The members in the table's order.
  var order: [PyKey] { table.compactMap { if case .member(let key, _) = $0 { key } else { nil } } }

  /// set_add_entry: a member already there (an equal one: `{1, 1.0}`) stays as it is.
  func insert(_ key: PyKey, _ value: PyValue) {
    guard items[key] == nil else { return }
    items[key] = value
    let hash = self.hash(key)
    let mask = table.count - 1
    var perturb = hash
    var i = Int(hash & UInt64(mask))
    var free: Int? = nil
    while true {
      let probes = i + Self.linearProbes <= mask ? Self.linearProbes : 0
      for j in i...(i + probes) {
        switch table[j] {
        case .empty:
          if let free {
            table[free] = .member(key, hash)
            return
          }
          table[j] = .member(key, hash)
          fill += 1
          if fill * 5 >= mask * 3 { resize(items.count > 50_000 ? items.count * 2 : items.count * 4) }
          return
        case .dummy: if free == nil { free = j }
        case .member: break
        }
      }
      perturb >>= 5
      i = Int((UInt64(i) &* 5 &+ 1 &+ perturb) & UInt64(mask))
    }
  }

  /// set_discard_entry: the member's slot becomes a dummy.
  func remove(_ key: PyKey) {
    guard items.removeValue(forKey: key) != nil else { return }
    let hash = self.hash(key)
    let mask = table.count - 1
    var perturb = hash
    var i = Int(hash & UInt64(mask))
    while true {
      let probes = i + Self.linearProbes <= mask ? Self.linearProbes : 0
      for j in i...(i + probes) {
        switch table[j] {
        case .member(let member, let h) where h == hash && member == key:
          table[j] = .dummy
          return
        case .empty: return
        default: break
        }
      }
      perturb >>= 5
      i = Int((UInt64(i) &* 5 &+ 1 &+ perturb) & UInt64(mask))
    }
  }

  /// Objects' hashes: consecutive multiples of 16 in the order the set meets them, as consecutive allocations'
  /// addresses would give (CPython's `_Py_HashPointer`: an address rotated by four bits).
  private var objectHashes: [ObjectIdentifier: UInt64] = [:]

  private func hash(_ key: PyKey) -> UInt64 {
    key.pythonHash { id in
      if let known = objectHashes[id] { return known }
      let made = UInt64(objectHashes.count + 1)
      objectHashes[id] = made
      return made
    }
  }

  /// set_merge: `other`'s members added in its table's order, after one resize for all of them; into an empty
  /// table of the same size without dummies they are copied slot for slot.
  func merge(_ other: PySet) {
    guard other !== self, !other.items.isEmpty else { return }
    if (fill + other.items.count) * 5 >= (table.count - 1) * 3 { resize((items.count + other.items.count) * 2) }
    if fill == 0 {
      if table.count == other.table.count && other.fill == other.items.count {
        table = other.table
      } else {
        for case .member(let key, let hash) in other.table { insertClean(key, hash) }
      }
      fill = other.items.count
      items = other.items
      return
    }
    for key in other.order { insert(key, other.items[key]!) }
  }

  /// set_copy: a new set merged from this one.
  func copy() -> PySet {
    let made = PySet()
    made.merge(self)
    return made
  }

  /// set_clear_internal: back to the smallest table.
  func removeAll() {
    items = [:]
    table = [Slot](repeating: .empty, count: Self.minimumSize)
    fill = 0
  }

  /// set_table_resize: the smallest power of two above `minimum`, the members put back in the old order.
  private func resize(_ minimum: Int) {
    var size = Self.minimumSize
    while size <= minimum { size <<= 1 }
    let old = table
    table = [Slot](repeating: .empty, count: size)
    fill = items.count
    for case .member(let key, let hash) in old { insertClean(key, hash) }
  }

  /// set_insert_clean: into the first empty slot of the key's probe sequence.
  private func insertClean(_ key: PyKey, _ hash: UInt64) {
    let mask = table.count - 1
    var perturb = hash
    var i = Int(hash & UInt64(mask))
    while true {
      if case .empty = table[i] {
        table[i] = .member(key, hash)
        return
      }
      if i + Self.linearProbes <= mask {
        for j in (i + 1)...(i + Self.linearProbes) {
          if case .empty = table[j] {
            table[j] = .member(key, hash)
            return
          }
        }
      }
      perturb >>= 5
      i = Int((UInt64(i) &* 5 &+ 1 &+ perturb) & UInt64(mask))
    }
  }
}

extension PyKey {
  /// CPython's hash of the value, as its bits (Py_uhash_t): an int's is itself modulo 2**61 - 1 (-1 is -2), a
  /// float's `_Py_HashDouble`, a tuple's xxHash of its items' (tuplehash); a string's is randomised at each start
  /// in CPython, here a fixed FNV-1a; an object's comes from its address in CPython, here from `identity` (the
  /// set numbers the objects it meets, so that a run does not depend on where Swift put them).
  func pythonHash(identity: (ObjectIdentifier) -> UInt64) -> UInt64 {
    let modulus: UInt64 = (1 << 61) - 1
    func signed(_ magnitude: UInt64, negative: Bool) -> UInt64 {
      var x = Int64(bitPattern: negative ? 0 &- magnitude : magnitude)
      if x == -1 { x = -2 }
      return UInt64(bitPattern: x)
    }
    switch self {
    case .none: return 0xFCA8_6420
    case .int(let n): return signed(n.magnitude % modulus, negative: n < 0)
    case .float(let d):
      if d.isInfinite { return signed(314_159, negative: d < 0) }
      if d.isNaN { return 0 }
      // _Py_HashDouble: 28 bits of the mantissa at a time, then the exponent as a rotation.
      var m = abs(d).significand / 2
      var e = Int(abs(d).exponent) + 1
      var x: UInt64 = 0
      while m != 0 {
        x = ((x << 28) & modulus) | x >> (61 - 28)
        m *= 268_435_456
        e -= 28
        let y = UInt64(m)
        m -= Double(y)
        x += y
        if x >= modulus { x -= modulus }
      }
      e = e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61)
      x = ((x << UInt64(e)) & modulus) | x >> UInt64(61 - e)
      return signed(x, negative: d < 0)
    case .str(let s):
      var h: UInt64 = 0xCBF2_9CE4_8422_2325
      for byte in s.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
      return h == UInt64.max ? UInt64.max - 1 : h
    case .tuple(let items):
      let prime1: UInt64 = 11_400_714_785_074_694_791
      let prime2: UInt64 = 14_029_467_366_897_019_727
      let prime5: UInt64 = 2_870_177_450_012_600_261
      var acc = prime5
      for item in items {
        acc = acc &+ item.pythonHash(identity: identity) &* prime2
        acc = (acc << 31) | (acc >> 33)
        acc = acc &* prime1
      }
      acc = acc &+ (UInt64(items.count) ^ (prime5 ^ 3_527_539))
      return acc == UInt64.max ? 1_546_275_796 : acc
    case .identity(let id): return identity(id)
    }
  }
}

/// A hashable value as a dict key or set member, with Python's equality: 1 == 1.0 == True.
public indirect enum PyKey: Hashable {
  case none
  case int(Int64)
  case float(Double)
  case str(String)
  case tuple([PyKey])
  /// An object hashed by identity, as `object.__hash__` does: an instance whose class defines neither `__eq__`
  /// nor `__hash__`, a function, a class, a module, a generator.
  case identity(ObjectIdentifier)

  init?(_ value: PyValue) {
    switch value {
    case .none: self = .none
    case .bool(let b): self = .int(b ? 1 : 0)
    case .int(let i): self = .int(i)
    case .float(let d):
      if d == d.rounded(), let i = Int64(exactly: d) { self = .int(i) } else { self = .float(d) }
    case .str(let s): self = .str(s)
    case .tuple(let items):
      var keys: [PyKey] = []
      for item in items {
        guard let key = PyKey(item) else { return nil }
        keys.append(key)
      }
      self = .tuple(keys)
    case .instance(let instance):
      guard instance.type.lookup("__eq__") == nil && instance.type.lookup("__hash__") == nil else { return nil }
      self = .identity(ObjectIdentifier(instance))
    case .function(let function): self = .identity(ObjectIdentifier(function))
    case .type(let type): self = .identity(ObjectIdentifier(type))
    case .module(let module): self = .identity(ObjectIdentifier(module))
    case .generator(let generator): self = .identity(ObjectIdentifier(generator))
    default: return nil
    }
  }
}

public final class PyFunction {
  let code: CodeObject
  let globals: PyDict
  var defaults: [PyValue]
  var keywordDefaults: [String: PyValue]
  var closure: [PyCell]
  var name: String
  var attributes: [String: PyValue] = [:]
  /// A stand-in for its address, as `repr` shows one.
  var address = 0
  /// Its code decoded for the interpreter, the first time it is called.
  var decoded: CompiledCode? = nil

  init(code: CodeObject, globals: PyDict, defaults: [PyValue], keywordDefaults: [String: PyValue], closure: [PyCell]) {
    self.code = code
    self.globals = globals
    self.defaults = defaults
    self.keywordDefaults = keywordDefaults
    self.closure = closure
    self.name = code.name
  }
}

public final class PyCell {
  var value: PyValue?
  init(_ value: PyValue? = nil) { self.value = value }
}

/// A code object as a constant (MAKE_FUNCTION's operand).
public final class CodeReference {
  let code: CodeObject
  init(_ code: CodeObject) { self.code = code }
}

/// A class: a user's (`class Box:`) or a built-in type (`int`, `list`, an exception class).
public final class PyType {
  let name: String
  let bases: [PyType]
  var attributes: [String: PyValue]
  /// Built-in types are made by a built-in function (`int("3")`).
  let builtin: PyBuiltin?
  /// `threading.local` and its subclasses: each thread sees its own attributes of an instance.
  var threadLocal: Bool

  init(name: String, bases: [PyType] = [], attributes: [String: PyValue] = [:], builtin: PyBuiltin? = nil) {
    self.name = name
    self.bases = bases
    self.attributes = attributes
    self.builtin = builtin
    threadLocal = bases.contains { $0.threadLocal }
  }

  /// The method resolution order, for the simple (single-inheritance) classes the subset has.
  var lineage: [PyType] { [self] + (bases.first?.lineage ?? []) }

  func lookup(_ name: String) -> PyValue? {
    for type in lineage { if let value = type.attributes[name] { return value } }
    return nil
  }

  func isSubclass(of other: PyType) -> Bool { lineage.contains { $0 === other } }
}

public final class PyInstance {
  let type: PyType
  var attributes: [String: PyValue] = [:]
  /// A stand-in for its address, as `repr` shows one: unique and the same in every run.
  let address: Int
  /// For an object of `threading` or `queue`: its number among the machine's `syncObjects`; for a Thread, its
  /// thread's number once started; else -1.
  var native = -1
  /// A `threading.local`'s attributes, by thread number (its `attributes` stay empty).
  var perThread: [Int: [String: PyValue]]? = nil
  init(type: PyType, address: Int) {
    self.type = type
    if type.threadLocal { perThread = [:] }
    self.address = address
  }
}

public final class PyModule {
  let name: String
  var attributes: [String: PyValue]
  init(name: String, attributes: [String: PyValue]) {
    self.name = name
    self.attributes = attributes
  }
}

public final class PyIterator {
  enum Source {
    case sequence([PyValue])
    case range(start: Int64, stop: Int64, step: Int64)
    /// `itertools.count`: for ever, from `start` by `step` (ints; up to the end of 64 bits).
    case count(start: Int64, step: Int64)
    /// `itertools.repeat`: `times` times, or for ever (nil).
    case repeated(PyValue, times: Int64?)
    /// `itertools.cycle`: the items again and again.
    case cycle([PyValue])
    /// `itertools.islice` over another built-in iterator: the items at `next`, `next + step`, … before `stop`.
    case slice(PyIterator, next: Int64, stop: Int64?, step: Int64)
  }
  let source: Source
  var position: Int64 = 0

  init(_ source: Source) { self.source = source }

  /// The next item, in one step: C code under the GIL in CPython, so no other thread sees it half done.
  func next() -> PyValue? {
    switch source {
    case .sequence(let items):
      guard position < items.count else { return nil }
      position += 1
      return items[Int(position - 1)]
    case .range(let start, let stop, let step):
      let value = start + position * step
      guard step > 0 ? value < stop : value > stop else { return nil }
      position += 1
      return .int(value)
    case .count(let start, let step):
      let (value, overflow) = start.addingReportingOverflow(position.multipliedReportingOverflow(by: step).partialValue)
      guard !overflow else { return nil }
      position += 1
      return .int(value)
    case .repeated(let value, let times):
      if let times, position >= times { return nil }
      position += 1
      return value
    case .cycle(let items):
      guard !items.isEmpty else { return nil }
      position += 1
      return items[Int((position - 1) % Int64(items.count))]
    case .slice(let inner, let next, let stop, let step):
      // `position` counts the inner iterator's items taken so far; none is taken past `stop`.
      while true {
        if let stop, position >= stop { return nil }
        guard let item = inner.next() else { return nil }
        position += 1
        let index = position - 1
        if index >= next && (index - next) % step == 0 { return item }
      }
    }
  }
}

/// A raised exception: its class and its arguments.
public final class PyException {
  let type: PyType
  let arguments: [PyValue]
  /// The frames it passed through, innermost first: (frame, code name, line).
  var traceback: [(frame: Int, name: String, line: Int, file: String)] = []
  /// For a misspelt name or attribute, the close one the traceback suggests ("Did you mean: 'append'?").
  var suggestion: String? = nil
  /// For a NameError, the name that was not found.
  var missingName: String? = nil
  init(type: PyType, arguments: [PyValue]) {
    self.type = type
    self.arguments = arguments
  }
}

/// A function written in Swift: the built-ins the subset has.
public struct PyBuiltin {
  let name: String
  let call: @Sendable (PythonMachine, [PyValue], [(String, PyValue)]) throws(PythonError) -> PyValue
}

/// A generator or coroutine object: the frame of its function's call, suspended at its last `yield` (or not yet
/// started), resumed by `next`, `send`, a `for` loop or an `await` (`PythonGenerators.swift`).
public final class PyGenerator {
  enum State { case created, suspended, running, finished }
  let frame: PythonFrame
  let isCoroutine: Bool
  let address: Int
  var state = State.created

  init(frame: PythonFrame, isCoroutine: Bool, address: Int) {
    self.frame = frame
    self.isCoroutine = isCoroutine
    self.address = address
  }

  var kind: String { isCoroutine ? "coroutine" : "generator" }
}
