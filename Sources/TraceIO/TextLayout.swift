import DisplayText

/// Line layout by display width: word-wrapped item lists and tables that fall back to stacked blocks when narrow.
public enum TextLayout {
  /// `items` joined by `separator` into lines of at most `width` columns; the first line starts with `prefix`, the
  /// others with as many spaces. An item longer than a line gets a line of its own (cut later by the caller).
  public static func wrap(_ items: [String], prefix: String = "", separator: String = "  ", width: Int) -> [String] {
    let indent = String(repeating: " ", count: TextWidth.of(prefix))
    var lines: [String] = []
    var line = prefix
    var lineHasItem = false
    for item in items {
      if lineHasItem && TextWidth.of(line) + TextWidth.of(separator) + TextWidth.of(item) > width {
        lines.append(line)
        line = indent
        lineHasItem = false
      }
      line += (lineHasItem ? separator : "") + item
      lineHasItem = true
    }
    if lineHasItem || lines.isEmpty { lines.append(line) }
    return lines
  }

  struct Column {
    var title: String
    /// Appended to values in the stacked fallback (`cpu 12.000 ms`); empty for text columns.
    var unit: String = ""
  }

  /// A table: the first column left-aligned, the others right-aligned, two spaces apart, headers
  /// `title unit`. When it would be wider than `width`, each row becomes its first cell followed by indented
  /// `title value unit` items.
  static func table(_ columns: [Column], rows: [[String]], width: Int) -> [String] {
    let headers = columns.map { $0.unit.isEmpty ? $0.title : "\($0.title) \($0.unit)" }
    var widths = headers.map(TextWidth.of)
    for row in rows {
      for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], TextWidth.of(cell)) }
    }
    let total = widths.reduce(0, +) + 2 * max(0, widths.count - 1)
    if total <= width {
      func line(_ cells: [String]) -> String {
        var text = ""
        for (i, cell) in cells.enumerated() where i < widths.count {
          if i == 0 {
            text += TextWidth.padRight(cell, to: widths[i])
          } else {
            text += "  " + TextWidth.padLeft(cell, to: widths[i])
          }
        }
        while text.hasSuffix(" ") { text.removeLast() }
        return text
      }
      return [line(headers)] + rows.map(line)
    }
    var lines: [String] = []
    for row in rows {
      lines.append(row.first ?? "")
      var items: [String] = []
      for (i, cell) in row.enumerated().dropFirst() where i < columns.count {
        let unit = columns[i].unit.isEmpty || cell == "-" ? "" : " " + columns[i].unit
        items.append("\(columns[i].title) \(cell)\(unit)")
      }
      lines += wrap(items, prefix: "  ", width: width)
    }
    return lines
  }
}
