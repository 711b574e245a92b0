import Testing

@testable import TerminalUI
@testable import TutorApp

@Suite("Page text wrapping")
struct PageViewTests {
  func lines(_ runs: [StyledText], width: Int) -> [String] {
    return PageView.wrap(runs, width: width).map { $0.map(\.text).joined() }
  }

  /// Inline code moves to the next line whole rather than breaking at its own spaces.
  @Test func inlineCodeStaysWhole() {
    #expect(lines([StyledText("x "), StyledText("counter += 1", Style(.code))], width: 12) == ["x", "counter += 1"])
    let spaced = [StyledText("even "), StyledText("counter += 1", Style(.code)), StyledText(" is four steps")]
    #expect(lines(spaced, width: 14) == ["even", "counter += 1", "is four steps"])
    // Punctuation written against inline code moves with it: lines break only at spaces.
    let call = [StyledText("goes to sleep ("), StyledText("time.sleep", Style(.code)), StyledText("), then")]
    #expect(lines(call, width: 18) == ["goes to sleep", "(time.sleep), then"])
    // Plain text still breaks at every space, and code wider than the line breaks too.
    #expect(lines([StyledText("counter += 1")], width: 10) == ["counter +=", "1"])
    #expect(lines([StyledText("a b c d e f", Style(.code))], width: 5) == ["a b c", "d e f"])
  }
}
