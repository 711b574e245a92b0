import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The progress file, `$XDG_STATE_HOME/giltutor/progress.json` (or `~/.local/state/giltutor/progress.json`).
/// Several giltutors may use it at once (a lesson open in one terminal, a quiz in another), so every change is a
/// read-modify-write under a lock (`progress.json.lock`): `update` re-reads the file and applies only this
/// process's change to it, never an old copy kept in memory. Every save writes a temporary file beside it,
/// flushes it to disk and renames it over the old one, so the file is always whole: the old version or the new
/// one. A file that cannot be read is moved aside, never deleted.
public struct ProgressStore: Sendable {
  public var file: URL
  /// How long a change waits for another giltutor's change to finish before giving up (saving nothing).
  public var lockTimeout: Duration

  public init(file: URL, lockTimeout: Duration = .seconds(10)) {
    self.file = file
    self.lockTimeout = lockTimeout
  }

  public static func standard(environment: [String: String]) -> ProgressStore? {
    let base: URL
    if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
      base = URL(fileURLWithPath: state, isDirectory: true)
    } else if let home = environment["HOME"], !home.isEmpty {
      base = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".local/state")
    } else {
      return nil
    }
    return ProgressStore(file: base.appendingPathComponent("giltutor/progress.json"))
  }

  /// The two-line file earlier versions wrote (`lesson ID`, `page N`); read once, when there is no progress.json.
  public var legacyFile: URL { file.deletingLastPathComponent().appendingPathComponent("progress") }

  /// Held around every read-modify-write of the file.
  public var lockFile: String { file.path + ".lock" }

  /// Something the learner is told (in one line) after loading.
  public enum Notice: Sendable, Equatable {
    /// The file could not be read; it was renamed to `movedTo` and progress starts fresh.
    case movedAside(movedTo: String, reason: String)
    /// The file is from a newer giltutor: it is left as it is and nothing is saved this run.
    case newerVersion(Int)
  }

  public struct Loaded: Sendable {
    public var progress: LearnerProgress
    public var notice: Notice?
    /// False when saving would overwrite a file this version does not understand.
    public var canSave: Bool
  }

  /// What the file holds, read without changing anything.
  enum OnDisk {
    case none
    case progress(LearnerProgress)
    case newer(Int)
    case broken(reason: String)
  }

  func read() -> OnDisk {
    let path = file.path
    guard FileManager.default.fileExists(atPath: path) else { return .none }
    guard let data = FileManager.default.contents(atPath: path) else { return .broken(reason: "unreadable") }
    guard !data.isEmpty else { return .broken(reason: "empty") }
    // Anything that is a JSON object with the right types for its version is progress: missing keys take their
    // defaults (no version: 1), unknown ones are kept.
    struct Header: Decodable { var version: Int? }
    guard let header = try? JSONDecoder().decode(Header.self, from: data) else { return .broken(reason: "invalid") }
    let version = header.version ?? LearnerProgress.currentVersion
    if version > LearnerProgress.currentVersion { return .newer(version) }
    guard version >= 1, let progress = try? JSONDecoder().decode(LearnerProgress.self, from: data) else {
      return .broken(reason: "invalid")
    }
    return .progress(progress)
  }

  public func load() -> Loaded {
    removeStaleTemporaryFiles()
    switch read() {
    case .progress(let progress): return Loaded(progress: progress, notice: nil, canSave: true)
    case .newer(let version): return Loaded(progress: LearnerProgress(), notice: .newerVersion(version), canSave: false)
    case .none where !FileManager.default.fileExists(atPath: legacyFile.path):
      return Loaded(progress: LearnerProgress(), notice: nil, canSave: true)
    case .none, .broken:
      // Moving a broken file aside or migrating the old one changes the folder: under the lock, after reading
      // again (another giltutor may have done it already).
      do throws(FileLock.Failure) {
        let lock = try FileLock.acquire(lockFile, timeout: lockTimeout)
        let loaded = settle()
        lock.release()
        return loaded
      } catch {
        // The next update settles it; until then, start fresh without touching anything.
        return Loaded(progress: legacyProgress() ?? LearnerProgress(), notice: nil, canSave: true)
      }
    }
  }

  /// Under the lock: the progress in the file, after moving a broken file aside or migrating the old one.
  func settle() -> Loaded {
    switch read() {
    case .progress(let progress):
      return Loaded(progress: progress, notice: nil, canSave: true)
    case .newer(let version):
      return Loaded(progress: LearnerProgress(), notice: .newerVersion(version), canSave: false)
    case .broken(let reason):
      let aside = moveAside()
      return Loaded(
        progress: LearnerProgress(), notice: .movedAside(movedTo: aside ?? file.path, reason: reason), canSave: true)
    case .none:
      guard let progress = legacyProgress() else {
        return Loaded(progress: LearnerProgress(), notice: nil, canSave: true)
      }
      // Written in the new format at once, the old file is no longer needed.
      if (try? write(progress)) != nil { try? FileManager.default.removeItem(at: legacyFile) }
      return Loaded(progress: progress, notice: nil, canSave: true)
    }
  }

  /// Removes temporary files that a save killed midway left behind (`.progress.json.XXXXXX`). Only those older
  /// than a minute: a younger one may belong to another giltutor saving right now.
  func removeStaleTemporaryFiles(now: Date = Date()) {
    let folder = file.deletingLastPathComponent()
    let prefix = ".\(file.lastPathComponent)."
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names where name.hasPrefix(prefix) && name.count == prefix.count + 6 {
      let path = folder.appendingPathComponent(name).path
      guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
        now.timeIntervalSince(modified) > 60
      else { continue }
      try? FileManager.default.removeItem(atPath: path)
    }
  }

  /// Renames the file to `progress.json.broken-N` (the first free N) and returns the new path.
  func moveAside() -> String? {
    for n in 1...1000 {
      let target = file.path + ".broken-\(n)"
      if FileManager.default.fileExists(atPath: target) { continue }
      return rename(file.path, target) == 0 ? target : nil
    }
    return nil
  }

  /// The old two-line file's position, if there is one.
  func legacyProgress() -> LearnerProgress? {
    guard let data = FileManager.default.contents(atPath: legacyFile.path),
      let text = String(data: data, encoding: .utf8)
    else { return nil }
    var progress = LearnerProgress()
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { continue }
      if parts[0] == "lesson" { progress.lesson = parts[1] }
      if parts[0] == "page" { progress.page = max(1, Int(parts[1]) ?? 1) }
    }
    return progress.lesson == nil ? nil : progress
  }

  public struct SaveError: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  /// Changes the progress in the file: under the lock, reads the file as it is now (another giltutor may have
  /// changed it since this one loaded it), applies `change` to that and writes the result. Returns what was
  /// written (with a notice when a broken file had to be moved aside first); when the file has become one from a
  /// newer giltutor, changes nothing and returns `canSave` false with the notice.
  @discardableResult
  public func update(_ change: (inout LearnerProgress) -> Void) throws(SaveError) -> Loaded {
    let directory = file.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw SaveError(description: "cannot create \(directory.path)")
    }
    let lock: FileLock
    do throws(FileLock.Failure) {
      lock = try FileLock.acquire(lockFile, timeout: lockTimeout)
    } catch {
      switch error {
      case .timedOut:
        let milliseconds = Int(lockTimeout / .milliseconds(1))
        let wait = milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
        throw SaveError(description: "another giltutor held \(lockFile) for \(wait); try again")
      case .system(let reason):
        throw SaveError(description: "cannot lock \(lockFile): \(reason)")
      }
    }
    let result = Result { () throws(SaveError) -> Loaded in
      var loaded = settle()
      guard loaded.canSave else { return loaded }
      change(&loaded.progress)
      loaded.progress.version = LearnerProgress.currentVersion
      try write(loaded.progress)
      return loaded
    }
    lock.release()
    return try result.get()
  }

  /// Writes `progress` atomically: temporary file, fsync, rename over the old file, fsync of the directory.
  /// Only under the lock (`update`), else it may overwrite another giltutor's change.
  func write(_ progress: LearnerProgress) throws(SaveError) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    guard let data = try? encoder.encode(progress) else { throw SaveError(description: "cannot encode progress") }
    do throws(AtomicFile.Failure) {
      try AtomicFile.save(Array(data) + [0x0A], to: file.path)
    } catch {
      throw SaveError(description: "cannot write \(file.path): \(error.reason)")
    }
  }
}
