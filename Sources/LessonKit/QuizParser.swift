import SchedulerEngine

/// Parses quiz files (see docs/quiz-format.md): blocks of `FIELD: value` lines, each block starting with
/// `question: KIND`; an indented line continues the field above it; `#` starts a comment line.
public enum QuizParser {
  /// Parses `source` (the text of `file`). `loadScenario` returns a scenario file's text for a name, or nil when
  /// there is none; `scenarioPath` names that file in messages.
  public static func parse(
    _ source: String, file: String, lessonID: String,
    loadScenario: @escaping (String) -> String?, scenarioPath: @escaping (String) -> String
  ) throws(LessonDiagnostic) -> Quiz {
    if let message = Limits.oversized(source, what: "quiz") {
      throw LessonDiagnostic(file: file, line: 1, column: 1, message: message)
    }
    var parser = QuizFileParser(file: file, loadScenario: loadScenario, scenarioPath: scenarioPath)
    let questions = try parser.parse(source)
    return Quiz(lessonID: lessonID, file: file, questions: questions)
  }

  /// Every field a quiz file may use.
  public static let fields = [
    "question", "topic", "text", "explain", "right", "wrong", "answer", "tolerance", "unit", "step", "scenario", "ask",
  ]
  public static let kinds = ["single", "multiple", "truefalse", "number", "order", "timeline"]
  /// The fields each kind accepts besides `question`, `topic`, `text` and `explain`.
  static let kindFields: [String: Set<String>] = [
    "single": ["right", "wrong"], "multiple": ["right", "wrong"], "truefalse": ["answer"],
    "number": ["answer", "tolerance", "unit"], "order": ["step"], "timeline": ["scenario", "ask", "tolerance"],
  ]
  static let repeatable: Set<String> = ["right", "wrong", "step"]
}

/// One `FIELD: value` with where its value starts.
private struct Field {
  var name: String
  var value: String
  var line: Int
  var column: Int
}

private struct QuizFileParser: FileParser {
  var file: String
  var scenarios: ScenarioReferences

  init(file: String, loadScenario: @escaping (String) -> String?, scenarioPath: @escaping (String) -> String) {
    self.file = file
    scenarios = ScenarioReferences(loadText: loadScenario, path: scenarioPath)
  }

  mutating func parse(_ source: String) throws(LessonDiagnostic) -> [Question] {
    let lines = SourceLines.of(source)
    var blocks: [[Field]] = []
    for (index, line) in lines.enumerated() {
      let number = index + 1
      let trimmed = line.trimmingSpaces
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      if line.first == " " || line.first == "\t" {
        guard var block = blocks.popLast(), var field = block.popLast() else {
          throw error(number, 1, "an indented line continues a field, but no field comes before it")
        }
        field.value += " " + trimmed
        block.append(field)
        blocks.append(block)
        continue
      }
      guard let colon = line.firstIndex(of: ":") else {
        throw error(number, 1, "expected 'FIELD: value' (a question starts with 'question: KIND')")
      }
      let name = String(line[..<colon])
      guard QuizParser.fields.contains(name) else {
        throw error(number, 1, "unknown field '\(name)' (known: \(QuizParser.fields.joined(separator: ", ")))")
      }
      let afterColon = line[line.index(after: colon)...]
      let spaces = afterColon.prefix { $0 == " " || $0 == "\t" }.count
      let column = name.count + 2 + spaces
      let field = Field(name: name, value: String(afterColon).trimmingSpaces, line: number, column: column)
      if name == "question" {
        blocks.append([field])
      } else {
        guard !blocks.isEmpty else { throw error(number, 1, "'\(name):' before the first 'question:' line") }
        blocks[blocks.count - 1].append(field)
      }
    }
    guard !blocks.isEmpty else { throw error(1, 1, "the quiz has no questions (each starts with 'question: KIND')") }
    var questions: [Question] = []
    for block in blocks { questions.append(try question(block, number: questions.count + 1)) }
    return questions
  }

