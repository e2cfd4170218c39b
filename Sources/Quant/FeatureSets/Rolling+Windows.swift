import Foundation

/// Window kernels for qlib's rolling operators (Alpha158, Docs/Factors.md). Each returns one value
/// per date; the value at t uses x[t−n+1…t] only and is NaN unless that whole window is finite
/// (warm-up, gaps). Sums are O(n) compensated running sums. Alpha158's windows are short (≤ 60), so
/// the statistics that cancel badly in running sums — std, correlation, regression, whose price
/// levels are large beside their spread — are computed two-pass per window: O(n·w), exact to
/// rounding and free of drift, at most 60 operations per value.
extension Rolling {
    /// qlib's "flat window" cut-off: `Corr` and `Rsquare` are NaN where an input's sample std over
    /// the window is ≤ 2e-5 (`np.isclose(std, 0, atol=2e-05)` in qlib's ops).
    static let qlibFlatStd = 2e-5

    /// `body(t, window)` for each t whose `n` values ending at t are all finite; NaN elsewhere.
    @inline(__always)
    static func eachWindow(_ x: [Double], _ n: Int, _ body: (Int, UnsafeBufferPointer<Double>) -> Double) -> [Double] {
        precondition(n >= 1, "Rolling window \(n) must be ≥ 1")
        var out = [Double](repeating: .nan, count: x.count)
        x.withUnsafeBufferPointer { p in
            var run = 0
            for t in 0..<p.count {
                run = p[t].isFinite ? run + 1 : 0
                if run >= n { out[t] = body(t, UnsafeBufferPointer(rebasing: p[(t - n + 1)...t])) }
            }
        }
        return out
    }

    /// Sum of the last `n` values, O(n) with compensated add/remove. A window of zeros sums to
    /// exactly 0 (qlib's `Sum(…)+1e-12` denominators then give 0, not a rounding residue / 1e-12).
    static func windowSum(_ x: [Double], _ n: Int) -> [Double] {
        precondition(n >= 1, "Rolling window \(n) must be ≥ 1")
        var out = [Double](repeating: .nan, count: x.count)
        var s = 0.0, c = 0.0, run = 0, nonzero = 0
        for t in x.indices {
            let v = x[t]
            if v.isFinite {
                run += 1
                add(&s, &c, v); if v != 0 { nonzero += 1 }
            } else {
                // A gap: restart the window so no NaN/inf ever enters the running sums.
                run = 0; s = 0; c = 0; nonzero = 0
            }
            if run > n {
                let u = x[t - n]
                add(&s, &c, -u); if u != 0 { nonzero -= 1 }
            }
            if run >= n { out[t] = nonzero == 0 ? 0 : s + c }
        }
        return out
    }

    /// Mean of the last `n` values (``windowSum(_:_:)`` / n).
    static func windowMean(_ x: [Double], _ n: Int) -> [Double] {
        let inv = 1 / Double(n)
        return windowSum(x, n).map { $0 * inv }
    }

    /// Sample standard deviation (ddof 1, pandas `rolling(n).std()`), two-pass per window.
    static func windowStd(_ x: [Double], _ n: Int) -> [Double] {
        guard n > 1 else { return [Double](repeating: .nan, count: x.count) }
        return eachWindow(x, n) { _, w in
            var m = 0.0
            for v in w { m += v }
            m /= Double(n)
            var ss = 0.0
            for v in w { ss += (v - m) * (v - m) }
            return (ss / Double(n - 1)).squareRoot()
        }
    }

    /// Largest value of the window.
    static func windowMax(_ x: [Double], _ n: Int) -> [Double] {
        eachWindow(x, n) { _, w in w.reduce(-Double.infinity) { Swift.max($0, $1) } }
    }

    /// Smallest value of the window.
    static func windowMin(_ x: [Double], _ n: Int) -> [Double] {
        eachWindow(x, n) { _, w in w.reduce(Double.infinity) { Swift.min($0, $1) } }
    }

    /// qlib `IdxMax`: 1-based position of the window's largest value counted from its oldest
    /// element (`argmax + 1`, first occurrence on ties): n means today, 1 means n−1 days ago.
    static func windowArgMax(_ x: [Double], _ n: Int) -> [Double] {
        eachWindow(x, n) { _, w in
            var best = 0
            for i in 1..<w.count where w[i] > w[best] { best = i }
            return Double(best + 1)
        }
    }

    /// qlib `IdxMin`: as ``windowArgMax(_:_:)`` for the smallest value.
    static func windowArgMin(_ x: [Double], _ n: Int) -> [Double] {
        eachWindow(x, n) { _, w in
            var best = 0
            for i in 1..<w.count where w[i] < w[best] { best = i }
            return Double(best + 1)
        }
    }

