/// The xoshiro256** 1.0 generator of Blackman and Vigna (2018), seeded through SplitMix64.
///
/// FactorLab's reproducible source of randomness: the stream for a given seed is
/// part of the documented API and does not change between versions
/// (Docs/Tensors.md, "Random streams"). The four state words are the first four
/// outputs of SplitMix64 (Steele, Lea, Flood 2014) started at `seed`, exactly as in
/// the reference `splitmix64.c`; `next()` is the reference `xoshiro256starstar.c`.
/// Period 2²⁵⁶ − 1; not cryptographically secure.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator whose state is four SplitMix64 outputs from `seed`.
    public init(seed: UInt64) {
        var splitMix = SplitMix64(state: seed)
        s0 = splitMix.next(); s1 = splitMix.next(); s2 = splitMix.next(); s3 = splitMix.next()
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, by: 45)
        return result
    }

    /// Advances the state by 2¹²⁸ steps (the reference `jump()`): 2¹²⁸ non-overlapping
    /// subsequences for parallel streams derived from one seed.
    public mutating func jump() {
        let constants: [UInt64] = [0x180e_c6d3_3cfd_0aba, 0xd5a6_1266_f0c9_392c,
                                   0xa958_2618_e03f_c9aa, 0x39ab_dc45_29b1_661c]
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0
        for constant in constants {
            for bit in 0..<64 {
                if constant & (1 << UInt64(bit)) != 0 { t0 ^= s0; t1 ^= s1; t2 ^= s2; t3 ^= s3 }
                _ = next()
            }
        }
        s0 = t0; s1 = t1; s2 = t2; s3 = t3
    }
}

@inlinable @inline(__always)
func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
