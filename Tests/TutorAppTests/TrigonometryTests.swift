import Testing

@testable import TerminalUI

@Suite struct TrigonometryTests {
  @Test func sineAndCosineOfTheSeatsAngles() {
    for step in -16...16 {
      let angle = Double(step) * Double.pi / 8
      let (sine, cosine) = (Trigonometry.sine(angle), Trigonometry.cosine(angle))
      #expect(abs(sine * sine + cosine * cosine - 1) < 1e-9)
    }
    #expect(abs(Trigonometry.sine(Double.pi / 2) - 1) < 1e-12)
    #expect(abs(Trigonometry.sine(Double.pi / 6) - 0.5) < 1e-12)
    #expect(abs(Trigonometry.cosine(Double.pi) + 1) < 1e-12)
    #expect(abs(Trigonometry.sine(-3 * Double.pi / 2) - 1) < 1e-12)
  }
}