    /// Quantiles `qs` with linear interpolation (pandas `rolling(n).quantile(q)`): the sorted
    /// window at position (n−1)·q, interpolated between its neighbours. The window is kept sorted
    /// as it slides (one binary-search removal and insertion per date), not re-sorted.
    static func windowQuantiles(_ x: [Double], _ n: Int, _ qs: [Double]) -> [[Double]] {
        precondition(n >= 1, "Rolling window \(n) must be ≥ 1")
        var out = qs.map { _ in [Double](repeating: .nan, count: x.count) }
        let at = qs.map { q -> (lo: Int, hi: Int, frac: Double) in
            let pos = Double(n - 1) * q, lo = Int(pos.rounded(.down))
            return (lo, Swift.min(lo + 1, n - 1), pos - Double(lo))
        }
        var sorted: [Double] = []
        sorted.reserveCapacity(n + 1)
        /// First index whose value is ≥ v (or > v when `after`).
        func bound(_ v: Double, after: Bool) -> Int {
            var a = 0, b = sorted.count
            while a < b {
                let m = (a + b) / 2
                if sorted[m] < v || (after && sorted[m] == v) { a = m + 1 } else { b = m }
            }
            return a
        }
        for t in x.indices {
            let v = x[t]
            guard v.isFinite else { sorted.removeAll(keepingCapacity: true); continue }
            if sorted.count == n { sorted.remove(at: bound(x[t - n], after: false)) }
            sorted.insert(v, at: bound(v, after: true))
            guard sorted.count == n else { continue }
            for (k, p) in at.enumerated() { out[k][t] = sorted[p.lo] + (sorted[p.hi] - sorted[p.lo]) * p.frac }
        }
        return out
    }

    /// qlib `Rank`: today's percentile within the window, average rank on ties, divided by n
    /// (pandas `rolling(n).rank(pct=True)`; in (0, 1], 1 when today is the strict maximum).
    static func windowRank(_ x: [Double], _ n: Int) -> [Double] {
        eachWindow(x, n) { _, w in
            let today = w[n - 1]
            var less = 0, equal = 0
            for v in w { if v < today { less += 1 } else if v == today { equal += 1 } }
            return (Double(less) + Double(equal + 1) / 2) / Double(n)
        }
    }

    /// Pearson correlation of `x` and `y` over the window (both finite throughout), two-pass;
    /// NaN where either sample std is ≤ ``qlibFlatStd`` (qlib's `Corr`).
    static func windowCorr(_ x: [Double], _ y: [Double], _ n: Int) -> [Double] {
        precondition(x.count == y.count, "windowCorr: \(x.count) vs \(y.count) values")
        guard n > 1 else { return [Double](repeating: .nan, count: x.count) }
        // Pack the pair so one validity scan covers both: a date is valid when both are finite.
        let both = zip(x, y).map { $0.isFinite && $1.isFinite ? 0.0 : Double.nan }
        let nn = Double(n)
        return x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in
                eachWindow(both, n) { t, _ in
                    let s = t - n + 1
                    var mx = 0.0, my = 0.0
                    for i in s...t { mx += px[i]; my += py[i] }
                    mx /= nn; my /= nn
                    var sxx = 0.0, syy = 0.0, sxy = 0.0
                    for i in s...t {
                        let dx = px[i] - mx, dy = py[i] - my
                        sxx += dx * dx; syy += dy * dy; sxy += dx * dy
                    }
                    let flat = qlibFlatStd * qlibFlatStd * (nn - 1)
                    if sxx <= flat || syy <= flat { return .nan }
                    return sxy / (sxx.squareRoot() * syy.squareRoot())
                }
            }
        }
    }

    /// Least-squares line of the window on its time index 1…n (qlib `Slope`, `Rsquare`, `Resi`):
    /// the slope per step, R² (NaN where the window's sample std is ≤ ``qlibFlatStd``), and the
    /// residual of today's value, y_n − (slope·n + intercept). Two-pass per window.
    static func windowRegression(_ y: [Double], _ n: Int) -> (slope: [Double], rsquare: [Double], resi: [Double]) {
        var slope = [Double](repeating: .nan, count: y.count), rsq = slope, resi = slope
        guard n > 1 else { return (slope, rsq, resi) }
        let nn = Double(n), xm = (nn + 1) / 2
        let sxx = nn * (nn * nn - 1) / 12
        let flat = qlibFlatStd * qlibFlatStd * (nn - 1)
        _ = eachWindow(y, n) { t, w in
            var ym = 0.0
            for v in w { ym += v }
            ym /= nn
            var sxy = 0.0, syy = 0.0
            for i in 0..<n {
                let dy = w[i] - ym
                sxy += (Double(i + 1) - xm) * dy; syy += dy * dy
            }
            let b = sxy / sxx
            slope[t] = b
            resi[t] = w[n - 1] - ym - b * (nn - xm)
            rsq[t] = syy <= flat ? .nan : sxy * sxy / (sxx * syy)
            return 0
        }
        return (slope, rsq, resi)
    }

    /// The values with ±inf (and NaN) as NaN: qlib's expressions can divide by 0; factors may not
    /// return infinities (``FactorDefinition``'s contract).
    static func finiteOrNaN(_ x: [Double]) -> [Double] { x.map { $0.isFinite ? $0 : .nan } }
}
