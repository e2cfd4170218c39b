/// Newey–West (HAC) long-run variance with Bartlett weights, for the mean of a serially
/// correlated series (overlapping forward returns, IC series).
///
/// With d_t = x_t − x̄ and autocovariances γ_l = (1/n) Σ_{t=l}^{n−1} d_t d_{t−l} (divisor n,
/// not n − l), σ²_NW = γ₀ + 2 Σ_{l=1}^{min(L, n−1)} w_l γ_l with Bartlett weights
/// w_l = 1 − l/(L+1). This is statsmodels' `cov_type="HAC", cov_kwds={"maxlags": L,
/// "use_correction": False}` for a regression on a constant. Regression sandwiches use
/// ``bartlettWeight(lag:lags:)`` for the same weights on matrix-valued scores.
public enum NeweyWest {
    /// The Bartlett kernel weight 1 − lag/(lags + 1) of autocovariance `lag` when `lags` lags are used.
    @inlinable
    public static func bartlettWeight(lag: Int, lags: Int) -> Double { 1 - Double(lag) / Double(lags + 1) }

    /// σ²_NW of `x` (values without NaN) with `lags` lags (negative counts as 0; lags beyond
    /// n − 1 contribute nothing). NaN for fewer than 2 values; 0 for a constant series (the
    /// Bartlett kernel keeps it non-negative otherwise, up to rounding).
    public static func longRunVariance(_ x: [Double], lags: Int) -> Double {
        let n = x.count
        guard n >= 2 else { return .nan }
        let m = mean(x)
        return longRunVariance(deviations: x.map { $0 - m }, lags: lags)
    }

    /// The t statistic of the mean, x̄ / √(σ²_NW / n), for `x` without NaN.
    ///
    /// NaN for fewer than 2 values; for σ²_NW = 0 (a constant series) ±∞ with the sign of the
    /// mean, or NaN when the mean is 0.
    public static func tStatistic(_ x: [Double], lags: Int) -> Double {
        let n = x.count
        guard n >= 2 else { return .nan }
        let m = mean(x)
        let lrv = longRunVariance(deviations: x.map { $0 - m }, lags: lags)
        guard lrv > 0 else { return m == 0 ? .nan : (m > 0 ? .infinity : -.infinity) }
        return m / (lrv / Double(n)).squareRoot()
    }

    private static func longRunVariance(deviations d: [Double], lags: Int) -> Double {
        let n = d.count
        func gamma(_ l: Int) -> Double {
            var s = 0.0
            for t in l..<n { s += d[t] * d[t - l] }
            return s / Double(n)
        }
        var lrv = gamma(0)
        if lags > 0 { for l in 1...min(lags, n - 1) { lrv += 2 * bartlettWeight(lag: l, lags: lags) * gamma(l) } }
        return lrv
    }

    /// Mean with a second, correcting pass (most of the rounding of a naive sum removed, as
    /// numpy's pairwise sum would); the same arithmetic as Quant's `Statistics.mean`.
    private static func mean(_ x: [Double]) -> Double {
        var sum = 0.0
        for v in x { sum += v }
        let m = sum / Double(x.count)
        guard m.isFinite else { return m }
        var corr = 0.0
        for v in x { corr += v - m }
        return m + corr / Double(x.count)
    }
}
