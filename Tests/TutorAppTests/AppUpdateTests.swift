import DisplayText
import LessonKit
import SchedulerEngine
import Testing

@testable import TerminalUI
@testable import TutorApp

@Suite("App core: update and view driven by events")
struct AppUpdateTests {
  func keys(_ text: String) -> [InputEvent] { text.map { .key(.character($0)) } }

  @Test func firstPageShowsTitleTimelineAndStatusBar() throws {
    let state = try appState(.ru, width: 100, height: 30)
    let rows = App.view(state).rows
    #expect(rows[0].hasPrefix(" giltutor · Что такое GIL?"))
    #expect(rows[0].hasSuffix("стр. 1/5"))
    #expect(rows[1] == "  Что такое GIL?")
    #expect(rows.contains { $0.hasPrefix("  Временная шкала · Two CPU-bound threads") })
    #expect(rows[29].hasPrefix(" ▶ идёт · скорость ×1 · [ ] 5 мс · c ядра 2"))
    #expect(rows[29].hasSuffix("? справка  q выход"))
  }

  @Test func pagesTurnWithKeysAndStopAtTheEnds() throws {
    var state = try appState()
    var effects = App.settle(&state, .key(.right))
    #expect(state.pageIndex == 1)
    #expect(effects == [.saveProgress(lesson: "01-what-is-the-gil", page: 1)])
    state = App.updated(state, [.key(.pageDown), .key(.character("n")), .key(.character("l"))])
    #expect(state.pageIndex == 4)
    effects = App.settle(&state, .key(.right))
    #expect(state.pageIndex == 4 && effects.isEmpty)
    state = App.updated(state, [.key(.left), .key(.pageUp), .key(.character("p")), .key(.character("h"))])
    #expect(state.pageIndex == 0)
    state = App.updated(state, [.key(.character("h"))])
    #expect(state.pageIndex == 0)
  }

  @Test func russianLayoutKeysWork() throws {
    var state = try appState(.ru)
    state = App.updated(state, [.key(.character("д")), .key(.character("т"))])  // l, n
    #expect(state.pageIndex == 2)
    state = App.updated(state, [.key(.character("р"))])  // h
    #expect(state.pageIndex == 1)
    let effects = App.settle(&state, .key(.character("й")))  // q
    #expect(effects.first == .quit)
  }

  @Test func quitKeys() throws {
    for key in [Key.character("q"), .function(10), .control("c")] {
      var state = try appState()
      let effects = App.settle(&state, .key(key))
      #expect(effects == [.quit, .saveProgress(lesson: "01-what-is-the-gil", page: 0)])
    }
  }

  @Test func ticksMoveThePicturesUntilTheEnd() throws {
    var state = try appState()
    #expect(state.isAnimating)
    #expect(state.players[0].time == 0)
    App.settle(&state, .tick(nanoseconds: 1_000_000_000, wallClock: 0))
    let wall = state.players[0].wall
    #expect(state.players[0].time == wall / 10)
    App.settle(&state, .tick(nanoseconds: 20_000_000_000, wallClock: 0))
    #expect(state.players[0].atEnd)
    #expect(!state.isAnimating)
    // Space at the end plays again.
    App.settle(&state, .key(.character(" ")))
    #expect(state.players[0].time == 0 && state.isAnimating)
  }

  @Test func spacePausesAndSpeedScales() throws {
    var state = try appState()
    state = App.updated(state, keys(" "))
    #expect(state.paused && !state.isAnimating)
    App.settle(&state, .tick(nanoseconds: 1_000_000_000, wallClock: 0))
    #expect(state.players[0].time == 0)
    state = App.updated(state, keys(" ++"))
    #expect(state.speed == 4)
    App.settle(&state, .tick(nanoseconds: 1_000_000_000, wallClock: 0))
    #expect(state.players[0].time == state.players[0].wall * 4 / 10)
    state = App.updated(state, keys("---"))
    #expect(state.speed == 0.5)
  }

  @Test func dotStepsToTheNextEventAndPauses() throws {
    var state = try appState()
    let trace = try #require(state.players[0].trace)
    state = App.updated(state, keys("."))
    #expect(state.paused)
    let first = trace.events.first { $0.time > 0 && $0.kind != .bytecode && $0.kind != .computeStart }?.time
    #expect(state.players[0].time == first)
  }

