import DisplayText
import LessonKit
import SchedulerEngine
import TerminalUI

/// The app core: every key, tick, resize and finished simulation goes through here. The keys every mode shares
/// (quit, redraw, help, the too-small screen) are handled once, here; the rest go to the mode.
public enum App {
  /// `state` after `event`, and what the run loop must do.
  @discardableResult
  public static func update(_ state: inout AppState, _ event: InputEvent) -> [Effect] {
    switch event {
    case .resize(let width, let height):
      state.width = width
      state.height = height
      if case .lesson(var page) = state.mode {
        page.scroll = min(page.scroll, LessonKeys.maxScroll(state, page))
        state.mode = .lesson(page)
      }
      return []
    case .redraw:
      return [.redraw]
    case .tick(let nanoseconds, let wallClock):
      state.now = wallClock
      guard state.isAnimating else { return [] }
      return tick(&state, nanoseconds)
    case .mouse(let action):
      guard !state.tooSmall && !state.showHelp else { return [] }
      return mouse(&state, action)
    case .key(let key):
      return self.key(&state, key)
    }
  }

  /// A simulation the run loop finished: its traces go to the pictures that wait for them. A result for a page
  /// the learner has left is dropped.
  @discardableResult
  public static func receive(_ state: inout AppState, _ result: SimulationResult) -> [Effect] {
    guard case .lesson(var page) = state.mode, page.awaiting == result.id,
      result.traces.count == page.players.count
    else { return [] }
    for i in page.players.indices { page.players[i].receive(result.traces[i], atEnd: state.reducedMotion) }
    page.awaiting = nil
    state.mode = .lesson(page)
    return []
  }

  /// `update` for each event, with every simulation carried out at once, as the run loop would in the
  /// background: for tests and tools that have no run loop. Returns the other effects.
  @discardableResult
  public static func settle(_ state: inout AppState, _ events: [InputEvent]) -> [Effect] {
    var effects: [Effect] = []
    for event in events { effects += settle(&state, update(&state, event)) }
    return effects
  }

  /// `settle` for one event.
  @discardableResult
  public static func settle(_ state: inout AppState, _ event: InputEvent) -> [Effect] { settle(&state, [event]) }

  /// Carries out the simulations among `effects` at once; returns the rest.
  public static func settle(_ state: inout AppState, _ effects: [Effect]) -> [Effect] {
    var rest: [Effect] = []
    for effect in effects {
      if case .simulate(let job) = effect {
        rest += settle(&state, receive(&state, job.run()))
      } else {
        rest.append(effect)
      }
    }
    return rest
  }

  /// The pure form of `settle`, for tests.
  public static func updated(_ state: AppState, _ events: [InputEvent]) -> AppState {
    var state = state
    settle(&state, events)
    return state
  }

  static func isQuit(_ key: Key) -> Bool { key == .character("q") || key == .function(10) }

  /// The keys every mode shares, then the mode's own. While a mode takes typed text (a search line), q and ?
  /// are text; F10, F1 and Ctrl-C still work.
  static func key(_ state: inout AppState, _ typed: Key) -> [Effect] {
    let typing = capturesText(state)
    // Commands work on a Russian layout too; typed text stays as typed.
    let key = typed.latinPosition
    if key == .control("c") || key == .function(10) || (isQuit(key) && !typing) {
      return [.quit] + leaving(state)
    }
    if key == .control("l") { return [.redraw] }
    if state.tooSmall { return [] }
    if state.showHelp {
      state.showHelp = false
      return []
    }
    if key == .function(1) || (key == .character("?") && !typing) {
      state.showHelp = true
      return []
    }
    switch state.mode {
    case .lesson(let page): return LessonKeys.page(&state, page, key)
    case .contents(let selection, let behind): return LessonKeys.contents(&state, selection, behind, key)
    case .quizOffer(let behind): return QuizKeys.offer(&state, behind, key)
    case .quiz(let quiz): return QuizKeys.key(&state, quiz, key)
    case .replay(var replay):
      replay.press(typing ? typed : key)
      state.mode = .replay(replay)
      return []
    }
  }

  static func capturesText(_ state: AppState) -> Bool {
    if case .replay(let replay) = state.mode { return replay.prompt != nil }
    return false
  }

  /// What quitting saves: the reading position, in the modes of the course.
  static func leaving(_ state: AppState) -> [Effect] {
    if case .replay = state.mode { return [] }
    return [progress(state)]
  }

  static func tick(_ state: inout AppState, _ nanoseconds: Int64) -> [Effect] {
    switch state.mode {
    case .lesson(var page):
      let speed = pow2(state.course.speedLevel)
      for i in page.players.indices { page.players[i].advance(realNanoseconds: nanoseconds, speed: speed) }
      state.mode = .lesson(page)
    case .replay(var replay):
      replay.tick(nanoseconds)
      state.mode = .replay(replay)
    case .contents, .quizOffer, .quiz:
      break
    }
    return []
  }

  static func mouse(_ state: inout AppState, _ action: MouseAction) -> [Effect] {
    switch (state.mode, action) {
    // On a lesson page the wheel scrolls, and past the page's top or bottom turns the page.
    case (.lesson(let page), .wheelUp) where page.scroll == 0:
      return LessonKeys.turn(&state, by: -1)
    case (.lesson(let page), .wheelDown) where page.scroll >= LessonKeys.maxScroll(state, page):
      return LessonKeys.turn(&state, by: 1)
    // In the table of contents a click opens the entry under the pointer.
    case (.contents(let selection, let behind), .click(_, let y)):
      let index = ContentsView.firstEntry(state, selection: selection) + y - ContentsView.top
      guard y >= ContentsView.top, y < state.height - 1, index < state.course.contentsEntries.count else {
        return []
      }
      return LessonKeys.contents(&state, index, behind, .enter)
    case (_, .click):
      return []
    // Elsewhere the wheel moves as the arrows do.
    case (_, .wheelUp): return key(&state, .up)
    case (_, .wheelDown): return key(&state, .down)
    }
  }

  /// How many rows of the lesson page shown do not fit on the screen (0 in the other modes).
  public static func pageOverflow(_ state: AppState) -> Int {
    state.lessonPage.map { LessonKeys.maxScroll(state, $0) } ?? 0
  }

  static func progress(_ state: AppState) -> Effect {
    .saveProgress(lesson: state.course.lesson.id, page: state.course.pageIndex)
  }
}

func pow2(_ level: Int) -> Double {
  level >= 0 ? Double(1 << level) : 1 / Double(1 << -level)
}
