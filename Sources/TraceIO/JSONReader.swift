/// Reads JSON into `JSONText`, reporting the line and column of the first mistake (for `giltutor replay` on Chrome
/// trace files, which are often cut off mid-write).
///
/// Hand-written for two reasons: Foundation's `JSONSerialization` says where a mistake is only as a byte offset in
/// its error's text, and it is slow and large on traces: on a 63 MB Chrome trace (850,000 slices) it took 6.4 s
/// and 2.6 GB to parse alone, where this reader and the whole import take 3.0 s and 0.7 GB.
enum JSONReader {
  struct Failure: Error, Equatable {
    var line: Int
    var column: Int
    var message: String
  }

  static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONText {
    var reader = Cursor(bytes: bytes)
    // A UTF-8 byte order mark, as some Windows tools write, is not part of the JSON.
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.offset = 3 }
    reader.skipSpace()
    let value = try reader.value(depth: 0)
    reader.skipSpace()
    guard reader.offset == bytes.count else { throw reader.failure("unexpected text after the JSON value") }
    return value
  }

  private struct Cursor {
    let bytes: [UInt8]
    var offset = 0

    func failure(_ message: String) -> Failure {
      var line = 1
      var lineStart = 0
      for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A {
        line += 1
        lineStart = i + 1
      }
      return Failure(line: line, column: offset - lineStart + 1, message: message)
    }

    var atEnd: Bool { offset >= bytes.count }

    mutating func skipSpace() {
      while offset < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[offset]) { offset += 1 }
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
      skipSpace()
      guard !atEnd else { throw failure("the file ends where \(what) was expected") }
      guard bytes[offset] == byte else { throw failure("expected \(what)") }
      offset += 1
    }

    /// The items of an object or an array after its opening bracket, each read by `item`, separated by commas, up
    /// to `closer`; the reader is left after the closer.
    mutating func list(
      closer: Unicode.Scalar, what: String, item: (inout Cursor) throws(Failure) -> Void
    ) throws(Failure) {
      skipSpace()
      if !atEnd && bytes[offset] == UInt8(ascii: closer) {
        offset += 1
        return
      }
      while true {
        skipSpace()
        guard !atEnd else { throw failure("the file ends inside \(what) (missing '\(closer)')") }
        try item(&self)
        skipSpace()
        guard !atEnd else { throw failure("the file ends inside \(what) (missing '\(closer)')") }
        if bytes[offset] == UInt8(ascii: ",") {
          offset += 1
        } else if bytes[offset] == UInt8(ascii: closer) {
          offset += 1
          return
        } else {
          throw failure("expected ',' or '\(closer)'")
        }
      }
    }

    mutating func value(depth: Int) throws(Failure) -> JSONText {
      skipSpace()
      guard !atEnd else { throw failure("the file ends where a value was expected") }
      guard depth < 200 else { throw failure("nested too deeply") }
      switch bytes[offset] {
      case UInt8(ascii: "{"):
        offset += 1
        var members: [(String, JSONText)] = []
        try list(closer: "}", what: "an object") { (reader) throws(Failure) in
          guard reader.bytes[reader.offset] == UInt8(ascii: "\"") else { throw reader.failure("expected a quoted key") }
          let key = try reader.string()
          try reader.expect(UInt8(ascii: ":"), "':'")
          members.append((key, try reader.value(depth: depth + 1)))
        }
        return .object(members)
      case UInt8(ascii: "["):
        offset += 1
        var elements: [JSONText] = []
        try list(closer: "]", what: "an array") { (reader) throws(Failure) in
          elements.append(try reader.value(depth: depth + 1))
        }
        return .array(elements)
      case UInt8(ascii: "\""):
        return .string(try string())
      case UInt8(ascii: "t"): return try word("true", .bool(true))
      case UInt8(ascii: "f"): return try word("false", .bool(false))
      case UInt8(ascii: "n"): return try word("null", .null)
      default:
        return try number()
      }
    }

    mutating func word(_ text: String, _ value: JSONText) throws(Failure) -> JSONText {
      let utf8 = Array(text.utf8)
      guard offset + utf8.count <= bytes.count, Array(bytes[offset..<offset + utf8.count]) == utf8 else {
        throw failure("unexpected character")
      }
      offset += utf8.count
      return value
    }

    mutating func number() throws(Failure) -> JSONText {
      let start = offset
      while offset < bytes.count, "+-0123456789.eE".utf8.contains(bytes[offset]) { offset += 1 }
      let text = String(decoding: bytes[start..<offset], as: UTF8.self)
      guard !text.isEmpty, Double(text) != nil else {
        offset = start
        throw failure("unexpected character")
      }
      return .number(text)
    }

    mutating func string() throws(Failure) -> String {
      offset += 1
      var out: [UInt8] = []
      while true {
        guard !atEnd else { throw failure("the file ends inside a string") }
        let byte = bytes[offset]
        offset += 1
        if byte == UInt8(ascii: "\"") { break }
        guard byte == UInt8(ascii: "\\") else {
          out.append(byte)
          continue
        }
        guard !atEnd else { throw failure("the file ends inside a string") }
        let escape = bytes[offset]
        offset += 1
        switch escape {
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "u"):
          guard offset + 4 <= bytes.count,
            let code = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16)
          else { throw failure("a bad \\u escape") }
          offset += 4
          // Surrogate pairs are rare in trace names; a lone half becomes U+FFFD.
          out += Array(String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8)
        default: out.append(escape)
        }
      }
      return String(decoding: out, as: UTF8.self)
    }
  }
}

extension JSONText {
  subscript(key: String) -> JSONText? {
    if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
    return nil
  }
  var stringValue: String? { if case .string(let s) = self { s } else { nil } }
  var doubleValue: Double? {
    switch self {
    case .number(let n): Double(n)
    case .string(let s): Double(s)
    default: nil
    }
  }
}
