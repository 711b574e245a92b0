/// The digests `hashlib` computes (MD5, SHA-1, SHA-256), so that a program's `hexdigest()` prints what CPython
/// prints. Written here because the engine keeps to the standard library (swift-crypto would bring BoringSSL
/// into every build for three short functions); checked against CPython's values in the tests.
enum PythonDigests {
  static let names = ["md5", "sha1", "sha256"]

  static func digest(_ name: String, _ data: [UInt8]) -> [UInt8]? {
    switch name {
    case "md5": md5(data)
    case "sha1": sha1(data)
    case "sha256": sha256(data)
    default: nil
    }
  }

  /// The message padded to whole 64-byte blocks: a 1 bit, zeros, and its length in bits (big- or little-endian).
  private static func padded(_ data: [UInt8], bigEndian: Bool) -> [UInt8] {
    var message = data
    message.append(0x80)
    while message.count % 64 != 56 { message.append(0) }
    let bits = UInt64(data.count) &* 8
    for k in 0..<8 { message.append(UInt8(truncatingIfNeeded: bits >> (bigEndian ? 56 - 8 * k : 8 * k))) }
    return message
  }

  private static func bytes(_ words: [UInt32], bigEndian: Bool) -> [UInt8] {
    words.flatMap { w in
      (0..<4).map { k in UInt8(truncatingIfNeeded: bigEndian ? w >> (24 - 8 * k) : w >> (8 * k)) }
    }
  }

