import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Whether `name` is an executable on PATH.
func onPath(_ name: String) -> Bool {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  return path.split(separator: ":").contains {
    FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
  }
}

/// `giltutor record` with a real Python.
@Suite("record, end to end", .serialized, .enabled(if: onPath("python3"), "needs python3"))
struct RecordEndToEndTests {
  @Test func threadsWhoseIdsAreReusedAreRowsOfTheirOwn() throws {
    let directory = try TemporaryDirectory()
    let script = try directory.write(
      """
      import threading
      def work():
          sum(range(100))
      for _ in range(200):
          thread = threading.Thread(target=work)
          thread.start()
          thread.join()

      """, to: "short.py")
    let output = directory.url.appendingPathComponent("short.gtrace").path
    let result = try GiltutorProcess.run(["record", "--output", output, "--", "python3", script.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("giltutor: recorded 201 threads"), "\(result.stderr)")
  }

  @Test func osExitPassesItsStatusThroughWithTheTrace() throws {
    let directory = try TemporaryDirectory()
    let script = try directory.write("import os, time\ntime.sleep(0.001)\nos._exit(3)\n", to: "quits.py")
    let output = directory.url.appendingPathComponent("quits.gtrace").path
    let result = try GiltutorProcess.run(["record", "--output", output, "--", "python3", script.path])
    #expect(result.status == 3, "\(result.stderr)")
    #expect(result.stderr.contains("giltutor: recorded 1 threads"), "\(result.stderr)")
    #expect(result.stderr.contains("giltutor: the program exited with status 3"))
    #expect(try GiltutorProcess.run(["replay", output, "--plain"]).status == 0)
  }
}
