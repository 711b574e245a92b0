import SchedulerEngine
import TerminalUI

/// The replay's words: the screen's labels and messages. (The explanation of each event and the names of event
/// kinds are the text layer's, `Wording.explain` and `Wording.eventLabel`.)
extension Strings {
  /// Why the replay screen does not open here (one line).
  public var replayRefusal: String {
    pick(
      "giltutor: replay needs a terminal (stdin or stdout is redirected, or TERM is unset or 'dumb'); try 'giltutor replay FILE --plain'",
      "giltutor: replay нужен терминал (stdin или stdout перенаправлен либо TERM не задан или 'dumb'); попробуйте 'giltutor replay FILE --plain'"
    )
  }
  public var replayBytecode: String { pick("every instruction", "каждая инструкция") }
  public var replayEvent: String { pick("event", "событие") }
  public var replayAtEnd: String { pick("the end of the recording", "конец записи") }
  public var replayAtStart: String { pick("the start of the recording", "начало записи") }
  public var replayNoHandOff: String { pick("no more GIL hand-offs that way", "дальше в эту сторону передач GIL нет") }
  public var replayUnknownKey: String {
    pick("unknown key: ? shows the keys", "неизвестная клавиша: ? покажет клавиши")
  }
  public var replayEmpty: String { pick("the recording has no events", "в записи нет событий") }
  public func replayNotFound(_ text: String) -> String { pick("no event matches '\(text)'", "нет события «\(text)»") }
  public func replayNotATime(_ text: String) -> String {
    pick("'\(text)' is not a time: write e.g. 12.5ms", "«\(text)» — не время: напишите, например, 12.5ms")
  }
  public func replaySpeed(_ perSecond: Int) -> String { pick("\(perSecond) events/s", "\(perSecond) соб./с") }
  public func replayZoom(_ factor: Int) -> String { pick("zoom ×\(factor)", "масштаб ×\(factor)") }
  public func replayFollowing(_ thread: String) -> String { pick("following \(thread)", "только \(thread)") }
  public var replayHelpLines: [(String, String)] {
    [
      ("→ ←", pick("next / previous event", "следующее / предыдущее событие")),
      ("Shift-→ ← ] [", pick("next / previous GIL hand-off", "следующая / предыдущая передача GIL")),
      ("PgDn PgUp", pick("ten events on / back", "на десять событий вперёд / назад")),
      ("g G", pick("start / end", "начало / конец")),
      ("space", pick("play / pause", "воспроизвести / пауза")),
      ("> <", pick("play faster / slower", "быстрее / медленнее")),
      ("+ -", pick("zoom the time axis in / out", "растянуть / сжать ось времени")),
      ("f", pick("follow the thread at the cursor (again: all)", "только поток под курсором (ещё раз: все)")),
      ("/", pick("search for an event kind or a thread", "поиск вида события или потока")),
      ("n N", pick("next / previous match", "следующее / предыдущее совпадение")),
      (":", pick("jump to a time, e.g. :12.5ms", "перейти ко времени, например :12.5ms")),
      ("b", pick("step through every bytecode instruction too", "шагать и по каждой инструкции байт-кода")),
      ("v", pick("key or talking stick (narrow screens)", "ключ или палочка слова (узкий экран)")),
      ("Ctrl-L", pick("redraw the screen", "перерисовать экран")),
      ("? F1", pick("this help", "эта справка")),
      ("q F10", pick("quit", "выход")),
    ]
  }
}