  @Test func bracketsAndCoresResimulateAtOnce() throws {
    var state = try appState(reducedMotion: true)
    let before = App.view(state).rows
    state = App.updated(state, keys("]"))
    #expect(state.players[0].scenario.switchInterval == 10 * Time.millisecond)
    let after = App.view(state).rows
    #expect(before != after)
    #expect(after[29].contains("[ ] 10 ms"))
    state = App.updated(state, keys("[["))
    #expect(state.players[0].scenario.switchInterval == 2_500_000)
    // Whole microseconds, as CPython keeps it: 2500, 1250, 625, then 312 (not 312.5).
    state = App.updated(state, keys("[[["))
    #expect(state.players[0].scenario.switchInterval == 312 * Time.microsecond)
    state = App.updated(state, keys("c"))
    #expect(state.players[0].scenario.cores == 4)
    state = App.updated(state, keys("ccc"))
    #expect(state.players[0].scenario.cores == 2)
  }

  @Test func reducedMotionShowsTheWholePictureAndIgnoresTicks() throws {
    var state = try appState(reducedMotion: true)
    #expect(!state.isAnimating)
    #expect(state.players[0].atEnd)
    state = App.updated(state, keys("r"))
    #expect(state.players[0].time == 0)
    App.settle(&state, .tick(nanoseconds: 5_000_000_000, wallClock: 0))
    #expect(state.players[0].time == 0)
    state = App.updated(state, keys("."))
    #expect(state.players[0].time > 0)
  }

  @Test func tooSmallScreenAndBack() throws {
    var state = try appState()
    App.settle(&state, .resize(width: 60, height: 20))
    let rows = App.view(state).rows
    #expect(rows.contains { $0.contains("terminal too small: have 60×20, need 80×24") })
    state = App.updated(state, [.key(.right)])
    #expect(state.pageIndex == 0)
    App.settle(&state, .resize(width: 100, height: 30))
    #expect(App.view(state).rows[1] == "  What is the GIL?")
    App.settle(&state, .resize(width: 79, height: 40))
    #expect(state.tooSmall)
    let effects = App.settle(&state, .key(.character("q")))
    #expect(effects.first == .quit)
  }

  @Test func helpOverlayListsKeysAndAnyKeyClosesIt() throws {
    var state = try appState(.ru)
    state = App.updated(state, keys("?"))
    #expect(state.showHelp)
    let text = App.view(state).text
    #expect(text.contains("Справка"))
    #expect(text.contains("следующая страница"))
    #expect(text.contains("F10"))
    state = App.updated(state, keys("x"))
    #expect(!state.showHelp)
    state = App.updated(state, [.key(.function(1))])
    #expect(state.showHelp)
  }

  @Test func tableOfContentsOpensAPage() throws {
    var state = try appState()
    state = App.updated(state, keys("t"))
    #expect(state.screen == .contents(selection: 0))
    let rows = App.view(state).rows
    #expect(rows.contains("  1. What is the GIL?"))
    #expect(rows.contains("       3. The talking stick"))
    // The page's playback controls stay with the page.
    #expect(!rows.last!.contains("playing") && !rows.last!.contains("speed"))
    state = App.updated(state, [.key(.down), .key(.down), .key(.enter)])
    #expect(state.screen == .lesson && state.pageIndex == 2)
    state = App.updated(state, keys("t") + [.key(.escape)])
    #expect(state.screen == .lesson && state.pageIndex == 2)
    // A click on the fourth entry opens page 4; clicks outside the list do nothing.
    state = App.updated(state, keys("t") + [.mouse(.click(x: 10, y: 1))])
    #expect(state.screen == .contents(selection: 2))
    state = App.updated(state, [.mouse(.click(x: 10, y: 8))])
    #expect(state.screen == .lesson && state.pageIndex == 3)
  }

  @Test func ctrlLAsksForARedrawAndScrollingIsBounded() throws {
    let long = "# Long\n\n" + (1...40).map { "Paragraph \($0).\n\n" }.joined()
    let lesson = try LessonParser.parse(
      long, file: "long.md", id: "long", loadScenario: { _ in nil }, scenarioPath: { $0 })
    var state = AppState(
      lessons: [lesson], width: 80, height: 24, language: .en, unicode: true, reducedMotion: false)
    #expect(App.settle(&state, .redraw) == [.redraw])
    #expect(App.settle(&state, .key(.control("l"))) == [.redraw])
    state = App.updated(state, Array(repeating: .key(.down), count: 100))
    let limit = state.scroll
    #expect(limit == PageView.render(state, state.lessonPage!).height - 22)
    #expect(App.view(state).rows[22] == "  Paragraph 40.")
    state = App.updated(state, [.key(.down)])
    #expect(state.scroll == limit)
    state = App.updated(state, [.mouse(.wheelUp), .key(.up)])
    #expect(state.scroll == limit - 2)
    state = App.updated(state, [.key(.home)])
    #expect(state.scroll == 0)
  }

