import Foundation

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

  /// Writes `text` to `path` atomically: a temporary file in the same directory, then a rename over `path`.
  static func save(_ text: String, to path: String) throws(Failure) { try save(bytes: Array(text.utf8), to: path) }

  static func save(bytes data: [UInt8], to path: String) throws(Failure) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    var template = Array((directory + "/.\(url.lastPathComponent).XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { throw Failure(reason: lastError()) }
    let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var closed = false
    do throws(Failure) {
      var bytes = data[...]
      while !bytes.isEmpty {
        let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if count < 0 {
          if errno == EINTR { continue }
          throw Failure(reason: lastError())
        }
        bytes = bytes.dropFirst(count)
      }
      // mkstemp creates the file 0600; give it the usual permissions of a new file.
      let mask = umask(0)
      umask(mask)
      fchmod(descriptor, 0o666 & ~mask)
      closed = true
      guard close(descriptor) == 0 else { throw Failure(reason: lastError()) }
      guard rename(temporary, path) == 0 else { throw Failure(reason: lastError()) }
    } catch {
      if !closed { close(descriptor) }
      unlink(temporary)
      throw error
    }
  }

  private static func lastError() -> String {
    String(cString: strerror(errno))
  }
}
