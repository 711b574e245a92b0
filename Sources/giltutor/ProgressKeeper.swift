import Foundation
import TerminalUI
import TutorApp

/// The learner's progress while a command runs: loaded once (telling the learner in one line when the file had
/// to be moved aside or is from a newer giltutor), changed in memory, saved atomically after each change.
final class ProgressKeeper {
  let store: ProgressStore?
  private(set) var progress: LearnerProgress
  let canSave: Bool
  private let strings: Strings

  /// Loads the standard store (none when neither XDG_STATE_HOME nor HOME is set).
  init(environment: [String: String], strings: Strings, store: ProgressStore? = nil) {
    self.strings = strings
    self.store = store ?? ProgressStore.standard(environment: environment)
    guard let loaded = self.store?.load() else {
      progress = LearnerProgress()
      canSave = false
      return
    }
    progress = loaded.progress
    canSave = loaded.canSave
    switch loaded.notice {
    case .movedAside(let path, let reason)?: printError(strings.progressMovedAside(path, reason: reason))
    case .newerVersion(let version)?: printError(strings.progressNewer(self.store!.file.path, version: version))
    case nil: break
    }
  }

  /// Changes the progress and saves it; false (after saying why on stderr) when it could not be saved.
  @discardableResult
  func update(_ change: (inout LearnerProgress) -> Void) -> Bool {
    change(&progress)
    guard canSave, let store else { return false }
    do throws(ProgressStore.SaveError) {
      try store.save(progress)
      return true
    } catch {
      printError(strings.progressNotSaved(error.description))
      return false
    }
  }

  /// Where the learner stopped, as (lesson ID, 0-based page).
  var position: (lesson: String, page: Int)? { progress.lesson.map { ($0, max(0, progress.page - 1)) } }

  func savePosition(lesson: String, page: Int) {
    guard progress.lesson != lesson || progress.page != page + 1 else { return }
    update {
      $0.lesson = lesson
      $0.page = page + 1
    }
  }
}
