import Foundation
import TutorApp

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reading and writing whole text files with the operating system's reason when it fails.
enum TextFile {
  struct Failure: Error {
    /// Why, as `strerror` says it ("No such file or directory").
    var reason: String
  }

  static func load(_ path: String) throws(Failure) -> String {
    guard let text = String(validating: try loadBytes(path), as: UTF8.self) else {
      throw Failure(reason: "not UTF-8 text")
    }
    return text
  }

  static func loadBytes(_ path: String) throws(Failure) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw Failure(reason: lastError()) }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw Failure(reason: lastError())
      }
      if count == 0 { break }
      bytes += buffer[0..<count]
    }
    return bytes
  }

  /// Writes `text` to `path` atomically (see `AtomicFile`).
  static func save(_ text: String, to path: String) throws(Failure) { try save(bytes: Array(text.utf8), to: path) }

  static func save(bytes data: [UInt8], to path: String) throws(Failure) {
    do throws(AtomicFile.Failure) {
      try AtomicFile.save(data, to: path)
    } catch {
      throw Failure(reason: error.reason)
    }
  }

  private static func lastError() -> String {
    String(cString: strerror(errno))
  }
}
