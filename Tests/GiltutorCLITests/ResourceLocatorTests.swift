import Foundation
import Testing

@testable import giltutor

@Suite struct ResourceLocatorTests {
  @Test func giltutorHomeComesFirst() throws {
    let home = try TemporaryDirectory()
    let locator = ResourceLocator(environment: ["GILTUTOR_HOME": home.url.path], executablePath: "/nowhere/bin/x")
    #expect(locator.dataDirectory()?.path == home.url.standardizedFileURL.path)
  }

  @Test func installedLayout() throws {
    let prefix = try TemporaryDirectory()
    try prefix.write("", to: "share/giltutor/Lessons/scenarios/convoy.scenario")
    try prefix.write("", to: "bin/giltutor")
    let locator = ResourceLocator(environment: [:], executablePath: prefix.url.path + "/bin/giltutor")
    let data = try #require(locator.dataDirectory())
    #expect(data.path == prefix.url.appendingPathComponent("share/giltutor").standardizedFileURL.path)
  }

  @Test func sourceTree() throws {
    let tree = try TemporaryDirectory()
    try tree.write("// swift-tools-version: 6.0\n", to: "Package.swift")
    try tree.write("", to: "Lessons/scenarios/convoy.scenario")
    try tree.write("", to: ".build/x86_64-unknown-linux-gnu/debug/giltutor")
    // A Lessons folder without Package.swift on the way up is not the source tree.
    try tree.write("", to: ".build/Lessons/stray")
    let locator = ResourceLocator(
      environment: [:], executablePath: tree.url.path + "/.build/x86_64-unknown-linux-gnu/debug/giltutor")
    #expect(locator.dataDirectory()?.path == tree.url.standardizedFileURL.path)
  }

  @Test func nothingFound() throws {
    let empty = try TemporaryDirectory()
    let locator = ResourceLocator(environment: [:], executablePath: empty.url.path + "/bin/giltutor")
    #expect(locator.dataDirectory() == nil)
    #expect(ResourceLocator(environment: [:], executablePath: nil).dataDirectory() == nil)
    #expect(locator.scenarioPath(for: "convoy") == "convoy")
  }

  @Test func bareNamesResolveInLessons() throws {
    let home = try TemporaryDirectory()
    let file = try home.write("", to: "Lessons/scenarios/race.scenario")
    let locator = ResourceLocator(environment: ["GILTUTOR_HOME": home.url.path], executablePath: nil)
    #expect(locator.scenarioPath(for: "race") == file.standardizedFileURL.path)
    #expect(locator.scenarioPath(for: "race.scenario") == file.standardizedFileURL.path)
    // Paths with a slash and names of files that exist here are taken as they are.
    #expect(locator.scenarioPath(for: "./race") == "./race")
    #expect(locator.scenarioPath(for: "missing") == "missing")
    let here = FileManager.default.currentDirectoryPath
    #expect(FileManager.default.fileExists(atPath: here + "/Package.swift"))
    #expect(locator.scenarioPath(for: "Package.swift") == "Package.swift")
  }

  @Test func theRealBinaryFindsTheSourceTree() {
    let locator = ResourceLocator(environment: [:], executablePath: GiltutorProcess.binary.path)
    #expect(locator.dataDirectory()?.path == GiltutorProcess.packageRoot.standardizedFileURL.path)
  }
}
