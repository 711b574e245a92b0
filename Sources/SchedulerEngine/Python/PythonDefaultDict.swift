/// `collections.defaultdict`: a dict whose missing key's subscript stores and returns what its factory makes, in
/// one step as CPython's C `__missing__` does (for a factory written in C: `int`, `list`, `set`). So
/// `counts[word] += 1` on a shared defaultdict is a read and a write like a plain dict's, and can lose updates
/// between them in the same places.
extension PythonMachine {
  func collectionsModule() -> PyModule {
    let dictType: [PyType] = if case .type(let t)? = builtins["dict"] { [t] } else { [] }
    let type = PyType(
      name: "defaultdict", bases: dictType,
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
    return PyModule(name: "_giltutor_collections", attributes: ["defaultdict": .type(type)])
  }
}
