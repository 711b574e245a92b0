/// Python's string formatting: `format(value, spec)` (f-strings, `str.format`) and `%`, exact as CPython's:
/// floats are rounded from their exact binary value, half to even.
extension PythonMachine {
  struct FormatSpec {
    var fill: Character = " "
    var align: Character? = nil
    var sign: Character = "-"
    var width = 0
    var grouping: Character? = nil
    var precision: Int? = nil
    var type: Character? = nil
  }

  func parseSpec(_ spec: String, for value: PyValue) throws(PythonError) -> FormatSpec {
    var result = FormatSpec()
    var chars = Array(spec)
    let aligns: Set<Character> = ["<", ">", "^", "="]
    if chars.count >= 2 && aligns.contains(chars[1]) {
      result.fill = chars[0]
      result.align = chars[1]
      chars.removeFirst(2)
    } else if let first = chars.first, aligns.contains(first) {
      result.align = first
      chars.removeFirst()
    }
    if let first = chars.first, "+- ".contains(first) {
      result.sign = first
      chars.removeFirst()
    }
    if chars.first == "0" {
      if result.align == nil {
        result.fill = "0"
        result.align = "="
      }
      chars.removeFirst()
    }
    var digits = ""
    while let first = chars.first, first.isASCII, first.isNumber {
      digits.append(first)
      chars.removeFirst()
    }
    result.width = Int(digits) ?? 0
    if let first = chars.first, first == "," || first == "_" {
      result.grouping = first
      chars.removeFirst()
    }
    if chars.first == "." {
      chars.removeFirst()
      var precision = ""
      while let first = chars.first, first.isASCII, first.isNumber {
        precision.append(first)
        chars.removeFirst()
      }
      guard let number = Int(precision) else { throw raise("ValueError", "Format specifier missing precision") }
      result.precision = number
    }
    if let first = chars.first {
      result.type = first
      chars.removeFirst()
    }
    guard chars.isEmpty else {
      throw raise("ValueError", "Invalid format specifier '\(spec)' for object of type '\(typeName(value))'")
    }
    return result
  }

  func format(_ value: PyValue, _ specText: String) throws(PythonError) -> String {
    if specText.isEmpty { return try str(value) }
    let spec = try parseSpec(specText, for: value)
    var body: String
    var negative = false
    if case .str = value, let type = spec.type, type != "s" {
      throw unknownFormatCode(type, value)
    }
    switch (value, spec.type) {
    case (.str(let s), nil), (.str(let s), "s"?):
      body = spec.precision.map { String(s.prefix($0)) } ?? s
      return pad(body, spec, defaultAlign: "<")
    case (.int(let i), nil), (.int(let i), "d"?), (.int(let i), "n"?):
      negative = i < 0
      body = group(String(i.magnitude), spec.grouping)
    case (.bool(let b), _) where spec.type == nil || spec.type == "d":
      body = b ? "1" : "0"
    case (.int(let i), "x"?), (.int(let i), "X"?), (.int(let i), "o"?), (.int(let i), "b"?):
      negative = i < 0
      let radix = spec.type == "o" ? 8 : spec.type == "b" ? 2 : 16
      body = String(i.magnitude, radix: radix, uppercase: spec.type == "X")
    case (.int, _), (.float, _), (.bool, _):
      let d = (numeric(value) ?? .float(0)).asDouble
      negative = d < 0 || (d == 0 && d.sign == .minus)
      let magnitude = d.magnitude
      switch spec.type {
      case "f"?, "F"?: body = fixed(magnitude, spec.precision ?? 6)
      case "%"?: body = fixed(magnitude * 100, spec.precision ?? 6) + "%"
      case "e"?, "E"?:
        body = scientific(magnitude, spec.precision ?? 6)
        if spec.type == "E" { body = body.uppercased() }
      case "g"?, "G"?, nil:
        if spec.type == nil && spec.precision == nil {
          body = PythonConstant.floatRepr(magnitude)
        } else {
          body = general(magnitude, spec.precision ?? 6, keepPoint: spec.type == nil)
        }
      default: throw unknownFormatCode(spec.type!, value)
      }
      if let grouping = spec.grouping {
        let parts = body.split(separator: ".", maxSplits: 1).map(String.init)
        body = group(parts[0], grouping) + (parts.count > 1 ? "." + parts[1] : "")
      }
    default:
      throw raise("TypeError", "unsupported format string passed to \(typeName(value)).__format__")
    }
    let signText = negative ? "-" : spec.sign == "+" ? "+" : spec.sign == " " ? " " : ""
    if spec.align == "=" {
      let padCount = max(0, spec.width - signText.count - body.count)
      return signText + String(repeating: spec.fill, count: padCount) + body
    }
    return pad(signText + body, spec, defaultAlign: ">")
  }

