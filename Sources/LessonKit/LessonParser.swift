import PythonFrontEnd
import SchedulerEngine

/// Parses the lesson Markdown subset (see docs/lesson-format.md).
public enum LessonParser {
  /// Parses `source` (the text of `file`). `loadScenario` returns a scenario file's text for a name, or nil when
  /// there is none; `scenarioPath` names that file in messages.
  public static func parse(
    _ source: String, file: String, id: String,
    loadScenario: @escaping (String) -> String?, scenarioPath: @escaping (String) -> String
  ) throws(LessonDiagnostic) -> Lesson {
    if let message = Limits.oversized(source, what: "lesson") {
      throw LessonDiagnostic(file: file, line: 1, column: 1, message: message)
    }
    var parser = Parser(file: file, loadScenario: loadScenario, scenarioPath: scenarioPath)
    let pages = try parser.parse(source)
    guard let title = parser.title else {
      throw LessonDiagnostic(file: file, line: 1, column: 1, message: "a lesson starts with a '# Title' heading")
    }
    return Lesson(id: id, title: title, file: file, pages: pages)
  }
}

private struct Parser: FileParser {
  var file: String
  var title: String?
  var scenarios: ScenarioReferences

  init(file: String, loadScenario: @escaping (String) -> String?, scenarioPath: @escaping (String) -> String) {
    self.file = file
    scenarios = ScenarioReferences(loadText: loadScenario, path: scenarioPath)
  }

  mutating func parse(_ source: String) throws(LessonDiagnostic) -> [Page] {
    let lines = SourceLines.of(source)
    var pages: [Page] = []
    var blocks: [Block] = []
    var paragraph: [String] = []
    var listItems: [String] = []
    var listOrdered = false
    var index = 0
    var pageLine = 1

    func flushParagraph() {
      if !paragraph.isEmpty {
        blocks.append(.paragraph(Inlines.parse(paragraph.joined(separator: " "))))
        paragraph = []
      }
    }
    func flushList() {
      if !listItems.isEmpty {
        blocks.append(.list(ordered: listOrdered, items: listItems.map(Inlines.parse)))
        listItems = []
      }
    }

    while index < lines.count {
      let line = lines[index]
      let number = index + 1
      let trimmed = line.trimmingSpaces
      index += 1
      if line.hasPrefix("```") {
        flushParagraph()
        flushList()
        let language = String(line.dropFirst(3)).trimmingSpaces
        var code: [String] = []
        var closed = false
        while index < lines.count {
          let codeLine = lines[index]
          index += 1
          if codeLine.trimmingSpaces == "```" {
            closed = true
            break
          }
          code.append(codeLine)
        }
        if !closed { throw error(number, 1, "code block opened here is never closed with ```") }
        blocks.append(.code(language: language, lines: code))
        continue
      }
      if trimmed.isEmpty {
        flushParagraph()
        flushList()
        continue
      }
      if trimmed.count >= 3 && trimmed.allSatisfy({ $0 == "-" }) && line.first == "-" {
        flushParagraph()
        flushList()
        pages.append(Page(blocks: blocks, line: pageLine))
        blocks = []
        pageLine = number + 1
        continue
      }
      if line.hasPrefix("#") {
        flushParagraph()
        flushList()
        let level = line.prefix { $0 == "#" }.count
        let rest = line.dropFirst(level)
        guard level <= 3, rest.first == " " else {
          throw error(number, 1, "a heading is '# ', '## ' or '### ' followed by its text")
        }
        let inlines = Inlines.parse(String(rest).trimmingSpaces)
        if level == 1 && title == nil { title = inlines.plainText }
        blocks.append(.heading(level: level, inlines))
        continue
      }
      if line.hasPrefix(":::") {
        flushParagraph()
        flushList()
        blocks.append(try directive(line, line: number))
        continue
      }
      if let item = listItem(line) {
        flushParagraph()
        if !listItems.isEmpty && listOrdered != item.ordered { flushList() }
        listOrdered = item.ordered
        listItems.append(item.text)
        continue
      }
      if !listItems.isEmpty && line.hasPrefix("  ") {
        listItems[listItems.count - 1] += " " + trimmed
        continue
      }
      flushList()
      paragraph.append(trimmed)
    }
    flushParagraph()
    flushList()
    pages.append(Page(blocks: blocks, line: pageLine))
    pages.removeAll { $0.blocks.isEmpty }
    if pages.isEmpty { throw error(1, 1, "the lesson is empty") }
    return pages
  }

