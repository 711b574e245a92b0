import TerminalUI

/// Python syntax colouring for code blocks: keywords, strings, comments, numbers.
public enum PythonHighlighter {
  static let keywords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
    "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
  ]

  public static func highlight(_ line: String) -> [StyledText] {
    var result: [StyledText] = []
    let chars = Array(line)
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == "#" {
        result.append(StyledText(String(chars[i...]), Style(.comment)))
        break
      }
      if c == "\"" || c == "'" {
        var j = i + 1
        while j < chars.count && chars[j] != c { j += chars[j] == "\\" ? 2 : 1 }
        j = min(j + 1, chars.count)
        result.append(StyledText(String(chars[i..<j]), Style(.string)))
        i = j
        continue
      }
      if c.isLetter || c == "_" {
        var j = i
        while j < chars.count && (chars[j].isLetter || chars[j].isNumber || chars[j] == "_") { j += 1 }
        let word = String(chars[i..<j])
        result.append(StyledText(word, Style(keywords.contains(word) ? .keyword : .code)))
        i = j
        continue
      }
      result.append(StyledText(String(c), Style(.code)))
      i += 1
    }
    return result
  }
}
