/// CPython's Mersenne Twister (`Modules/_randommodule.c`: MT19937, `init_by_array`, `random_random`,
/// `getrandbits`), so that a program that seeds `random` draws the numbers CPython draws. `random`'s other
/// functions are CPython's Python code (`Lib/random.py`), in giltutor's `random` module.
struct MersenneTwister {
  private var state = [UInt32](repeating: 0, count: 624)
  private var index = 625

  /// Seeded as `random.seed(n)` seeds it: `n`'s 32-bit words, least significant first (one word 0 for 0).
  init(seed n: UInt64) {
    var key: [UInt32] = []
    var rest = n
    repeat {
      key.append(UInt32(truncatingIfNeeded: rest))
      rest >>= 32
    } while rest > 0
    initByArray(key)
  }

  private mutating func initGenrand(_ s: UInt32) {
    state[0] = s
    for i in 1..<624 {
      state[i] = 1_812_433_253 &* (state[i - 1] ^ (state[i - 1] >> 30)) &+ UInt32(i)
    }
    index = 624
  }

  private mutating func initByArray(_ key: [UInt32]) {
    initGenrand(19_650_218)
    var i = 1
    var j = 0
    for _ in 0..<max(624, key.count) {
      state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(j)
      i += 1
      j += 1
      if i >= 624 {
        state[0] = state[623]
        i = 1
      }
      if j >= key.count { j = 0 }
    }
    for _ in 0..<623 {
      state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) &* 1_566_083_941)) &- UInt32(i)
      i += 1
      if i >= 624 {
        state[0] = state[623]
        i = 1
      }
    }
    state[0] = 0x8000_0000
  }

  mutating func next() -> UInt32 {
    if index >= 624 {
      for k in 0..<624 {
        let y = (state[k] & 0x8000_0000) | (state[(k + 1) % 624] & 0x7fff_ffff)
        state[k] = state[(k + 397) % 624] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908_b0df)
      }
      index = 0
    }
    var y = state[index]
    index += 1
    y ^= y >> 11
    y ^= (y << 7) & 0x9d2c_5680
    y ^= (y << 15) & 0xefc6_0000
    y ^= y >> 18
    return y
  }

  /// `random.random()`: 53 bits, from two draws.
  mutating func random() -> Double {
    let a = Double(next() >> 5)
    let b = Double(next() >> 6)
    return (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
  }

  /// `random.getrandbits(k)` for 0 < k ≤ 63: 32-bit words, least significant first, the last one's top bits.
  mutating func bits(_ k: Int) -> Int64 {
    var result: UInt64 = 0
    var left = k
    var shift: UInt64 = 0
    while left > 0 {
      var word = next()
      if left < 32 { word >>= UInt32(32 - left) }
      result |= UInt64(word) << shift
      shift += 32
      left -= 32
    }
    return Int64(bitPattern: result)
  }
}

extension PythonMachine {
  /// What giltutor's `random` asks: `seed(n)` (an int, or None for a seed of the run's own), `random()`,
  /// `getrandbits(k)`. Each is a call into C with the GIL held.
  func randomModule() -> PyModule {
    PyModule(
      name: "_giltutor_random",
      attributes: [
        "seed": .builtin(
          PyBuiltin(name: "seed") { m, args, _ throws(PythonError) in
            switch args.first ?? .none {
            case .none: m.generator = MersenneTwister(seed: m.randomSeed)
            case .int(let n): m.generator = MersenneTwister(seed: n.magnitude)
            case .bool(let b): m.generator = MersenneTwister(seed: b ? 1 : 0)
            case let other:
              throw PythonError.unsupported("random.seed() of a \(m.typeName(other)) (giltutor seeds with ints)")
            }
            return .none
          }),
        "random": .builtin(PyBuiltin(name: "random") { m, _, _ in .float(m.generator.random()) }),
        "getrandbits": .builtin(
          PyBuiltin(name: "getrandbits") { m, args, _ throws(PythonError) in
            guard case .int(let k)? = args.first, k >= 0 else {
              throw m.raise("ValueError", "number of bits must be non-negative")
            }
            guard k < 64 else { throw PythonError.unsupported("integers beyond 64 bits") }
            return .int(k == 0 ? 0 : m.generator.bits(Int(k)))
          }),
      ])
  }
}