  private func pad(_ text: String, _ spec: FormatSpec, defaultAlign: Character) -> String {
    let count = max(0, spec.width - text.count)
    switch spec.align ?? defaultAlign {
    case "<": return text + String(repeating: spec.fill, count: count)
    case "^":
      return String(repeating: spec.fill, count: count / 2) + text
        + String(repeating: spec.fill, count: count - count / 2)
    default: return String(repeating: spec.fill, count: count) + text
    }
  }

  private func group(_ digits: String, _ separator: Character?) -> String {
    guard let separator else { return digits }
    var result = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { result.append(separator) }
      result.append(c)
    }
    return result
  }

  /// `%.Nf` of a non-negative double.
  func fixed(_ d: Double, _ precision: Int) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return "inf" }
    let (digits, point) = ExactDecimal.round(d, fractionDigits: precision)
    var integer = point > 0 ? String(digits.prefix(point)) : "0"
    if integer.isEmpty { integer = "0" }
    guard precision > 0 else { return integer }
    var fraction = point >= 0 ? String(digits.dropFirst(point)) : String(repeating: "0", count: -point) + digits
    fraction = String(fraction.prefix(precision))
    fraction += String(repeating: "0", count: max(0, precision - fraction.count))
    return integer + "." + fraction
  }

  /// `%.Ne` of a non-negative double.
  func scientific(_ d: Double, _ precision: Int) -> String {
    if d == 0 { return "0" + (precision > 0 ? "." + String(repeating: "0", count: precision) : "") + "e+00" }
    let (digits, point) = ExactDecimal.round(d, significantDigits: precision + 1)
    let exponent = point - 1
    let mantissa = String(digits.prefix(1)) + (precision > 0 ? "." + String(digits.dropFirst().prefix(precision)) : "")
    let e = abs(exponent)
    return mantissa + (exponent < 0 ? "e-" : "e+") + (e < 10 ? "0" : "") + String(e)
  }

  /// `%.Ng`: fixed or scientific by the exponent, trailing zeros dropped.
  func general(_ d: Double, _ precision: Int, keepPoint: Bool) -> String {
    let p = max(precision, 1)
    if d == 0 { return keepPoint ? "0.0" : "0" }
    let (digits, point) = ExactDecimal.round(d, significantDigits: p)
    let exponent = point - 1
    var text: String
    if exponent >= -4 && exponent < p {
      text = fixed(d, max(0, p - 1 - exponent))
      if text.contains(".") {
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
      }
      if keepPoint && !text.contains(".") { text += ".0" }
    } else {
      var mantissa = String(digits.prefix(1)) + "." + String(digits.dropFirst().prefix(p - 1))
      while mantissa.hasSuffix("0") { mantissa.removeLast() }
      if mantissa.hasSuffix(".") { mantissa.removeLast() }
      let e = abs(exponent)
      text = mantissa + (exponent < 0 ? "e-" : "e+") + (e < 10 ? "0" : "") + String(e)
    }
    return text
  }

  /// `format % args`: %s %r %d %i %f %e %g %x %% with widths and precisions.
  func percentFormat(_ format: String, _ argument: PyValue) throws(PythonError) -> String {
    let args: [PyValue] = if case .tuple(let items) = argument { items } else { [argument] }
    var next = 0
    var result = ""
    var chars = Array(format)[...]
    let all = Array(format)
    while let c = chars.first {
      chars = chars.dropFirst()
      guard c == "%" else {
        result.append(c)
        continue
      }
      // `%(name)s`: the value of `name` in the mapping that is the whole argument.
      var mapped: PyValue? = nil
      if chars.first == "(" {
        guard let close = chars.firstIndex(of: ")") else { throw raise("ValueError", "incomplete format key") }
        let key = String(chars[chars.index(after: chars.startIndex)..<close])
        chars = chars[chars.index(after: close)...]
        guard case .dict(let mapping) = argument else { throw raise("TypeError", "format requires a mapping") }
        guard let value = mapping.get(.str(key)) else { throw raise("KeyError", "'\(key)'") }
        mapped = value
      }
      var spec = ""
      while let d = chars.first, "-+ 0123456789.".contains(d) {
        spec.append(d)
        chars = chars.dropFirst()
      }
      guard let type = chars.first else { throw raise("ValueError", "incomplete format") }
      chars = chars.dropFirst()
      if type == "%" {
        result.append("%")
        continue
      }
      if !"srdiufFeEgGxXoc".contains(type) {
        throw unsupportedFormatCharacter(type, at: all.count - chars.count - 1)
      }
      let value: PyValue
      if let mapped {
        value = mapped
      } else {
        guard next < args.count else { throw raise("TypeError", "not enough arguments for format string") }
        value = args[next]
        next += 1
      }
      let leftAlign = spec.hasPrefix("-")
      if leftAlign { spec.removeFirst() }
      // `%` right-aligns unless told `-`; a 0 flag pads numbers with zeros after the sign.
      let pythonSpec = (leftAlign ? "<" : spec.hasPrefix("0") ? "" : ">") + spec
      switch type {
      case "s": result += try self.format(.str(try str(value)), pythonSpec)
      case "r": result += try self.format(.str(try repr(value)), pythonSpec)
      case "d", "i", "u":
        guard let number = numeric(value) else {
          throw raise("TypeError", "%\(type) format: a real number is required, not \(typeName(value))")
        }
        let integer: PyValue = if case .float(let f) = number { .int(Int64(f.rounded(.towardZero))) } else { number }
        result += try self.format(integer, pythonSpec + "d")
      case "f", "F", "e", "E", "g", "G", "x", "X", "o":
        result += try self.format(value, pythonSpec + String(type))
      case "c":
        // A character, given as itself or as its code point.
        var character = ""
        switch value {
        case .str(let s) where s.count == 1: character = s
        case .int(let code) where (0...0x10FFFF).contains(code):
          character = Unicode.Scalar(UInt32(code)).map { String(Character($0)) } ?? ""
        case .int: throw raise("OverflowError", "%c arg not in range(0x110000)")
        default: throw raise("TypeError", "%c requires an int or a unicode character, not \(typeName(value))")
        }
        result += try self.format(.str(character), pythonSpec)
      default:
        throw unsupportedFormatCharacter(type, at: all.count - chars.count - 1)
      }
    }
    let isMapping = if case .dict = argument { true } else { false }
    guard next == args.count || args.count == 1 && (next == 1 || isMapping) else {
      throw raise("TypeError", "not all arguments converted during string formatting")
    }
    return result
  }

  /// CPython shows the character itself when it is printable ASCII, else `?`.
  private func unsupportedFormatCharacter(_ c: Character, at index: Int) -> PythonError {
    let value = c.unicodeScalars.first!.value
    let shown = (31...126).contains(value) ? String(c) : "?"
    return raise(
      "ValueError", "unsupported format character '\(shown)' (0x\(String(value, radix: 16))) at index \(index)")
  }

  /// `Unknown format code 'x'`, or `'\xe9'` for a character beyond printable ASCII.
  func unknownFormatCode(_ c: Character, _ value: PyValue) -> PythonError {
    let code = c.unicodeScalars.first!.value
    let shown = (33...127).contains(code) ? String(c) : "\\x" + String(code, radix: 16)
    return raise("ValueError", "Unknown format code '\(shown)' for object of type '\(typeName(value))'")
  }

  /// `str.format`: `{}`, `{0}`, `{name}`, with `!r`/`!s` and a spec.
  func formatString(_ template: String, _ args: [PyValue], _ keywords: [(String, PyValue)]) throws(PythonError)
    -> String
  {
    var result = ""
    var automatic = 0
    var chars = Array(template)[...]
    while let c = chars.first {
      chars = chars.dropFirst()
      if c == "{" && chars.first == "{" || c == "}" && chars.first == "}" {
        result.append(c)
        chars = chars.dropFirst()
        continue
      }
      if c == "}" { throw raise("ValueError", "Single '}' encountered in format string") }
      guard c == "{" else {
        result.append(c)
        continue
      }
      var field = ""
      while let d = chars.first, d != "}" {
        field.append(d)
        chars = chars.dropFirst()
      }
      guard chars.first == "}" else { throw raise("ValueError", "Single '{' encountered in format string") }
      chars = chars.dropFirst()
      var spec = ""
      if let colon = field.firstIndex(of: ":") {
        spec = String(field[field.index(after: colon)...])
        field = String(field[..<colon])
      }
      var conversion: Character? = nil
      if let bang = field.firstIndex(of: "!") {
        conversion = field[field.index(after: bang)...].first
        field = String(field[..<bang])
      }
      var value: PyValue
      if field.isEmpty {
        guard automatic < args.count else {
          throw raise("IndexError", "Replacement index \(automatic) out of range for positional args tuple")
        }
        value = args[automatic]
        automatic += 1
      } else if let index = Int(field) {
        guard index < args.count else {
          throw raise("IndexError", "Replacement index \(index) out of range for positional args tuple")
        }
        value = args[index]
      } else if let keyword = keywords.first(where: { $0.0 == field }) {
        value = keyword.1
      } else {
        throw raising(PyException(type: exceptionTypes["KeyError"]!, arguments: [.str(field)]))
      }
      if conversion == "r" { value = .str(try repr(value)) }
      if conversion == "s" { value = .str(try str(value)) }
      result += try format(value, spec)
    }
    return result
  }
}

