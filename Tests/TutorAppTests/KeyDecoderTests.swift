import Testing

@testable import TerminalUI

@Suite struct KeyDecoderTests {
  /// Decodes `units` as they would arrive (`.nothing` is a wait that ran out) until they are used up; the events
  /// in order, dropped input leaving nothing.
  func decode(_ units: [KeyDecoder.Unit]) -> [InputEvent] {
    var decoder = KeyDecoder()
    var input = units[...]
    var events: [InputEvent] = []
    while !input.isEmpty {
      let event = decoder.next { _ in input.popFirst() ?? .nothing }
      if let event { events.append(event) }
    }
    // Whatever the decoder put back.
    while let event = decoder.next({ _ in .nothing }) { events.append(event) }
    return events
  }

  func bytes(_ text: String) -> [KeyDecoder.Unit] { text.utf8.map { .byte($0) } }

  @Test func invalidUTF8IsDroppedAndTheNextKeyWorks() {
    #expect(decode([.byte(0xFF)] + bytes("q")) == [.key(.character("q"))])
    // A lead byte without its continuation, a lone continuation byte, an overlong form, a surrogate.
    #expect(decode([.byte(0xC3)] + bytes("l")) == [.key(.character("l"))])
    #expect(decode([.byte(0xC3), .nothing] + bytes("l")) == [.key(.character("l"))])
    #expect(decode([.byte(0x80), .byte(0xC0), .byte(0xAF)] + bytes("h")) == [.key(.character("h"))])
    #expect(decode([.byte(0xED), .byte(0xA0), .byte(0x80)] + bytes("j")) == [.key(.character("j"))])
    #expect(decode([.byte(0xE2), .byte(0x82), .event(.key(.right))]) == [.key(.right)])
  }

  @Test func validUTF8BecomesCharacters() {
    #expect(decode(bytes("йé€😀")) == "йé€😀".map { .key(.character($0)) })
  }

  @Test func controlCodes() {
    #expect(
      decode([.byte(0x13), .byte(0x11), .byte(0x0C), .byte(0x0D), .byte(0x7F), .byte(0x09)]) == [
        .key(.control("s")), .key(.control("q")), .redraw, .key(.enter), .key(.backspace), .key(.tab),
      ])
  }

  @Test func escAloneIsEscapeOnlyWhenNothingFollows() {
    #expect(decode([.byte(0x1B), .nothing]) == [.key(.escape)])
    #expect(decode([.byte(0x1B), .nothing] + bytes("q")) == [.key(.escape), .key(.character("q"))])
    // Alt-x, Esc Esc.
    #expect(decode(bytes("\u{1B}x")) == [.key(.escape), .key(.character("x"))])
    #expect(decode([.byte(0x1B), .byte(0x1B), .nothing]) == [.key(.escape), .key(.escape)])
    #expect(decode([.byte(0x1B), .event(.key(.up))]) == [.key(.escape), .key(.up)])
  }

  @Test func anArrowInPiecesIsTheArrowNotEscapeAndLetters() {
    #expect(decode(bytes("\u{1B}[A")) == [.key(.up)])
    #expect(decode(bytes("\u{1B}OD")) == [.key(.left)])
    #expect(decode(bytes("\u{1B}[1;2C")) == [.key(.shiftRight)])
    #expect(decode(bytes("\u{1B}[5~\u{1B}[6~")) == [.key(.pageUp), .key(.pageDown)])
    #expect(decode(bytes("\u{1B}[21~")) == [.key(.function(10))])
  }

  @Test func unknownSequencesAreDroppedWhole() {
    // Ctrl-↑, a focus report, bracketed paste's start, an SGR and an X10 mouse report (its bytes are any value).
    #expect(decode(bytes("\u{1B}[1;5A\u{1B}[I\u{1B}[200~\u{1B}[<64;10;5M") + bytes("l")) == [.key(.character("l"))])
    #expect(
      decode(bytes("\u{1B}[M") + [.byte(0x60), .byte(0xFF), .byte(0x21)] + bytes("[")) == [
        .key(.character("["))
      ])
    // A sequence cut short: what follows after the wait is a key again.
    #expect(decode(bytes("\u{1B}[1;") + [.nothing] + bytes("]")) == [.key(.character("]"))])
    #expect(decode(bytes("\u{1B}[1") + [.event(.key(.down))]) == [.key(.down)])
    #expect(decode(bytes("\u{1B}[\u{1B}[B")) == [.key(.down)])
  }

  @Test func continuationsWaitShortlyAndTheFirstReadAsTheCallerWants() {
    var decoder = KeyDecoder()
    var waits: [Bool] = []
    var input = bytes("\u{1B}[A")
    let event = decoder.next { continuation in
      waits.append(continuation)
      return input.isEmpty ? .nothing : input.removeFirst()
    }
    #expect(event == .key(.up))
    #expect(waits == [false, true, true])
  }
}
