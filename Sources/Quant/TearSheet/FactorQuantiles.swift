import Foundation

/// Equal-count factor quantiles of one date's cross-section, exactly as alphalens'
/// `quantize_factor` (pandas `qcut(x, q, labels=False) + 1`).
///
/// Edges are the sample quantiles at p_k = k/q as pandas ≥ 3 forms them (numpy `linspace`, then
/// `nextafter(p_k, 1)` wherever `q·p_k ≠ k`, "round up rather than to nearest"), interpolated
/// linearly with numpy's `_lerp` (`b − (b−a)(1−g)` when g ≥ ½), so the edges are bit-identical to
/// pandas'. A value falls in quantile k (1-based) when
/// `edge[k−1] < x ≤ edge[k]`; the minimum is in quantile 1. Repeated edges (heavy ties, or fewer
/// distinct values than quantiles) make pandas raise; alphalens then drops the whole date, and
/// so does ``assign(_:quantiles:into:scratch:)`` (it returns false).
public enum FactorQuantiles {
    /// The quantile probabilities p_0…p_q as pandas (3.x `qcut`) hands them to `np.quantile`.
    public static func probabilities(_ q: Int) -> [Double] {
        precondition(q >= 1, "FactorQuantiles: \(q) quantiles")
        let step = 1.0 / Double(q)
        return (0...q).map { k in
            let p = k == q ? 1.0 : Double(k) * step  // numpy linspace: k·step, the end point exact
            return Double(q) * p != Double(k) ? p.nextUp : p
        }
    }

    /// numpy's linear-method quantile of sorted values `v` at probability `p`.
    @inline(__always)
    static func edge(sorted v: UnsafeBufferPointer<Double>, _ p: Double) -> Double {
        let n = v.count
        let h = Double(n - 1) * p
        if h >= Double(n - 1) { return v[n - 1] }
        if h <= 0 { return v[0] }
        let lo = h.rounded(.down)
        let i = Int(lo), g = h - lo
        let a = v[i], b = v[i + 1], d = b - a
        return g >= 0.5 ? b - d * (1 - g) : a + d * g
    }

    /// Assigns quantiles 1…q to `values` (no NaN) in `labels`; `scratch` is a reusable sort buffer.
    /// Returns false, leaving `labels` unspecified, when the edges are not unique (pandas raises).
    public static func assign(_ values: UnsafeBufferPointer<Double>, quantiles q: Int,
                              probabilities p: [Double], into labels: UnsafeMutableBufferPointer<Int>,
                              scratch: inout [Double]) -> Bool {
        let n = values.count
        guard n > 0 else { return true }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: values)
        scratch.sort()
        var edges = [Double](repeating: 0, count: q + 1)
        scratch.withUnsafeBufferPointer { s in
            for k in 0...q { edges[k] = edge(sorted: s, p[k]) }
        }
        // pandas: `len(unique(bins)) < len(bins)` raises (for more than 2 edges).
        if q + 1 > 2 { for k in 1...q where edges[k] == edges[k - 1] { return false } }
        for i in 0..<n {
            let x = values[i]
            // searchsorted(side="left"): the number of edges strictly below x; the minimum (== edge 0) → 1.
            var lo = 0, hi = q + 1
            while lo < hi { let m = (lo + hi) >> 1; if edges[m] < x { lo = m + 1 } else { hi = m } }
            labels[i] = max(1, lo)
        }
        return true
    }
}
