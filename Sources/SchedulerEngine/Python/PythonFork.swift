/// What `multiprocessing` needs of the interpreter: a child process's interpreter as `fork()` leaves it (a copy
/// of every object of the parent's program, the built-in types and the scheduler's modules shared, as they are
/// the same in both), and values sent between processes as `pickle` sends them (functions and classes by their
/// name in `__main__`, everything else copied).
extension PythonMachine {
  /// The child's interpreter after `fork()`, and the copier that made its copies (for the objects to follow).
  func fork() -> (PythonMachine, ObjectCopier) {
    let child = PythonMachine(file: fileName, budget: budget)
    child.builtins = builtins
    child.exceptionTypes = exceptionTypes
    child.builtinTypes = builtinTypes
    child.threadType = threadType
    child.localType = localType
    child.syncObjects = syncObjects
    child.selectors = selectors
    child.crossProcess = crossProcess
    child.switchInterval = switchInterval
    child.sourceModules = sourceModules
    child.files = files
    child.texts = texts
    child.arguments = arguments
    child.version = version
    child.instructionCost = instructionCost
    child.scheduled = scheduled
    child.stdoutPending = stdoutPending
    child.stderrPending = stderrPending
    child.objectsMade = objectsMade
    child.framesMade = framesMade
    child.threadsNamed = threadsNamed
    let copier = ObjectCopier(mode: .fork, machine: self)
    for (name, module) in modules { child.modules[name] = copier.module(module) }
    return (child, copier)
  }
}

/// A deep copy of Python objects that keeps sharing (an object reached twice is copied once).
final class ObjectCopier {
  enum Mode {
    /// `fork()`: every object of the program's copied as it is, its classes and functions included.
    case fork
    /// `pickle`: functions and classes of the program by their name in the receiver's `__main__`.
    case pickle(into: PyDict)
  }
  let mode: Mode
  /// The interpreter the objects come from: its modules written in Swift are shared, not copied.
  let machine: PythonMachine
  private var copies: [ObjectIdentifier: PyValue] = [:]
  private var modules: [ObjectIdentifier: PyModule] = [:]

  init(mode: Mode, machine: PythonMachine) {
    self.mode = mode
    self.machine = machine
  }

  /// A module's copy: the scheduler's modules (threading, time, …) are the same in every process.
  func module(_ module: PyModule) -> PyModule {
    if PythonMachine.schedulerModuleNames.contains(module.name) { return module }
    if let made = modules[ObjectIdentifier(module)] { return made }
    let made = PyModule(name: module.name, attributes: [:])
    modules[ObjectIdentifier(module)] = made
    for (k, v) in module.attributes { made.attributes[k] = copy(v) }
    return made
  }

  func copy(_ value: PyValue) -> PyValue {
    switch value {
    case .none, .bool, .int, .float, .str, .range, .builtin, .code, .null: return value
    case .tuple(let items): return .tuple(items.map(copy))
    case .slice(let a, let b, let c): return .slice(copy(a), copy(b), copy(c))
    case .method(let object, let function): return .method(self: copy(object), function: copy(function))
    case .builtinMethod(let object, let name): return .builtinMethod(self: copy(object), name: name)
    case .module(let m): return .module(module(m))
    case .list(let list):
      if let made = copies[ObjectIdentifier(list)] { return made }
      let made = PyList([])
      copies[ObjectIdentifier(list)] = .list(made)
      made.items = list.items.map(copy)
      return .list(made)
    case .dict(let dict): return .dict(self.dict(dict))
    case .set(let set):
      if let made = copies[ObjectIdentifier(set)] { return made }
      let made = PySet()
      copies[ObjectIdentifier(set)] = .set(made)
      for key in set.order {
        let item = copy(set.items[key]!)
        made.insert(PyKey(item) ?? key, item)
      }
      return .set(made)
    case .cell(let cell): return .cell(self.cell(cell))
    case .function(let function): return copy(function)
    case .type(let type): return .type(copy(type))
    case .instance(let instance):
      if let made = copies[ObjectIdentifier(instance)] { return made }
      let made = PyInstance(type: copy(instance.type), address: instance.address)
      made.native = instance.native
      copies[ObjectIdentifier(instance)] = .instance(made)
      for (k, v) in instance.attributes { made.attributes[k] = copy(v) }
      // (A `threading.local` reaches the child without the forking thread's attributes: CPython's keeps them.)
      return .instance(made)
    case .iterator(let iterator):
      let made = PyIterator(iterator.source)
      made.position = iterator.position
      return .iterator(made)
    case .exception(let exception):
      return .exception(PyException(type: copy(exception.type), arguments: exception.arguments.map(copy)))
    case .generator:
      // A generator's suspended frame is not copied: the child sees the parent's (a generator alive across a
      // fork is rare in the programs giltutor runs).
      return value
    }
  }

