/// Pearson and Spearman correlation on complete pairs.
extension Statistics {
    /// Pearson correlation of the pairs where both values are non-NaN.
    ///
    /// NaN when fewer than 2 complete pairs remain or either side is constant (exact
    /// `max == min`). The result is clamped to [−1, 1]. `x` and `y` must have equal length
    /// (a programmer error otherwise; the IC functions throw a typed error first).
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "pearson: lengths \(x.count) and \(y.count) differ")
        var a: [Double] = [], b: [Double] = []
        a.reserveCapacity(x.count); b.reserveCapacity(x.count)
        for i in x.indices where !x[i].isNaN && !y[i].isNaN { a.append(x[i]); b.append(y[i]) }
        return a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in pearsonComplete(ap, bp) } }
    }

    /// Spearman rank correlation (average ranks for ties, Pearson on the ranks) of the
    /// complete pairs; NaN under the same conditions as ``pearson(_:_:)``.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "spearman: lengths \(x.count) and \(y.count) differ")
        var a: [Double] = [], b: [Double] = []
        for i in x.indices where !x[i].isNaN && !y[i].isNaN { a.append(x[i]); b.append(y[i]) }
        return pearson(averageRanks(a), averageRanks(b))
    }

    /// Two-pass Pearson correlation of equal-length buffers without NaN.
    @inlinable
    public static func pearsonComplete(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) -> Double {
        let n = x.count
        guard n >= 2 else { return .nan }
        var sx = 0.0, sy = 0.0
        var xlo = x[0], xhi = x[0], ylo = y[0], yhi = y[0]
        for i in 0..<n {
            let a = x[i], b = y[i]
            sx += a; sy += b
            xlo = Swift.min(xlo, a); xhi = Swift.max(xhi, a)
            ylo = Swift.min(ylo, b); yhi = Swift.max(yhi, b)
        }
        if xlo == xhi || ylo == yhi { return .nan }
        let mx = sx / Double(n), my = sy / Double(n)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in 0..<n {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return .nan }
        let r = sxy / (sxx.squareRoot() * syy.squareRoot())
        return Swift.max(-1, Swift.min(1, r))
    }
}
