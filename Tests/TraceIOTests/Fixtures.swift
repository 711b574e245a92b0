@testable import SchedulerEngine

/// Hand-built traces (the engine is not needed to test the renderers).
enum Fixtures {
  static let us = Time.microsecond

  static func span(_ start: Int64, _ end: Int64, _ state: ThreadState) -> StateSpan {
    StateSpan(start: start * us, end: end * us, state: state)
  }

  static func gil(_ start: Int64, _ end: Int64, _ holder: Int32) -> GILSpan {
    GILSpan(start: start * us, end: end * us, holder: holder)
  }

  static func stats(cpu: Int64, wait: Int64 = 0, io: Int64 = 0, finished: Int64?) -> ThreadStatistics {
    ThreadStatistics(cpu: cpu * us, gilWait: wait * us, io: io * us, finishedAt: finished.map { $0 * us })
  }

  /// Two processes, 6.5 ms. In `main`: `cpu` computes and holds the GIL but for a 20 µs turn of `io` at 5 ms
  /// (a convoy), `sleepy-worker-thread` sleeps, waits for a lock and runs native code. In `worker`: an event loop.
  static let convoy: Trace = {
    let scenario = Scenario(
      title: "convoy", interpreter: .cpython311, switchInterval: 5 * Time.millisecond, cores: 2, seed: 7,
      shared: [SharedVariable(name: "counter", initialValue: 0), SharedVariable(name: "hits", initialValue: 0)],
      locks: [LockDeclaration(name: "counter_lock")],
      processes: [ProcessDeclaration(name: "main"), ProcessDeclaration(name: "worker")])
    let threads = [
      ThreadInfo(name: "cpu", process: 0, isEventLoop: false),
      ThreadInfo(name: "io", process: 0, isEventLoop: false),
      ThreadInfo(name: "sleepy-worker-thread", process: 0, isEventLoop: false),
      ThreadInfo(name: "loop", process: 1, isEventLoop: true),
    ]
    let spans: [[StateSpan]] = [
      [span(0, 5000, .running), span(5000, 5050, .waitingGIL), span(5050, 6500, .running)],
      [span(0, 5000, .waitingGIL), span(5000, 5020, .running), span(5020, 6020, .io), span(6020, 6500, .waitingGIL)],
      [
        span(0, 1000, .notStarted), span(1000, 3000, .sleeping), span(3000, 3500, .waitingLock),
        span(3500, 4000, .native), span(4000, 6500, .finished),
      ],
      [
        span(0, 2000, .selecting), span(2000, 2500, .running), span(2500, 6000, .selecting),
        span(6000, 6500, .finished),
      ],
    ]
    let gilSpans: [[GILSpan]] = [
      [gil(0, 5000, 0), gil(5000, 5020, 1), gil(5050, 6500, 0)],
      [gil(2000, 2500, 3)],
    ]
    let events = [
      TraceEvent(time: 0, thread: 0, kind: .threadStart),
      TraceEvent(time: 0, thread: 0, kind: .gilAcquire),
      TraceEvent(time: 0, thread: 1, kind: .gilRequest),
      TraceEvent(time: 3000 * us, thread: 2, kind: .lockWait, detail: 0),
      TraceEvent(time: 5000 * us, thread: 1, kind: .gilDropRequest, detail: 0),
      TraceEvent(time: 5000 * us, thread: 1, kind: .gilAcquire, detail: 0),
      TraceEvent(time: 5050 * us, thread: 0, kind: .gilAcquire, detail: 1),
    ]
    var statistics = Statistics()
    statistics.wallTime = 6500 * us
    statistics.gilSwitches = 3
    statistics.threads = [
      stats(cpu: 6450, wait: 50, finished: 6500),
      stats(cpu: 20, wait: 5480, io: 1000, finished: nil),
      stats(cpu: 500, finished: 4000),
      stats(cpu: 500, finished: 6000),
    ]
    // When each first ran Python follows from its spans, in every trace.
    for t in statistics.threads.indices { statistics.threads[t].startedAt = ThreadStatistics.firstPython(in: spans[t]) }
    let tasks = [
      TaskInfo(name: "tick", loopThread: 3, finishedAt: 6000 * us, maxLateness: 1500 * us),
      TaskInfo(name: "slow", loopThread: 3, finishedAt: nil, maxLateness: 0),
    ]
    return Trace(
      scenario: scenario, threads: threads, tasks: tasks, events: events, spans: spans, gilSpans: gilSpans,
      instructions: [], sharedFinal: [("counter", 123_456), ("hits", -3)], statistics: statistics)
  }()
}
