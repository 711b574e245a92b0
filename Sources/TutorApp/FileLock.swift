import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An advisory lock (`flock`) on a lock file, taken around every read-modify-write of a file shared by several
/// giltutors (`progress.json.lock` beside `progress.json`). The lock file is created when taken and removed when
/// released; one left behind by a killed process holds no lock (the system drops a dead process's locks) and is
/// simply taken by the next one.
public struct FileLock: ~Copyable {
  public enum Failure: Error, Sendable {
    /// Another process held the lock for the whole wait.
    case timedOut
    /// The lock file cannot be created or locked (`strerror`'s words).
    case system(String)
  }

  let descriptor: Int32
  public let path: String

  private init(descriptor: Int32, path: String) {
    self.descriptor = descriptor
    self.path = path
  }

  /// Takes the lock, waiting up to `timeout` for another process to release it (never forever).
  public static func acquire(_ path: String, timeout: Duration) throws(Failure) -> FileLock {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    var pause: UInt32 = 1_000
    while true {
      let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
      guard descriptor >= 0 else { throw .system(String(cString: strerror(errno))) }
      if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
        // The previous holder removes the lock file as it releases it: if that happened between our open and our
        // flock, we locked a file nobody else will open again. Only a lock on the file now at `path` counts.
        var held = stat()
        var current = stat()
        if fstat(descriptor, &held) == 0, stat(path, &current) == 0, held.st_ino == current.st_ino,
          held.st_dev == current.st_dev
        {
          return FileLock(descriptor: descriptor, path: path)
        }
        close(descriptor)
        continue
      }
      let error = errno
      close(descriptor)
      guard error == EWOULDBLOCK || error == EAGAIN || error == EINTR else {
        throw .system(String(cString: strerror(error)))
      }
      guard clock.now < deadline else { throw .timedOut }
      usleep(pause)
      pause = min(pause * 2, 50_000)
    }
  }

  /// Releases the lock now (else it is released when the value goes away).
  public consuming func release() {}

  /// Removes the lock file, then releases the lock: in that order, so that whoever takes the lock next on the
  /// removed file sees that it was removed.
  deinit {
    unlink(path)
    close(descriptor)
  }
}
