import Testing

@testable import TutorApp

@Suite("Benchmark helpers run")
struct BenchmarkTests {
  @Test func firstFrameAndFrameCost() throws {
    _ = utf8Locale
    let first = try Benchmarks.timeToFirstFrame(lessonsDirectory: lessonsDirectory)
    let frame = try Benchmarks.frameBuildAndDiff(lessonsDirectory: lessonsDirectory, frames: 20)
    print(
      "time to first frame: \(first); 200x60 frame build+diff: \(frame.perFrame), \(frame.changedCells) cells changed")
    #expect(first < .seconds(5))
    #expect(frame.perFrame < .seconds(1))
    #expect(frame.changedCells > 0 && frame.changedCells < 200 * 60)
  }
}
