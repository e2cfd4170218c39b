/// SplitMix64: a small, fast generator whose stream is fixed by its seed on every platform,
/// so random portfolios, shuffles and initialisations are reproducible byte for byte.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<n` (Lemire's method would differ by platform-independent bits
    /// anyway; plain modulo bias is < 2⁻⁵⁰ for the sizes used here).
    public mutating func index(below n: Int) -> Int { Int(next() % UInt64(n)) }

    /// `k` distinct elements of `items` (partial Fisher–Yates), in draw order.
    public mutating func sample<T>(_ items: [T], count k: Int) -> [T] {
        var a = items
        let m = min(k, a.count)
        for i in 0..<m { a.swapAt(i, i + index(below: a.count - i)) }
        return Array(a[0..<m])
    }
}
