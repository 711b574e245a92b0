import SchedulerEngine

/// A compiled module as `dis.dis` prints it (Lib/dis.py: `_disassemble_bytes`, `Instruction._disassemble`): the
/// line where each line starts, `>>` at jump and exception targets, byte offsets, names padded to 20 columns,
/// arguments to 5, the argument's meaning in brackets, then each nested code object. Two things differ from
/// CPython's output: code objects are named without their memory address, and the exception table is not
/// printed.
public enum DisListing {
  public static func text(_ code: CodeObject, file: String) -> String {
    var lines: [String] = []
    render(code, file: file, into: &lines)
    return lines.joined(separator: "\n") + "\n"
  }

  static func codeName(_ code: CodeObject, file: String) -> String {
    "<code object \(code.name), file \"\(file)\", line \(code.firstLine)>"
  }

  private static func render(_ code: CodeObject, file: String, into lines: inout [String]) {
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
      fields.append(instruction.opname + String(repeating: " ", count: max(0, 20 - instruction.opname.count)))
      if let arg = instruction.arg {
        fields.append(padLeft(String(arg), 5))
        var shown = instruction.argrepr
        if let target = instruction.target { shown = "to \(code.instructions[target].offset)" }
        if instruction.opname == "LOAD_CONST" || instruction.opname == "RETURN_CONST",
          let child = code.children[arg]
        {
          shown = codeName(child, file: file)
        }
        if !shown.isEmpty { fields.append("(" + shown + ")") }
      }
      lines.append(trimmingTrailingSpaces(fields.joined(separator: " ")))
    }
    for index in code.children.keys.sorted() {
      let child = code.children[index]!
      lines.append("")
      lines.append("Disassembly of \(codeName(child, file: file)):")
      render(child, file: file, into: &lines)
    }
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