  @Test("The mouse wheel turns pages that fit, as the help says; a long page scrolls first")
  func wheelTurnsPages() throws {
    var state = try appState()
    state = App.updated(state, [.mouse(.wheelDown), .mouse(.wheelDown)])
    #expect(state.pageIndex == 2)
    state = App.updated(state, [.mouse(.wheelUp)])
    #expect(state.pageIndex == 1)
    let long = "# Long\n\n## One\n\n" + (1...40).map { "Paragraph \($0).\n\n" }.joined() + "---\n\n## Two\n\nEnd.\n"
    let lesson = try LessonParser.parse(
      long, file: "long.md", id: "long", loadScenario: { _ in nil }, scenarioPath: { $0 })
    var scrolling = AppState(
      lessons: [lesson], width: 80, height: 24, language: .en, unicode: true, reducedMotion: false)
    scrolling = App.updated(scrolling, [.mouse(.wheelDown), .mouse(.wheelDown)])
    #expect(scrolling.pageIndex == 0 && scrolling.scroll == 2)
    scrolling = App.updated(scrolling, Array(repeating: .mouse(.wheelDown), count: 100))
    #expect(scrolling.pageIndex == 1)
    scrolling = App.updated(scrolling, [.mouse(.wheelUp)])
    #expect(scrolling.pageIndex == 0)
  }

  @Test func everyPageFitsAt80x24WithoutCrashing() throws {
    for language in Language.allCases {
      var state = try appState(language, width: 80, height: 24, reducedMotion: true)
      for _ in 0..<5 {
        let grid = App.view(state)
        #expect(grid.width == 80 && grid.height == 24)
        state = App.updated(state, [.key(.right)])
      }
    }
  }
}

@Suite("Whole screens at fixed sizes")
struct ScreenTests {
  @Test func keyPageAt80x24() throws {
    var state = try appState(width: 80, height: 24, reducedMotion: true, page: 1)
    let trace = try #require(state.players[0].trace)
    state.players[0].time = try #require(trace.events.first { $0.kind == .gilDropRequest }).time
    expectRows(
      App.view(state),
      [
        " giltutor · What is the GIL?                                           page 2/5",
        "  The lock as a key",
        "",
        "  Think of the interpreter as a room with one key. Only the thread inside,",
        "  holding the key, runs bytecode.",
        "",
        "  The lock as a key · The convoy effect                            t = 5.16 ms",
        "",
        "         queue at the door ┌─ interpreter (GIL) ────────────────────────────┐",
        "                 ✋░ net   ▯ 🔑 cpu █ running bytecode                      │",
        "                           └────────────────────────────────────────────────┘",
        "  away, without the key:",
        "  ✋ raised hand: waited one interval, asks for the key",
        "  → net asks cpu to drop the GIL",
        "",
        "  • A thread that starts I/O hands the key back at once: it does not need the",
        "    interpreter while it waits.",
        "  • A waiter that has waited one switch interval raises its hand: the drop",
        "    request.",
        "  • The holder must then give the key up at its next check point.",
        "",
        "",
        "",
        " reduced motion · speed ×1 · [ ] 5 ms · c cores 2                ? help  q quit",
      ])
  }

  @Test func stickPageAt200x60InRussian() throws {
    var state = try appState(.ru, width: 200, height: 60, reducedMotion: true, page: 2)
    state.players[0].time = 12 * Time.millisecond
    expectRows(
      App.view(state),
      [
        " giltutor · Что такое GIL?                                                                                                                                                                     стр. 3/5",
        "  Палочка слова",
        "",
        "  Четыре потока сидят в кругу. Говорит только тот, у кого палочка; остальные ждут своей очереди.",
        "",
        "  Палочка слова · Four CPU-bound threads                                                               t = 12 мс",
        "",
        "                        ░ worker-1",
        "                                                           worker-3 говорит",
        "                                                           интервал переключения 5 мс:",
        "       ░ worker-4                        ░ worker-2        █████░░░░░░░░░░░ 1,85 мс",
        "                                                           передачи: 2",
        "",
        "                        🎤 worker-3",
        "",
        "  → worker-3 берёт GIL",
        "",
        "  Таймер показывает, как истекает интервал переключения (по умолчанию 5 мс, sys.setswitchinterval) для потока,",
        "  который ждёт дольше всех. Клавиша c меняет число ядер: при GIL больше ядер не даёт больше говорящих.",
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
        "",
        "",
        "",
        "",
        "",
        "",
        " без анимации · скорость ×1 · [ ] 5 мс · c ядра 4                                                                                                                                    ? справка  q выход",
      ])
  }
}
