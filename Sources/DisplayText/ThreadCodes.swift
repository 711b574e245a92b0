/// The one-character code of each thread, in every timeline's GIL row and beside its row label, so that the text
/// timeline, the lessons' pictures and replay name a thread the same way.
public enum ThreadCodes {
  private static let characters = Array("123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

  /// The code of thread `index` (counted from 0): 1-9, then a-z, then A-Z, then `+` for the rest.
  public static func code(ofThread index: Int) -> Character {
    index >= 0 && index < characters.count ? characters[index] : "+"
  }
}
