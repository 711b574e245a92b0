import Foundation
import Testing

@testable import TutorApp

#if canImport(Glibc)
  import Glibc
#endif

/// `--output` and the progress file go through `AtomicFile`: a file is replaced whole, but a device, a pipe or a
/// link must stay what it is (`--output /dev/null` once replaced the device with a regular file).
@Suite("Atomic file")
struct AtomicFileTests {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("giltutor-atomic-\(UUID())")

  init() throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  func kind(_ path: String) -> mode_t {
    var info = stat()
    #expect(lstat(path, &info) == 0)
    return info.st_mode & S_IFMT
  }

  @Test func aFileIsReplacedWhole() throws {
    let path = directory.appendingPathComponent("out.txt").path
    try AtomicFile.save(Array("old, and longer".utf8), to: path)
    try AtomicFile.save(Array("new".utf8), to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
    #expect(kind(path) == S_IFREG)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.txt"])
    try FileManager.default.removeItem(at: directory)
  }

  @Test func aPipeStaysAPipeAndGetsTheBytes() throws {
    let path = directory.appendingPathComponent("fifo").path
    #expect(mkfifo(path, 0o600) == 0)
    // Held open for reading and writing, so that neither this open nor the save's waits for the other end; and
    // should the save put a file in the pipe's place, the read finds nothing instead of waiting.
    let descriptor = open(path, O_RDWR | O_NONBLOCK)
    defer { close(descriptor) }
    try AtomicFile.save(Array("through the pipe".utf8), to: path)
    var buffer = [UInt8](repeating: 0, count: 256)
    let count = read(descriptor, &buffer, buffer.count)
    #expect(count > 0 && String(decoding: buffer[0..<count], as: UTF8.self) == "through the pipe")
    #expect(kind(path) == S_IFIFO)
    try FileManager.default.removeItem(at: directory)
  }

  @Test func aLinkStaysALinkAndItsFileIsReplaced() throws {
    let target = directory.appendingPathComponent("target.txt").path
    let link = directory.appendingPathComponent("link.txt").path
    try AtomicFile.save(Array("old".utf8), to: target)
    #expect(symlink(target, link) == 0)
    try AtomicFile.save(Array("new".utf8), to: link)
    #expect(kind(link) == S_IFLNK)
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
    try FileManager.default.removeItem(at: directory)
  }
}
