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

  /// A path that names a device or a pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written as it is: there is no
  /// file to replace, and a rename would put a regular file in its place. A symbolic link to a file keeps being a
  /// link: the file it points to is the one replaced.
  public static func save(_ bytes: [UInt8], to path: String) throws(Failure) {
    var info = stat()
    if stat(path, &info) == 0 && info.st_mode & S_IFMT != S_IFREG {
      try writeInPlace(bytes, to: path)
      return
    }
    try replace(with: bytes, at: resolvingLinks(path))
  }

  /// The file a chain of symbolic links ends at (the path itself when it is not a link, or does not exist yet).
  private static func resolvingLinks(_ path: String) -> String {
    var info = stat()
    guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, let real = realpath(path, nil) else {
      return path
    }
    defer { free(real) }
    return String(cString: real)
  }

  private static func writeInPlace(_ bytes: [UInt8], to path: String) throws(Failure) {
    let descriptor = open(path, O_WRONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw Failure(reason: lastError()) }
    defer { close(descriptor) }
    try writeAll(bytes, to: descriptor)
  }

  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws(Failure) {
    var rest = bytes[...]
    while !rest.isEmpty {
      let count = rest.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw Failure(reason: lastError())
      }
      rest = rest.dropFirst(count)
    }
  }

  private static func replace(with bytes: [UInt8], at path: String) throws(Failure) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    var template = Array((directory + "/.\(url.lastPathComponent).XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { throw Failure(reason: lastError()) }
    let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var closed = false
    do throws(Failure) {
      try writeAll(bytes, to: descriptor)
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
