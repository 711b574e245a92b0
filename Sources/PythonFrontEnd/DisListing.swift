import SchedulerEngine

/// A compiled module as `dis.dis` prints it (Lib/dis.py: `Formatter.print_instruction_line`): the line where
/// each line starts, the argument's meaning in brackets, then each nested code object. 3.12 marks jump and
/// exception targets `>>` beside byte offsets; 3.13 names them `L1:`, `L2:` … instead of showing offsets, and
/// marks where a stretch without a line starts `--`. Two things differ from CPython's output: code objects are
/// named without their memory address, and the exception table is not printed.
public enum DisListing {
  public static func text(_ code: CodeObject, file: String) -> String {
    var lines: [String] = []
    render(code, file: file, into: &lines)
    return lines.joined(separator: "\n") + "\n"
  }

  static func codeName(_ code: CodeObject, file: String) -> String {
    "<code object \(code.name), file \"\(file)\", line \(code.firstLine)>"
  }

  /// The exception table as `dis._parse_exception_table` reads it: consecutive instructions that go to one
  /// handler make one entry, from the first one's offset to the offset after the last one.
  public static func exceptionEntries(_ code: CodeObject) -> [(start: Int, end: Int, target: ExceptionTarget)] {
    var entries: [(start: Int, end: Int, target: ExceptionTarget)] = []
    var open = false
    for (k, instruction) in code.instructions.enumerated() {
      let end = k + 1 < code.instructions.count ? code.instructions[k + 1].offset : instruction.offset + 2
      guard let target = instruction.exceptionTarget else {
        open = false
        continue
      }
      if open, let last = entries.last, last.target == target, last.end == instruction.offset {
        entries[entries.count - 1].end = end
      } else {
        entries.append((instruction.offset, end, target))
      }
      open = true
    }
    return entries
  }

  private static func render(_ code: CodeObject, file: String, into lines: inout [String]) {
    if code.release >= .python313 {
      render313(code, file: file, into: &lines)
    } else {
      render312(code, file: file, into: &lines)
    }
    for index in code.children.keys.sorted() {
      let child = code.children[index]!
      lines.append("")
      lines.append("Disassembly of \(codeName(child, file: file)):")
      render(child, file: file, into: &lines)
    }
  }

  private static func render312(_ code: CodeObject, file: String, into lines: inout [String]) {
    let maxLine = code.instructions.compactMap(\.line).max() ?? 0
    let showLines = code.instructions.contains { $0.line != nil }
    let lineWidth = showLines ? (maxLine >= 1000 ? String(maxLine).count : 3) : 0
    let maxOffset = code.instructions.last?.offset ?? 0
    let offsetWidth = maxOffset >= 10000 ? String(maxOffset).count : 4
    for instruction in code.instructions {
      if showLines, instruction.line != nil, instruction.offset > 0 { lines.append("") }
      var fields: [String] = []
      if lineWidth > 0 { fields.append(padLeft(instruction.line.map(String.init) ?? "", lineWidth)) }
      fields.append("   ")
      fields.append(instruction.isJumpTarget ? ">>" : "  ")
      fields.append(padLeft(String(instruction.offset), offsetWidth))
      fields += operation(instruction, code, file: file, argumentWidth: 5) { "to \(code.instructions[$0].offset)" }
      lines.append(trimmingTrailingSpaces(fields.joined(separator: " ")))
    }
  }

  private static func render313(_ code: CodeObject, file: String, into lines: inout [String]) {
    // Labels: jump targets and the exception table's starts, ends and handlers, numbered in offset order.
    var labelled = Set(code.instructions.compactMap(\.target).map { code.instructions[$0].offset })
    for entry in exceptionEntries(code) {
      labelled.formUnion([entry.start, entry.end, code.instructions[entry.target.instruction].offset])
    }
    var label: [Int: Int] = [:]
    for (n, offset) in labelled.sorted().enumerated() { label[offset] = n + 1 }
    let labelWidth = 4 + String(label.count).count
    let maxLine = code.instructions.compactMap(\.line).max() ?? 0
    let showLines = code.instructions.contains { $0.line != nil }
    let hasLineless = code.instructions.contains(where: \.startsWithoutLine)
    let lineWidth = showLines ? max(maxLine >= 1000 ? String(maxLine).count : 3, hasLineless ? 4 : 0) : 0
    for instruction in code.instructions {
      let startsLine = instruction.line != nil || instruction.startsWithoutLine
      if lineWidth > 0, startsLine, instruction.offset > 0 { lines.append("") }
      var fields: [String] = []
      if lineWidth > 0 {
        fields.append(padLeft(startsLine ? instruction.line.map(String.init) ?? "  --" : "", lineWidth))
      }
      fields.append(padLeft(label[instruction.offset].map { "L\($0):" } ?? "", labelWidth))
      fields.append("   ")
      // A name longer than its column takes room from the argument's.
      let width = 5 - max(0, instruction.opname.count - 20)
      fields += operation(instruction, code, file: file, argumentWidth: width) {
        "to L\(label[code.instructions[$0].offset]!)"
      }
      lines.append(trimmingTrailingSpaces(fields.joined(separator: " ")))
    }
  }

  /// The name, the argument and what it means: a jump's target as `jump` names it, a code object by its name.
  private static func operation(
    _ instruction: CodeInstruction, _ code: CodeObject, file: String, argumentWidth: Int, jump: (Int) -> String
  ) -> [String] {
    var fields = [instruction.opname + String(repeating: " ", count: max(0, 20 - instruction.opname.count))]
    guard let arg = instruction.arg else { return fields }
    fields.append(padLeft(String(arg), argumentWidth))
    var shown = instruction.argrepr
    if let target = instruction.target { shown = jump(target) }
    if instruction.opname == "LOAD_CONST" || instruction.opname == "RETURN_CONST", let child = code.children[arg] {
      shown = codeName(child, file: file)
    }
    if !shown.isEmpty { fields.append("(" + shown + ")") }
    return fields
  }

  private static func padLeft(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }

  private static func trimmingTrailingSpaces(_ text: String) -> String {
    var text = text
    while text.last == " " { text.removeLast() }
    return text
  }
}
