import DisplayText
import LessonKit
import SchedulerEngine
import Testing

@testable import TerminalUI
@testable import TutorApp

/// Whole screens of the lessons at 80×24, on the frozen fixture course: any change to what a learner sees shows
/// up here as a row that differs (`expectRows` and `expectStyles` print the new rows, ready to paste when the
/// change is meant). The style rows name the role of each cell (legend: `styleRows` in Support.swift). The quiz's
/// screens are in QuizScreenTests, the replay's in ReplayTests.
@Suite("Whole screens of the lessons")
struct ScreenGoldenTests {
  /// The fixture lesson's first page at 80×24 in `language`, after `keys`.
  func lessonScreen(_ language: Language, after keys: Key...) throws -> CellGrid {
    var state = try appState(language, width: 80, height: 24, reducedMotion: true)
    for key in keys { _ = press(&state, key) }
    return screen(of: state)
  }

  /// The first page, its timeline drawn at its end (reduced motion).
  @Test func lessonPageWithATimeline() throws {
    let grid = try lessonScreen(.en)
    expectRows(grid, Self.lessonPage)
    expectStyles(grid, Self.lessonPageStyles)
  }

  @Test func contents() throws {
    let grid = try lessonScreen(.en, after: .character("t"))
    expectRows(grid, Self.contents)
    expectStyles(grid, Self.contentsStyles)
  }

  @Test func helpInBothLanguages() throws {
    expectRows(try lessonScreen(.ru, after: .character("?")), Self.help)
    expectRows(try lessonScreen(.en, after: .character("?")), Self.helpEnglish)
  }

  @Test func tooSmall() throws {
    let grid = screen(of: try appState(.en, width: 60, height: 20, reducedMotion: true))
    expectRows(grid, Self.tooSmall)
    expectStyles(grid, Self.tooSmallStyles)
  }

  // Style rows, one character a cell: s status bar, e error, d dim, k key, g GIL, r running, w waiting, i I/O,
  // f finished, c cursor, h highlight, blank for text; upper case (`#` for text) in reverse video. The whole legend:
  // `styleRows` in Support.swift.
  static let lessonPage = [
    " giltutor · What is the GIL?                                           page 1/5",
    "  What is the GIL?",
    "",
    "  CPython runs Python bytecode in one thread at a time. The lock that makes it",
    "  so is the global interpreter lock, the GIL. Below, two threads each want to",
    "  compute for 20 ms on a machine with two cores.",
    "",
    "  Timeline · Two CPU-bound threads                                   t = 40 ms",
    "  1 a █████████▌░░░░░░░░█████████▌░░░░░░░░█████████▌░░░░░░░░▌████████",
    "  2 b ░░░░░░░░░█████████▌░░░░░░░░█████████▌░░░░░░░░██████████░░░░░░░▌████████",
    "  GIL 111111111⇄22222222⇄11111111⇄22222222⇄11111111⇄22222222⇄1111111⇄22222222",
    "     └┴────────────────┴─────────────────┴─────────────────┴────────────────▲",
    "      0                10 ms             20 ms             30 ms",
    "  Legend: █ running bytecode  ░ waiting for the GIL  ▌ ran part of the time",
    "   ⇄ GIL hand-off  ▲ t",
    "",
    "  Each row is a thread; the GIL row says who holds the lock. Press space to",
    "  pause, . to step, ] to double the switch interval and watch the turns get",
    "  longer.",
    "",
    "",
    "",
    "",
    " reduced motion · speed ×1 · [ ] 5 ms · c cores 2                ? help  q quit",
  ]

  static let lessonPageStyles = [
    "ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss",
    "",
    "",
    "",
    "",
    "",
    "",
    "          dddddddddddddddddddddddd",
    "      rrrrrrrrrrwwwwwwwwrrrrrrrrrrwwwwwwwwrrrrrrrrrrwwwwwwwwrrrrrrrrrffffffff",
    "      wwwwwwwwwrrrrrrrrrrwwwwwwwwrrrrrrrrrrwwwwwwwwrrrrrrrrrrwwwwwwwrrrrrrrrr",
    "  ggg ggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg",
    "     dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddc",
    "      d                ddddd             ddddd             ddddd",
    "  dddddddrr                  ww                     rr",
    "  gg              cc",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss",
  ]

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

  static let contentsStyles = [
    "ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss",
    "",
    "",
    "  ddddddddddddddddddddddddddddddd",
    "",
    "  ###################",
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
    "",
    "ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss",
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
    "   ⇄│  ? F1         эта справка                                            │",
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
    "   ⇄│  ? F1         this help                                              │",
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

  static let tooSmallStyles = [
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "         eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee",
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
  ]
}
