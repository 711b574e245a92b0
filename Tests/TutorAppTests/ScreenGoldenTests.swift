import LessonKit
import SchedulerEngine
import Testing

@testable import TerminalUI
@testable import TutorApp

/// Whole screens of every mode at 80×24, on the frozen fixture course: any change to what a learner sees shows up
/// here as a row that differs (`expectRows` prints the new rows, ready to paste when the change is meant).
@Suite("Whole screens of every mode")
struct ScreenGoldenTests {
  /// The fixture lesson's first page at 80×24 in `language`, after `key`.
  func lessonScreen(_ language: Language, after key: Key) throws -> CellGrid {
    var state = try appState(language, width: 80, height: 24, reducedMotion: true)
    _ = press(&state, key)
    return App.view(state)
  }

  @Test func contents() throws {
    expectRows(try lessonScreen(.en, after: .character("t")), Self.contents)
  }

  @Test func helpInBothLanguages() throws {
    expectRows(try lessonScreen(.ru, after: .character("?")), Self.help)
    expectRows(try lessonScreen(.en, after: .character("?")), Self.helpEnglish)
  }

  @Test func tooSmall() throws {
    let state = try appState(.en, width: 60, height: 20, reducedMotion: true)
    expectRows(App.view(state), Self.tooSmall)
  }

  @Test func quizQuestionAndFeedback() throws {
    var state = try quizAppState()
    _ = press(&state, .right, .right, .enter)
    expectRows(App.view(state), Self.quizQuestion)
    _ = press(&state, .character("1"), .enter)
    expectRows(App.view(state), Self.quizFeedback)
  }

  @Test func replay() throws {
    var state = replayApp(try trace("convoy"), title: "convoy", language: .en, width: 80, height: 24)
    for _ in 0..<4 { _ = state.update(.key(.right)) }
    expectRows(state.view(), Self.replay)
  }

  static let contents = [
    " giltutor · What is the GIL?                                           page 1/5",
    "",
    "  Contents",
    "  ↑↓ choose  Enter open  Esc back",
    "",
    "  1. What is the GIL?",
    "       2. The lock as a key",
    "       3. The talking stick",
    "       4. Inside one statement",
    "       5. Why it matters",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "                                                                 ? help  q quit",
  ]
  static let help = [
    " giltutor · Что такое GIL?                                             стр. 1/5",
    "  Что такое GIL?",
    "    ┌─ Справка ────────────────────────────────────────────────────────────┐",
    "  CP│                                                                      │но",
    "  из│  → l n PgDn   следующая страница                                     │ть",
    "  по│  ← h p PgUp   предыдущая страница                                    │",
    "    │  ↑ ↓ k j      прокрутка страницы                                     │",
    "  Вр│  space        пауза / продолжить                                     │мс",
    "  1 │  .            шаг к следующему событию                               │",
    "  2 │  + -          быстрее / медленнее                                    │█",
    "  GI│  [ ]          интервал переключения вдвое меньше / больше            │2",
    "    │  c            сменить число ядер                                     │▲",
    "    │  r            начать картинки сначала                                │",
    "  Об│  t            содержание                                             │",
    "   ▲│  ? F1         эта справка                                            │",
    "    │  Ctrl-L       перерисовать экран                                     │",
    "  Ка│  q F10        выход                                                  │",
    "  па│                                                                      │",
    "  ст│  Клавиши работают и в русской раскладке (й = q, р = h, …).           │",
    "    │  Колесо мыши прокручивает и листает; --no-mouse отключает мышь.      │",
    "    │  любая клавиша закрывает справку                                     │",
    "    └──────────────────────────────────────────────────────────────────────┘",
    "",
    " без анимации · скорость ×1 · [ ] 5 мс · c ядра 2            ? справка  q выход",
  ]
  static let helpEnglish = [
    " giltutor · What is the GIL?                                           page 1/5",
    "  What is the GIL?",
    "    ┌─ Help ───────────────────────────────────────────────────────────────┐",
    "  CP│                                                                      │it",
    "  so│  → l n PgDn   next page                                              │o",
    "  co│  ← h p PgUp   previous page                                          │",
    "    │  ↑ ↓ k j      scroll the page                                        │",
    "  Ti│  space        pause / resume the pictures                            │ms",
    "  1 │  .            step to the next event                                 │",
    "  2 │  + -          faster / slower                                        │█",
    "  GI│  [ ]          halve / double the switch interval                     │2",
    "    │  c            change the number of cores                             │▲",
    "    │  r            restart the pictures                                   │",
    "  Le│  t            table of contents                                      │",
    "   ▲│  ? F1         this help                                              │",
    "    │  Ctrl-L       redraw the screen                                      │",
    "  Ea│  q F10        quit                                                   │",
    "  pa│                                                                      │",
    "  lo│  Keys also work on a Russian layout (й = q, р = h, …).               │",
    "    │  Mouse wheel scrolls and turns pages; --no-mouse turns capture off.  │",
    "    │  any key closes this help                                            │",
    "    └──────────────────────────────────────────────────────────────────────┘",
    "",
    " reduced motion · speed ×1 · [ ] 5 ms · c cores 2                ? help  q quit",
  ]
  static let tooSmall = [
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "         terminal too small: have 60×20, need 80×24",
    "           enlarge the window, or press q to quit",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
  ]
  static let quizQuestion = [
    " giltutor · Quiz: Test                                                      1/6",
    "",
    "  Pick the first letter of the alphabet.",
    "",
    "  ( ) 1. A",
    "  ( ) 2. C",
    "  ( ) 3. B",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    " 1-9 or ↑↓ space: choose  Enter: answer                          ? help  q quit",
  ]
  static let quizFeedback = [
    " giltutor · Quiz: Test                                                      1/6",
    "",
    "  Pick the first letter of the alphabet.",
    "",
    "  Right.",
    "",
    "  A comes first.",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    " ↑↓ scroll  Enter: next question                                 ? help  q quit",
  ]
  static let replay = [
    " giltutor replay · convoy                                event 5/78 · t = 50 µs",
    "1 cpu █████████████████████████████████████████████████████████████████████████",
    "2 net ░░░░░░░░░▌░░░░░░░░▌░░░░░░░░░▌░░░░░░░░░▌░░░░░░░░▌░░░░░░░░░▌░░░░░░░░░▌░░░░▌",
    "GIL   1111111111111111111111111111111111111111111111111111111111111111111111111",
    "     └▲─────────────────┴─────────────────┴─────────────────┴─────────────────┴",
    "      0                 10 ms             20 ms             30 ms",
    "Legend: █ running bytecode  ░ waiting for the GIL  ≈ I/O, GIL released",
    " ▌ ran part of the time  ▲ t",
    "→ net asks for the GIL; cpu holds it, so net waits — after 5 ms it will set the",
    "  drop request",
    "",
    "The lock as a key · The convoy effect                                  t = 50 µs",
    "",
    "        queue at the door ┌─ interpreter (GIL) ───────────────────────────────┐",
    "                  ░ net   ▯ 🔑 cpu █ running bytecode                         │",
    "                          └───────────────────────────────────────────────────┘",
    "away, without the key:",
    "",
    "→ cpu takes the GIL",
    "",
    "",
    "",
    "",
    " ❚❚ paused · 5 events/s                                          ? help  q quit",
  ]
}
