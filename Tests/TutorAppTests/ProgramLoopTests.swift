import Foundation
import LessonKit
import SchedulerEngine
import Testing

@testable import TerminalUI
@testable import TutorApp

/// A terminal whose input is a function of the frames drawn so far: the test plays the learner.
final class ScriptedTerminal: TerminalDevice {
  var frames: [CellGrid] = []
  var next: (ScriptedTerminal) -> InputEvent?

  init(next: @escaping (ScriptedTerminal) -> InputEvent?) { self.next = next }

  func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
    // Waiting as a terminal would, but briefly: the test's time is the loop's frames, not the clock.
    if timeoutMilliseconds > 0 { Thread.sleep(forTimeInterval: Double(min(timeoutMilliseconds, 5)) / 1000) }
    return next(self)
  }
  var pendingSignal: Int32? { nil }
  func draw(_ grid: CellGrid) { frames.append(grid) }
  func invalidate() {}
}

/// A gate the test opens: work started in the background waits behind it.
final class Gate: @unchecked Sendable {
  // @unchecked: DispatchSemaphore is thread-safe.
  private let semaphore = DispatchSemaphore(value: 0)
  func open() { semaphore.signal() }
  func wait() { semaphore.wait() }
}

@Suite("The run loop")
struct ProgramLoopTests {
  /// A lesson whose second page holds a picture that takes a few tenths of a second to simulate: two threads
  /// racing on `counter += 1` until the pictures' budget of events stops them.
  func slowLesson() throws -> Lesson {
    let slow = "title: Slow\nshared counter = 0\n\nthread adder x 2:\n    repeat 2000000:\n        counter += 1\n"
    return try LessonParser.parse(
      "# Slow\n\nText.\n\n---\n\n## Slow page\n\n::: timeline scenario=slow\n", file: "slow.md", id: "slow",
      loadScenario: { _ in slow }, scenarioPath: { $0 })
  }

  @Test("A page turn whose picture takes long to simulate keeps drawing frames and taking keys")
  func slowPageTurnKeepsTheLoopGoing() throws {
    var state = AppState(
      lessons: [try slowLesson()], width: 80, height: 24, language: .en, unicode: true, reducedMotion: true)
    let gate = Gate()
    var step = 0
    var framesWhileSimulating = 0
    var helpWhileSimulating = false
    let started = Date()
    let terminal = ScriptedTerminal { terminal in
      let text = terminal.frames.last?.text ?? ""
      if Date().timeIntervalSince(started) > 20 { return .key(.character("q")) }  // A hang fails, not blocks.
      switch step {
      case 0:
        step = 1
        return .key(.right)
      case 1:
        // The page is turned and its picture is under way: frames keep coming.
        if text.contains("simulating") { framesWhileSimulating += 1 }
        guard framesWhileSimulating >= 3 else { return nil }
        step = 2
        return .key(.character("?"))
      case 2:
        // A key pressed meanwhile is handled at once.
        helpWhileSimulating = text.contains("any key closes this help") && text.contains("simulating")
        step = 3
        gate.open()
        return .key(.escape)
      default:
        // The picture arrives, and replaces the note.
        guard !text.contains("simulating") && text.contains("GIL") else { return nil }
        return .key(.character("q"))
      }
    }
    let status = ProgramLoop.run(
      &state, on: terminal, wallClock: { 0 },
      background: { work in
        Thread.detachNewThread {
          gate.wait()
          work()
        }
      },
      perform: { $0 == .quit ? .quit : .keepGoing })
    #expect(status == 0)
    #expect(framesWhileSimulating >= 3)
    #expect(helpWhileSimulating)
    #expect(state.players.first?.trace != nil && state.players.first?.simulating == false)
    #expect(Date().timeIntervalSince(started) < 20)
  }

  @Test("Every event comes after a tick that carries the wall clock")
  func theClockArrivesWithTheTicks() throws {
    var state = try appState(reducedMotion: true)
    var clock = 100.0
    var sent = 0
    let terminal = ScriptedTerminal { _ in
      sent += 1
      clock += 1
      return sent < 3 ? .key(.right) : .key(.character("q"))
    }
    _ = ProgramLoop.run(
      &state, on: terminal, wallClock: { clock }, background: { $0() }, perform: { $0 == .quit ? .quit : .keepGoing })
    #expect(state.now == 103)
  }

  @Test("A job that has not started gives way to a newer one")
  func newerWorkReplacesWaitingWork() throws {
    let gate = Gate()
    let worker = Worker<Int>(start: { work in
      Thread.detachNewThread {
        gate.wait()
        work()
      }
    })
    worker.submit { 1 }
    worker.submit { 2 }
    worker.submit { 3 }
    gate.open()
    var results: [Int] = []
    let deadline = Date().addingTimeInterval(30)
    while worker.isBusy && Date() < deadline {
      results += worker.finished()
      Thread.sleep(forTimeInterval: 0.001)
    }
    results += worker.finished()
    #expect(results == [3])
  }
}
