import DisplayText
import SchedulerEngine
import TerminalUI

/// `giltutor replay`: a recorded timeline walked event by event, as a debugger steps through code. The screen is a
/// pure function of the state, and each position stands alone, so stepping back is the same as stepping forward.
/// It is a mode of the app (`Mode.replay`): the frame around it handles quitting, help and the screen size.
public struct ReplayState: Sendable {
  /// A line being typed after `/` (search) or `:` (jump to a time).
  public enum Prompt: Sendable, Equatable {
    case search(String)
    case jump(String)
  }

  /// Which picture sits beside the explanation when the screen is too narrow for both.
  public enum Picture: Sendable, Equatable { case key, stick }

  public let trace: Trace
  public let title: String
  /// The language of the messages it answers with.
  public var language: Language
  /// Indices into `trace.events` one can step to: every event but single bytecode instructions and the
  /// compute markers around them (thousands per millisecond, and each one explains nothing new).
  public let steps: [Int32]
  /// Whether every bytecode instruction is a step too (`b`): to watch reads and writes interleave.
  public private(set) var bytecode = false
  /// Position among the steps: in `steps`, or in `trace.events` when `bytecode` is on.
  public private(set) var cursor = 0
  /// The only thread shown and stepped through, if any.
  public private(set) var followed: Int?
  /// Each level halves the time window around the cursor.
  public private(set) var zoom = 0
  public private(set) var playing = false
  /// Index into `speeds` (events a second while playing).
  public private(set) var speedIndex = 2
  public static let speeds = [1, 2, 5, 10, 20, 50, 100]
  public private(set) var prompt: Prompt?
  public private(set) var lastSearch = ""
  /// A one-line answer to the last command (not found, not a time, end reached).
  public private(set) var message: String?
  public private(set) var picture = Picture.key
  private var sincePlayStep: Int64 = 0

  public init(trace: Trace, title: String, language: Language) {
    self.trace = trace
    self.title = title
    self.language = language
    var steps: [Int32] = []
    steps.reserveCapacity(trace.events.count)
    for (index, event) in trace.events.enumerated()
    where event.kind != .bytecode && event.kind != .computeStart && event.kind != .computeEnd {
      steps.append(Int32(index))
    }
    self.steps = steps
  }

  public var strings: Strings { .of(language) }
  public var isEmpty: Bool { stepCount == 0 }
  /// How many steps there are.
  public var stepCount: Int { bytecode ? trace.events.count : steps.count }
  /// The index in `trace.events` of step `position`.
  public func eventIndex(_ position: Int) -> Int { bytecode ? position : Int(steps[position]) }

  /// The event at the cursor.
  public var event: TraceEvent? { isEmpty ? nil : trace.events[eventIndex(cursor)] }
  /// The moment the pictures show.
  public var time: Nanos { event?.time ?? 0 }

  // MARK: Moving

  private func visible(_ step: Int) -> Bool {
    guard let followed else { return true }
    return Int(trace.events[eventIndex(step)].thread) == followed
  }

  /// The `count`-th visible step after (or before, for a negative count) the cursor; the last one found when the
  /// trace ends first.
  func step(by count: Int, from start: Int? = nil, where accept: (Int) -> Bool = { _ in true }) -> Int? {
    var position = start ?? cursor
    var found: Int?
    var left = abs(count)
    let direction = count >= 0 ? 1 : -1
    while left > 0 {
      position += direction
      guard position >= 0 && position < stepCount else { break }
      if visible(position) && accept(position) {
        found = position
        left -= 1
      }
    }
    return found
  }

  /// Moves by `count` visible events; says so at either end.
  public mutating func move(by count: Int) {
    if let target = step(by: count) {
      cursor = target
    } else {
      message = count > 0 ? strings.replayAtEnd : strings.replayAtStart
      playing = false
    }
  }

  private func isHandOff(_ step: Int) -> Bool {
    let e = trace.events[eventIndex(step)]
    return e.kind == .gilAcquire && e.detail >= 0 && e.detail != Int32(e.thread)
  }

  /// To the next (or previous) time the GIL changes hands.
  public mutating func moveToHandOff(forward: Bool) {
    if let target = step(by: forward ? 1 : -1, where: isHandOff) {
      cursor = target
    } else {
      message = strings.replayNoHandOff
    }
  }

  public mutating func moveToStart() { cursor = step(by: 1, from: -1) ?? cursor }
  public mutating func moveToEnd() { cursor = step(by: -1, from: stepCount) ?? cursor }

  /// To the first visible event at or after `t` (the last one when `t` is past the end).
  public mutating func jump(to t: Nanos) {
    var lo = 0
    var hi = stepCount
    while lo < hi {
      let mid = (lo + hi) / 2
      if trace.events[eventIndex(mid)].time < t { lo = mid + 1 } else { hi = mid }
    }
    cursor = step(by: 1, from: lo - 1) ?? step(by: -1, from: lo) ?? cursor
  }

