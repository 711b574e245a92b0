import Foundation
import Testing

@testable import SchedulerEngine
@testable import TraceIO

@Suite struct JSONReportTests {
  func parsed(_ trace: Trace = Fixtures.convoy) throws -> [String: Any] {
    let text = JSONReport.render(trace, scenarioName: "convoy.scenario")
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(object as? [String: Any])
  }

  @Test func topLevelFields() throws {
    let report = try parsed()
    #expect(report["scenario"] as? String == "convoy.scenario")
    #expect(report["title"] as? String == "convoy")
    #expect(report["interpreter"] as? String == "cpython-3.11")
    #expect(report["switch_interval_ms"] as? Double == 5)
    #expect(report["check_interval"] as? Int == 100)
    #expect(report["cores"] as? Int == 2)
    #expect(report["seed"] as? Int == 7)
    #expect(report["wall_time_ms"] as? Double == 6.5)
    #expect(report["gil_switches"] as? Int == 3)
    #expect(report["events"] as? Int == 7)
    let shared = try #require(report["shared"] as? [String: Any])
    #expect(shared["counter"] as? Int == 123_456)
    #expect(shared["hits"] as? Int == -3)
  }

  @Test func threads() throws {
    let threads = try #require(try parsed()["threads"] as? [[String: Any]])
    #expect(threads.count == 4)
    #expect(threads.map { $0["name"] as? String } == ["cpu", "io", "sleepy-worker-thread", "loop"])
    #expect(threads.map { $0["process"] as? String } == ["main", "main", "main", "worker"])
    #expect(threads[0]["cpu_ms"] as? Double == 6.45)
    #expect(threads[1]["gil_wait_ms"] as? Double == 5.48)
    #expect(threads[1]["io_ms"] as? Double == 1)
    #expect(threads[1]["finished_at_ms"] is NSNull)
    #expect(threads[2]["finished_at_ms"] as? Double == 4)
    #expect(threads[3]["event_loop"] as? Bool == true)
  }

  @Test func tasks() throws {
    let tasks = try #require(try parsed()["tasks"] as? [[String: Any]])
    #expect(tasks.count == 2)
    #expect(tasks[0]["name"] as? String == "tick")
    #expect(tasks[0]["loop"] as? String == "loop")
    #expect(tasks[0]["finished_at_ms"] as? Double == 6)
    #expect(tasks[0]["max_lateness_ms"] as? Double == 1.5)
    #expect(tasks[1]["finished_at_ms"] is NSNull)
  }

  @Test func exactNanosecondsAndStableOrder() throws {
    var trace = Fixtures.convoy
    trace.statistics.threads[0].cpu = 1_234_567_891
    trace.scenario.switchInterval = 1
    let text = JSONReport.render(trace, scenarioName: "x")
    #expect(text.contains("\"cpu_ms\": 1234.567891,"))
    #expect(text.contains("\"switch_interval_ms\": 0.000001,"))
    // Declaration order for shared variables, not sorted.
    var reversed = trace
    reversed.sharedFinal = [("zeta", 1), ("alpha", 2)]
    #expect(JSONReport.render(reversed, scenarioName: "x").contains("\"zeta\": 1,\n    \"alpha\": 2\n"))
    #expect(JSONReport.render(trace, scenarioName: "x") == text)
  }

  @Test func escapesNames() throws {
    var trace = Fixtures.convoy
    trace.threads[0].name = "a \"quoted\"\\name\tпоток"
    let threads = try #require(try parsed(trace)["threads"] as? [[String: Any]])
    #expect(threads[0]["name"] as? String == "a \"quoted\"\\name\tпоток")
  }

  @Test func emptyTrace() throws {
    let report = try parsed(Simulator.run(Scenario()))
    #expect((report["threads"] as? [Any])?.isEmpty == true)
    #expect(report["wall_time_ms"] as? Double == 0)
  }
}

@Suite struct ChromeTraceTests {
  func events(_ trace: Trace = Fixtures.convoy) throws -> [[String: Any]] {
    let text = ChromeTrace.render(trace)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["displayTimeUnit"] as? String == "ms")
    return try #require(object["traceEvents"] as? [[String: Any]])
  }

  @Test func eventCounts() throws {
    let all = try events()
    // Metadata: 2 process names, per process a GIL track name and sort index, per thread a name and sort index.
    let metadata = all.filter { $0["ph"] as? String == "M" }
    #expect(metadata.count == 14)
    // State spans (not started / finished left out): 3 + 4 + 3 + 3; GIL holdings: 3 + 1.
    #expect(all.filter { $0["cat"] as? String == "state" }.count == 13)
    #expect(all.filter { $0["cat"] as? String == "gil" && $0["ph"] as? String == "X" }.count == 4)
    let instants = all.filter { $0["ph"] as? String == "i" }
    #expect(instants.count == 2)
    #expect(instants.allSatisfy { $0["s"] as? String == "t" })
    #expect(Set(instants.compactMap { $0["name"] as? String }) == ["GIL drop request", "waits for lock counter_lock"])
  }

  @Test func namesAndIds() throws {
    let all = try events()
    let threadNames = all.filter { $0["name"] as? String == "thread_name" }
    let byTid = Dictionary(
      uniqueKeysWithValues: threadNames.map { ($0["tid"] as! Int, ($0["args"] as! [String: Any])["name"] as! String) })
    #expect(byTid == [1: "cpu", 2: "io", 3: "sleepy-worker-thread", 4: "loop", 5: "GIL", 6: "GIL"])
    let processNames = all.filter { $0["name"] as? String == "process_name" }
    #expect(processNames.map { ($0["args"] as? [String: Any])?["name"] as? String } == ["main", "worker"])
    #expect(processNames.map { $0["pid"] as? Int } == [1, 2])
    let loopStates = all.filter { $0["cat"] as? String == "state" && $0["tid"] as? Int == 4 }
    #expect(loopStates.allSatisfy { $0["pid"] as? Int == 2 })
  }

  @Test func completeEventsHaveNumericMicroseconds() throws {
    let all = try events()
    let complete = all.filter { $0["ph"] as? String == "X" }
    for event in complete {
      #expect(event["ts"] is NSNumber && !(event["ts"] is String))
      #expect((event["dur"] as? Double ?? -1) > 0)
    }
    let ioTurn = complete.first { $0["name"] as? String == "running" && $0["tid"] as? Int == 2 }
    #expect(ioTurn?["ts"] as? Double == 5000)
    #expect(ioTurn?["dur"] as? Double == 20)
    let holders = complete.filter { $0["cat"] as? String == "gil" }.compactMap { $0["name"] as? String }
    #expect(holders == ["cpu", "io", "cpu", "loop"])
    #expect(ChromeTrace.render(Fixtures.convoy).contains("\"ts\":5050.000,\"dur\":1450.000"))
  }

  @Test func freeThreadedHasNoGILTrack() throws {
    var trace = Fixtures.convoy
    trace.scenario.interpreter = .cpython313t
    let all = try events(trace)
    #expect(!all.contains { ($0["args"] as? [String: Any])?["name"] as? String == "GIL" })
    #expect(!all.contains { $0["cat"] as? String == "gil" && $0["ph"] as? String == "X" })
  }

  @Test func emptyTraceIsValid() throws {
    let all = try events(Simulator.run(Scenario()))
    // Only metadata: the main process's name and its (empty) GIL track.
    #expect(!all.isEmpty && all.allSatisfy { $0["ph"] as? String == "M" })
  }
}
