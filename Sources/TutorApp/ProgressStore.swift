import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The progress file, `$XDG_STATE_HOME/giltutor/progress.json` (or `~/.local/state/giltutor/progress.json`).
/// Every save writes a temporary file beside it, flushes it to disk and renames it over the old one, so the file
/// is always whole: the old version or the new one. A file that cannot be read is moved aside, never deleted.
public struct ProgressStore: Sendable {
  public var file: URL

  public init(file: URL) { self.file = file }

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

  public func load() -> Loaded {
    removeStaleTemporaryFiles()
    let path = file.path
    guard FileManager.default.fileExists(atPath: path) else {
      return Loaded(progress: migrateLegacy() ?? LearnerProgress(), notice: nil, canSave: true)
    }
    let reason: String
    if let data = FileManager.default.contents(atPath: path) {
      struct Header: Decodable { var version: Int }
      if let header = try? JSONDecoder().decode(Header.self, from: data) {
        if header.version > LearnerProgress.currentVersion {
          return Loaded(progress: LearnerProgress(), notice: .newerVersion(header.version), canSave: false)
        }
        if let progress = try? JSONDecoder().decode(LearnerProgress.self, from: data), header.version >= 1 {
          return Loaded(progress: progress, notice: nil, canSave: true)
        }
        reason = "invalid"
      } else {
        reason = data.isEmpty ? "empty" : "invalid"
      }
    } else {
      reason = "unreadable"
    }
    let aside = moveAside()
    return Loaded(
      progress: LearnerProgress(), notice: .movedAside(movedTo: aside ?? path, reason: reason), canSave: true)
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

  func migrateLegacy() -> LearnerProgress? {
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
    guard progress.lesson != nil else { return nil }
    // Written in the new format at once, the old file is no longer needed.
    if (try? save(progress)) != nil { try? FileManager.default.removeItem(at: legacyFile) }
    return progress
  }

  public struct SaveError: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  /// Writes `progress` atomically: temporary file, fsync, rename over the old file, fsync of the directory.
  public func save(_ progress: LearnerProgress) throws(SaveError) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    guard let data = try? encoder.encode(progress) else { throw SaveError(description: "cannot encode progress") }
    let directory = file.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw SaveError(description: "cannot create \(directory.path)")
    }
    do throws(AtomicFile.Failure) {
      try AtomicFile.save(Array(data) + [0x0A], to: file.path)
    } catch {
      throw SaveError(description: "cannot write \(file.path): \(error.reason)")
    }
  }
}