  func listItem(_ line: String) -> (ordered: Bool, text: String)? {
    if line.hasPrefix("- ") || line.hasPrefix("* ") { return (false, String(line.dropFirst(2)).trimmingSpaces) }
    let digits = line.prefix { $0.isASCII && $0.isNumber }
    if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") {
      return (true, String(line.dropFirst(digits.count + 2)).trimmingSpaces)
    }
    return nil
  }

  /// `::: KIND ARGUMENT`: `key|stick|timeline scenario=NAME`, `dis STATEMENT`, or `code NAME.py`; a timeline may
  /// add options (see `TimelineOptions`), `code` a range of lines.
  mutating func directive(_ line: String, line number: Int) throws(LessonDiagnostic) -> Block {
    let body = line.dropFirst(3)
    let leading = body.prefix { $0 == " " }.count
    guard leading > 0 else { throw error(number, 4, "expected a space after ':::'") }
    let kindStart = 4 + leading
    let rest = body.dropFirst(leading)
    let kindText = String(rest.prefix { $0 != " " })
    let argumentOffset = rest.dropFirst(kindText.count).prefix { $0 == " " }.count
    let argumentColumn = kindStart + kindText.count + argumentOffset
    let argument = String(rest.dropFirst(kindText.count)).trimmingSpaces
    if kindText == "code" {
      return .program(try programExcerpt(words(argument, from: argumentColumn), line: number, column: argumentColumn))
    }
    guard let kind = WidgetKind(rawValue: kindText) else {
      let known = WidgetKind.directiveNames.joined(separator: ", ")
      throw error(number, kindStart, "unknown widget '\(kindText)' (known: \(known))")
    }
    if kind == .dis {
      guard !argument.isEmpty else { throw error(number, argumentColumn, "'dis' needs a statement, e.g. counter += 1") }
      let (scenario, statement) = try disScenario(argument, line: number, column: argumentColumn)
      return .widget(Widget(kind: .dis, argument: argument, scenario: scenario, statement: statement, line: number))
    }
    let words = words(argument, from: argumentColumn)
    guard let first = words.first, first.text.hasPrefix("scenario="), first.text.count > 9 else {
      throw error(number, argumentColumn, "expected 'scenario=NAME' after '\(kind.rawValue)'")
    }
    var options = TimelineOptions()
    if words.count > 1 {
      guard kind == .timeline else { throw error(number, words[1].column, "'\(kind.rawValue)' takes no options") }
      switch TimelineOptions.parse(Array(words.dropFirst())) {
      case .success(let parsed): options = parsed
      case .failure(let failure): throw error(number, failure.column, failure.message)
      }
    }
    let name = String(first.text.dropFirst(9))
    var scenario = try scenarios.scenario(name, file: file, line: number, column: argumentColumn + 9)
    if let interpreter = options.interpreter {
      let column = (words.first { $0.text.hasPrefix("interpreter=") }?.column ?? argumentColumn) + 12
      try choose(interpreter, for: &scenario, named: name, line: number, column: column)
    }
    return .widget(
      Widget(kind: kind, argument: name, scenario: scenario, statement: nil, line: number, timeline: options))
  }

  /// The words of a directive's argument, each with its 1-based column; `column` is the argument's.
  func words(_ argument: String, from column: Int) -> [(text: String, column: Int)] {
    var words: [(text: String, column: Int)] = []
    var column = column
    for piece in argument.split(separator: " ", omittingEmptySubsequences: false) {
      if !piece.isEmpty { words.append((String(piece), column)) }
      column += piece.count + 1
    }
    return words
  }

  /// A timeline's `interpreter=`: the scenario runs on `interpreter`, which its title then names. A scenario
  /// file that chooses another interpreter in its header is a contradiction (its title and the lesson's text were
  /// written for that one), and a Python program cannot run on 2.7.
  func choose(
    _ interpreter: InterpreterKind, for scenario: inout Scenario, named name: String, line: Int, column: Int
  ) throws(LessonDiagnostic) {
    if ScenarioReferences.isProgram(name) {
      guard PythonProgram.runnableInterpreters.contains(interpreter) else {
        throw error(
          line, column,
          "giltutor runs Python 3 programs; \(interpreter.rawValue)'s Python 2 is not modelled (choose 3.8 or later)")
      }
    } else if scenarios.setsInterpreter(name) {
      guard interpreter == scenario.interpreter else {
        throw error(
          line, column,
          "scenario '\(name)' runs on \(scenario.interpreter.rawValue) (its 'interpreter:' line): give the "
            + "interpreter in one place only")
      }
      return
    }
    scenario.interpreter = interpreter
    let version = "(\(InterpreterNames.display(interpreter)))"
    scenario.title = scenario.title.isEmpty ? version : scenario.title + " " + version
  }

  /// `::: code NAME.py [lines=FIRST-LAST]`: the program must exist and compile, and the lines must be in it.
  mutating func programExcerpt(_ words: [(text: String, column: Int)], line: Int, column: Int)
    throws(LessonDiagnostic) -> ProgramExcerpt
  {
    guard let first = words.first, ScenarioReferences.isProgram(first.text) else {
      throw error(line, words.first?.column ?? column, "expected a Python program's name after 'code', e.g. race.py")
    }
    let name = first.text
    _ = try scenarios.scenario(name, file: file, line: line, column: first.column)
    let all = ProgramExcerpt.shownLines(of: scenarios.text(name) ?? "")
    var chosen: ClosedRange<Int>?
    for option in words.dropFirst() {
      guard option.text.hasPrefix("lines="), option.text.count > 6 else {
        throw error(line, option.column, "unknown option '\(option.text)' for 'code' (known: lines=FIRST-LAST)")
      }
      guard chosen == nil else { throw error(line, option.column, "'lines' is given twice") }
      switch ProgramExcerpt.range(String(option.text.dropFirst(6)), count: all.count) {
      case .success(let range): chosen = range
      case .failure(let failure): throw error(line, option.column + 6, failure.message)
      }
    }
    let shown = chosen.map { Array(all[($0.lowerBound - 1)...($0.upperBound - 1)]) } ?? all
    return ProgramExcerpt(name: name, chosen: chosen, lines: shown, line: line)
  }

  /// Two threads that run `statement` three times, with every name it uses as a shared variable.
  func disScenario(_ statement: String, line: Int, column: Int) throws(LessonDiagnostic) -> (Scenario, StatementKind) {
    let keywords: Set<String> = [
      "compute", "io", "sleep", "native", "builtin", "repeat", "with", "call", "await", "thread", "process",
      "eventloop", "task", "shared", "lock",
    ]
    var names: [String] = []
    var word = ""
    var previous = ""
    for character in statement + " " {
      if character.isASCII && (character.isLetter || character == "_" || (!word.isEmpty && character.isNumber)) {
        word.append(character)
        continue
      }
      if !word.isEmpty {
        if !keywords.contains(word) && previous != "call" && !names.contains(word) { names.append(word) }
        previous = word
        word = ""
      }
    }
    let header = "switch_interval: 5ms\ncores: 2\n"
    let declarations = names.map { "shared \($0) = 0\n" }.joined()
    let prefix = header + declarations + "thread t x 2:\n    repeat 3:\n        "
    let source = prefix + statement + "\n"
    let statementLine = prefix.filter { $0 == "\n" }.count + 1
    do {
      let scenario = try ScenarioParser.parse(source, file: file)
      guard let body = scenario.processes.first?.threads.first?.body,
        case .repeatBlock(_, let inner) = body.first?.kind,
        let kind = inner.first?.kind
      else { throw error(line, column, "cannot show '\(statement)' with dis") }
      return (scenario, kind)
    } catch let d as SourceDiagnostic {
      let offset = d.location.line == statementLine ? max(0, d.location.column - 9) : 0
      throw error(line, column + offset, d.message)
    } catch let d as LessonDiagnostic {
      throw d
    } catch {
      throw self.error(line, column, "cannot show '\(statement)' with dis")
    }
  }
}

