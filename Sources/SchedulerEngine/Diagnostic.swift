/// A mistake in a scenario file, located to the character.
public struct ScenarioDiagnostic: Error, Sendable, Equatable, CustomStringConvertible {
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

  /// `FILE:LINE:COL: error: MESSAGE`, then the line and a caret under the column.
  public var description: String {
    var text = "\(file):\(location.line):\(location.column): error: \(message)"
    if !sourceLine.isEmpty {
      text += "\n    \(sourceLine)\n    " + String(repeating: " ", count: max(location.column - 1, 0)) + "^"
    }
    return text
  }
}
