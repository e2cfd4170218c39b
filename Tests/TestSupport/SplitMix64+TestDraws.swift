import Foundation
import NumericsSupport

/// Deterministic draws for test data from the library's ``SplitMix64`` (no test keeps its own copy).
extension SplitMix64 {
    /// A uniform double in [0, 1): the top 53 bits of `next()` times 2⁻⁵³.
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A standard normal draw by Box–Muller from two `Double.random(in:using:)` draws.
    public mutating func normal() -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}