/// Inline Markdown: `**strong**`, `*emphasis*` or `_emphasis_`, `` `code` ``.
///
/// Linear in the text: a marker whose closing partner was once looked for and not found is not looked for again
/// (nothing after a later position can hold what the rest after an earlier one did not).
public enum Inlines {
  public static func parse(_ text: String) -> [Inline] {
    var result: [Inline] = []
    var plain = ""
    var rest = Substring(text)
    var unclosed = Set<String>()
    func flush() {
      if !plain.isEmpty {
        result.append(.text(plain))
        plain = ""
      }
    }
    /// Where the marker closes after the opening one, or nil (remembered) when it never does.
    func closing(_ marker: String, after opening: Int) -> Range<Substring.Index>? {
      guard !unclosed.contains(marker) else { return nil }
      if let range = rest.dropFirst(opening).range(of: marker) { return range }
      unclosed.insert(marker)
      return nil
    }
    while let c = rest.first {
      if c == "`", let end = closing("`", after: 1) {
        flush()
        result.append(.code(String(rest[rest.index(after: rest.startIndex)..<end.lowerBound])))
        rest = rest[end.upperBound...]
        continue
      }
      if rest.hasPrefix("**"), let end = closing("**", after: 2) {
        flush()
        result.append(.strong(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound])))
        rest = rest[end.upperBound...]
        continue
      }
      if c == "*" || c == "_", let next = rest.dropFirst().first, next != " ", let end = closing(String(c), after: 1) {
        flush()
        result.append(.emphasis(String(rest[rest.index(after: rest.startIndex)..<end.lowerBound])))
        rest = rest[end.upperBound...]
        continue
      }
      plain.append(c)
      rest = rest.dropFirst()
    }
    flush()
    return result
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
    return String(s)
  }
}

extension Substring {
  /// The first place `needle` (one or two characters) stands in the text.
  func range(of needle: String) -> Range<Substring.Index>? {
    guard let first = needle.first else { return nil }
    var i = startIndex
    while let found = self[i...].firstIndex(of: first) {
      if self[found...].hasPrefix(needle) { return found..<index(found, offsetBy: needle.count) }
      i = index(after: found)
    }
    return nil
  }
}
