/// Error-free transformations and double-double accumulation.
///
/// Iterative refinement only converges to the exact least-squares solution when
/// residuals are formed in more than working precision; these helpers give
/// ~106-bit sums and products of `Double`s (Dekker/Knuth, FMA-based TwoProduct).
@usableFromInline
struct DoubleDouble: Sendable {
    @usableFromInline var hi: Double
    @usableFromInline var lo: Double

    @inlinable init(_ hi: Double, _ lo: Double = 0) { self.hi = hi; self.lo = lo }

    /// `a + b` exactly as `s + e` (Knuth TwoSum).
    @inlinable static func twoSum(_ a: Double, _ b: Double) -> (s: Double, e: Double) {
        let s = a + b
        let bb = s - a
        let e = (a - (s - bb)) + (b - bb)
        return (s, e)
    }

    /// `a · b` exactly as `p + e` (FMA TwoProduct).
    @inlinable static func twoProduct(_ a: Double, _ b: Double) -> (p: Double, e: Double) {
        let p = a * b
        return (p, (-p).addingProduct(a, b))
    }

    /// Adds a `Double` (accurate to ~2⁻¹⁰⁶ relative).
    @inlinable mutating func add(_ b: Double) {
        let (s, e) = Self.twoSum(hi, b)
        let t = e + lo
        hi = s + t
        lo = t - (hi - s)
    }

    /// Adds another double-double.
    @inlinable mutating func add(_ b: DoubleDouble) {
        let (s, e) = Self.twoSum(hi, b.hi)
        let t = e + lo + b.lo
        hi = s + t
        lo = t - (hi - s)
    }

    /// Adds `(aHi + aLo) · b`, where `aLo` is the low part of a double-double factor.
    @inlinable mutating func addProduct(_ aHi: Double, _ aLo: Double, _ b: Double) {
        let (p, e) = Self.twoProduct(aHi, b)
        let (s, e2) = Self.twoSum(hi, p)
        let t = e2 + lo + e + aLo * b
        hi = s + t
        lo = t - (hi - s)
    }

    /// Adds `a · b` for doubles.
    @inlinable mutating func addProduct(_ a: Double, _ b: Double) {
        let (p, e) = Self.twoProduct(a, b)
        let (s, e2) = Self.twoSum(hi, p)
        let t = e2 + lo + e
        hi = s + t
        lo = t - (hi - s)
    }

    /// Multiplies by a double (`self ← self · b`).
    @inlinable func multiplied(by b: Double) -> DoubleDouble {
        let (p, e) = Self.twoProduct(hi, b)
        let t = e + lo * b
        let h = p + t
        return DoubleDouble(h, t - (h - p))
    }

    @inlinable var value: Double { hi + lo }
}

/// `Σ xᵢ` in double-double, rounded once.
@usableFromInline
func accurateSum(_ x: UnsafeBufferPointer<Double>) -> DoubleDouble {
    var acc = DoubleDouble(0)
    for v in x { acc.add(v) }
    return acc
}
