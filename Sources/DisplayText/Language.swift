/// The interface's languages.
public enum Language: String, Sendable, CaseIterable {
  case en, ru

  /// Russian when the locale (LC_ALL, then LC_MESSAGES, then LANG) is Russian, otherwise English.
  public static func fromEnvironment(_ environment: [String: String]) -> Language {
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      if let value = environment[name], !value.isEmpty { return value.hasPrefix("ru") ? .ru : .en }
    }
    return .en
  }
}
