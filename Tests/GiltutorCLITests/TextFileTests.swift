import Foundation
import Testing

@testable import giltutor

@Suite struct TextFileTests {
  @Test func saveIsAtomicAndReadable() throws {
    let directory = try TemporaryDirectory()
    let path = directory.url.appendingPathComponent("out.json").path
    try TextFile.save("first\n", to: path)
    try TextFile.save("второй\n", to: path)
    #expect(try TextFile.load(path) == "второй\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["out.json"])
    let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(permissions.map { $0 & 0o644 } == 0o644)
  }

  @Test func failuresSayWhy() throws {
    let directory = try TemporaryDirectory()
    do {
      try TextFile.save("x", to: directory.url.appendingPathComponent("no/such/out.txt").path)
      Issue.record("saving into a missing folder succeeded")
    } catch {
      #expect(error.reason == "No such file or directory")
    }
    do {
      _ = try TextFile.load(directory.url.appendingPathComponent("absent").path)
      Issue.record("loading a missing file succeeded")
    } catch {
      #expect(error.reason == "No such file or directory")
    }
  }
}
