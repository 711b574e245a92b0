/// The built-ins over iterables, numbers, characters and attributes that learners' programs reach for: `any`,
/// `all`, `map`, `filter`, `iter`, `next`, `pow`, `divmod`, `chr`, `ord`, `hex`, `bin`, `oct`, `getattr`,
/// `setattr`, `hasattr`, `callable`. `map` and `filter` run at once, as the subset's generators do.
extension PythonMachine {
  func installIterationBuiltins() {
    define("any") { m, args, _ throws(PythonError) in
      for item in try m.iterate(args[0]) where try m.truth(item) { return .bool(true) }
      return .bool(false)
    }
    define("all") { m, args, _ throws(PythonError) in
      for item in try m.iterate(args[0]) where !(try m.truth(item)) { return .bool(false) }
      return .bool(true)
    }
    define("map") { m, args, _ throws(PythonError) in
      let columns = try args.dropFirst().map { v throws(PythonError) in try m.iterate(v) }
      let count = columns.map(\.count).min() ?? 0
      var results: [PyValue] = []
      for i in 0..<count { results.append(try m.call(args[0], columns.map { $0[i] }, [])) }
      return .iterator(PyIterator(.sequence(results)))
    }
    define("filter") { m, args, _ throws(PythonError) in
      var kept: [PyValue] = []
      for item in try m.iterate(args[1]) {
        let keep = if case .none = args[0] { try m.truth(item) } else { try m.truth(try m.call(args[0], [item], [])) }
        if keep { kept.append(item) }
      }
      return .iterator(PyIterator(.sequence(kept)))
    }
    define("iter") { m, args, _ throws(PythonError) in
      if case .iterator = args[0] { return args[0] }
      if case .generator = args[0] { return try m.makeIterator(args[0]) }
      return .iterator(PyIterator(.sequence(try m.iterate(args[0]))))
    }
    define("next") { m, args, _ throws(PythonError) in
      if case .generator(let generator) = args[0], !generator.isCoroutine {
        switch try m.resumeFromSwift(generator, sending: PyValue.none) {
        case .yielded(let value): return value
        case .returned(let value): if args.count > 1 { return args[1] } else { throw m.stopIteration(value) }
        }
      }
      if case .instance = args[0] {
        // (With one argument from a frame, `resumeInline` runs `__next__` in a frame of its own instead.)
        if let value = try m.nextOfInstance(args[0]) { return value }
        if args.count > 1 { return args[1] }
        throw m.raise("StopIteration")
      }
      guard case .iterator(let iterator) = args[0] else {
        throw m.raise("TypeError", "'\(m.typeName(args[0]))' object is not an iterator")
      }
      if let value = iterator.next() { return value }
      if args.count > 1 { return args[1] }
      throw m.raise("StopIteration")
    }
    define("pow") { m, args, _ throws(PythonError) in
      guard args.count == 3, !m.isNone(args[2]) else { return try m.binary(args[0], 8, args[1]) }
      guard case .int(let base)? = m.numeric(args[0]), case .int(let exponent)? = m.numeric(args[1]),
        case .int(let modulus)? = m.numeric(args[2])
      else { throw m.raise("TypeError", "pow() 3rd argument not allowed unless all arguments are integers") }
      guard modulus != 0 else { throw m.raise("ValueError", "pow() 3rd argument cannot be 0") }
      guard exponent >= 0 else { throw PythonError.unsupported("pow() with a negative exponent and a modulus") }
      // Square and multiply, in 128 bits so that no product overflows.
      var result: Int64 = 1
      var b = ((base % modulus) + modulus) % modulus
      var e = exponent
      let n = modulus.magnitude
      while e > 0 {
        if e & 1 == 1 { result = Int64(truncatingIfNeeded: (Int128(result) * Int128(b)) % Int128(n)) }
        b = Int64(truncatingIfNeeded: (Int128(b) * Int128(b)) % Int128(n))
        e >>= 1
      }
      // Python's result has the modulus's sign.
      return .int(modulus < 0 && result != 0 ? result + modulus : result)
    }
    define("divmod") { m, args, _ throws(PythonError) in
      .tuple([try m.binary(args[0], 2, args[1]), try m.binary(args[0], 6, args[1])])
    }
    define("chr") { m, args, _ throws(PythonError) in
      guard case .int(let code)? = m.numeric(args[0]) else {
        throw m.raise("TypeError", "'\(m.typeName(args[0]))' object cannot be interpreted as an integer")
      }
      guard let scalar = Unicode.Scalar(UInt32(clamping: max(code, 0))), code >= 0, code <= 0x10FFFF else {
        throw m.raise("ValueError", "chr() arg not in range(0x110000)")
      }
      return .str(String(Character(scalar)))
    }
    define("ord") { m, args, _ throws(PythonError) in
      guard case .str(let s) = args[0] else {
        throw m.raise("TypeError", "ord() expected string of length 1, but \(m.typeName(args[0])) found")
      }
      guard s.unicodeScalars.count == 1 else {
        throw m.raise(
          "TypeError", "ord() expected a character, but string of length \(s.unicodeScalars.count) found")
      }
      return .int(Int64(s.unicodeScalars.first!.value))
    }
    for (name, radix, prefix) in [("hex", 16, "0x"), ("bin", 2, "0b"), ("oct", 8, "0o")] {
      define(name) { m, args, _ throws(PythonError) in
        guard case .int(let i) = args[0] else {
          if case .bool(let b) = args[0] { return .str(prefix + (b ? "1" : "0")) }
          throw m.raise("TypeError", "'\(m.typeName(args[0]))' object cannot be interpreted as an integer")
        }
        return .str((i < 0 ? "-" : "") + prefix + String(i.magnitude, radix: radix))
      }
    }
    define("getattr") { m, args, _ throws(PythonError) in
      guard case .str(let name) = args[1] else {
        throw m.raise("TypeError", "attribute name must be string, not '\(m.typeName(args[1]))'")
      }
      do throws(PythonError) {
        return try m.getAttribute(args[0], name)
      } catch {
        guard args.count > 2, case .raised(let id) = error, m.exceptions[id].type.name == "AttributeError" else {
          throw error
        }
        return args[2]
      }
    }
    define("hasattr") { m, args, _ throws(PythonError) in
      guard case .str(let name) = args[1] else {
        throw m.raise("TypeError", "attribute name must be string, not '\(m.typeName(args[1]))'")
      }
      return .bool((try? m.getAttribute(args[0], name)) != nil)
    }
    define("setattr") { m, args, _ throws(PythonError) in
      guard case .str(let name) = args[1] else {
        throw m.raise("TypeError", "attribute name must be string, not '\(m.typeName(args[1]))'")
      }
      try m.setAttribute(args[0], name, args[2])
      return .none
    }
    define("callable") { m, args, _ throws(PythonError) in
      switch args[0] {
      case .function, .builtin, .method, .builtinMethod, .type: return .bool(true)
      case .instance(let i): return .bool(i.type.lookup("__call__") != nil)
      default: return .bool(false)
      }
    }
  }
}
