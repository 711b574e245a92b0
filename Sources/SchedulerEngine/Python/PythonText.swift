/// `str()` and `repr()` of values, as CPython prints them.
extension PythonMachine {
  func repr(_ value: PyValue) throws(PythonError) -> String {
    switch value {
    case .str(let s): return PythonConstant.stringRepr(s)
    case .list(let list):
      return "[" + (try list.items.map { v throws(PythonError) in try repr(v) }).joined(separator: ", ") + "]"
    case .tuple(let items):
      let shown = try items.map { v throws(PythonError) in try repr(v) }
      return items.count == 1 ? "(\(shown[0]),)" : "(" + shown.joined(separator: ", ") + ")"
    case .dict(let dict):
      var parts: [String] = []
      for (k, v) in dict.entries { parts.append(try repr(k) + ": " + repr(v)) }
      if dict.isCounter {
        let ordered = try mostCommon(dict).map { k, v throws(PythonError) in try repr(k) + ": " + repr(v) }
        return ordered.isEmpty ? "Counter()" : "Counter({" + ordered.joined(separator: ", ") + "})"
      }
      let text = "{" + parts.joined(separator: ", ") + "}"
      guard let factory = dict.defaultFactory else { return text }
      return "defaultdict(\(try repr(factory)), \(text))"
    case .set(let set):
      if set.items.isEmpty { return "set()" }
      return "{" + (try set.order.map { k throws(PythonError) in try repr(set.items[k]!) }).joined(separator: ", ")
        + "}"
    case .instance(let instance):
      if let method = instance.type.lookup("__repr__") {
        guard case .str(let s) = try call(method, [value], []) else {
          throw raise("TypeError", "__repr__ returned non-string")
        }
        return s
      }
      return "<\(moduleName).\(instance.type.name) object at 0x\(String(instance.address, radix: 16))>"
    case .exception(let e):
      let arguments = try e.arguments.map { v throws(PythonError) in try repr(v) }
      return "\(e.type.name)(\(arguments.joined(separator: ", ")))"
    default: return try str(value)
    }
  }

  func str(_ value: PyValue) throws(PythonError) -> String {
    switch value {
    case .none: return "None"
    case .bool(let b): return b ? "True" : "False"
    case .int(let i): return String(i)
    case .float(let d): return PythonConstant.floatRepr(d)
    case .str(let s): return s
    case .range(let start, let stop, let step):
      return step == 1 ? "range(\(start), \(stop))" : "range(\(start), \(stop), \(step))"
    case .function(let f): return "<function \(f.code.qualifiedName) at 0x\(String(f.address, radix: 16))>"
    case .builtin(let b): return "<built-in function \(b.name)>"
    case .method(_, let function): return "<bound method \(try str(function))>"
    case .builtinMethod(_, let name): return "<built-in method \(name)>"
    case .type(let t): return t.builtin != nil ? "<class '\(t.name)'>" : "<class '\(moduleName).\(t.name)'>"
    case .module(let m): return "<module '\(m.name)'>"
    case .exception(let e):
      // A KeyError shows its key as repr does: KeyError: 'bob'.
      if e.arguments.count == 1 {
        return e.type.isSubclass(of: exceptionTypes["KeyError"]!) ? try repr(e.arguments[0]) : try str(e.arguments[0])
      }
      if e.arguments.isEmpty { return "" }
      return try repr(.tuple(e.arguments))
    case .instance(let instance):
      if let method = instance.type.lookup("__str__") {
        guard case .str(let s) = try call(method, [value], []) else {
          throw raise("TypeError", "__str__ returned non-string")
        }
        return s
      }
      return try repr(value)
    case .iterator: return "<iterator object>"
    case .generator(let g):
      return "<\(g.kind) object \(g.frame.compiled.code.qualifiedName) at 0x\(String(g.address, radix: 16))>"
    case .slice(let a, let b, let c): return "slice(\(try repr(a)), \(try repr(b)), \(try repr(c)))"
    case .cell: return "<cell>"
    case .code(let c): return "<code object \(c.code.name)>"
    case .null: return "<NULL>"
    case .list, .tuple, .dict, .set: return try repr(value)
    }
  }

  /// The name `type(x).__name__` gives.
  func typeName(_ value: PyValue) -> String {
    switch value {
    case .none: "NoneType"
    case .bool: "bool"
    case .int: "int"
    case .float: "float"
    case .str: "str"
    case .tuple: "tuple"
    case .list: "list"
    case .dict(let dict): dict.isCounter ? "Counter" : dict.defaultFactory == nil ? "dict" : "defaultdict"
    case .set: "set"
    case .range: "range"
    case .slice: "slice"
    case .function: "function"
    case .builtin, .builtinMethod: "builtin_function_or_method"
    case .method: "method"
    case .type: "type"
    case .instance(let i): i.type.name
    case .module: "module"
    case .iterator: "iterator"
    case .generator(let g): g.kind
    case .exception(let e): e.type.name
    case .cell: "cell"
    case .code: "code"
    case .null: "NULL"
    }
  }
}
