import RealModule

/// The documented mapping from 64-bit generator outputs to distributions.
///
/// All sampling is done in `Double` and rounded once to the tensor's scalar type,
/// so a `Float` tensor holds the correctly rounded values of the `Double` tensor
/// drawn with the same seed. Elements are filled in row-major order.
enum RandomStreams {
    /// `[0, 1)` from the top 53 bits: `Double(x >> 11) · 2⁻⁵³`.
    @inlinable
    static func unitInterval(_ generator: inout some RandomNumberGenerator) -> Double {
        generator.nextUnitDouble()
    }

    /// Fills `buffer` with `low + (high − low)·u`, one generator output per element.
    static func fillUniform<S: TensorScalar>(
        _ buffer: UnsafeMutableBufferPointer<S>, low: Double, high: Double,
        using generator: inout some RandomNumberGenerator
    ) {
        let width = high - low
        for i in buffer.indices { buffer[i] = S(low + width * unitInterval(&generator)) }
    }

    /// Fills `buffer` with `mean + sd·z`, `z` standard normal by the Box–Muller transform:
    /// for each pair, `u₁ = 1 − U`, `u₂ = U'` (two consecutive ``unitInterval(_:)`` draws),
    /// `r = √(−2 ln u₁)`, elements `r·cos 2πu₂` then `r·sin 2πu₂`; an odd last element
    /// uses the cosine and discards the sine.
    static func fillNormal<S: TensorScalar>(
        _ buffer: UnsafeMutableBufferPointer<S>, mean: Double, standardDeviation: Double,
        using generator: inout some RandomNumberGenerator
    ) {
        var i = 0
        while i < buffer.count {
            let u1 = 1 - unitInterval(&generator)
            let u2 = unitInterval(&generator)
            let r = (-2 * Double.log(u1)).squareRoot()
            let angle = 2 * Double.pi * u2
            buffer[i] = S(mean + standardDeviation * r * Double.cos(angle))
            if i + 1 < buffer.count { buffer[i + 1] = S(mean + standardDeviation * r * Double.sin(angle)) }
            i += 2
        }
    }
}
