import DisplayText
import SchedulerEngine
import Testing
import TraceIO

@testable import TerminalUI
@testable import TutorApp

@Suite struct ReplayTests {
  func replay(_ name: String = "convoy", language: Language = .en, width: Int = 100, height: Int = 30) throws
    -> AppState
  {
    replayApp(try trace(name), title: name, language: language, width: width, height: height)
  }

  func type(_ state: inout AppState, _ text: String) {
    for c in text { _ = state.update(.key(.character(c))) }
    _ = state.update(.key(.enter))
  }

  @Test("While the screen is too small, only q does anything")
  func tooSmallIgnoresKeys() throws {
    var state = try replay(width: 60, height: 20)
    let before = state.replay!.cursor
    press(&state, .right, .right, .end, .character(" "), .character("?"))
    _ = state.update(.mouse(.wheelDown))
    #expect(state.replay!.cursor == before)
    #expect(!state.showHelp)
    _ = state.update(.resize(width: 100, height: 30))
    #expect(state.view().text.contains("event \(before + 1)/"))
    _ = state.update(.resize(width: 60, height: 20))
    #expect(state.update(.key(.character("q"))) == [.quit])
  }

  @Test func steppingForwardThenBackReturnsToIdenticalScreens() throws {
    for (width, height) in [(80, 24), (140, 40)] {
      var state = try replay(width: width, height: height)
      press(&state, .right, .right, .right)
      var screens = [state.view()]
      for _ in 0..<5 {
        press(&state, .right)
        screens.append(state.view())
      }
      #expect(state.replay!.cursor == 8)
      for index in (0..<5).reversed() {
        press(&state, .left)
        #expect(state.view() == screens[index], "back to step \(index + 3)")
      }
      // Each screen differs from the next: the cursor, the explanation or the pictures moved.
      #expect(Set(screens.map(\.text)).count == screens.count)
    }
  }

  @Test func theScreenShowsTimelineExplanationAndPictures() throws {
    var state = try replay(width: 140, height: 40)
    press(&state, .right, .right, .right, .right)
    let text = state.view().text
    #expect(text.contains("giltutor replay"))
    #expect(text.contains("event 5/"))
    #expect(text.contains("GIL"))
    #expect(text.contains("net asks for the GIL; cpu holds it, so net waits — after 5 ms it will set the drop request"))
    #expect(text.contains("The lock as a key"))
    #expect(text.contains("The talking stick"))
    var narrow = try replay(width: 80, height: 24)
    #expect(narrow.view().text.contains("The lock as a key"))
    press(&narrow, .character("v"))
    #expect(narrow.view().text.contains("The talking stick"))
    _ = narrow.update(.resize(width: 60, height: 20))
    #expect(narrow.view().text.contains("terminal too small"))
  }

  @Test func handOffJumpsLandOnGILChanges() throws {
    var state = try replay()
    press(&state, .shiftRight)
    let first = try #require(state.replay!.event)
    #expect(first.kind == .gilAcquire && first.detail >= 0 && first.detail != Int32(first.thread))
    press(&state, .character("]"))
    let second = try #require(state.replay!.event)
    #expect(second.kind == .gilAcquire && second.time > first.time)
    press(&state, .character("["))
    #expect(state.replay!.event == first)
    press(&state, .shiftLeft)
    #expect(state.replay!.message == Strings.en.replayNoHandOff)
    #expect(state.replay!.event == first)
  }

  @Test func pagesStartAndEnd() throws {
    var state = try replay()
    press(&state, .pageDown)
    #expect(state.replay!.cursor == 10)
    press(&state, .pageUp, .pageUp)
    #expect(state.replay!.cursor == 0)
    #expect(state.replay!.message == Strings.en.replayAtStart)
    press(&state, .character("G"))
    #expect(state.replay!.cursor == state.replay!.steps.count - 1)
    press(&state, .right)
    #expect(state.replay!.message == Strings.en.replayAtEnd)
    press(&state, .character("g"))
    #expect(state.replay!.cursor == 0)
  }

