import ArgumentParser
import Foundation
import SchedulerEngine
import TraceIO

extension Replay {
  /// A giltutor trace file or a Chrome trace, told apart by the first bytes; notes on what a Chrome trace could not
  /// map go to standard error. Exit 2 with `FILE: error: ...` and the position when the file is bad.
  static func load(_ file: String, maxJSONBytes: Int = defaultMaxJSONMegabytes << 20) throws -> Trace {
    // A JSON file too large to read is refused by its size, before a byte of it is read.
    if let size = try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int, size > maxJSONBytes,
      let handle = FileHandle(forReadingAtPath: file),
      !TraceFile.looksLikeTraceFile([UInt8](handle.readData(ofLength: 8)))
    {
      Stderr.print(
        "\(file): error: the file has \(size >> 20) MB; giltutor reads Chrome trace JSON of at most "
          + "\(maxJSONBytes >> 20) MB (raise it with --max-json-megabytes N; it takes about ten times its size in memory)"
      )
      throw ExitCode(2)
    }
    let bytes: [UInt8]
    do {
      bytes = try TextFile.loadBytes(file)
    } catch {
      Stderr.print("\(file): error: cannot read it: \(error.reason)")
      throw ExitCode(2)
    }
    if TraceFile.looksLikeTraceFile(bytes) {
      do {
        return try TraceFile.read(bytes)
      } catch {
        Stderr.print("\(file): error: \(error.description)")
        throw ExitCode(2)
      }
    }
    let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
    guard let first = text.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }), first == 0x7B || first == 0x5B
    else {
      Stderr.print("\(file): error: byte 0: neither a giltutor trace file nor Chrome trace JSON")
      throw ExitCode(2)
    }
    do {
      let result = try ChromeImport.read(bytes)
      for note in result.notes { Stderr.print("\(file): note: \(note)") }
      return result.trace
    } catch {
      Stderr.print("\(file):\(error.description)")
      throw ExitCode(2)
    }
  }
}
