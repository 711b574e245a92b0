/// What giltutor remembers between runs (see docs/progress-format.md): where the learner stopped, and each
/// quiz's scores and mistakes. Read leniently: a missing key takes its default, and keys this giltutor does not
/// know (added by a later one) are kept in `extra` and written back unchanged.
public struct LearnerProgress: Codable, Sendable, Equatable {
  /// The format this giltutor writes. A file with a larger number is left alone.
  public static let currentVersion = 1

  public var version: Int
  /// The lesson ID and the page (1-based) where the learner stopped, if anywhere.
  public var lesson: String?
  public var page: Int
  /// By lesson ID.
  public var quizzes: [String: QuizProgress]
  /// The keys this giltutor does not know, as they were read.
  public var extra: [String: JSONValue] = [:]

  public init(lesson: String? = nil, page: Int = 1, quizzes: [String: QuizProgress] = [:]) {
    version = LearnerProgress.currentVersion
    self.lesson = lesson
    self.page = page
    self.quizzes = quizzes
  }

  /// Remembers a quiz run: the latest one, and the best finished score. A run is saved after every answer;
  /// only its first save (`startsAttempt`) counts as a new attempt. Applied to the progress just read from the
  /// file, it adds this run to what other giltutors saved: one more attempt, the better best, this run as the last.
  public mutating func record(quiz lessonID: String, _ run: QuizRecord, startsAttempt: Bool) {
    var entry = quizzes[lessonID] ?? QuizProgress(attempts: 0, best: nil, last: run)
    if startsAttempt { entry.attempts += 1 }
    entry.last = run
    if run.finished && run.right >= (entry.best?.right ?? -1) { entry.best = run }
    quizzes[lessonID] = entry
  }

  enum Key: String, CaseIterable { case version, lesson, page, quizzes }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: AnyKey.self)
    version = try container.decodeIfPresent(Int.self, forKey: AnyKey(Key.version)) ?? LearnerProgress.currentVersion
    lesson = try container.decodeIfPresent(String.self, forKey: AnyKey(Key.lesson))
    page = try container.decodeIfPresent(Int.self, forKey: AnyKey(Key.page)) ?? 1
    quizzes = try container.decodeIfPresent([String: QuizProgress].self, forKey: AnyKey(Key.quizzes)) ?? [:]
    extra = try AnyKey.unknown(in: container, known: Key.allCases.map(\.rawValue))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: AnyKey.self)
    try AnyKey.encode(extra, in: &container, known: Key.allCases.map(\.rawValue))
    try container.encode(version, forKey: AnyKey(Key.version))
    try container.encodeIfPresent(lesson, forKey: AnyKey(Key.lesson))
    try container.encode(page, forKey: AnyKey(Key.page))
    try container.encode(quizzes, forKey: AnyKey(Key.quizzes))
  }
}

/// One lesson's quiz history.
public struct QuizProgress: Codable, Sendable, Equatable {
  /// Runs started (finished or left with `q`).
  public var attempts: Int
  /// The finished run with the highest score.
  public var best: QuizRecord?
  public var last: QuizRecord
  /// The keys this giltutor does not know, as they were read.
  public var extra: [String: JSONValue] = [:]

  public init(attempts: Int, best: QuizRecord?, last: QuizRecord) {
    self.attempts = attempts
    self.best = best
    self.last = last
  }

  enum Key: String, CaseIterable { case attempts, best, last }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: AnyKey.self)
    attempts = try container.decodeIfPresent(Int.self, forKey: AnyKey(Key.attempts)) ?? 0
    best = try container.decodeIfPresent(QuizRecord.self, forKey: AnyKey(Key.best))
    last = try container.decodeIfPresent(QuizRecord.self, forKey: AnyKey(Key.last)) ?? best ?? QuizRecord()
    extra = try AnyKey.unknown(in: container, known: Key.allCases.map(\.rawValue))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: AnyKey.self)
    try AnyKey.encode(extra, in: &container, known: Key.allCases.map(\.rawValue))
    try container.encode(attempts, forKey: AnyKey(Key.attempts))
    try container.encodeIfPresent(best, forKey: AnyKey(Key.best))
    try container.encode(last, forKey: AnyKey(Key.last))
  }
}

/// One run of a quiz.
public struct QuizRecord: Codable, Sendable, Equatable {
  /// Questions answered right the first time, out of `total`.
  public var right: Int
  public var total: Int
  /// Questions answered at least once (fewer than `total` when the learner left early).
  public var answered: Int
  public var finished: Bool
  /// The numbers (1-based, in the quiz file's order) of the questions first answered wrong.
  public var mistakes: [Int]
  /// Their topics: the lesson pages to revisit.
  public var topics: [String]
  public var seconds: Int
  /// The keys this giltutor does not know, as they were read.
  public var extra: [String: JSONValue] = [:]

  public init(
    right: Int = 0, total: Int = 0, answered: Int = 0, finished: Bool = false, mistakes: [Int] = [],
    topics: [String] = [], seconds: Int = 0
  ) {
    self.right = right
    self.total = total
    self.answered = answered
    self.finished = finished
    self.mistakes = mistakes
    self.topics = topics
    self.seconds = seconds
  }

  enum Key: String, CaseIterable { case right, total, answered, finished, mistakes, topics, seconds }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: AnyKey.self)
    func value<T: Decodable>(_ key: Key, _ fallback: T) throws -> T {
      try container.decodeIfPresent(T.self, forKey: AnyKey(key)) ?? fallback
    }
    right = try value(.right, 0)
    total = try value(.total, 0)
    answered = try value(.answered, 0)
    finished = try value(.finished, false)
    mistakes = try value(.mistakes, [])
    topics = try value(.topics, [])
    seconds = try value(.seconds, 0)
    extra = try AnyKey.unknown(in: container, known: Key.allCases.map(\.rawValue))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: AnyKey.self)
    try AnyKey.encode(extra, in: &container, known: Key.allCases.map(\.rawValue))
    try container.encode(right, forKey: AnyKey(Key.right))
    try container.encode(total, forKey: AnyKey(Key.total))
    try container.encode(answered, forKey: AnyKey(Key.answered))
    try container.encode(finished, forKey: AnyKey(Key.finished))
    try container.encode(mistakes, forKey: AnyKey(Key.mistakes))
    try container.encode(topics, forKey: AnyKey(Key.topics))
    try container.encode(seconds, forKey: AnyKey(Key.seconds))
  }
}

/// Any JSON value, kept as it was read: what a later giltutor wrote and this one does not know.
public enum JSONValue: Codable, Sendable, Equatable {
  case null
  case bool(Bool)
  case integer(Int)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int.self) {
      self = .integer(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let value): try container.encode(value)
    case .integer(let value): try container.encode(value)
    case .number(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    }
  }
}

/// Any key of a JSON object: the known ones by name, the others kept in `extra`.
struct AnyKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }

  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
  init<K: RawRepresentable<String>>(_ key: K) { stringValue = key.rawValue }

  /// The values of the keys not in `known`.
  static func unknown(in container: KeyedDecodingContainer<AnyKey>, known: [String]) throws -> [String: JSONValue] {
    var extra: [String: JSONValue] = [:]
    for key in container.allKeys where !known.contains(key.stringValue) {
      extra[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
    }
    return extra
  }

  /// Writes the unknown keys back (never one that is known: the known value is written after).
  static func encode(
    _ extra: [String: JSONValue], in container: inout KeyedEncodingContainer<AnyKey>, known: [String]
  ) throws {
    for (key, value) in extra where !known.contains(key) {
      try container.encode(value, forKey: AnyKey(stringValue: key))
    }
  }
}