  @Test func searchFindsKindsAndThreadsInEitherLanguage() throws {
    var state = try replay()
    press(&state, .character("/"))
    type(&state, "drop request")
    #expect(state.replay!.event?.kind == .gilDropRequest)
    let first = state.replay!.cursor
    press(&state, .character("n"))
    #expect(state.replay!.event?.kind == .gilDropRequest && state.replay!.cursor > first)
    press(&state, .character("N"))
    #expect(state.replay!.cursor == first)
    press(&state, .character("/"))
    type(&state, "ввода-вывода")
    #expect(state.replay!.event?.kind == .ioStart || state.replay!.event?.kind == .ioEnd)
    press(&state, .character("/"))
    type(&state, "cpu")
    #expect(state.replay!.event.map { state.replay!.trace.threads[Int($0.thread)].name } == "cpu")
    press(&state, .character("/"))
    type(&state, "nothing like this")
    #expect(state.replay!.message == Strings.en.replayNotFound("nothing like this"))
    // Escape leaves the prompt without moving.
    let before = state.replay!.cursor
    press(&state, .character("/"), .character("x"), .escape)
    #expect(state.replay!.prompt == nil && state.replay!.cursor == before)
  }

  @Test func jumpToATime() throws {
    var state = try replay()
    press(&state, .character(":"))
    type(&state, "12.5ms")
    let event = try #require(state.replay!.event)
    #expect(event.time >= 12_500_000)
    let previous = state.replay!.trace.events[Int(state.replay!.steps[state.replay!.cursor - 1])]
    #expect(previous.time < 12_500_000)
    press(&state, .character(":"))
    type(&state, "10,5ms")
    #expect(state.replay!.time >= 10_500_000)
    press(&state, .character(":"))
    type(&state, "soon")
    #expect(state.replay!.message == Strings.en.replayNotATime("soon"))
    press(&state, .character(":"))
    type(&state, "100s")
    #expect(state.replay!.cursor == state.replay!.steps.count - 1)
  }

  @Test func followingAThreadHidesTheOthersAndStepsThroughItsEvents() throws {
    var state = try replay()
    press(&state, .right, .right, .right)
    let thread = try #require(state.replay!.event).thread
    press(&state, .character("f"))
    #expect(state.replay!.followed == Int(thread))
    for _ in 0..<10 {
      press(&state, .right)
      #expect(state.replay!.event?.thread == thread)
    }
    let name = state.replay!.trace.threads[Int(thread)].name
    let other = state.replay!.trace.threads.first { $0.name != name }!.name
    let text = state.view().text
    #expect(text.contains("following \(name)"))
    #expect(!text.split(separator: "\n").contains { $0.hasPrefix("2 \(other)") || $0.hasPrefix("1 \(other)") })
    press(&state, .character("f"))
    #expect(state.replay!.followed == nil)
  }

