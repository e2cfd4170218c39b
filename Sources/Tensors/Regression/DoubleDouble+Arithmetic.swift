import RealModule

/// Double-double arithmetic for formula terms: `I(x**10)` or `x:z` formed to ~106 bits, so a
/// polynomial design is the exact powers of the double data (as ``RegressionDesign/polynomial(_:degree:name:)``).
extension DoubleDouble {
    @inlinable static func + (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        var s = a
        s.add(b)
        return s
    }

    @inlinable static prefix func - (a: DoubleDouble) -> DoubleDouble { DoubleDouble(-a.hi, -a.lo) }

    @inlinable static func - (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble { a + (-b) }

    /// Product to ~2⁻¹⁰⁴ relative (Dekker with FMA).
    @inlinable static func * (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let (p, e) = twoProduct(a.hi, b.hi)
        let t = e + (a.hi * b.lo + a.lo * b.hi)
        let h = p + t
        return DoubleDouble(h, t - (h - p))
    }

    /// Quotient: a first approximation q₁ = a/b, then one correction with the exact remainder.
    @inlinable static func / (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let q1 = a.hi / b.hi
        guard q1.isFinite else { return DoubleDouble(q1) }
        let r = a - b * DoubleDouble(q1)
        let q2 = r.hi / b.hi
        let h = q1 + q2
        return DoubleDouble(h, q2 - (h - q1))
    }

    /// `self^k` for an integer `k` by repeated squaring (k < 0 through the reciprocal).
    func power(_ k: Int) -> DoubleDouble {
        if k == 0 { return DoubleDouble(1) }
        var base = k < 0 ? DoubleDouble(1) / self : self
        var e = k.magnitude, result = DoubleDouble(1)
        while e > 0 {
            if e & 1 == 1 { result = result * base }
            e >>= 1
            if e > 0 { base = base * base }
        }
        return result
    }

    /// log(hi + lo) = log(hi) + log1p(lo/hi): the low part is not lost, the double `log` rounds once.
    var logarithm: DoubleDouble { DoubleDouble(lo == 0 ? Double.log(hi) : Double.log(hi) + lo / hi) }

    /// exp(hi + lo) ≈ exp(hi)·(1 + lo).
    var exponential: DoubleDouble { let e = Double.exp(hi); return DoubleDouble(e) + DoubleDouble(e * lo) }
}
