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
    try scratch.store.update { $0 = progress }
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

  @Test(arguments: [
    "{\"version\": 1, \"lesson\": ", "", "not json at all\n", "{\"version\": 1, \"page\": \"x\"}", "[1, 2]\n",
    "{\"version\": \"1\"}", "{\"version\": 0}", "{\"quizzes\": {\"q\": {\"attempts\": \"two\"}}}",
    "{\"quizzes\": {\"q\": {\"last\": {\"mistakes\": [\"a\"]}}}}",
  ])
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
    try scratch.store.update { $0 = LearnerProgress(lesson: "01", page: 2) }
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
    #expect(throws: ProgressStore.SaveError.self) { try scratch.store.update { $0.page = 2 } }
  }

  // Several giltutors on one file.

  @Test func aPageTurnInALessonOpenedBeforeKeepsAQuizFinishedElsewhere() throws {
    let scratch = try ScratchStore()
    try scratch.store.update { $0 = LearnerProgress(lesson: "01-what-is-the-gil", page: 2) }
    // A lesson is opened; then a quiz, in another terminal, records a run.
    let lesson = ProgressStore(file: scratch.store.file)
    let quiz = ProgressStore(file: scratch.store.file)
    #expect(lesson.load().progress.quizzes.isEmpty)
    #expect(quiz.load().progress.lesson == "01-what-is-the-gil")
    try quiz.update { $0.record(quiz: "01-what-is-the-gil", sampleRecord(right: 12), startsAttempt: true) }
    // The lesson turns a page: only the position changes.
    let saved = try lesson.update {
      $0.lesson = "01-what-is-the-gil"
      $0.page = 3
    }
    #expect(saved.progress.quizzes["01-what-is-the-gil"]?.attempts == 1)
    let progress = scratch.store.load().progress
    #expect(progress.page == 3)
    #expect(progress.quizzes["01-what-is-the-gil"]?.best?.right == 12)
    #expect(progress.quizzes["01-what-is-the-gil"]?.attempts == 1)
  }

  @Test func updatesFromManyThreadsAtOnceAreAllKept() throws {
    let scratch = try ScratchStore()
    let store = scratch.store
    // Each thread is like another giltutor: its own store, its own lock file descriptor. A failed update would
    // show as a missing attempt.
    DispatchQueue.concurrentPerform(iterations: 4) { thread in
      let mine = ProgressStore(file: store.file)
      for round in 0..<25 {
        _ = try? mine.update {
          $0.record(quiz: "q\(thread % 2)", sampleRecord(right: round, finished: round % 5 == 0), startsAttempt: true)
          $0.page = round + 1
        }
      }
    }
    let progress = store.load().progress
    #expect(progress.quizzes["q0"]?.attempts == 50)
    #expect(progress.quizzes["q1"]?.attempts == 50)
    #expect(progress.quizzes["q0"]?.best?.right == 20)
    #expect(scratch.folder == ["progress.json"])
  }

  @Test func aLockHeldTooLongIsAnErrorNotAHang() throws {
    let scratch = try ScratchStore()
    try scratch.store.update { $0.page = 2 }
    let impatient = ProgressStore(file: scratch.store.file, lockTimeout: .milliseconds(200))
    let held = try FileLock.acquire(impatient.lockFile, timeout: .seconds(1))
    let started = ContinuousClock.now
    let error = #expect(throws: ProgressStore.SaveError.self) { try impatient.update { $0.page = 3 } }
    #expect(ContinuousClock.now - started < .seconds(30))
    #expect(error?.description == "another giltutor held \(impatient.lockFile) for 200 ms; try again")
    #expect(impatient.load().progress.page == 2)
    held.release()
    try impatient.update { $0.page = 3 }
    #expect(impatient.load().progress.page == 3)
  }

  @Test func aLockFileLeftByAKilledGiltutorIsTakenAndRemoved() throws {
    let scratch = try ScratchStore()
    try scratch.write("", to: URL(fileURLWithPath: scratch.store.lockFile))
    try scratch.store.update { $0.page = 4 }
    #expect(scratch.store.load().progress.page == 4)
    #expect(scratch.folder == ["progress.json"])
  }

  @Test func aFileFromANewerGiltutorWrittenMeanwhileIsNotOverwritten() throws {
    let scratch = try ScratchStore()
    try scratch.store.update { $0.page = 2 }
    let newer = "{\"version\": 2}\n"
    try scratch.write(newer, to: scratch.store.file)
    let result = try scratch.store.update { $0.page = 3 }
    #expect(!result.canSave && result.notice == .newerVersion(2))
    #expect(scratch.contents(scratch.store.file) == newer)
  }

  // Reading leniently.

  @Test func missingKeysTakeTheirDefaults() throws {
    let scratch = try ScratchStore()
    try scratch.write(
      """
      {"lesson": "02-how-it-works",
       "quizzes": {"01": {"last": {"right": 3, "total": 5}}, "02": {"attempts": 2, "best": {"right": 4, "finished": true}}}}
      """, to: scratch.store.file)
    let loaded = scratch.store.load()
    #expect(loaded.notice == nil && loaded.canSave)
    #expect(loaded.progress.version == 1)
    #expect(loaded.progress.lesson == "02-how-it-works" && loaded.progress.page == 1)
    let first = try #require(loaded.progress.quizzes["01"])
    #expect(first.attempts == 0 && first.best == nil)
    #expect(first.last == QuizRecord(right: 3, total: 5))
    let second = try #require(loaded.progress.quizzes["02"])
    #expect(second.attempts == 2 && second.best == QuizRecord(right: 4, finished: true))
    // No last run: the best one stands for it.
    #expect(second.last == second.best)
    #expect(scratch.folder == ["progress.json"])
  }

  @Test(arguments: ["{}", "{\"version\": 1, \"lesson\": null, \"page\": null}\n"])
  func anObjectWithoutProgressIsEmptyProgress(text: String) throws {
    let scratch = try ScratchStore()
    try scratch.write(text, to: scratch.store.file)
    let loaded = scratch.store.load()
    #expect(loaded.notice == nil && loaded.progress == LearnerProgress())
  }

  @Test func unknownKeysAreKeptThroughASave() throws {
    let scratch = try ScratchStore()
    try scratch.write(
      """
      {"version": 1, "lesson": "01", "page": 2, "streak": {"days": 3, "since": "2025-01-02", "ok": true, "f": 1.5},
       "theme": null,
       "quizzes": {"01": {"attempts": 1, "hints": [1, 2],
                          "last": {"right": 1, "total": 2, "answered": 2, "finished": true, "mistakes": [2],
                                   "topics": [], "seconds": 9, "confidence": [0.5, "high"]}}}}
      """, to: scratch.store.file)
    try scratch.store.update {
      $0.page = 3
      $0.record(quiz: "02", sampleRecord(right: 7), startsAttempt: true)
    }
    let text = try #require(scratch.contents(scratch.store.file))
    let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let streak = try #require(json["streak"] as? [String: Any])
    #expect(streak["days"] as? Int == 3 && streak["since"] as? String == "2025-01-02")
    #expect(streak["ok"] as? Bool == true && streak["f"] as? Double == 1.5)
    #expect(json.keys.contains("theme") && json["theme"] is NSNull)
    #expect(json["page"] as? Int == 3)
    let quizzes = try #require(json["quizzes"] as? [String: Any])
    let first = try #require(quizzes["01"] as? [String: Any])
    #expect(first["hints"] as? [Int] == [1, 2])
    let last = try #require(first["last"] as? [String: Any])
    let confidence = try #require(last["confidence"] as? [Any])
    #expect(confidence.count == 2 && confidence[0] as? Double == 0.5 && confidence[1] as? String == "high")
    #expect((quizzes["02"] as? [String: Any])?["attempts"] as? Int == 1)
    // And they read back the same.
    let again = scratch.store.load().progress
    #expect(
      again.extra["streak"]
        == .object(["days": .integer(3), "since": .string("2025-01-02"), "ok": .bool(true), "f": .number(1.5)]))
    #expect(again.quizzes["01"]?.last.extra["confidence"] == .array([.number(0.5), .string("high")]))
  }

  @Test func resetClearsTheUnknownKeysToo() throws {
    let scratch = try ScratchStore()
    try scratch.write("{\"version\": 1, \"page\": 3, \"streak\": 4}", to: scratch.store.file)
    try scratch.store.update { $0 = LearnerProgress() }
    #expect(scratch.store.load().progress == LearnerProgress())
  }
}
