import Foundation
import Testing

/// `giltutor lint` as an author runs it.
@Suite struct LintCommandTests {
  /// The real course is linted by `make test` before the tests and, in process, by TutorAppTests.
  @Test func aCleanCourse() throws {
    let result = try GiltutorProcess.run(["lint", GiltutorProcess.fixtureHome.appendingPathComponent("Lessons").path])
    #expect(result.status == 0)
    #expect(result.stdout == "giltutor lint: 0 errors, 0 warnings\n")
  }

  @Test func findingsAndExitStatusOne() throws {
    let directory = try TemporaryDirectory()
    try directory.write("# One\n\nText.\n\n::: timelin scenario=x\n", to: "en/01-a.md")
    let result = try GiltutorProcess.run(["lint", directory.url.path])
    #expect(result.status == 1)
    #expect(
      result.stdout == """
        \(directory.url.path)/en/01-a.md:5:5: error: unknown widget 'timelin' (known: key, stick, timeline, dis, code)
        giltutor lint: 1 error, 0 warnings

        """)
  }

  /// A `::: code` mistake is an error like any directive's: at its column, exit status 1.
  @Test func aShownProgramsLinesPastItsEnd() throws {
    let directory = try TemporaryDirectory()
    try directory.write("print('hi')\n", to: "scenarios/p.py")
    try directory.write("# One\n\n::: code p.py lines=1-2\n", to: "en/01-a.md")
    let result = try GiltutorProcess.run(["lint", directory.url.path])
    #expect(result.status == 1)
    #expect(
      result.stdout == """
        \(directory.url.path)/en/01-a.md:3:21: error: lines=1-2 goes past the end: the program has 1 line
        giltutor lint: 1 error, 0 warnings

        """)
  }

  @Test func aFolderThatIsNotThere() throws {
    let result = try GiltutorProcess.run(["lint", "no-such-folder"])
    #expect(result.status == 2)
    #expect(result.stderr == "giltutor: no-such-folder: no such folder\n")
  }
}
