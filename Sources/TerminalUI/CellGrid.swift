import DisplayText
import SchedulerEngine

/// A rectangle of cells that every screen renders into. Only the terminal backend turns it into output.
public struct CellGrid: Sendable, Equatable {
  public private(set) var width: Int
  public private(set) var height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  public subscript(x: Int, y: Int) -> Cell {
    get { cells[y * width + x] }
    set { cells[y * width + x] = newValue }
  }

  public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

  /// Writes `text` from column `x` of row `y`, clipped to the row and to `limit` (an exclusive right edge).
  /// Wide characters take two cells; one that would not fit whole is replaced by a space. Control characters
  /// are written as their visible escapes (`\x1b`), never as themselves. Returns the column after the last one
  /// written.
  @discardableResult
  public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, limit: Int? = nil) -> Int {
    guard y >= 0 && y < height else { return x }
    let right = min(width, limit ?? width)
    var column = x
    for character in text.escapingControlCharacters() {
      let w = TextWidth.of(character)
      if w == 0 { continue }
      if column + w > right {
        if column < right && column >= 0 { setCell(Cell(" ", style: style), x: column, y: y) }
        return right
      }
      if column >= 0 {
        setCell(Cell(character, width: UInt8(w), style: style), x: column, y: y)
        if w == 2 { setCell(Cell(" ", width: 0, style: style), x: column + 1, y: y) }
      }
      column += w
    }
    return column
  }

  /// Writes styled runs one after the other from column `x`.
  @discardableResult
  public mutating func put(_ runs: [StyledText], x: Int, y: Int, limit: Int? = nil) -> Int {
    var column = x
    for run in runs { column = put(run.text, x: column, y: y, style: run.style, limit: limit) }
    return column
  }

  /// Sets one cell, repairing wide characters it cuts in half.
  private mutating func setCell(_ cell: Cell, x: Int, y: Int) {
    guard contains(x: x, y: y) else { return }
    let old = self[x, y]
    if old.isContinuation && x > 0 && self[x - 1, y].width == 2 {
      self[x - 1, y] = Cell(" ", style: self[x - 1, y].style)
    }
    if old.width == 2 && x + 1 < width && cell.width != 2 {
      self[x + 1, y] = Cell(" ", style: old.style)
    }
    self[x, y] = cell
  }

  /// Paints `style` over a rectangle, keeping the characters.
  public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style, character: Character? = nil) {
    for row in max(0, y)..<min(height, y + h) {
      for column in max(0, x)..<min(width, x + w) {
        if let character {
          setCell(Cell(character, style: style), x: column, y: row)
        } else {
          self[column, row].style = style
        }
      }
    }
  }

  /// Copies `other` with its top left corner at (`x`, `y`), clipped.
  public mutating func blit(_ other: CellGrid, x: Int, y: Int) {
    for row in 0..<other.height where y + row >= 0 && y + row < height {
      for column in 0..<other.width where x + column >= 0 && x + column < width {
        self[x + column, y + row] = other[column, row]
      }
    }
  }

  /// The rows as text, trailing spaces removed: what tests compare.
  public var rows: [String] {
    (0..<height).map { row(at: $0) }
  }

  public func row(at y: Int) -> String {
    var text = ""
    for x in 0..<width where !self[x, y].isContinuation { text.append(self[x, y].character) }
    while text.hasSuffix(" ") { text.removeLast() }
    return text
  }

  /// The rows joined by newlines.
  public var text: String { rows.joined(separator: "\n") }

  /// The positions whose cells differ from `previous` (all of them when the sizes differ): what a frame writes.
  public func changes(since previous: CellGrid?) -> [Int] {
    guard let previous, previous.width == width, previous.height == height else { return Array(cells.indices) }
    var changed: [Int] = []
    for i in cells.indices where cells[i] != previous.cells[i] { changed.append(i) }
    return changed
  }
}

/// A run of text in one style.
public struct StyledText: Sendable, Equatable {
  public var text: String
  public var style: Style
  public init(_ text: String, _ style: Style = .normal) {
    self.text = text
    self.style = style
  }
}
