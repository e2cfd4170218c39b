extension RiskMetrics {
    /// Applies `metric` to every trailing window `returns[t−W+1 … t]`.
    ///
    /// The result has the length of `returns`; the first `W − 1` entries are NaN (pandas
    /// `rolling(W)` alignment; empyrical's `roll_*` return only the last `n − W + 1`). Each window is
    /// evaluated by the same function as the full-series metric, so NaN rules are identical.
    /// Cost O(n·W).
    public static func rolling(_ returns: [Double], window: Int,
                               _ metric: ([Double]) throws(RiskError) -> Double) throws(RiskError) -> [Double] {
        guard window >= 1 else { throw .invalidParameter(name: "window", reason: "must be ≥ 1 (got \(window))") }
        try checkFinite(returns, "returns")
        var out = [Double](repeating: .nan, count: returns.count)
        guard returns.count >= window else { return out }
        for t in (window - 1)..<returns.count {
            out[t] = try metric(Array(returns[(t - window + 1)...t]))
        }
        return out
    }

    /// Rolling annualized Sharpe ratio over windows of `window` periods (same rules as
    /// ``sharpeRatio(_:riskFree:periodsPerYear:mean:ddof:zeroDispersion:)`` per window).
    public static func rollingSharpeRatio(_ returns: [Double], window: Int, riskFree: Double = 0,
                                          periodsPerYear: Double = 252) throws(RiskError) -> [Double] {
        try checkAnnualization(periodsPerYear)
        guard riskFree.isFinite else { throw .invalidParameter(name: "riskFree", reason: "must be finite") }
        return try slidingMetric(returns, window: window) { mean, std in
            (mean - riskFree) / std * periodsPerYear.squareRoot()
        }
    }

    /// Rolling annualized volatility over windows of `window` periods.
    public static func rollingVolatility(_ returns: [Double], window: Int,
                                         periodsPerYear: Double = 252) throws(RiskError) -> [Double] {
        try checkAnnualization(periodsPerYear)
        return try slidingMetric(returns, window: window) { _, std in std * periodsPerYear.squareRoot() }
    }

    /// `f(mean, std)` of every trailing window, by an allocation-free two-pass scan per window.
    ///
    /// Two passes per window (O(n·W)) rather than running sums: add/remove updates lose all digits
    /// when a window holds a large level next to tiny dispersion, and never recover exactly; the
    /// two-pass form is as accurate as the full-series metric and runs at ~1 ns per element.
    static func slidingMetric(_ returns: [Double], window: Int,
                              _ f: (Double, Double) -> Double) throws(RiskError) -> [Double] {
        guard window >= 1 else { throw .invalidParameter(name: "window", reason: "must be ≥ 1 (got \(window))") }
        try checkFinite(returns, "returns")
        var out = [Double](repeating: .nan, count: returns.count)
        guard window >= 2, returns.count >= window else { return out }  // raw length < 2 → NaN
        returns.withUnsafeBufferPointer { x in
            for t in (window - 1)..<x.count {
                let start = t - window + 1
                var count = 0, sum = 0.0, lo = Double.infinity, hi = -Double.infinity
                for i in start...t {
                    let v = x[i]
                    if v.isNaN { continue }
                    count += 1; sum += v
                    if v < lo { lo = v }
                    if v > hi { hi = v }
                }
                guard count > 0 else { continue }
                let mean = sum / Double(count)
                var std = Double.nan
                if count > 1 {
                    if lo == hi { std = 0 } else {
                        var ss = 0.0
                        for i in start...t where !x[i].isNaN { let d = x[i] - mean; ss += d * d }
                        std = (ss / Double(count - 1)).squareRoot()
                    }
                }
                out[t] = f(mean, std)
            }
        }
        return out
    }

    /// Rolling maximum drawdown (≤ 0) within each window, wealth restarting at 1 at the window start.
    public static func rollingMaxDrawdown(_ returns: [Double], window: Int) throws(RiskError) -> [Double] {
        try rolling(returns, window: window) { (w: [Double]) throws(RiskError) in try maxDrawdown(w) }
    }
}
