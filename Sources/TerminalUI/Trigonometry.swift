/// Sine and cosine, for placing the talking stick's seats on a circle. Written by hand because TerminalUI, like
/// the engine and the text layer, uses the Swift standard library only (no Foundation, no Glibc or Darwin), and the
/// standard library has no trigonometry. After reducing the angle to -π...π, twelve terms of the Taylor series are
/// exact to better than 1e-12, far below the half column at which a seat's position would change.
enum Trigonometry {
  static func sine(_ x: Double) -> Double {
    var a = x.truncatingRemainder(dividingBy: 2 * Double.pi)
    if a > Double.pi { a -= 2 * Double.pi }
    if a < -Double.pi { a += 2 * Double.pi }
    var term = a
    var sum = a
    for n in 1..<12 {
      term *= -a * a / Double((2 * n) * (2 * n + 1))
      sum += term
    }
    return sum
  }

  static func cosine(_ x: Double) -> Double { sine(x + Double.pi / 2) }
}
