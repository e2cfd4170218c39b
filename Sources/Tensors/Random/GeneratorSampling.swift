/// Sampling helpers shared by every seeded stream in the module (weight initialisation,
/// dropout masks, mini-batch shuffling). Their outputs depend only on the generator's bits,
/// so a seed fixes them on every run and platform.
extension RandomNumberGenerator {
    /// `[0, 1)` from the top 53 bits: `Double(x >> 11) · 2⁻⁵³` (exactly representable).
    @inlinable
    mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A permutation of `0..<count` by Fisher–Yates, drawing with the standard library's
    /// unbiased `next(upperBound:)` (Lemire), so it is reproducible from the generator state.
    mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        guard count > 1 else { return order }
        for i in stride(from: count - 1, to: 0, by: -1) {
            order.swapAt(i, Int(next(upperBound: UInt64(i + 1))))
        }
        return order
    }
}
