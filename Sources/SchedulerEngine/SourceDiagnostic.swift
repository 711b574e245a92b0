/// A mistake in a scenario or Python file, located to the character.
public struct SourceDiagnostic: Error, Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var location: SourceLocation
  public var message: String
  /// The offending line of the file, for the caret display.
  public var sourceLine: String

  public init(file: String, location: SourceLocation, message: String, sourceLine: String = "") {
    self.file = file
    self.location = location
    self.message = message
    self.sourceLine = sourceLine
  }

  /// `FILE:LINE:COL: error: MESSAGE`, then the line and a caret under the column. What came from the file (its
  /// name, the line, a token the message quotes) has its control characters escaped, the caret moved with them.
  public var description: String {
    let shownFile = file.escapingControlCharacters()
    var text = "\(shownFile):\(location.line):\(location.column): error: \(message.escapingControlCharacters())"
    if !sourceLine.isEmpty {
      let before = String(sourceLine.prefix(max(location.column - 1, 0))).escapingControlCharacters()
      text +=
        "\n    \(sourceLine.escapingControlCharacters())\n    " + String(repeating: " ", count: before.count) + "^"
    }
    return text
  }
}
