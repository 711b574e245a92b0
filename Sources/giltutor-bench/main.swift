import Foundation
import SchedulerEngine

// TEMPORARY probe: finds overlapping running spans.
for path in CommandLine.arguments.dropFirst() {
  var s = try! ScenarioParser.parse(String(contentsOfFile: path, encoding: .utf8), file: path)
  if let v = ProcessInfo.processInfo.environment["INTERP"] { s.interpreter = InterpreterKind(rawValue: v)! }
  if let v = ProcessInfo.processInfo.environment["CORES"] { s.cores = Int(v)! }
  let t = Simulator.run(s)
  var spans: [(Int64, Int64, Int)] = []
  for (i, info) in t.threads.enumerated() where info.process == 0 {
    for sp in t.spans[i] where sp.state == .running || sp.state == .builtin { spans.append((sp.start, sp.end, i)) }
  }
  spans.sort { $0.0 < $1.0 }
  for (a, b) in zip(spans, spans.dropFirst()) where a.1 > b.0 {
    print("overlap: \(t.threads[a.2].name) \(a.0)-\(a.1) vs \(t.threads[b.2].name) \(b.0)-\(b.1)")
    for e in t.events
    where e.time >= b.0 - 2000 && e.time <= a.1 + 100 && (Int(e.thread) == a.2 || Int(e.thread) == b.2)
      && e.kind != .bytecode
    {
      print("   \(e.time) \(t.threads[Int(e.thread)].name) \(e.kind) d=\(e.detail) v=\(e.value)")
    }
    break
  }
}
