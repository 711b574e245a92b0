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

public final class PySet {
  var items: [PyKey: PyValue] = [:]
  var order: [PyKey] = []

  func insert(_ key: PyKey, _ value: PyValue) {
    if items[key] == nil { order.append(key) }
    items[key] = value
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
