import SchedulerEngine

/// What CPython's AST optimizer (Python/ast_opt.c) computes before code generation: operators on constants,
/// tuples of constants, and lists and sets of constants iterated over or tested with `in`.
enum ConstantFolding {
  /// The constant an expression folds to, if it does.
  static func constant(_ e: PythonExpression) -> PythonConstant? {
    switch e.kind {
    case .constant(let c):
      switch c {
      case .none: return PythonConstant.none
      case .true: return .bool(true)
      case .false: return .bool(false)
      case .ellipsis: return .ellipsis
      }
    case .integer(let i): return .int(i)
    case .float(let d): return .float(d)
    case .string(let s): return .string(s)
    case .bytes(let b): return .bytes(b)
    case .formatted(let pieces):
      // An f-string without fields is a plain string.
      var text = ""
      for piece in pieces {
        guard case .literal(let literal) = piece else { return nil }
        text += literal
      }
      return .string(text)
    case .tuple(let items):
      var values: [PythonConstant] = []
      for item in items {
        guard let value = constant(item) else { return nil }
        values.append(value)
      }
      return .tuple(values)
    case .unary(let op, let operand):
      guard let value = constant(operand) else { return nil }
      return unary(op, value)
    case .binary(let left, let op, let right):
      guard let a = constant(left), let b = constant(right) else { return nil }
      return binary(a, op, b)
    default: return nil
    }
  }

  static func unary(_ op: UnaryOperator, _ value: PythonConstant) -> PythonConstant? {
    switch (op, value) {
    case (.negative, .int(let i)) where i != .min: return .int(-i)
    case (.negative, .float(let d)): return .float(-d)
    case (.negative, .bool(let b)): return .int(b ? -1 : 0)
    case (.positive, .int), (.positive, .float): return value
    case (.positive, .bool(let b)): return .int(b ? 1 : 0)
    case (.invert, .int(let i)): return .int(~i)
    case (.invert, .bool(let b)): return .int(b ? -2 : -1)
    case (.not, _): return .bool(!value.isTrue)
    default: return nil
    }
  }

  /// Python's arithmetic on two constants, where the result is exact in 64 bits (CPython folds bigger results
  /// too, into big integers, which giltutor does not model: such an expression stays unfolded).
  static func binary(_ a: PythonConstant, _ op: BinaryOperator, _ b: PythonConstant) -> PythonConstant? {
    func number(_ c: PythonConstant) -> (int: Int64?, float: Double?)? {
      switch c {
      case .int(let i): return (i, Double(i))
      case .bool(let v): return (v ? 1 : 0, v ? 1 : 0)
      case .float(let d): return (nil, d)
      default: return nil
      }
    }
    if case .string(let s) = a, case .string(let t) = b, op == .add { return .string(s + t) }
    if case .string(let s) = a, case .int(let n) = b, op == .multiply, n >= 0, s.count * Int(n) <= 4096 {
      return .string(String(repeating: s, count: Int(n)))
    }
    guard let x = number(a), let y = number(b) else { return nil }
    if let i = x.int, let j = y.int {
      switch op {
      case .add:
        let (r, o) = i.addingReportingOverflow(j)
        return o ? nil : .int(r)
      case .subtract:
        let (r, o) = i.subtractingReportingOverflow(j)
        return o ? nil : .int(r)
      case .multiply:
        let (r, o) = i.multipliedReportingOverflow(by: j)
        return o ? nil : .int(r)
      case .floorDivide:
        guard j != 0 else { return nil }
        return .int(floorDivide(i, j))
      case .modulo:
        guard j != 0 else { return nil }
        return .int(i - floorDivide(i, j) * j)
      case .divide:
        guard j != 0 else { return nil }
        return .float(Double(i) / Double(j))
      case .power:
        guard j >= 0, j <= 128 else { return nil }
        var result: Int64 = 1
        for _ in 0..<j {
          let (r, o) = result.multipliedReportingOverflow(by: i)
          if o { return nil }
          result = r
        }
        return .int(result)
      case .leftShift:
        guard j >= 0, j < 63, i.leadingZeroBitCount > Int(j) + 1 || i == 0 else { return nil }
        return .int(i << j)
      case .rightShift:
        guard j >= 0 else { return nil }
        return .int(j >= 64 ? (i < 0 ? -1 : 0) : i >> j)
      case .bitAnd: return .int(i & j)
      case .bitOr: return .int(i | j)
      case .bitXor: return .int(i ^ j)
      case .matrixMultiply: return nil
      }
    }
    guard let p = x.float, let q = y.float else { return nil }
    switch op {
    case .add: return .float(p + q)
    case .subtract: return .float(p - q)
    case .multiply: return .float(p * q)
    case .divide: return q == 0 ? nil : .float(p / q)
    default: return nil
    }
  }

  private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
  }
}
