import RealModule

/// Python's `math` for the numbers a threading program computes (a prime test's `sqrt`, a simulation's `exp`):
/// the elementary functions are the platform's libm through swift-numerics, as CPython's are libm's, so the
/// results are the same bits. Each call is C code with the GIL held (a few nanoseconds: no time of its own).
extension PythonMachine {
  func mathModule() -> PyModule {
    @Sendable func real(_ m: PythonMachine, _ args: [PyValue], _ k: Int = 0) throws(PythonError) -> Double {
      guard k < args.count else { throw m.raise("TypeError", "missing a required argument") }
      switch m.numeric(args[k]) {
      case .int(let i)?: return Double(i)
      case .float(let d)?: return d
      default: throw m.raise("TypeError", "must be real number, not \(m.typeName(args[k]))")
      }
    }
    @Sendable func integer(_ m: PythonMachine, _ args: [PyValue], _ k: Int = 0) throws(PythonError) -> Int64 {
      guard k < args.count, case .int(let i)? = m.numeric(args[k]) else {
        throw m.raise(
          "TypeError",
          "'\(args.count > k ? m.typeName(args[k]) : "NoneType")' object cannot be interpreted as an integer")
      }
      return i
    }
    /// A float result, or CPython's errors: `math domain error` for NaN from a number, `math range error` for
    /// an infinity from a finite one.
    @Sendable func checked(_ m: PythonMachine, _ x: Double, _ result: Double) throws(PythonError) -> PyValue {
      if result.isNaN && !x.isNaN { throw m.raise("ValueError", "math domain error") }
      if result.isInfinite && x.isFinite { throw m.raise("OverflowError", "math range error") }
      return .float(result)
    }
    @Sendable func rounded(_ m: PythonMachine, _ x: Double, _ rule: FloatingPointRoundingRule) throws(PythonError)
      -> PyValue
    {
      guard x.isFinite else {
        throw m.raise(
          x.isNaN ? "ValueError" : "OverflowError",
          x.isNaN ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer")
      }
      let r = x.rounded(rule)
      guard r >= -9.2e18 && r <= 9.2e18 else { throw PythonError.unsupported("integers beyond 64 bits") }
      return .int(Int64(r))
    }
    func unary(_ name: String, _ f: @escaping @Sendable (Double) -> Double) -> (String, PyValue) {
      (
        name,
        .builtin(
          PyBuiltin(name: name) { m, args, _ throws(PythonError) in
            let x = try real(m, args)
            return try checked(m, x, f(x))
          })
      )
    }
    var functions: [(String, PyValue)] = [
      unary("sqrt") { $0 < 0 ? .nan : $0.squareRoot() },
      unary("exp") { Double.exp($0) },
      unary("log2") { $0 < 0 ? .nan : Double.log2($0) },
      unary("log10") { $0 < 0 ? .nan : Double.log10($0) },
      unary("sin") { Double.sin($0) }, unary("cos") { Double.cos($0) }, unary("tan") { Double.tan($0) },
      unary("atan") { Double.atan($0) }, unary("fabs") { abs($0) },
      ("pi", .float(.pi)), ("e", .float(Double.exp(1))), ("tau", .float(2 * .pi)), ("inf", .float(.infinity)),
      ("nan", .float(.nan)),
    ]
    functions += [
      (
        "log",
        .builtin(
          PyBuiltin(name: "log") { m, args, _ throws(PythonError) in
            let x = try real(m, args)
            guard x > 0 else { throw m.raise("ValueError", "math domain error") }
            guard args.count > 1 else { return .float(Double.log(x)) }
            let base = try real(m, args, 1)
            guard base > 0, base != 1 else { throw m.raise("ValueError", "math domain error") }
            return .float(Double.log(x) / Double.log(base))
          })
      ),
      (
        "pow",
        .builtin(
          PyBuiltin(name: "pow") { m, args, _ throws(PythonError) in
            let (x, y) = (try real(m, args), try real(m, args, 1))
            return try checked(m, x.isFinite && y.isFinite ? x : .nan, Double.pow(x, y))
          })
      ),
      (
        "hypot",
        .builtin(
          PyBuiltin(name: "hypot") { m, args, _ throws(PythonError) in
            .float(Double.hypot(try real(m, args), try real(m, args, 1)))
          })
      ),
      (
        "atan2",
        .builtin(
          PyBuiltin(name: "atan2") { m, args, _ throws(PythonError) in
            .float(Double.atan2(y: try real(m, args), x: try real(m, args, 1)))
          })
      ),
      (
        "floor",
        .builtin(
          PyBuiltin(name: "floor") { m, args, _ throws(PythonError) in try rounded(m, try real(m, args), .down) })
      ),
      (
        "ceil",
        .builtin(PyBuiltin(name: "ceil") { m, args, _ throws(PythonError) in try rounded(m, try real(m, args), .up) })
      ),
      (
        "trunc",
        .builtin(
          PyBuiltin(name: "trunc") { m, args, _ throws(PythonError) in try rounded(m, try real(m, args), .towardZero) })
      ),
      (
        "isqrt",
        .builtin(
          PyBuiltin(name: "isqrt") { m, args, _ throws(PythonError) in
            let n = try integer(m, args)
            guard n >= 0 else { throw m.raise("ValueError", "isqrt() argument must be nonnegative") }
            var r = Int64(Double(n).squareRoot())
            while r * r > n { r -= 1 }
            while (r + 1) * (r + 1) <= n { r += 1 }
            return .int(r)
          })
      ),
      (
        "gcd",
        .builtin(
          PyBuiltin(name: "gcd") { m, args, _ throws(PythonError) in
            var g: Int64 = 0
            for k in args.indices {
              var (a, b) = (g, try integer(m, args, k).magnitude)
              var x = a.magnitude
              while b != 0 { (x, b) = (b, x % b) }
              a = Int64(x)
              g = a
            }
            return .int(g)
          })
      ),
      (
        "factorial",
        .builtin(
          PyBuiltin(name: "factorial") { m, args, _ throws(PythonError) in
            let n = try integer(m, args)
            guard n >= 0 else { throw m.raise("ValueError", "factorial() not defined for negative values") }
            var result: Int64 = 1
            for k in stride(from: 2, through: n, by: 1) {
              let (product, overflow) = result.multipliedReportingOverflow(by: k)
              if overflow { throw PythonError.unsupported("integers beyond 64 bits") }
              result = product
            }
            return .int(result)
          })
      ),
      (
        "isnan", .builtin(PyBuiltin(name: "isnan") { m, args, _ throws(PythonError) in .bool(try real(m, args).isNaN) })
      ),
      (
        "isinf",
        .builtin(PyBuiltin(name: "isinf") { m, args, _ throws(PythonError) in .bool(try real(m, args).isInfinite) })
      ),
      (
        "isfinite",
        .builtin(PyBuiltin(name: "isfinite") { m, args, _ throws(PythonError) in .bool(try real(m, args).isFinite) })
      ),
    ]
    return PyModule(name: "math", attributes: Dictionary(uniqueKeysWithValues: functions))
  }
}
