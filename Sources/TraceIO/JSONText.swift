import SchedulerEngine

/// A small JSON value that keeps the order of object keys and writes numbers exactly as given, so that outputs are
/// stable byte for byte and milliseconds keep their exact decimal form.
indirect enum JSONText {
  case object([(String, JSONText)])
  case array([JSONText])
  case string(String)
  /// A number already in JSON syntax.
  case number(String)
  case bool(Bool)
  case null

  static func integer<T: BinaryInteger>(_ value: T) -> JSONText { .number(String(value)) }

  /// Pretty-printed with two-space indentation.
  func pretty() -> String {
    var out = ""
    write(to: &out, indent: 0)
    return out
  }

  private func write(to out: inout String, indent: Int) {
    let inner = String(repeating: " ", count: indent + 2)
    let outer = String(repeating: " ", count: indent)
    switch self {
    case .object(let members):
      if members.isEmpty {
        out += "{}"
        return
      }
      out += "{\n"
      for (i, member) in members.enumerated() {
        out += inner
        JSONText.quote(member.0, into: &out)
        out += ": "
        member.1.write(to: &out, indent: indent + 2)
        out += i + 1 < members.count ? ",\n" : "\n"
      }
      out += outer + "}"
    case .array(let elements):
      if elements.isEmpty {
        out += "[]"
        return
      }
      out += "[\n"
      for (i, element) in elements.enumerated() {
        out += inner
        element.write(to: &out, indent: indent + 2)
        out += i + 1 < elements.count ? ",\n" : "\n"
      }
      out += outer + "]"
    case .string(let text):
      JSONText.quote(text, into: &out)
    case .number(let text):
      out += text
    case .bool(let value):
      out += value ? "true" : "false"
    case .null:
      out += "null"
    }
  }

  /// `text` as a JSON string literal.
  static func quote(_ text: String, into out: inout String) {
    out += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      // Also DEL, C1 controls, line separators and bidi overrides: the same string for a JSON reader, and nothing a
      // terminal showing the file would act on.
      case _ where scalar.isControlForOutput:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }

  static func quoted(_ text: String) -> String {
    var out = ""
    quote(text, into: &out)
    return out
  }
}
