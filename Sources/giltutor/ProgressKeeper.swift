import Foundation
import TerminalUI
import TutorApp

/// The learner's progress while a command runs: loaded once (telling the learner in one line when the file had
/// to be moved aside or is from a newer giltutor), then changed in the file itself: each change is applied to the
/// file as it is now, under its lock, so that other giltutors' changes in the meantime are kept.
final class ProgressKeeper {
  let store: ProgressStore?
  /// The progress as last read or written.
  private(set) var progress: LearnerProgress
  private(set) var canSave: Bool
  private let strings: Strings
  /// Where this run last knew the learner to be: only a move away from it is saved, so that a run that did not
  /// move does not put back a position another giltutor saved since.
  private var knownPosition: (lesson: String?, page: Int)

  /// Loads the standard store (none when neither XDG_STATE_HOME nor HOME is set).
  init(environment: [String: String], strings: Strings, store: ProgressStore? = nil) {
    self.strings = strings
    self.store = store ?? ProgressStore.standard(environment: environment)
    guard let loaded = self.store?.load() else {
      progress = LearnerProgress()
      canSave = false
      knownPosition = (nil, 1)
      return
    }
    progress = loaded.progress
    canSave = loaded.canSave
    knownPosition = (progress.lesson, progress.page)
    tell(loaded.notice)
  }

  private func tell(_ notice: ProgressStore.Notice?) {
    switch notice {
    case .movedAside(let path, let reason)?: printError(strings.progressMovedAside(path, reason: reason))
    case .newerVersion(let version)?: printError(strings.progressNewer(store!.file.path, version: version))
    case nil: break
    }
  }

  /// Applies `change` to the progress in the file and saves it; false (after saying why on stderr) when it could
  /// not be saved.
  @discardableResult
  func update(_ change: (inout LearnerProgress) -> Void) -> Bool {
    guard canSave, let store else {
      change(&progress)
      return false
    }
    do throws(ProgressStore.SaveError) {
      let saved = try store.update(change)
      progress = saved.progress
      tell(saved.notice)
      // A newer giltutor replaced the file meanwhile: it is left alone from now on.
      canSave = saved.canSave
      return saved.canSave
    } catch {
      change(&progress)
      printError(strings.progressNotSaved(error.description))
      return false
    }
  }

  /// Where the learner stopped, as (lesson ID, 0-based page).
  var position: (lesson: String, page: Int)? { progress.lesson.map { ($0, max(0, progress.page - 1)) } }

  func savePosition(lesson: String, page: Int) {
    guard knownPosition.lesson != lesson || knownPosition.page != page + 1 else { return }
    knownPosition = (lesson, page + 1)
    update {
      $0.lesson = lesson
      $0.page = page + 1
    }
  }
}