  private static func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { x << n | x >> (32 - n) }
  private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 - n) }

  private static let sha256Constants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]

  static func sha256(_ data: [UInt8]) -> [UInt8] {
    var h: [UInt32] = [
      0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    let message = padded(data, bigEndian: true)
    // (In place, without an array made per block: a digest of megabytes is a loop of tens of thousands of them.)
    var w = [UInt32](repeating: 0, count: 64)
    var state = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
    message.withUnsafeBufferPointer { bytes in
      w.withUnsafeMutableBufferPointer { w in
        sha256Constants.withUnsafeBufferPointer { k in
          for start in stride(from: 0, to: bytes.count, by: 64) {
            for i in 0..<16 { w[i] = bigEndianWord(bytes, start + 4 * i) }
            for i in 16..<64 {
              let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
              let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
              w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = state
            for i in 0..<64 {
              let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
              let choice = (e & f) ^ (~e & g)
              let t1 = hh &+ s1 &+ choice &+ k[i] &+ w[i]
              let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
              let majority = (a & b) ^ (a & c) ^ (b & c)
              let t2 = s0 &+ majority
              (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            state = (
              state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g,
              state.7 &+ hh
            )
          }
        }
      }
    }
    h = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
    return bytes(h, bigEndian: true)
  }

  @inline(__always)
  private static func bigEndianWord(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
    let high: UInt32 = UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16
    let low: UInt32 = UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
    return high | low
  }

  @inline(__always)
  private static func littleEndianWord(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
    let low: UInt32 = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8
    let high: UInt32 = UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
    return low | high
  }

  static func sha1(_ data: [UInt8]) -> [UInt8] {
    var h: [UInt32] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476, 0xc3d2_e1f0]
    let message = padded(data, bigEndian: true)
    var w = [UInt32](repeating: 0, count: 80)
    message.withUnsafeBufferPointer { bytes in
      w.withUnsafeMutableBufferPointer { w in
        for start in stride(from: 0, to: bytes.count, by: 64) {
          for i in 0..<16 { w[i] = bigEndianWord(bytes, start + 4 * i) }
          for i in 16..<80 { w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1) }
          var (a, b, c, d, e) = (h[0], h[1], h[2], h[3], h[4])
          for i in 0..<80 {
            let f: UInt32
            let k: UInt32
            if i < 20 {
              (f, k) = ((b & c) | (~b & d), 0x5a82_7999)
            } else if i < 40 {
              (f, k) = (b ^ c ^ d, 0x6ed9_eba1)
            } else if i < 60 {
              (f, k) = ((b & c) | (b & d) | (c & d), 0x8f1b_bcdc)
            } else {
              (f, k) = (b ^ c ^ d, 0xca62_c1d6)
            }
            let t = rotl(a, 5) &+ f &+ e &+ k &+ w[i]
            (e, d, c, b, a) = (d, c, rotl(b, 30), a, t)
          }
          h[0] = h[0] &+ a
          h[1] = h[1] &+ b
          h[2] = h[2] &+ c
          h[3] = h[3] &+ d
          h[4] = h[4] &+ e
        }
      }
    }
    return bytes(h, bigEndian: true)
  }

  private static let md5Shifts: [UInt32] = [
    7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
    4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10,
    15, 21,
  ]
  /// floor(abs(sin(i + 1)) * 2^32), as RFC 1321 defines them.
  private static let md5Constants: [UInt32] = [
    0xd76a_a478, 0xe8c7_b756, 0x2420_70db, 0xc1bd_ceee, 0xf57c_0faf, 0x4787_c62a, 0xa830_4613, 0xfd46_9501,
    0x6980_98d8, 0x8b44_f7af, 0xffff_5bb1, 0x895c_d7be, 0x6b90_1122, 0xfd98_7193, 0xa679_438e, 0x49b4_0821,
    0xf61e_2562, 0xc040_b340, 0x265e_5a51, 0xe9b6_c7aa, 0xd62f_105d, 0x0244_1453, 0xd8a1_e681, 0xe7d3_fbc8,
    0x21e1_cde6, 0xc337_07d6, 0xf4d5_0d87, 0x455a_14ed, 0xa9e3_e905, 0xfcef_a3f8, 0x676f_02d9, 0x8d2a_4c8a,
    0xfffa_3942, 0x8771_f681, 0x6d9d_6122, 0xfde5_380c, 0xa4be_ea44, 0x4bde_cfa9, 0xf6bb_4b60, 0xbebf_bc70,
    0x289b_7ec6, 0xeaa1_27fa, 0xd4ef_3085, 0x0488_1d05, 0xd9d4_d039, 0xe6db_99e5, 0x1fa2_7cf8, 0xc4ac_5665,
    0xf429_2244, 0x432a_ff97, 0xab94_23a7, 0xfc93_a039, 0x655b_59c3, 0x8f0c_cc92, 0xffef_f47d, 0x8584_5dd1,
    0x6fa8_7e4f, 0xfe2c_e6e0, 0xa301_4314, 0x4e08_11a1, 0xf753_7e82, 0xbd3a_f235, 0x2ad7_d2bb, 0xeb86_d391,
  ]

  static func md5(_ data: [UInt8]) -> [UInt8] {
    var h: [UInt32] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476]
    let message = padded(data, bigEndian: false)
    var m = [UInt32](repeating: 0, count: 16)
    message.withUnsafeBufferPointer { bytes in
      m.withUnsafeMutableBufferPointer { m in
        for start in stride(from: 0, to: bytes.count, by: 64) {
          for i in 0..<16 { m[i] = littleEndianWord(bytes, start + 4 * i) }
          var (a, b, c, d) = (h[0], h[1], h[2], h[3])
          for i in 0..<64 {
            let f: UInt32
            let g: Int
            if i < 16 {
              (f, g) = ((b & c) | (~b & d), i)
            } else if i < 32 {
              (f, g) = ((d & b) | (~d & c), (5 * i + 1) % 16)
            } else if i < 48 {
              (f, g) = (b ^ c ^ d, (3 * i + 5) % 16)
            } else {
              (f, g) = (c ^ (b | ~d), (7 * i) % 16)
            }
            let rotated = rotl(a &+ f &+ md5Constants[i] &+ m[g], md5Shifts[i])
            (a, d, c, b) = (d, c, b, b &+ rotated)
          }
          h[0] = h[0] &+ a
          h[1] = h[1] &+ b
          h[2] = h[2] &+ c
          h[3] = h[3] &+ d
        }
      }
    }
    return bytes(h, bigEndian: false)
  }
}
