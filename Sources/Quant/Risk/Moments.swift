import Foundation

/// NaN-skipping sample moments with an exact zero-dispersion test (`max == min`).
struct Moments {
    /// Non-NaN observations.
    var count = 0
    var mean = Double.nan
    /// Σ (x − mean)² over non-NaN observations.
    var sumSquares = Double.nan
    var minimum = Double.nan
    var maximum = Double.nan

    /// numpy `nanmean`/`nanvar` arithmetic: NaN replaced by 0, pairwise sums, divided by the valid count.
    init(_ x: [Double]) {
        var n = 0, lo = Double.infinity, hi = -Double.infinity
        var buf = [Double](repeating: 0, count: x.count)
        for i in x.indices {
            let v = x[i]
            guard !v.isNaN else { continue }
            n += 1; buf[i] = v
            if v < lo { lo = v }
            if v > hi { hi = v }
        }
        count = n
        guard n > 0 else { return }
        let m = buf.withUnsafeBufferPointer(pairwiseSum) / Double(n)
        for i in x.indices where !x[i].isNaN { let d = x[i] - m; buf[i] = d * d }
        mean = m
        sumSquares = buf.withUnsafeBufferPointer(pairwiseSum)
        minimum = lo; maximum = hi
    }

    /// Standard deviation with `ddof`; exactly 0 when all values are equal; NaN when `count ≤ ddof`.
    func std(ddof: Int) -> Double {
        guard count > ddof else { return .nan }
        if minimum == maximum { return 0 }
        return (sumSquares / Double(count - ddof)).squareRoot()
    }
}

/// `num / den` with the zero-denominator policy of the ratio metrics.
@inline(__always)
func ratio(_ num: Double, _ den: Double, _ zero: ZeroDispersion) -> Double {
    if den == 0, zero == .nan { return .nan }
    return num / den
}
