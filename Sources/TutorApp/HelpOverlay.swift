import DisplayText
import TerminalUI

/// A mode's help: its keys and what they do, and notes under them.
struct Help {
  var lines: [(keys: String, what: String)]
  var notes: [String]
}

/// The help box over the middle of the screen, the same for every mode; any key closes it.
enum HelpOverlay {
  static func draw(_ grid: inout CellGrid, _ help: Help, strings s: Strings, glyphs: Glyphs) {
    let width = min(grid.width - 4, 72)
    let height = help.lines.count + help.notes.count + 5
    let x = (grid.width - width) / 2
    let y = max(1, (grid.height - height) / 2)
    let box = glyphs.box
    // The descriptions line up two columns after the longest keys (13 columns at least).
    let keysWidth = max(13, (help.lines.map { TextWidth.of(glyphs.text($0.keys)) }.max() ?? 0) + 2)
    grid.fill(x: x, y: y, width: width, height: height, style: .normal, character: " ")
    grid.put(
      String(box.tl) + String(repeating: box.h, count: width - 2) + String(box.tr), x: x, y: y, style: Style(.border))
    for row in 1..<(height - 1) {
      grid.put(String(box.v), x: x, y: y + row, style: Style(.border))
      grid.put(String(box.v), x: x + width - 1, y: y + row, style: Style(.border))
    }
    grid.put(
      String(box.bl) + String(repeating: box.h, count: width - 2) + String(box.br), x: x, y: y + height - 1,
      style: Style(.border))
    grid.put(" " + s.help + " ", x: x + 2, y: y, style: Style(.title))
    for (i, line) in help.lines.enumerated() {
      grid.put(glyphs.text(line.keys), x: x + 3, y: y + 2 + i, style: Style(.key))
      grid.put(line.what, x: x + 3 + keysWidth, y: y + 2 + i, limit: x + width - 1)
    }
    for (i, note) in help.notes.enumerated() {
      grid.put(
        glyphs.text(note), x: x + 3, y: y + help.lines.count + 3 + i, style: Style(.dim), limit: x + width - 1)
    }
    grid.put(s.helpClose, x: x + 3, y: y + height - 2, style: Style(.dim), limit: x + width - 1)
  }
}