  @Test func zoomNarrowsTheWindowAroundTheCursor() throws {
    var state = try replay()
    press(&state, .character(":"))
    type(&state, "20ms")
    let whole = state.replay!.window
    press(&state, .character("+"), .character("+"))
    #expect(
      state.replay!.window.upperBound - state.replay!.window.lowerBound == (whole.upperBound - whole.lowerBound) / 4)
    #expect(state.replay!.window.contains(state.replay!.time))
    #expect(state.view().text.contains("zoom ×4"))
    press(&state, .character("-"), .character("-"), .character("-"))
    #expect(state.replay!.window == whole)
  }

  @Test func playingStepsOnTicksAndStopsAtTheEnd() throws {
    var state = try replay()
    press(&state, .character(" "))
    #expect(state.isAnimating)
    _ = state.update(.tick(nanoseconds: 1_000_000_000, wallClock: 0))
    #expect(state.replay!.cursor == ReplayState.speeds[state.replay!.speedIndex])
    press(&state, .character("G"))
    _ = state.update(.tick(nanoseconds: 1_000_000_000, wallClock: 0))
    #expect(!state.isAnimating)
    #expect(state.update(.key(.character("q"))) == [.quit])
    #expect(state.update(.key(.character("й"))) == [.quit])
  }

  /// Esc closes the help and the prompts; alone it does nothing (a split arrow's Esc must not end the replay).
  @Test func escClosesButNeverQuits() throws {
    var state = try replay()
    press(&state, .right)
    #expect(state.update(.key(.escape)).isEmpty)
    #expect(state.replay!.cursor == 1 && state.replay!.message == nil)
    press(&state, .character("?"))
    #expect(state.showHelp)
    #expect(state.update(.key(.escape)).isEmpty)
    #expect(!state.showHelp)
    #expect(state.update(.key(.function(10))) == [.quit])
  }

  @Test func bytecodeStepsShowReadsAndWritesAndToggleBack() throws {
    let source = "shared counter = 0\nthread adder x 2:\n    repeat 3:\n        counter += 1\n"
    let trace = Simulator.run(try ScenarioParser.parse(source, file: "lost.scenario"))
    var state = replayApp(trace, title: "lost", language: .en)
    _ = state.update(.resize(width: 100, height: 30))
    press(&state, .right)
    let notable = try #require(state.replay!.event)
    press(&state, .character("b"))
    #expect(state.replay!.bytecode && state.replay!.event == notable && state.replay!.stepCount == trace.events.count)
    press(&state, .character("/"))
    type(&state, "bytecode")
    #expect(state.replay!.event?.kind == .bytecode)
    var sentences: [String] = []
    for _ in 0..<40 {
      press(&state, .right)
      if let e = state.replay!.event { sentences.append(Strings.en.explain(e, in: trace)) }
    }
    #expect(sentences.contains { $0.contains("reads counter = ") })
    #expect(sentences.contains { $0.contains("writes counter = 1") })
    #expect(state.view().text.contains("every instruction"))
    let time = state.replay!.time
    press(&state, .character("b"))
    #expect(!state.replay!.bytecode && state.replay!.time >= time && state.replay!.event?.kind != .bytecode)
  }

  @Test func everyEventKindIsExplainedInBothLanguages() throws {
    let base = Fixtures.replayTrace
    for kind in EventKind.allCases {
      let event = TraceEvent(time: 1_000_000, thread: 1, kind: kind, detail: 0, value: 1)
      let en = Strings.en.explain(event, in: base)
      let ru = Strings.ru.explain(event, in: base)
      #expect(!en.isEmpty && !ru.isEmpty && en != ru, "\(kind)")
      #expect(en.contains("net") || en.contains("work"), "\(kind): \(en)")
      #expect(ru.contains("net") || ru.contains("work"), "\(kind): \(ru)")
      #expect(!Strings.en.eventLabel(kind).isEmpty && Strings.en.eventLabel(kind) != Strings.ru.eventLabel(kind))
    }
    let request = TraceEvent(time: 1_000_000, thread: 1, kind: .gilRequest)
    #expect(
      Strings.en.explain(request, in: base)
        == "net's I/O finished; net asks for the GIL; cpu holds it, so net waits — after 5 ms it will set the drop request"
    )
    #expect(
      Strings.ru.explain(request, in: base)
        == "ввод-вывод net закончился; net просит GIL; он у cpu, поэтому net ждёт — через 5 мс он выставит запрос на сброс"
    )
  }

  /// A drop request says how long its thread really waited when the timed wait woke much later than the interval
  /// (timer slack and an idle core's wake-up are some 100 µs: nothing beside 5 ms, most of a 10 µs interval).
  @Test func aDropRequestThatWokeLateSaysHowLongItWaited() throws {
    let source = "switch_interval: 10us\nthread t x 2:\n    compute 1ms\n"
    let short = Simulator.run(try ScenarioParser.parse(source, file: "t"))
    let request = try #require(short.events.first { $0.kind == .gilDropRequest })
    #expect(Strings.en.explain(request, in: short).contains("(its timed wait of 10 µs woke late)"))
    #expect(Strings.ru.explain(request, in: short).contains("(его ожидание на 10 мкс проснулось с опозданием)"))
    let usual = Simulator.run(try ScenarioParser.parse("thread t x 2:\n    compute 30ms\n", file: "t"))
    #expect(usual.events.contains { $0.kind == .gilDropRequest })
    for request in usual.events where request.kind == .gilDropRequest {
      #expect(Strings.en.explain(request, in: usual).contains("has waited 5 ms for the GIL and sets"))
    }
  }

  @Test func plainTextListsEveryStepWithItsExplanation() throws {
    let state = try replay(language: .ru)
    let lines = ReplayPlain.render(state.replay!).split(separator: "\n")
    #expect(lines.count == state.replay!.steps.count)
    #expect(lines.contains { $0.contains("net просит GIL; он у cpu, поэтому net ждёт") })
  }

  /// The whole screen at 80×24 after four steps (legend of the style rows: `styleRows` in Support.swift).
  @Test func wholeScreenAt80x24() throws {
    var state = replayApp(try trace("convoy"), title: "convoy", language: .en, width: 80, height: 24)
    for _ in 0..<4 { press(&state, .right) }
    expectRows(screen(of: state), Self.wholeScreen)
    expectStyles(screen(of: state), Self.wholeScreenStyles)
  }

  /// The replay's help is the same box as every mode's, over its screen; any key closes it.
  @Test func helpIsTheFramesBox() throws {
    var state = replayApp(try trace("convoy"), title: "convoy", language: .ru, width: 80, height: 24)
    press(&state, .character("?"))
    expectRows(screen(of: state), Self.help)
    press(&state, .character("x"))
    #expect(!state.showHelp && state.replay?.message == nil)
  }

  static let help = [
    " giltutor replay · convoy                               событие 1/78 · t = 0 нс",
    "1 cp┌─ Справка ────────────────────────────────────────────────────────────┐███",
    "2 ne│                                                                      │░░▌",
    "GIL │  → ←            следующее / предыдущее событие                       │11⇄",
    "    │  Shift-→ ← ] [  следующая / предыдущая передача GIL                  │──┴",
    "    │  PgDn PgUp      на десять событий вперёд / назад                     │",
    "Обоз│  g G            начало / конец                                       │",
    " ▌ в│  space          воспроизвести / пауза                                │",
    "→ cp│  > <            быстрее / медленнее                                  │",
    "    │  + -            растянуть / сжать ось времени                        │",
    "Замо│  f              только поток под курсором (ещё раз: все)             │0 нс",
    "    │  /              поиск вида события или потока                        │",
    "    │  n N            следующее / предыдущее совпадение                    │──┐",
    "    │  :              перейти ко времени, например :12.5ms                 │  │",
    "    │  b              шагать и по каждой инструкции байт-кода              │──┘",
    "снар│  v              ключ или палочка слова (узкий экран)                 │",
    "    │  Ctrl-L         перерисовать экран                                   │",
    "→ cp│  ? F1           эта справка                                          │",
    "    │  q F10          выход                                                │",
    "    │                                                                      │",
    "    │  Клавиши работают и в русской раскладке (й = q, р = h, …).           │",
    "    │  любая клавиша закрывает справку                                     │",
    "    └──────────────────────────────────────────────────────────────────────┘",
    " ❚❚ пауза · 5 соб./с                                         ? справка  q выход",
  ]

  // Style rows, one character a cell: s status bar, e error, d dim, k key, g GIL, r running, w waiting, i I/O,
  // f finished, c cursor, h highlight, blank for text; upper case (`#` for text) in reverse video. The whole legend:
  // `styleRows` in Support.swift.
  static let wholeScreen = [
    " giltutor replay · convoy                                event 5/78 · t = 50 µs",
    "1 cpu █████████████████████████████████████████████████████████████████████████",
    "2 net ░░░░░░░░░▌░░░░░░░░▌░░░░░░░░░▌░░░░░░░░░▌░░░░░░░░▌░░░░░░░░░▌░░░░░░░░░▌░░░░▌",
    "GIL   111111111⇄11111111⇄111111111⇄111111111⇄11111111⇄111111111⇄111111111⇄1111⇄",
    "     └▲─────────────────┴─────────────────┴─────────────────┴─────────────────┴",
    "      0                 10 ms             20 ms             30 ms",
    "Legend: █ running bytecode  ░ waiting for the GIL  ≈ I/O, GIL released",
    " ▌ ran part of the time  ⇄ GIL hand-off  ▲ t",
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

  static let wholeScreenStyles = [
    "ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss",
    "      Rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr",
    "      Wwwwwwwwwrwwwwwwwwrwwwwwwwwwrwwwwwwwwwrwwwwwwwwrwwwwwwwwwrwwwwwwwwwrwwwwr",
    "ggg   Ggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg",
    "     dcdddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
    "      d                 ddddd             ddddd             ddddd",
    "dddddddrr                  ww                     ii",
    "rr                      gg              cc",
    "",
    "",
    "",
    "                 dddddddddddddddddddd",
    "",
    "        ddddddddddddddddd",
    "                  wwwwwww k kkrrrrrr",
    "",
    "dddddddddddddddddddddd",
    "",
    "dd",
    "",
    "",
    "",
    "",
    "ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss",
  ]
}

