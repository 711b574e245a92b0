/// `giltutor --lang ru lesson 1` reads naturally, but swift-argument-parser only accepts a subcommand's options after
/// the subcommand's name (options before it go to the default subcommand). This moves options that come before a
/// subcommand's name to just after it, so both orders work.
enum ArgumentOrder {
  /// Every subcommand's name, read from the command tree so that a new subcommand is never left out.
  static let subcommands: Set<String> = Set(
    Giltutor.configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"])

  static func normalized(_ arguments: [String]) -> [String] {
    guard let index = arguments.firstIndex(where: { subcommands.contains($0) }), index > 0,
      arguments[..<index].allSatisfy({ $0.hasPrefix("-") || isOptionValue($0, in: arguments) })
    else { return arguments }
    return [arguments[index]] + arguments[..<index] + arguments[(index + 1)...]
  }

  /// A word before the subcommand that is the value of the option before it (`--lang ru`).
  private static func isOptionValue(_ word: String, in arguments: [String]) -> Bool {
    guard let position = arguments.firstIndex(of: word), position > 0 else { return false }
    return ["--lang"].contains(arguments[position - 1])
  }
}
