/// The seedable generator (SplitMix64) behind weight initialisation and mini-batch
/// shuffling in NN/Training.
///
/// Internal and distinctly named so that it cannot collide with the module's
/// general-purpose RNG; its stream is part of the reproducibility contract
/// (same seed ⇒ same initial weights and batch order), so it must not change.
///
/// The standard library's `SystemRandomNumberGenerator` cannot be seeded, and
/// reproducible training needs the same stream for the same seed on every run
/// and platform. SplitMix64 passes BigCrush, has a full 2⁶⁴ period and needs
/// one word of state, which is plenty for initialisation and permutations.
struct NNGenerator: RandomNumberGenerator, Sendable, Hashable {
    /// The generator's single word of state.
    private(set) var state: UInt64

    /// A generator whose stream is fully determined by `seed`.
    init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw from `[0, 1)` with 53 random bits (exactly representable in `Double`).
    mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A permutation of `0..<count` (Fisher–Yates, fully determined by the generator state).
    ///
    /// Uses `next(upperBound:)` (Lemire's unbiased method from the standard library), whose
    /// output depends only on the generator's bits, so permutations are reproducible.
    mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        guard count > 1 else { return order }
        for i in stride(from: count - 1, to: 0, by: -1) {
            let j = Int(next(upperBound: UInt64(i + 1)))
            order.swapAt(i, j)
        }
        return order
    }
}
