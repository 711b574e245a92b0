import DisplayText
import TerminalUI

/// What every screen shows when the terminal is smaller than 80×24: the size it has and needs, and that q still
/// quits.
enum TooSmallScreen {
  static let minimumWidth = 80
  static let minimumHeight = 24

  static func fits(width: Int, height: Int) -> Bool { width >= minimumWidth && height >= minimumHeight }

  static func render(width: Int, height: Int, strings s: Strings) -> CellGrid {
    var grid = CellGrid(width: width, height: height)
    let message = s.tooSmall(width: width, height: height)
    let y = max(0, height / 2 - 1)
    grid.put(message, x: max(0, (width - TextWidth.of(message)) / 2), y: y, style: Style(.error))
    grid.put(s.tooSmallHint, x: max(0, (width - TextWidth.of(s.tooSmallHint)) / 2), y: y + 1)
    return grid
  }
}
