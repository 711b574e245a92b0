import SchedulerEngine

/// Words in one of the two languages: what the text layer says, in English or in Russian, to anything that knows
/// its language. The interface's `Strings` is one (and adds the words of its screens); `Words` is the text layer's
/// own, for outputs without an interface such as the text timeline.
public protocol Wording: Sendable {
  var language: Language { get }
}

/// The text layer's words in one language, with nothing else.
public struct Words: Wording {
  public let language: Language

  public init(_ language: Language) { self.language = language }

  public static let en = Words(.en)
  public static let ru = Words(.ru)
}

extension Wording {
  /// The English or the Russian text.
  public func pick(_ en: String, _ ru: String) -> String { language == .ru ? ru : en }

  /// A time as the screens show it: `2.72 ms`, `2,72 мс`.
  public func duration(_ nanos: Nanos) -> String { DurationText.format(nanos, .rounded, language: language) }

  /// What a thread in `state` is doing, for legends and pictures: "running bytecode", "waiting for the GIL".
  public func state(_ state: ThreadState) -> String {
    switch state {
    case .notStarted: pick("not started", "не запущен")
    case .running: pick("running bytecode", "выполняет байт-код")
    case .builtin: pick("C code, GIL held", "код на C, GIL занят")
    case .waitingGIL: pick("waiting for the GIL", "ждёт GIL")
    case .io: pick("I/O, GIL released", "ввод-вывод, GIL отпущен")
    case .sleeping: pick("sleeping", "спит")
    case .native: pick("C code, GIL released", "код на C, GIL отпущен")
    case .waitingLock: pick("waiting for a lock", "ждёт блокировку")
    case .runnable: pick("runnable, no free core", "готов, нет свободного ядра")
    case .selecting: pick("event loop idle", "цикл событий ждёт")
    case .finished: pick("finished", "завершён")
    case .stopped: pick("paused: the world is stopped", "на паузе: мир остановлен")
    }
  }

  /// What a timeline's legend is headed with.
  public var legend: String { pick("Legend", "Обозначения") }

  /// The legend's words for a column in which a thread held the GIL for no more than half the time.
  public var briefTurn: String { pick("ran part of the time", "выполнялся часть времени") }

  /// The legend's words for a GIL row's column in which the GIL passed from one thread to another.
  public var handOff: String { pick("GIL hand-off", "передача GIL") }
}