/// A double's exact decimal digits (a double is an integer times a power of two, so its decimal expansion ends),
/// rounded half to even where asked: what CPython's float formatting does.
enum ExactDecimal {
  /// The digits of `d` (non-negative, finite) and where the point goes (digits before it).
  static func digits(_ d: Double) -> (digits: [UInt8], point: Int) {
    if d == 0 { return ([0], 1) }
    let exponent = Int(d.exponent) - 52
    var mantissa = d.significandBitPattern | (d.isNormal ? (1 << 52) : 0)
    var shift = exponent
    if !d.isNormal { shift = -1074 }
    while mantissa & 1 == 0 && shift < 0 {
      mantissa >>= 1
      shift += 1
    }
    // value = mantissa * 2^shift; as a big decimal number with `fraction` digits after the point.
    var number = BigDecimalDigits(mantissa)
    var fraction = 0
    if shift > 0 {
      for _ in 0..<shift { number.multiply(by: 2) }
    } else {
      // m * 2^-k = m * 5^k / 10^k
      for _ in 0..<(-shift) { number.multiply(by: 5) }
      fraction = -shift
    }
    let text = number.digits
    return (text, text.count - fraction)
  }

  static func round(_ d: Double, fractionDigits: Int) -> (String, Int) {
    let (digits, point) = Self.digits(d)
    return rounded(digits, point, keep: point + fractionDigits)
  }