  func dict(_ dict: PyDict) -> PyDict {
    if case .dict(let made)? = copies[ObjectIdentifier(dict)] { return made }
    let made = PyDict()
    copies[ObjectIdentifier(dict)] = .dict(made)
    made.defaultFactory = dict.defaultFactory.map(copy)
    made.isCounter = dict.isCounter
    for (k, v) in dict.entries {
      let key = copy(k)
      if let hashed = PyKey(key) { made.set(hashed, key, copy(v)) }
    }
    return made
  }

  private func cell(_ cell: PyCell) -> PyCell {
    if case .cell(let made)? = copies[ObjectIdentifier(cell)] { return made }
    let made = PyCell()
    copies[ObjectIdentifier(cell)] = .cell(made)
    made.value = cell.value.map(copy)
    return made
  }

  private func copy(_ function: PyFunction) -> PyValue {
    if let made = copies[ObjectIdentifier(function)] { return made }
    if case .pickle(let globals) = mode {
      // By reference, as pickle saves a function: its name, looked up in the receiver's `__main__`.
      let made = globals.get(.str(function.code.qualifiedName)) ?? .function(function)
      copies[ObjectIdentifier(function)] = made
      return made
    }
    let made = PyFunction(
      code: function.code, globals: dict(function.globals), defaults: [], keywordDefaults: [:], closure: [])
    copies[ObjectIdentifier(function)] = .function(made)
    made.defaults = function.defaults.map(copy)
    made.keywordDefaults = function.keywordDefaults.mapValues(copy)
    made.closure = function.closure.map(cell)
    made.name = function.name
    made.address = function.address
    made.decoded = function.decoded
    for (k, v) in function.attributes { made.attributes[k] = copy(v) }
    return .function(made)
  }

  /// A class of the program's is copied (its methods' globals are the child's); a built-in one is shared.
  private func copy(_ type: PyType) -> PyType {
    if type.builtin != nil || machine.exceptionTypes[type.name] === type
      || machine.builtinTypes.values.contains(where: { $0 === type })
      || type === machine.threadType || type === machine.localType
    {
      return type
    }
    if case .type(let made)? = copies[ObjectIdentifier(type)] { return made }
    if case .pickle(let globals) = mode {
      guard case .type(let found)? = globals.get(.str(type.name)) else { return type }
      copies[ObjectIdentifier(type)] = .type(found)
      return found
    }
    let made = PyType(name: type.name, bases: type.bases.map(copy), attributes: [:], builtin: nil)
    copies[ObjectIdentifier(type)] = .type(made)
    for (k, v) in type.attributes { made.attributes[k] = copy(v) }
    return made
  }
}

extension PythonMachine {
  /// Whether `value` can be pickled as CPython pickles it: a function or class only by a name in `__main__`
  /// (so not a lambda, nor one defined inside a function); a lock or a thread not at all. The error's message.
  func unpicklable(_ value: PyValue, _ seen: inout Set<ObjectIdentifier>) -> String? {
    switch value {
    case .function(let f):
      let name = f.code.qualifiedName
      if name.contains("<") || name.contains(".") {
        return "Can't pickle \(reprForPickle(value)): attribute lookup \(f.name) on __main__ failed"
      }
      return nil
    case .tuple(let items):
      for item in items { if let error = unpicklable(item, &seen) { return error } }
      return nil
    case .list(let list):
      guard seen.insert(ObjectIdentifier(list)).inserted else { return nil }
      for item in list.items { if let error = unpicklable(item, &seen) { return error } }
      return nil
    case .dict(let dict):
      guard seen.insert(ObjectIdentifier(dict)).inserted else { return nil }
      for (k, v) in dict.entries {
        if let error = unpicklable(k, &seen) ?? unpicklable(v, &seen) { return error }
      }
      return nil
    case .instance(let instance):
      guard seen.insert(ObjectIdentifier(instance)).inserted else { return nil }
      // A lock, event or queue of the scheduler's (a started thread's number is its `native` too).
      if instance.native >= 0 && !instance.type.isSubclass(of: threadType) {
        if crossProcess.contains(instance.native) {
          return "Queue objects should only be shared between processes through inheritance"
        }
        return "cannot pickle '\(instance.type.name)' object"
      }
      for v in instance.attributes.values { if let error = unpicklable(v, &seen) { return error } }
      return nil
    case .generator(let g): return "cannot pickle '\(g.kind)' object"
    case .module(let m): return "cannot pickle 'module' object (\(m.name))"
    default: return nil
    }
  }

  private func reprForPickle(_ value: PyValue) -> String {
    (try? repr(value)) ?? "<object>"
  }
}
