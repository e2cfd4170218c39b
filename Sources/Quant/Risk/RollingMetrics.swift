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

    /// Rolling annualized Sharpe ratio over windows of `window` periods (see ``sharpeRatio(_:riskFree:periodsPerYear:mean:ddof:zeroDispersion:)``).
    public static func rollingSharpeRatio(_ returns: [Double], window: Int, riskFree: Double = 0,
                                          periodsPerYear: Double = 252) throws(RiskError) -> [Double] {
        try checkAnnualization(periodsPerYear)
        return try rolling(returns, window: window) { (w: [Double]) throws(RiskError) in
            try sharpeRatio(w, riskFree: .perPeriod(riskFree), periodsPerYear: periodsPerYear)
        }
    }

    /// Rolling annualized volatility over windows of `window` periods.
    public static func rollingVolatility(_ returns: [Double], window: Int,
                                         periodsPerYear: Double = 252) throws(RiskError) -> [Double] {
        try checkAnnualization(periodsPerYear)
        return try rolling(returns, window: window) { (w: [Double]) throws(RiskError) in
            try annualVolatility(w, periodsPerYear: periodsPerYear)
        }
    }

    /// Rolling maximum drawdown (≤ 0) within each window, wealth restarting at 1 at the window start.
    public static func rollingMaxDrawdown(_ returns: [Double], window: Int) throws(RiskError) -> [Double] {
        try rolling(returns, window: window) { (w: [Double]) throws(RiskError) in try maxDrawdown(w) }
    }
}
