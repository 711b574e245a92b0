import DisplayText
import Testing

@Suite struct TextLayoutTests {
  func words(_ text: String) -> (words: [TextLayout.Word], texts: [String]) {
    // `+` joins two words without a space: `a+b` is `a` and `b` stuck together.
    var words: [TextLayout.Word] = []
    var texts: [String] = []
    for spaced in text.split(separator: " ") {
      for (index, part) in spaced.split(separator: "+").enumerated() {
        words.append(TextLayout.Word(width: TextWidth.of(String(part)), spaced: index == 0))
        texts.append(String(part))
      }
    }
    return (words, texts)
  }

  func wrapped(_ text: String, width: Int) -> [String] {
    let (words, texts) = words(text)
    return TextLayout.lines(words, width: width).map { line in
      line.map { (($0 > line.lowerBound && words[$0].spaced) ? " " : "") + texts[$0] }.joined()
    }
  }

  @Test func greedyByDisplayWidth() {
    #expect(wrapped("the GIL moves at check points", width: 12) == ["the GIL", "moves at", "check points"])
    #expect(wrapped("поток ждёт GIL", width: 10) == ["поток ждёт", "GIL"])
    #expect(wrapped("漢字 漢字 漢字", width: 9) == ["漢字 漢字", "漢字"])
  }

  @Test func wordsWithoutSpacesStayTogether() {
    #expect(wrapped("call time.sleep+(+1+)", width: 14) == ["call", "time.sleep(1)"])
    // Too wide for any line: broken between its words.
    #expect(wrapped("x aaaa+bbbb+cccc", width: 9) == ["x aaaa", "bbbbcccc"])
  }

  @Test func aWordWiderThanTheLineHasALineOfItsOwn() {
    #expect(wrapped("a verylongword b", width: 5) == ["a", "verylongword", "b"])
    #expect(TextLayout.lines([], width: 10) == [0..<0])
  }

  @Test func itemsWithSeparatorsAndAPrefix() {
    let items = ["█ running", "░ waiting", "≈ I/O", "z sleeping"]
    #expect(
      TextLayout.wrap(items, prefix: "Legend: ", width: 30) == [
        "Legend: █ running  ░ waiting", "        ≈ I/O  z sleeping",
      ])
    #expect(TextLayout.wrap([], prefix: "Total: ", width: 30) == ["Total: "])
    #expect(TextLayout.wrap(["a", "b", "c"], separator: " · ", width: 5) == ["a · b", "c"])
  }
}
