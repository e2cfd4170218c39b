import Foundation

/// CAPM alpha and beta of a return series against a benchmark.
public struct AlphaBeta: Sendable, Equatable {
    /// Annualized alpha `(1 + mean(r − rf − β(b − rf)))^A − 1`.
    public var alpha: Double
    /// `cov(r − rf, b − rf) / var(b − rf)` over periods where both are present.
    public var beta: Double
}

extension RiskMetrics {
    /// Alpha and beta against `benchmark` (empyrical `alpha_beta`): rf subtracted from both series,
    /// periods where either is NaN dropped, population moments; beta is NaN when the benchmark
    /// variance is below 1e-30 or the raw length is < 2. Throws for a length mismatch or ±inf.
    public static func alphaBeta(_ returns: [Double], benchmark: [Double], riskFree: PeriodRate = .zero,
                                 periodsPerYear: Double = 252) throws(RiskError) -> AlphaBeta {
        try checkAligned(returns, benchmark)
        try checkAnnualization(periodsPerYear)
        try riskFree.validate(count: returns.count, name: "riskFree")
        guard returns.count >= 2 else { return AlphaBeta(alpha: .nan, beta: .nan) }
        let r = riskFree.subtracted(from: returns, periodsPerYear: periodsPerYear)
        let b = riskFree.subtracted(from: benchmark, periodsPerYear: periodsPerYear)
        // empyrical masks the benchmark where the strategy is missing, then takes nanmeans.
        let independent = zip(r, b).map { $0.isNaN ? Double.nan : $1 }
        let indMean = Moments(independent).mean
        let residual = independent.map { $0 - indMean }
        let cov = Moments(zip(residual, r).map { $0 * $1 }).mean
        var variance = Moments(residual.map { $0 * $0 }).mean
        if variance < 1e-30 { variance = .nan }
        let beta = cov / variance
        let alphaSeries = zip(r, b).map { $0 - beta * $1 }
        let alpha = pow(Moments(alphaSeries).mean + 1, periodsPerYear) - 1
        return AlphaBeta(alpha: alpha, beta: beta)
    }

    /// Information ratio `mean(r − b) / s(r − b)` (ddof 1, NaN pairs dropped).
    ///
    /// Per period by default, as empyrical's `excess_sharpe`; pass `periodsPerYear` to annualize
    /// (×√A). Zero tracking error gives ±inf (NaN for a zero mean); NaN when the raw length is < 2.
    public static func informationRatio(_ returns: [Double], benchmark: [Double],
                                        periodsPerYear: Double? = nil) throws(RiskError) -> Double {
        try checkAligned(returns, benchmark)
        if let a = periodsPerYear { try checkAnnualization(a) }
        guard returns.count >= 2 else { return .nan }
        let m = Moments(zip(returns, benchmark).map { $0 - $1 })
        return m.mean / m.std(ddof: 1) * (periodsPerYear?.squareRoot() ?? 1)
    }

    /// Tracking error `s(r − b)·√A` (ddof 1, NaN pairs dropped); NaN when the raw length is < 2.
    public static func trackingError(_ returns: [Double], benchmark: [Double],
                                     periodsPerYear: Double = 252) throws(RiskError) -> Double {
        try checkAligned(returns, benchmark)
        try checkAnnualization(periodsPerYear)
        guard returns.count >= 2 else { return .nan }
        return Moments(zip(returns, benchmark).map { $0 - $1 }).std(ddof: 1) * periodsPerYear.squareRoot()
    }

    /// Omega ratio (empyrical `omega_ratio`): gains over losses around the threshold
    /// `rf + ((1 + requiredReturn)^(1/A) − 1)`, where `requiredReturn` is annual (used as is when A = 1).
    /// NaN when there are no losses, the raw length is < 2 or `requiredReturn ≤ −1`.
    public static func omegaRatio(_ returns: [Double], riskFree: Double = 0, requiredReturn: Double = 0,
                                  periodsPerYear: Double = 252) throws(RiskError) -> Double {
        try checkFinite(returns, "returns")
        try checkAnnualization(periodsPerYear)
        guard riskFree.isFinite, requiredReturn.isFinite else {
            throw .invalidParameter(name: "riskFree/requiredReturn", reason: "must be finite")
        }
        guard returns.count >= 2 else { return .nan }
        let threshold: Double
        if periodsPerYear == 1 { threshold = requiredReturn }
        else if requiredReturn <= -1 { return .nan }
        else { threshold = pow(1 + requiredReturn, 1 / periodsPerYear) - 1 }
        var gains = 0.0, losses = 0.0
        for r in returns where !r.isNaN {
            let x = r - riskFree - threshold
            if x > 0 { gains += x } else if x < 0 { losses -= x }
        }
        return losses > 0 ? gains / losses : .nan
    }

    /// Stability (empyrical `stability_of_timeseries`): R² of an OLS line through the cumulative log
    /// returns `Σ log1p(r)` of the non-NaN periods against time. NaN when the raw length is < 2.
    public static func stability(_ returns: [Double]) throws(RiskError) -> Double {
        try checkFinite(returns, "returns")
        guard returns.count >= 2 else { return .nan }
        var y: [Double] = []
        var acc = 0.0
        for r in returns where !r.isNaN { acc += log1p(r); y.append(acc) }
        let n = Double(y.count)
        guard y.count >= 2 else { return .nan }
        let xm = (n - 1) / 2
        let ym = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (i, v) in y.enumerated() {
            let dx = Double(i) - xm, dy = v - ym
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy
        }
        if syy == 0 { return .nan }  // scipy ≥ 1.11 linregress: r is NaN for a flat line
        let rho = sxy / (sxx * syy).squareRoot()
        return min(rho * rho, 1)
    }

    /// Fraction of periods with a positive return among non-NaN periods.
    ///
    /// `excludeZeros: true` (default, quantstats `win_rate`) leaves 0 % periods out of the
    /// denominator; `false` counts them as non-wins. NaN when the denominator is 0.
    public static func winRate(_ returns: [Double], excludeZeros: Bool = true) throws(RiskError) -> Double {
        try checkFinite(returns, "returns")
        var wins = 0, total = 0
        for r in returns where !r.isNaN {
            if r > 0 { wins += 1 }
            if r != 0 || !excludeZeros { total += 1 }
        }
        return total == 0 ? .nan : Double(wins) / Double(total)
    }

    static func checkAligned(_ returns: [Double], _ benchmark: [Double]) throws(RiskError) {
        guard returns.count == benchmark.count else {
            throw .lengthMismatch(what: "benchmark", expected: returns.count, found: benchmark.count)
        }
        try checkFinite(returns, "returns")
        try checkFinite(benchmark, "benchmark")
    }
}
