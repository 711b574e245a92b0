import SchedulerEngine

/// A lesson: pages of Markdown blocks, some of them live widgets.
public struct Lesson: Sendable {
  /// The file name without `.md`, e.g. `01-what-is-the-gil`.
  public var id: String
  /// The first level-1 heading.
  public var title: String
  public var file: String
  public var pages: [Page]

  public init(id: String, title: String, file: String, pages: [Page]) {
    self.id = id
    self.title = title
    self.file = file
    self.pages = pages
  }
}

public struct Page: Sendable {
  public var blocks: [Block]
  /// The file's line where the page starts (after its `---`), for messages about the page.
  public var line: Int
  /// The page's first heading, for the table of contents.
  public var title: String {
    for block in blocks {
      if case .heading(_, let inlines) = block { return inlines.plainText }
    }
    return ""
  }
  public init(blocks: [Block], line: Int = 1) {
    self.blocks = blocks
    self.line = line
  }
}

public enum Block: Sendable {
  case heading(level: Int, [Inline])
  case paragraph([Inline])
  case list(ordered: Bool, items: [[Inline]])
  case code(language: String, lines: [String])
  /// `::: code NAME.py`: the very program a picture simulates, shown as Python code.
  case program(ProgramExcerpt)
  case widget(Widget)
}

public enum Inline: Sendable, Equatable {
  case text(String)
  case emphasis(String)
  case strong(String)
  case code(String)

  public var text: String {
    switch self {
    case .text(let s), .emphasis(let s), .strong(let s), .code(let s): s
    }
  }
}

extension [Inline] {
  public var plainText: String { map(\.text).joined() }
}

/// What a `:::` directive embeds: a live picture, or (`code`) a program's text.
public enum WidgetKind: String, Sendable, CaseIterable {
  case key, stick, timeline, dis

  /// Every directive's name, for messages: the widgets and `code`.
  public static var directiveNames: [String] { allCases.map(\.rawValue) + ["code"] }
}

/// A live picture on a page, with the scenario that drives it already parsed.
public struct Widget: Sendable {
  public var kind: WidgetKind
  /// The scenario name (`convoy`) or, for `dis`, the statement.
  public var argument: String
  public var scenario: Scenario
  /// For `dis`: the statement shown.
  public var statement: StatementKind?
  public var line: Int
  /// For `timeline`: `compact`, `span=DURATION` and `interpreter=VERSION` after the scenario's name.
  public var timeline: TimelineOptions

  public init(
    kind: WidgetKind, argument: String, scenario: Scenario, statement: StatementKind?, line: Int,
    timeline: TimelineOptions = TimelineOptions()
  ) {
    self.kind = kind
    self.argument = argument
    self.scenario = scenario
    self.statement = statement
    self.line = line
    self.timeline = timeline
  }
}

/// A mistake in a lesson or quiz file, or a warning about one (`giltutor lint`), printed as
/// `FILE:LINE:COL: error: MESSAGE` (or `warning:`).
public struct LessonDiagnostic: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Severity: String, Sendable { case error, warning }

  public var file: String
  public var line: Int
  public var column: Int
  public var severity: Severity
  public var message: String

  public init(file: String, line: Int, column: Int, severity: Severity = .error, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.severity = severity
    self.message = message
  }

  /// One line, control characters from the file (its name, a quoted token) escaped.
  public var description: String {
    "\(file):\(line):\(column): \(severity.rawValue): \(message)".escapingControlCharacters()
  }
}
