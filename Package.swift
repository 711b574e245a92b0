// swift-tools-version: 6.0
import PackageDescription

/// The engine and the renderers are optimised in debug builds too: the tests simulate tens of millions of bytecode
/// events and draw thousands of timelines, about ten times slower unoptimised.
let optimisedInTests: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
  name: "giltutor",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "giltutor", targets: ["giltutor"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
  ],
  targets: [
    // The scheduler engine: scenario language, CPython scheduling models, trace. The standard library, and
    // swift-numerics's elementary functions for Python's `math` (the platform's libm, as CPython's).
    .target(
      name: "SchedulerEngine", dependencies: [.product(name: "RealModule", package: "swift-numerics")],
      swiftSettings: optimisedInTests),
    // The Python front end: a learner's program read as CPython reads it (tokens, grammar, syntax errors).
    .target(name: "PythonFrontEnd", dependencies: ["SchedulerEngine"], swiftSettings: optimisedInTests),
    // The text layer under every output: display width (Unicode tables, not the locale), glyphs, numbers, words.
    .target(name: "DisplayText", dependencies: ["SchedulerEngine"], swiftSettings: optimisedInTests),
    // Trace output: text timeline, JSON statistics, Chrome Trace Event JSON.
    .target(name: "TraceIO", dependencies: ["SchedulerEngine", "DisplayText"], swiftSettings: optimisedInTests),
    // ncursesw for Swift 6 (a shim header), and the C signal / crash guard with setlocale for ncurses.
    .systemLibrary(name: "CNcursesw"),
    .target(name: "CTerminalGuard"),
    // Cell grid, styles, layout and the widgets: pure functions of a trace into cells.
    .target(name: "TerminalUI", dependencies: ["SchedulerEngine", "DisplayText"], swiftSettings: optimisedInTests),
    // Lesson files: the Markdown subset, pages, directives, diagnostics.
    .target(name: "LessonKit", dependencies: ["SchedulerEngine", "PythonFrontEnd"]),
    // The only module that touches ncurses.
    .target(name: "Terminal", dependencies: ["CNcursesw", "CTerminalGuard", "TerminalUI"]),
    // The app core: state, update(state, event), view(state) -> grid; strings in two languages; progress.
    .target(
      name: "TutorApp", dependencies: ["SchedulerEngine", "DisplayText", "TraceIO", "TerminalUI", "LessonKit"]),
    .executableTarget(
      name: "giltutor",
      dependencies: [
        "SchedulerEngine", "DisplayText", "TraceIO", "TerminalUI", "LessonKit", "Terminal", "TutorApp",
        "PythonFrontEnd", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // `make bench`: engine and rendering throughput, printed as `NAME: VALUE UNIT` lines.
    .executableTarget(
      name: "giltutor-bench",
      dependencies: ["SchedulerEngine", "PythonFrontEnd", "TraceIO", "TutorApp", "LessonKit", "TerminalUI"]),
    .testTarget(name: "SchedulerEngineTests", dependencies: ["SchedulerEngine"]),
    .testTarget(name: "PythonFrontEndTests", dependencies: ["PythonFrontEnd", "SchedulerEngine"]),
    .testTarget(name: "DisplayTextTests", dependencies: ["DisplayText", "SchedulerEngine"]),
    .testTarget(name: "TraceIOTests", dependencies: ["TraceIO", "DisplayText", "SchedulerEngine"]),
    .testTarget(
      name: "TutorAppTests",
      dependencies: ["TutorApp", "TerminalUI", "LessonKit", "SchedulerEngine", "DisplayText", "TraceIO"]),
    // Runs the built `giltutor` binary as a user would.
    .testTarget(name: "GiltutorCLITests", dependencies: ["giltutor", "DisplayText", "TraceIO"]),
  ],
  swiftLanguageModes: [.v6]
)
