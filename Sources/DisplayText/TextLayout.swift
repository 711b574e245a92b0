/// Line layout by display width: word-wrapped item lists and tables that fall back to stacked blocks when narrow.
public enum TextLayout {
  /// One word to wrap: its width in columns, and whether a space comes before it in the text. Lines break only at
  /// spaces: a word with none before it sticks to the one before (`time.sleep` and `(`).
  public struct Word: Sendable, Equatable {
    public var width: Int
    public var spaced: Bool

    public init(width: Int, spaced: Bool = true) {
      self.width = width
      self.spaced = spaced
    }
  }

  /// The one word wrap of every text, greedy, by display width: each line's words as a range of indices into
  /// `words`, at least one line (an empty range when there are no words). Words on a line are `gap` columns apart
  /// where the text has a space between them. A group of words without spaces between them moves to the next line
  /// whole when it fits on one, and is broken between its words when it does not; a word wider than a line gets a
  /// line of its own (the caller cuts it).
  public static func lines(_ words: [Word], width: Int, gap: Int = 1) -> [Range<Int>] {
    var lines: [Range<Int>] = []
    var start = 0
    var used = 0
    var group = 0
    while group < words.count {
      var end = group + 1
      while end < words.count && !words[end].spaced { end += 1 }
      let groupWidth = words[group..<end].reduce(0) { $0 + $1.width }
      if group > start && groupWidth <= width && used + gap + groupWidth > width {
        lines.append(start..<group)
        (start, used) = (group, 0)
      }
      for index in group..<end {
        var separation = index > start && words[index].spaced ? gap : 0
        if index > start && used + separation + words[index].width > width {
          lines.append(start..<index)
          (start, used, separation) = (index, 0, 0)
        }
        used += separation + words[index].width
      }
      group = end
    }
    lines.append(start..<words.count)
    return lines
  }

  /// `items` joined by `separator` into lines of at most `width` columns; the first line starts with `prefix`, the
  /// others with as many spaces. An item longer than a line gets a line of its own (cut later by the caller).
  public static func wrap(_ items: [String], prefix: String = "", separator: String = "  ", width: Int) -> [String] {
    let indent = String(repeating: " ", count: TextWidth.of(prefix))
    let words = items.map { Word(width: TextWidth.of($0)) }
    let layout = lines(words, width: width - indent.count, gap: TextWidth.of(separator))
    return layout.enumerated().map { number, line in
      (number == 0 ? prefix : indent) + items[line].joined(separator: separator)
    }
  }

  public struct Column: Sendable {
    public var title: String
    /// Appended to values in the stacked fallback (`cpu 12.000 ms`); empty for text columns.
    public var unit: String

    public init(title: String, unit: String = "") {
      self.title = title
      self.unit = unit
    }
  }

  /// A table: the first column left-aligned, the others right-aligned, two spaces apart, headers
  /// `title unit`. When it would be wider than `width`, each row becomes its first cell followed by indented
  /// `title value unit` items.
  public static func table(_ columns: [Column], rows: [[String]], width: Int) -> [String] {
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