enum Fixtures {
  /// `cpu` holds the GIL; `net` comes back from I/O at 1 ms and asks for it; thread 2 runs a task loop.
  static let replayTrace: Trace = {
    let scenario = Scenario(locks: [LockDeclaration(name: "counter_lock")])
    let threads = [ThreadInfo(name: "cpu", process: 0), ThreadInfo(name: "net", process: 0)]
    let ms = Time.millisecond
    let spans: [[StateSpan]] = [
      [StateSpan(start: 0, end: 2 * ms, state: .running)],
      [StateSpan(start: 0, end: ms, state: .io), StateSpan(start: ms, end: 2 * ms, state: .waitingGIL)],
    ]
    let events = [
      TraceEvent(time: 0, thread: 0, kind: .gilAcquire),
      TraceEvent(time: 0, thread: 1, kind: .ioStart),
      TraceEvent(time: ms, thread: 1, kind: .ioEnd),
      TraceEvent(time: ms, thread: 1, kind: .gilRequest),
    ]
    return Trace(
      scenario: scenario, threads: threads, tasks: [TaskInfo(name: "work", loopThread: 1)], events: events,
      spans: spans, gilSpans: [[GILSpan(start: 0, end: 2 * ms, holder: 0)]], instructions: [Instruction("NOP")],
      sharedFinal: [], statistics: Statistics(wallTime: 2 * ms))
  }()
}

