import Foundation
import LessonKit
import TerminalUI
import TutorApp

/// The interface's measurements for `make bench`: nothing here touches a terminal.
enum Benchmarks {
  /// Wall time from nothing to the first frame of lesson 1 as a grid: read and parse the lessons and their
  /// scenarios, simulate the first page's widgets, lay out and render a `width`×`height` frame.
  static func timeToFirstFrame(lessonsDirectory: URL, width: Int = 100, height: Int = 30) throws -> Duration {
    let clock = ContinuousClock()
    let start = clock.now
    let lessons = try Catalog.loadAll(lessonsDirectory: lessonsDirectory, language: "en")
    let state = AppState(
      lessons: lessons, width: width, height: height, language: .en, unicode: true, reducedMotion: false)
    let grid = App.view(state)
    precondition(grid.width == width)
    return clock.now - start
  }

  /// Average cost of one animation frame at `width`×`height` (default 200×60): a tick, building the frame with
  /// `App.view`, and diffing it against the previous frame (what the terminal backend writes). Returns the
  /// average per frame and the average number of changed cells.
  static func frameBuildAndDiff(
    lessonsDirectory: URL, width: Int = 200, height: Int = 60, frames: Int = 200
  ) throws -> (perFrame: Duration, changedCells: Double) {
    let lessons = try Catalog.loadAll(lessonsDirectory: lessonsDirectory, language: "en")
    var state = AppState(
      lessons: lessons, width: width, height: height, language: .en, unicode: true, reducedMotion: false)
    var previous = App.view(state)
    var changed = 0
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<frames {
      App.update(&state, .tick(nanoseconds: 33_000_000, wallClock: 0))
      let grid = App.view(state)
      changed += grid.changes(since: previous).count
      previous = grid
    }
    let elapsed = clock.now - start
    return (elapsed / frames, Double(changed) / Double(frames))
  }
}