  static func round(_ d: Double, significantDigits: Int) -> (String, Int) {
    let (digits, point) = Self.digits(d)
    let firstNonZero = digits.firstIndex { $0 != 0 } ?? 0
    return rounded(Array(digits[firstNonZero...]), point - firstNonZero, keep: significantDigits)
  }

  /// Keeps `keep` digits of `digits` (point after `point` of them), rounding half to even.
  private static func rounded(_ digits: [UInt8], _ point: Int, keep: Int) -> (String, Int) {
    var digits = digits
    var point = point
    if keep < 0 { return ("0", point) }
    if keep < digits.count {
      let rest = digits[keep...]
      let first = rest.first!
      let exactHalf = first == 5 && rest.dropFirst().allSatisfy { $0 == 0 }
      let previousOdd = keep > 0 && digits[keep - 1] % 2 == 1
      let roundUp = first > 5 || (first == 5 && (!exactHalf || previousOdd))
      digits = Array(digits[..<keep])
      if roundUp {
        var i = digits.count - 1
        while i >= 0 {
          if digits[i] == 9 {
            digits[i] = 0
            i -= 1
          } else {
            digits[i] += 1
            break
          }
        }
        if i < 0 {
          digits.insert(1, at: 0)
          point += 1
        }
      }
    }
    return (digits.map { String($0) }.joined(), point)
  }
}

/// A non-negative integer as base-10^9 limbs, enough to expand a double exactly.
struct BigDecimalDigits {
  private var limbs: [UInt64]  // least significant first, each < 10^9
  private static let base: UInt64 = 1_000_000_000

  init(_ value: UInt64) {
    limbs = []
    var v = value
    repeat {
      limbs.append(v % Self.base)
      v /= Self.base
    } while v > 0
  }

  mutating func multiply(by factor: UInt64) {
    var carry: UInt64 = 0
    for i in limbs.indices {
      let product = limbs[i] * factor + carry
      limbs[i] = product % Self.base
      carry = product / Self.base
    }
    while carry > 0 {
      limbs.append(carry % Self.base)
      carry /= Self.base
    }
  }

  var digits: [UInt8] {
    var text = String(limbs.last!)
    for limb in limbs.dropLast().reversed() {
      let part = String(limb)
      text += String(repeating: "0", count: 9 - part.count) + part
    }
    return text.utf8.map { $0 - 48 }
  }
}