  /// Whether `text` names the event at `step`: its thread, its kind in either language, or the kind's code name.
  func matches(_ step: Int, _ text: String) -> Bool {
    let e = trace.events[eventIndex(step)]
    let needle = text.lowercased()
    let name = e.thread >= 0 && Int(e.thread) < trace.threads.count ? trace.threads[Int(e.thread)].name : ""
    return name.lowercased() == needle || "\(e.kind)".lowercased().contains(needle)
      || Strings.en.eventLabel(e.kind).lowercased().contains(needle)
      || Strings.ru.eventLabel(e.kind).lowercased().contains(needle)
  }

  /// The next (or previous) event `text` names, wrapping around the ends.
  public mutating func search(_ text: String, forward: Bool = true) {
    guard !text.isEmpty else { return }
    lastSearch = text
    let direction = forward ? 1 : -1
    if let target = step(by: direction, where: { matches($0, text) })
      ?? step(by: direction, from: forward ? -1 : stepCount, where: { matches($0, text) })
    {
      cursor = target
    } else {
      message = strings.replayNotFound(text)
    }
  }

  /// Steps through every bytecode instruction too, or back to the notable events only; the cursor stays at the
  /// same event (or the next notable one).
  public mutating func toggleBytecode() {
    guard !isEmpty || !trace.events.isEmpty else { return }
    let current = isEmpty ? 0 : eventIndex(cursor)
    bytecode.toggle()
    if bytecode {
      cursor = current
    } else {
      var lo = 0
      var hi = steps.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if Int(steps[mid]) < current { lo = mid + 1 } else { hi = mid }
      }
      cursor = min(lo, max(0, steps.count - 1))
    }
  }

  /// Follows the thread of the event at the cursor, or stops following.
  public mutating func toggleFollow() {
    if followed != nil {
      followed = nil
    } else if let e = event, e.thread >= 0 {
      followed = Int(e.thread)
    }
  }

  /// The time window the timeline shows: the whole recording, or a zoomed part centred on the cursor.
  public var window: ClosedRange<Nanos> {
    let wall = TraceQueries.wallTime(trace)
    let span = max(1, wall >> Nanos(zoom))
    let start = min(max(0, time - span / 2), wall - span)
    return start...(start + span)
  }

  // MARK: Events

  /// Time passed while playing: one step per `1/speed` seconds.
  public mutating func tick(_ nanos: Int64) {
    guard playing else { return }
    sincePlayStep += nanos
    let every = 1_000_000_000 / Int64(Self.speeds[speedIndex])
    while sincePlayStep >= every && playing {
      sincePlayStep -= every
      move(by: 1)
    }
  }

  /// A key the frame passed on: typed into the prompt when one is open, else a command.
  public mutating func press(_ key: Key) {
    if let prompt {
      typeInPrompt(prompt, key)
    } else {
      message = nil
      command(key)
    }
  }

  private mutating func typeInPrompt(_ current: Prompt, _ key: Key) {
    var (text, isSearch): (String, Bool)
    switch current {
    case .search(let t): (text, isSearch) = (t, true)
    case .jump(let t): (text, isSearch) = (t, false)
    }
    switch key {
    case .escape:
      prompt = nil
      return
    case .enter:
      prompt = nil
      if isSearch {
        search(text.isEmpty ? lastSearch : text)
      } else if let t = try? DurationText.parse(text.replacingOccurrences(",", ".").trimmed) {
        jump(to: t)
      } else if !text.isEmpty {
        message = strings.replayNotATime(text)
      }
      return
    case .backspace:
      if text.isEmpty {
        prompt = nil
        return
      }
      text.removeLast()
    case .character(let c):
      text.append(c)
    default:
      return
    }
    prompt = isSearch ? .search(text) : .jump(text)
  }

  private mutating func command(_ key: Key) {
    switch key {
    case .right, .character("l"), .down: move(by: 1)
    case .left, .character("h"), .up: move(by: -1)
    case .shiftRight, .character("]"): moveToHandOff(forward: true)
    case .shiftLeft, .character("["): moveToHandOff(forward: false)
    case .pageDown: move(by: 10)
    case .pageUp: move(by: -10)
    case .home, .character("g"): moveToStart()
    case .end, .character("G"): moveToEnd()
    case .character(" "):
      playing.toggle()
      sincePlayStep = 0
      if playing && step(by: 1) == nil { moveToStart() }
    case .character(">"), .character("."): speedIndex = min(Self.speeds.count - 1, speedIndex + 1)
    case .character("<"), .character(","): speedIndex = max(0, speedIndex - 1)
    case .character("+"), .character("="): zoom = min(zoom + 1, 40)
    case .character("-"), .character("_"): zoom = max(zoom - 1, 0)
    case .character("f"): toggleFollow()
    case .character("/"): prompt = .search("")
    case .character(":"): prompt = .jump("")
    case .character("n"): search(lastSearch)
    case .character("N"): search(lastSearch, forward: false)
    case .character("b"): toggleBytecode()
    case .character("v"): picture = picture == .key ? .stick : .key
    // Esc closes help (the frame) and the prompts (above); alone it does nothing, so that a stray one (the head
    // of an arrow that arrived in pieces) cannot end the replay.
    case .escape: break
    default: message = strings.replayUnknownKey
    }
  }
}

extension String {
  fileprivate func replacingOccurrences(_ a: Character, _ b: Character) -> String {
    String(map { $0 == a ? b : $0 })
  }
  fileprivate var trimmed: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
