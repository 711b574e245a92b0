import DisplayText

/// Every word of the interface, in one language. The words it shares with the text outputs (times, states, events)
/// come from the text layer, as a `Wording`; extensions in other files (quiz, replay) add their strings with `pick`.
public struct Strings: Wording {
  public let language: Language

  public static let en = Strings(language: .en)
  public static let ru = Strings(language: .ru)
  public static func of(_ language: Language) -> Strings { language == .ru ? .ru : .en }

  // Widgets.
  public var timelineTitle: String { pick("Timeline", "Временная шкала") }
  public var gilRow: String { "GIL" }
  /// The label of the rows that show what a program printed.
  public var outputRow: String { pick("printed", "вывод") }
  public var keyTitle: String { pick("The lock as a key", "Замок и ключ") }
  public var room: String { pick("interpreter", "интерпретатор") }
  public var queue: String { pick("queue at the door", "очередь у двери") }
  public var nobodyInside: String { pick("nobody inside: the key hangs by the door", "внутри никого: ключ у двери") }
  public var outside: String { pick("away, without the key", "снаружи, без ключа") }
  public var raisedHand: String {
    pick("raised hand: waited one interval, asks for the key", "поднятая рука: ждал интервал, просит ключ")
  }
  public var noGIL: String {
    pick("no GIL in this interpreter: threads run side by side", "в этом интерпретаторе нет GIL: потоки идут рядом")
  }
  public var stickTitle: String { pick("The talking stick", "Палочка слова") }
  public var speaks: String { pick("speaks", "говорит") }
  public var handOffs: String { pick("hand-offs", "передачи") }
  public var nobodyWaits: String {
    pick("nobody waits: the speaker keeps the stick", "никто не ждёт: палочка у говорящего")
  }
  public var interval: String { pick("switch interval", "интервал переключения") }
  public var disTitle: String { pick("dis", "dis") }
  public var betweenStatements: String { pick("loop bookkeeping", "служебный код цикла") }

  // App.
  /// ncurses has no description of the terminal type `term` (one line); `plain` is the command that works anyway.
  public func unknownTerminal(_ term: String, plain: String = "giltutor lesson ID --plain") -> String {
    pick(
      "giltutor: ncurses does not know the terminal type '\(term)' (TERM); try TERM=xterm-256color or '\(plain)'",
      "giltutor: ncurses не знает тип терминала '\(term)' (TERM); попробуйте TERM=xterm-256color или '\(plain)'"
    )
  }

  /// Why the interface does not start here (one line); `plain` is the command that works anyway.
  public func refusal(notATerminal: Bool, plain: String = "giltutor lesson ID --plain") -> String {
    notATerminal
      ? pick(
        "giltutor: the lessons need a terminal (stdin or stdout is redirected); try '\(plain)'",
        "giltutor: урокам нужен терминал (stdin или stdout перенаправлен); попробуйте '\(plain)'")
      : pick(
        "giltutor: TERM is unset or 'dumb', so the lessons cannot draw; try '\(plain)'",
        "giltutor: TERM не задан или равен 'dumb', уроки не могут рисовать; попробуйте '\(plain)'")
  }
  public var page: String { pick("page", "стр.") }
  public var contents: String { pick("Contents", "Содержание") }
  public var lessons: String { pick("Lessons", "Уроки") }
  public var help: String { pick("Help", "Справка") }
  public var paused: String { pick("paused", "пауза") }
  public var playing: String { pick("playing", "идёт") }
  public var speed: String { pick("speed", "скорость") }
  public var cores: String { pick("cores", "ядра") }
  public var reducedMotion: String { pick("reduced motion", "без анимации") }
  public var statusHint: String { pick("? help  q quit", "? справка  q выход") }
  public var helpClose: String { pick("any key closes this help", "любая клавиша закрывает справку") }
  public var contentsHint: String {
    pick("↑↓ choose  Enter open  Esc back", "↑↓ выбор  Enter открыть  Esc назад")
  }
  public func tooSmall(width: Int, height: Int) -> String {
    pick(
      "terminal too small: have \(width)×\(height), need 80×24", "терминал мал: есть \(width)×\(height), нужно 80×24")
  }
  public var tooSmallHint: String { pick("enlarge the window, or press q to quit", "увеличьте окно или нажмите q") }
  public var helpLines: [(String, String)] {
    [
      ("→ l n PgDn", pick("next page", "следующая страница")),
      ("← h p PgUp", pick("previous page", "предыдущая страница")),
      ("↑ ↓ k j", pick("scroll the page", "прокрутка страницы")),
      ("space", pick("pause / resume the pictures", "пауза / продолжить")),
      (".", pick("step to the next event", "шаг к следующему событию")),
      ("+ -", pick("faster / slower", "быстрее / медленнее")),
      ("[ ]", pick("halve / double the switch interval", "интервал переключения вдвое меньше / больше")),
      ("c", pick("change the number of cores", "сменить число ядер")),
      ("r", pick("restart the pictures", "начать картинки сначала")),
      ("t", pick("table of contents", "содержание")),
      ("? F1", pick("this help", "эта справка")),
      ("Ctrl-L", pick("redraw the screen", "перерисовать экран")),
      ("q F10", pick("quit", "выход")),
    ]
  }
  public var layoutNote: String {
    pick(
      "Keys also work on a Russian layout (й = q, р = h, …).",
      "Клавиши работают и в русской раскладке (й = q, р = h, …).")
  }
  public var mouseNote: String {
    pick(
      "Mouse wheel scrolls and turns pages; --no-mouse turns capture off.",
      "Колесо мыши прокручивает и листает; --no-mouse отключает мышь.")
  }
}
