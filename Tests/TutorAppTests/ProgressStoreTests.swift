import Foundation
import Testing

@testable import TutorApp

/// A progress store in a fresh directory, removed afterwards.
final class ScratchStore {
  let directory: URL
  let store: ProgressStore

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("giltutor-store-\(UUID().uuidString)")
    store = ProgressStore(file: directory.appendingPathComponent("giltutor/progress.json"))
  }

  deinit { try? FileManager.default.removeItem(at: directory) }

  func write(_ text: String, to file: URL) throws {
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: file)
  }

  func contents(_ file: URL) -> String? { try? String(contentsOf: file, encoding: .utf8) }
  var folder: [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: store.file.deletingLastPathComponent().path).sorted()) ?? []
  }
}

func sampleRecord(right: Int, finished: Bool = true) -> QuizRecord {
  QuizRecord(
    right: right, total: 16, answered: 16, finished: finished, mistakes: [3], topics: ["The talking stick"],
    seconds: 90)
}

struct ProgressStoreTests {
  @Test func theStandardPlaceFollowsXDGStateHome() {
    #expect(
      ProgressStore.standard(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"])?.file.path
        == "/s/giltutor/progress.json")
    #expect(ProgressStore.standard(environment: ["HOME": "/h"])?.file.path == "/h/.local/state/giltutor/progress.json")
    #expect(ProgressStore.standard(environment: ["XDG_STATE_HOME": ""]) == nil)
  }

  @Test func savedProgressLoadsBackAndNoTemporaryFileStays() throws {
    let scratch = try ScratchStore()
    #expect(scratch.store.load().progress == LearnerProgress())
    var progress = LearnerProgress(lesson: "02-how-it-works", page: 3)
    progress.record(quiz: "01-what-is-the-gil", sampleRecord(right: 12), startsAttempt: true)
    try scratch.store.save(progress)
    let loaded = scratch.store.load()
    #expect(loaded.progress == progress)
    #expect(loaded.notice == nil && loaded.canSave)
    #expect(scratch.folder == ["progress.json"])
    let text = try #require(scratch.contents(scratch.store.file))
    #expect(text.contains("\"version\" : 1"))
  }

  @Test func attemptsAndTheBestFinishedScore() {
    var progress = LearnerProgress()
    progress.record(quiz: "q", sampleRecord(right: 10), startsAttempt: true)
    progress.record(quiz: "q", sampleRecord(right: 3, finished: false), startsAttempt: true)
    progress.record(quiz: "q", sampleRecord(right: 5, finished: false), startsAttempt: false)
    let entry = progress.quizzes["q"]!
    #expect(entry.attempts == 2)
    #expect(entry.best?.right == 10)
    #expect(entry.last.right == 5)
    progress.record(quiz: "q", sampleRecord(right: 14), startsAttempt: true)
    #expect(progress.quizzes["q"]!.best?.right == 14)
  }

  @Test(arguments: ["{\"version\": 1, \"lesson\": ", "", "not json at all\n", "{\"version\": 1, \"page\": \"x\"}"])
  func aCorruptFileIsKeptAsideAndProgressStartsFresh(text: String) throws {
    let scratch = try ScratchStore()
    try scratch.write(text, to: scratch.store.file)
    let loaded = scratch.store.load()
    let aside = scratch.store.file.path + ".broken-1"
    #expect(loaded.notice == .movedAside(movedTo: aside, reason: text.isEmpty ? "empty" : "invalid"))
    #expect(loaded.progress == LearnerProgress() && loaded.canSave)
    #expect(scratch.contents(URL(fileURLWithPath: aside)) == text)
    #expect(!FileManager.default.fileExists(atPath: scratch.store.file.path))
    // A second broken file does not overwrite the first one kept aside.
    try scratch.write("garbage", to: scratch.store.file)
    #expect(
      scratch.store.load().notice == .movedAside(movedTo: scratch.store.file.path + ".broken-2", reason: "invalid"))
    #expect(scratch.contents(URL(fileURLWithPath: aside)) == text)
  }

  @Test func aFileFromANewerVersionIsRefusedAndLeftAlone() throws {
    let scratch = try ScratchStore()
    let newer = "{\"version\": 2, \"lessons\": {\"01\": {\"page\": 4}}}\n"
    try scratch.write(newer, to: scratch.store.file)
    let loaded = scratch.store.load()
    #expect(loaded.notice == .newerVersion(2))
    #expect(!loaded.canSave)
    #expect(scratch.contents(scratch.store.file) == newer)
    #expect(scratch.folder == ["progress.json"])
  }

  @Test func theOldTwoLineFileIsMigratedOnce() throws {
    let scratch = try ScratchStore()
    try scratch.write("lesson 03-races-and-convoys\npage 4\n", to: scratch.store.legacyFile)
    let loaded = scratch.store.load()
    #expect(loaded.progress == LearnerProgress(lesson: "03-races-and-convoys", page: 4))
    #expect(loaded.notice == nil)
    #expect(scratch.folder == ["progress.json"])
    #expect(scratch.store.load().progress.lesson == "03-races-and-convoys")
  }

  @Test func temporaryFilesLeftByAKilledSaveAreRemovedOnceStale() throws {
    let scratch = try ScratchStore()
    try scratch.store.save(LearnerProgress(lesson: "01", page: 2))
    let folder = scratch.store.file.deletingLastPathComponent()
    let stale = folder.appendingPathComponent(".progress.json.Ab12Cd")
    let fresh = folder.appendingPathComponent(".progress.json.Ef34Gh")
    try scratch.write("{\"vers", to: stale)
    try scratch.write("{\"vers", to: fresh)
    try FileManager.default.setAttributes(
      [.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: stale.path)
    #expect(scratch.store.load().progress.lesson == "01")
    #expect(scratch.folder == [".progress.json.Ef34Gh", "progress.json"])
  }

  @Test func anUnwritableFolderIsAnErrorNotACrash() throws {
    let scratch = try ScratchStore()
    try scratch.write("a file where the folder should be", to: scratch.store.file.deletingLastPathComponent())
    #expect(throws: ProgressStore.SaveError.self) { try scratch.store.save(LearnerProgress()) }
  }
}
