import Foundation

/// Turnover and rank autocorrelation: comparisons of each date with the date h rows earlier.
extension FactorTearSheet {
    /// `[q][t]`: |S_t \ S_{t−lag}| / |S_t| for the names S of quantile q (NaN when either set is empty).
    static func quantileTurnover(_ quantile: [Int], assets A: Int, dates T: Int, quantiles Q: Int, lag: Int) -> [[Double]] {
        var out = [[Double]](repeating: [Double](repeating: .nan, count: T), count: Q)
        var size = [Int](repeating: 0, count: Q + 1), fresh = size, previous = size
        for t in lag..<T {
            for q in 0...Q { size[q] = 0; fresh[q] = 0; previous[q] = 0 }
            let row = t * A, before = (t - lag) * A
            for a in 0..<A {
                let now = quantile[row + a], then = quantile[before + a]
                size[now] += 1; previous[then] += 1
                if now != then { fresh[now] += 1 }
            }
            for q in 1...Q where size[q] > 0 && previous[q] > 0 { out[q - 1][t] = Double(fresh[q]) / Double(size[q]) }
        }
        return out
    }

    /// Pearson correlation across assets of the factor ranks at t and t − lag (assets ranked on both dates).
    static func rankAutocorrelation(_ rank: [Double], assets A: Int, dates T: Int, lag: Int) -> [Double] {
        var out = [Double](repeating: .nan, count: T)
        var x = [Double](), y = [Double]()
        x.reserveCapacity(A); y.reserveCapacity(A)
        for t in lag..<T {
            x.removeAll(keepingCapacity: true); y.removeAll(keepingCapacity: true)
            let row = t * A, before = (t - lag) * A
            for a in 0..<A {
                let u = rank[row + a], v = rank[before + a]
                if !u.isNaN && !v.isNaN { x.append(u); y.append(v) }
            }
            out[t] = x.withUnsafeBufferPointer { xb in y.withUnsafeBufferPointer { yb in Statistics.pearsonComplete(xb, yb) } }
        }
        return out
    }
}