  mutating func question(_ fields: [Field], number: Int) throws(LessonDiagnostic) -> Question {
    let head = fields[0]
    let kind = head.value
    guard let allowed = QuizParser.kindFields[kind] else {
      throw error(
        head.line, head.column, "unknown question kind '\(kind)' (known: \(QuizParser.kinds.joined(separator: ", ")))")
    }
    var seen: Set<String> = []
    for field in fields.dropFirst() {
      let common = ["topic", "text", "explain"].contains(field.name)
      guard common || allowed.contains(field.name) else {
        throw error(field.line, 1, "'\(field.name):' does not belong to a '\(kind)' question")
      }
      guard field.name != "question" else { continue }
      if seen.contains(field.name) && !QuizParser.repeatable.contains(field.name) {
        throw error(field.line, 1, "'\(field.name):' is given twice in one question")
      }
      guard !field.value.isEmpty else { throw error(field.line, field.column, "'\(field.name):' has no value") }
      seen.insert(field.name)
    }
    func one(_ name: String) throws(LessonDiagnostic) -> Field { try required(name, in: fields) }
    func all(_ name: String) -> [Field] { fields.filter { $0.name == name } }

    let topicField = try one("topic")
    let topic = topicField.value
    let text = try one("text").value
    let explanation = try one("explain").value
    let questionKind: QuestionKind
    switch kind {
    case "single", "multiple":
      let choices = fields.compactMap { field in
        field.name == "right" || field.name == "wrong" ? Choice(field.value, isRight: field.name == "right") : nil
      }
      let right = choices.filter(\.isRight).count
      if kind == "single" && right != 1 {
        throw error(head.line, 1, "a 'single' question has exactly one 'right:' choice (this one has \(right))")
      }
      if right == 0 { throw error(head.line, 1, "a 'multiple' question has at least one 'right:' choice") }
      guard choices.count >= 2 else { throw error(head.line, 1, "a question with choices needs at least two") }
      questionKind = .choice(choices, multiple: kind == "multiple")
    case "truefalse":
      let answer = try one("answer")
      guard answer.value == "true" || answer.value == "false" else {
        throw error(answer.line, answer.column, "a 'truefalse' answer is 'true' or 'false', not '\(answer.value)'")
      }
      questionKind = .trueFalse(answer.value == "true")
    case "number":
      let value = try self.number(try one("answer"))
      let tolerance = try fields.first { $0.name == "tolerance" }.map { f throws(LessonDiagnostic) in try self.number(f)
      }
      questionKind = .number(
        value: value, tolerance: tolerance ?? 0, unit: fields.first { $0.name == "unit" }?.value ?? "")
    case "order":
      let steps = all("step").map(\.value)
      guard steps.count >= 3 else {
        throw error(head.line, 1, "an 'order' question needs at least three 'step:' lines")
      }
      guard Set(steps).count == steps.count else { throw error(head.line, 1, "two steps have the same text") }
      questionKind = .order(steps)
    default:
      questionKind = .timeline(try timeline(fields))
    }
    return Question(
      number: number, line: head.line, topic: topic, text: text, explanation: explanation, kind: questionKind,
      topicLine: topicField.line, topicColumn: topicField.column)
  }

  /// The field `name` of a question (`fields[0]` is its `question:` line).
  func required(_ name: String, in fields: [Field]) throws(LessonDiagnostic) -> Field {
    guard let field = fields.first(where: { $0.name == name }) else {
      throw error(fields[0].line, 1, "this '\(fields[0].value)' question has no '\(name):' line")
    }
    return field
  }

  mutating func timeline(_ fields: [Field]) throws(LessonDiagnostic) -> TimelineQuestion {
    let scenarioField = try required("scenario", in: fields)
    let scenario = try loadScenario(scenarioField)
    let ask = try required("ask", in: fields)
    let query = try self.query(ask, scenario: scenario)
    let tolerance = try fields.first { $0.name == "tolerance" }.map { f throws(LessonDiagnostic) in try number(f) }
    if tolerance != nil && !query.isNumeric {
      throw error(ask.line, ask.column, "'tolerance:' applies to questions whose answer is a number")
    }
    return TimelineQuestion(
      scenarioName: scenarioField.value, scenario: scenario, query: query, tolerance: tolerance ?? 0)
  }

