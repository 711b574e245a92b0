import Foundation
import SchedulerEngine

// TEMPORARY probe: prints statistics of scenario files.
for path in CommandLine.arguments.dropFirst() {
  let s = try! ScenarioParser.parse(String(contentsOfFile: path, encoding: .utf8), file: path)
  let t = Simulator.run(s)
  print(
    "== \(path): wall \(Double(t.statistics.wallTime)/1e6) ms, switches \(t.statistics.gilSwitches), events \(t.events.count)"
  )
  for (i, th) in t.threads.enumerated() {
    let st = t.statistics.threads[i]
    print(
      "  \(th.name): cpu \(Double(st.cpu)/1e6) wait \(Double(st.gilWait)/1e6) io \(Double(st.io)/1e6) fin \(Double(st.finishedAt ?? -1)/1e6)"
    )
  }
  for (n, v) in t.sharedFinal { print("  \(n) = \(v)") }
  if !t.gilSpans.isEmpty && t.gilSpans[0].count > 2 {
    let l = t.gilSpans[0]
    let gaps = zip(l, l.dropFirst()).map { Double($1.start - $0.end) / 1000 }
    print(
      "  gil spans \(l.count), mean gap \(gaps.reduce(0,+)/Double(gaps.count)) us; first spans: \(l.prefix(6).map { "\($0.holder):\(Double($0.start)/1e6)-\(Double($0.end)/1e6)" })"
    )
  }
}
