import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Replaces a file's contents so that anyone reading it (even after a crash or a power cut) sees the old
/// contents or the new ones, never a mix: a temporary file in the same directory, written and flushed to disk,
/// renamed over the file, then the directory flushed so that the rename itself lasts.
public enum AtomicFile {
  public struct Failure: Error, Sendable {
    /// Why, as `strerror` says it ("No such file or directory").
    public var reason: String
  }

  public static func save(_ bytes: [UInt8], to path: String) throws(Failure) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    var template = Array((directory + "/.\(url.lastPathComponent).XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { throw Failure(reason: lastError()) }
    let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var closed = false
    do throws(Failure) {
      var rest = bytes[...]
      while !rest.isEmpty {
        let count = rest.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if count < 0 {
          if errno == EINTR { continue }
          throw Failure(reason: lastError())
        }
        rest = rest.dropFirst(count)
      }
      // mkstemp creates the file 0600; give it the usual permissions of a new file.
      let mask = umask(0)
      umask(mask)
      fchmod(descriptor, 0o666 & ~mask)
      guard fsync(descriptor) == 0 else { throw Failure(reason: lastError()) }
      closed = true
      guard close(descriptor) == 0 else { throw Failure(reason: lastError()) }
      guard rename(temporary, path) == 0 else { throw Failure(reason: lastError()) }
    } catch {
      if !closed { close(descriptor) }
      unlink(temporary)
      throw error
    }
    let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if directoryDescriptor >= 0 {
      fsync(directoryDescriptor)
      close(directoryDescriptor)
    }
  }

  static func lastError() -> String { String(cString: strerror(errno)) }
}
