/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast, seedable 64-bit generator.
///
/// FactorLab's seeding generator: it expands a 64-bit seed into xoshiro256** state (as that
/// generator's authors recommend), and it drives the reproducible streams of weight
/// initialisation, shuffling, dropout and random portfolio baselines. The stream for a given
/// state is part of the documented API (`next()` is the reference `splitmix64.c`); the first
/// output from state 0 is 0xE220A8397B1DCDAF. Not cryptographically secure.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The running state (advanced by the golden-ratio increment on every call).
    public var state: UInt64

    /// A generator starting from `state`.
    public init(state: UInt64) { self.state = state }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