@Suite struct ReplayOfOddFilesTests {
  /// Odd but readable Chrome traces: only a GIL track, a GIL holder nobody is, B without E, zero-length and
  /// negative durations, huge times, names repeated, no thread names.
  static let oddFiles = [
    #"{"traceEvents":[{"ph":"M","pid":1,"tid":9,"name":"thread_name","args":{"name":"GIL"}},{"ph":"X","pid":1,"tid":9,"ts":0,"dur":5,"name":"ghost"}]}"#,
    #"[{"ph":"B","pid":1,"tid":1,"ts":5,"name":"a"},{"ph":"X","pid":1,"tid":1,"ts":1,"dur":-3,"name":"running"}]"#,
    #"[{"ph":"X","pid":"p","tid":"t","ts":1e300,"dur":1,"name":"x"},{"ph":"X","pid":1,"tid":1,"ts":0,"dur":0,"name":"I/O"}]"#,
    #"{"traceEvents":[{"ph":"M","pid":1,"tid":1,"name":"thread_name","args":{"name":"a"}},{"ph":"M","pid":1,"tid":2,"name":"thread_name","args":{"name":"a"}},{"ph":"X","pid":1,"tid":1,"ts":0,"dur":9,"name":"waiting for GIL"},{"ph":"X","pid":1,"tid":2,"ts":3,"dur":9,"name":"sleeping"},{"ph":"M","pid":1,"tid":3,"name":"thread_name","args":{"name":"GIL"}},{"ph":"X","pid":1,"tid":3,"ts":0,"dur":4,"name":"a"},{"ph":"i","pid":1,"tid":2,"ts":2,"name":"GIL drop request","args":{"holder":"nobody"}}],"giltutor":{"interpreter":"cpython-2.7","switch_interval_ns":1e300}}"#,
  ]

  func walk(_ trace: Trace) {
    var state = replayApp(trace, title: "odd", language: .ru)
    _ = state.update(.resize(width: 80, height: 24))
    let keys: [Key] = [
      .right, .shiftRight, .character("+"), .character("f"), .right, .left, .character("G"), .character("v"),
      .character("]"), .pageDown, .character("f"), .character("-"), .shiftLeft, .pageUp,
    ]
    for key in keys {
      _ = state.update(.key(key))
      _ = state.view()
    }
    _ = ReplayPlain.render(state.replay!)
  }

  @Test func oddChromeFilesOpenAndStepWithoutCrashing() throws {
    for text in Self.oddFiles {
      if let result = try? ChromeImport.read(Array(text.utf8)) { walk(result.trace) }
    }
  }

  @Test func damagedCopiesOfAGoodFileReadOrFailButNeverCrash() throws {
    let good = Array(ChromeTrace.render(try trace("convoy")).utf8)
    var seed: UInt64 = 7
    func next() -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(seed >> 33)
    }
    let alphabet = Array("{}[],:\"0123456789.-eEXBMi ".utf8)
    for _ in 0..<150 {
      var bytes = good
      for _ in 0..<(1 + next() % 4) { bytes[next() % bytes.count] = alphabet[next() % alphabet.count] }
      if let result = try? ChromeImport.read(bytes) { walk(result.trace) }
    }
    let file = TraceFile.write(try trace("convoy"))
    for _ in 0..<150 {
      var bytes = file
      bytes[next() % bytes.count] = UInt8(truncatingIfNeeded: next())
      if let trace = try? TraceFile.read(bytes) { walk(trace) }
    }
  }
}
