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

  /// `items` between `open` and `close`, one a line, indented two spaces more than the brackets.
  private static func writeList<Item>(
    _ items: [Item], open: String, close: String, to out: inout String, indent: Int,
    item write: (Item, inout String) -> Void
  ) {
    guard !items.isEmpty else {
      out += open + close
      return
    }
    out += open + "\n"
    for (i, item) in items.enumerated() {
      out += String(repeating: " ", count: indent + 2)
      write(item, &out)
      out += i + 1 < items.count ? ",\n" : "\n"
    }
    out += String(repeating: " ", count: indent) + close
  }

  private func write(to out: inout String, indent: Int) {
    switch self {
    case .object(let members):
      JSONText.writeList(members, open: "{", close: "}", to: &out, indent: indent) { member, out in
        JSONText.quote(member.0, into: &out)
        out += ": "
        member.1.write(to: &out, indent: indent + 2)
      }
    case .array(let elements):
      JSONText.writeList(elements, open: "[", close: "]", to: &out, indent: indent) { element, out in
        element.write(to: &out, indent: indent + 2)
      }
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