  /// `holder at TIME`, `wait-after-io THREAD`, `final VARIABLE`, `handoffs until TIME`, `finish THREAD`.
  func query(_ field: Field, scenario: Scenario) throws(LessonDiagnostic) -> TimelineQuery {
    let words = field.value.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    // An event loop is a thread too, named after its loop.
    let threads = scenario.processes.flatMap { $0.threads.flatMap(\.instanceNames) + $0.eventLoops.map(\.name) }
    func column(ofWord index: Int) -> Int {
      var column = field.column
      var rest = Substring(field.value)
      for _ in 0..<index {
        let word = rest.prefix { $0 != " " }
        rest = rest.dropFirst(word.count)
        let gap = rest.prefix { $0 == " " }.count
        rest = rest.dropFirst(gap)
        column += word.count + gap
      }
      return column
    }
    func time(_ index: Int) throws(LessonDiagnostic) -> Nanos {
      guard index < words.count, let nanos = QuizParser.duration(words[index]) else {
        throw error(field.line, column(ofWord: min(index, words.count)), "expected a time such as 12ms, 300us or 1s")
      }
      return nanos
    }
    func thread(_ index: Int) throws(LessonDiagnostic) -> String {
      guard index < words.count, threads.contains(words[index]) else {
        let given = index < words.count ? "'\(words[index])'" : "nothing"
        throw error(
          field.line, column(ofWord: min(index, words.count)),
          "expected a thread of the scenario (\(threads.joined(separator: ", "))), found \(given)")
      }
      return words[index]
    }
    let shape =
      "expected 'holder at TIME', 'wait-after-io THREAD', 'final VARIABLE', 'handoffs until TIME' or 'finish THREAD'"
    let query: TimelineQuery
    var used = 2
    switch words.first {
    case "holder" where words.count >= 2 && words[1] == "at":
      query = .holder(at: try time(2))
      used = 3
    case "handoffs" where words.count >= 2 && words[1] == "until":
      query = .handOffs(until: try time(2))
      used = 3
    case "wait-after-io": query = .waitAfterIO(thread: try thread(1))
    case "finish": query = .finish(thread: try thread(1))
    case "final":
      let names = scenario.shared.map(\.name)
      guard words.count >= 2, names.contains(words[1]) else {
        throw error(
          field.line, column(ofWord: 1),
          "expected a shared variable of the scenario (\(names.isEmpty ? "it has none" : names.joined(separator: ", ")))"
        )
      }
      query = .finalValue(variable: words[1])
    default:
      throw error(field.line, field.column, shape)
    }
    if words.count > used {
      throw error(field.line, column(ofWord: used), "unexpected '\(words[used])' after the question")
    }
    return query
  }

  mutating func loadScenario(_ field: Field) throws(LessonDiagnostic) -> Scenario {
    try scenarios.scenario(field.value, file: file, line: field.line, column: field.column)
  }

  func number(_ field: Field) throws(LessonDiagnostic) -> Double {
    guard let value = QuizParser.number(field.value) else {
      throw error(field.line, field.column, "expected a number such as 5 or 0.25, found '\(field.value)'")
    }
    return value
  }
}

extension QuizParser {
  /// A decimal number: digits with an optional sign and fraction (`.`; `,` too, as Russian writes it).
  public static func number(_ text: String) -> Double? {
    let normalized = text.trimmingSpaces.replacingCommas
    guard !normalized.isEmpty,
      normalized.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") })
    else { return nil }
    return Double(normalized)
  }

  /// `12ms`, `300us`, `1.5s`, `0ns` as nanoseconds, read as a scenario reads a duration (at most a day).
  public static func duration(_ text: String) -> Nanos? {
    guard case .success(let nanos)? = DurationLiteral.parse(text), nanos <= Limits.maximumDuration else { return nil }
    return nanos
  }
}

extension String {
  fileprivate var replacingCommas: String { String(map { $0 == "," ? "." : $0 }) }
}
