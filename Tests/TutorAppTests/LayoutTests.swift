import DisplayText
import Testing

@testable import TerminalUI

@Suite("Cell grid and text width")
struct LayoutTests {
  @Test func widthsComeFromWcwidth() {
    #expect(TextWidth.of("abc") == 3)
    #expect(TextWidth.of("Жизнь") == 5)
    #expect(TextWidth.of("漢字") == 4)
    #expect(TextWidth.of("🔑") == 2)
    #expect(TextWidth.of("e\u{301}") == 1)
  }

  @Test func wideCharactersTakeTwoCellsAndColumnsAlign() {
    var grid = CellGrid(width: 12, height: 4)
    grid.put("ab|", x: 0, y: 0)
    grid.put("жы|", x: 0, y: 1)
    grid.put("漢|", x: 0, y: 2)
    grid.put("🔑|", x: 0, y: 3)
    #expect(grid.rows == ["ab|", "жы|", "漢|", "🔑|"])
    #expect(grid[2, 0].character == "|" && grid[2, 1].character == "|" && grid[2, 2].character == "|")
    #expect(grid[1, 2].isContinuation)
  }

  @Test func aWideCharacterThatDoesNotFitBecomesASpace() {
    var grid = CellGrid(width: 3, height: 1)
    let end = grid.put("a漢字", x: 0, y: 0)
    #expect(end == 3)
    #expect(grid.rows == ["a漢"])
    var narrow = CellGrid(width: 2, height: 1)
    narrow.put("a漢", x: 0, y: 0)
    #expect(narrow.rows == ["a"])
  }

  @Test func overwritingHalfAWideCharacterRepairsIt() {
    var grid = CellGrid(width: 4, height: 1)
    grid.put("漢x", x: 0, y: 0)
    grid.put("y", x: 1, y: 0)
    #expect(grid.rows == [" yx"])
  }

  @Test func changesListOnlyTheCellsThatDiffer() {
    var a = CellGrid(width: 200, height: 60)
    a.put("hello", x: 0, y: 0)
    var b = a
    b.put("J", x: 0, y: 0)
    b.put("x", x: 10, y: 59, style: Style(.running))
    #expect(b.changes(since: a) == [0, 59 * 200 + 10])
    #expect(b.changes(since: nil).count == 200 * 60)
    #expect(b.changes(since: CellGrid(width: 10, height: 10)).count == 200 * 60)
  }

  @Test func russianLayoutKeysMapToLatinPositions() {
    #expect(Key.character("й").latinPosition == .character("q"))
    #expect(Key.character("р").latinPosition == .character("h"))
    #expect(Key.character("д").latinPosition == .character("l"))
    #expect(Key.character("Т").latinPosition == .character("n"))
    #expect(Key.character("х").latinPosition == .character("["))
    #expect(Key.character("ъ").latinPosition == .character("]"))
    #expect(Key.character("ю").latinPosition == .character("."))
    #expect(Key.left.latinPosition == .left)
  }

  @Test func languageFollowsTheLocale() {
    #expect(Language.fromEnvironment(["LANG": "ru_RU.UTF-8"]) == .ru)
    #expect(Language.fromEnvironment(["LANG": "ru_RU.UTF-8", "LC_ALL": "C.UTF-8"]) == .en)
    #expect(Language.fromEnvironment(["LC_ALL": "ru_UA.UTF-8"]) == .ru)
    #expect(Language.fromEnvironment([:]) == .en)
  }

  @Test func durationsInBothLanguages() {
    #expect(Strings.en.duration(5_000_000) == "5 ms")
    #expect(Strings.ru.duration(2_720_000) == "2,72 мс")
    #expect(Strings.en.duration(150_000) == "150 µs")
    #expect(Strings.ru.duration(1_500_000_000) == "1,5 с")
  }
}
