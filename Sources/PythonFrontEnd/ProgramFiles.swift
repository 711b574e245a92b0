import Foundation
import SchedulerEngine

/// The files a program may open, read when it is compiled: what each string in its code names on the disk
/// (`open("data.txt")`, `PATH = "data.txt"`): a file's text, a directory, or nothing, so that opening it raises
/// what CPython raises. Relative paths are the directory giltutor runs in, as CPython's are the directory it runs
/// in. The engine reads only these, so that a run is a function of its scenario; a path the program builds while
/// it runs is refused there, with a message.
enum ProgramFiles {
  /// Whether the program calls the built-in `open` (a name it loads: CPython's compiler keeps no other trace).
  static func usesOpen(_ code: CodeObject) -> Bool {
    code.names.contains("open") || code.children.values.contains(where: usesOpen)
  }

  static func snapshot(_ code: CodeObject) -> [String: ProgramFile] {
    var files: [String: ProgramFile] = [:]
    func visit(_ code: CodeObject) {
      for constant in code.constants {
        for path in strings(in: constant) where files[path] == nil { files[path] = read(path) }
      }
      for child in code.children.values { visit(child) }
    }
    visit(code)
    return files
  }

  private static func strings(in constant: PythonConstant) -> [String] {
    switch constant {
    case .string(let s): [s]
    case .tuple(let items), .frozenset(let items): items.flatMap(strings)
    default: []
    }
  }

  /// What is at `path` on the disk (a string that cannot be a path names nothing).
  static func read(_ path: String) -> ProgramFile {
    guard !path.isEmpty, path.utf8.count < 4096, !path.contains("\0") else { return .missing }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .missing }
    if isDirectory.boolValue { return .directory }
    let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int ?? 0
    if size > ProgramFile.largest { return .tooLarge(size) }
    guard let data = FileManager.default.contents(atPath: path) else { return .unreadable }
    return .text(String(decoding: data, as: UTF8.self))
  }
}
