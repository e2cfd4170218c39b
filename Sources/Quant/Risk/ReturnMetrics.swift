import Foundation

/// Risk and performance metrics on a series of simple per-period returns.
///
/// Conventions (Docs/Metrics.md): `0.01` is +1 %; NaN marks a missing period; ±inf throws
/// ``RiskError/nonFiniteInput(what:index:)``. Defaults reproduce empyrical-reloaded 0.7.1 with the
/// bad-input rules of CONVENTIONS §6 (empty or all-NaN → NaN); knobs reproduce
/// PerformanceAnalytics 2.1.0/2.0.8 and quantstats 0.0.86.
public enum RiskMetrics {
    // MARK: Compounding

    /// `∏(1 + r) − 1` over non-NaN periods; NaN for an empty or all-NaN series.
    public static func totalReturn(_ returns: [Double]) throws(RiskError) -> Double {
        try checkFinite(returns, "returns")
        let w = Wealth.compound(returns)
        return w.valid == 0 ? .nan : w.scaled - 1
    }

    /// Cumulative returns `∏_{i≤t}(1 + r_i) − 1`; a NaN period counts as 0 % (empyrical `cum_returns`).
    public static func cumulativeReturns(_ returns: [Double]) throws(RiskError) -> [Double] {
        try checkFinite(returns, "returns")
        var w = 1.0
        return returns.map { r in
            if !r.isNaN { w *= 1 + r }
            return w - 1
        }
    }

    /// Compound annual growth rate `W^(1/(n/A)) − 1`, `W = ∏(1 + r)`.
    ///
    /// `n` counts NaN periods by default (empyrical); `.validOnly` matches PA and quantstats.
    /// NaN for an empty or all-NaN series and when terminal wealth is negative.
    public static func annualReturn(_ returns: [Double], periodsPerYear: Double = 252,
                                    periodCount: PeriodCount = .all) throws(RiskError) -> Double {
        try checkFinite(returns, "returns")
        try checkAnnualization(periodsPerYear)
        let w = Wealth.compound(returns)
        let n = periodCount == .all ? returns.count : w.valid
        return w.annualized(periods: n, periodsPerYear: periodsPerYear)
    }

    /// `s·√A` with `s` the standard deviation (ddof 1 by default) of non-NaN returns;
    /// NaN when the raw length is < 2 (empyrical); exactly 0 for a constant series.
    public static func annualVolatility(_ returns: [Double], periodsPerYear: Double = 252,
                                        ddof: Int = 1) throws(RiskError) -> Double {
        try checkFinite(returns, "returns")
        try checkAnnualization(periodsPerYear)
        guard returns.count >= 2 else { return .nan }
        return Moments(returns).std(ddof: ddof) * periodsPerYear.squareRoot()
    }

    // MARK: Ratios

    /// Annualized Sharpe ratio `mean(r − rf)/s(r − rf)·√A`.
    ///
    /// NaN when the raw length is < 2. Zero dispersion (`max == min`, exact) gives ±inf, NaN for a
    /// zero mean (`zeroDispersion: .nan` gives NaN). `mean: .geometric` reproduces PA ≤ 2.0.x:
    /// `((∏(1 + r − rf))^(A/n) − 1)/(s(r)·√A)` with `n` the valid count.
    public static func sharpeRatio(_ returns: [Double], riskFree: PeriodRate = .zero, periodsPerYear: Double = 252,
                                   mean: SharpeMean = .arithmetic, ddof: Int = 1,
                                   zeroDispersion: ZeroDispersion = .infinity) throws(RiskError) -> Double {
        try checkFinite(returns, "returns")
        try checkAnnualization(periodsPerYear)
        try riskFree.validate(count: returns.count, name: "riskFree")
        guard returns.count >= 2 else { return .nan }
        let excess = riskFree.subtracted(from: returns, periodsPerYear: periodsPerYear)
        let m = Moments(excess)
        switch mean {
        case .arithmetic:
            return ratio(m.mean, m.std(ddof: ddof), zeroDispersion) * periodsPerYear.squareRoot()
        case .geometric:
            let w = Wealth.compound(excess)
            let g = w.annualized(periods: w.valid, periodsPerYear: periodsPerYear)
            return ratio(g, Moments(returns).std(ddof: ddof) * periodsPerYear.squareRoot(), zeroDispersion)
        }
    }

    /// Downside deviation `√(mean(min(r − MAR, 0)²))`, ×√A when `annualize` (empyrical `downside_risk`).
    ///
    /// `.full` averages over all non-NaN observations; `.belowTargetOnly` only over those below MAR
    /// (PA `method="subset"`). NaN for an empty or all-NaN series.
    public static func downsideRisk(_ returns: [Double], requiredReturn: PeriodRate = .zero,
                                    periodsPerYear: Double = 252, annualize: Bool = true,
                                    method: DownsideMethod = .full) throws(RiskError) -> Double {
        try checkFinite(returns, "returns")
        try checkAnnualization(periodsPerYear)
        try requiredReturn.validate(count: returns.count, name: "requiredReturn")
        let adj = requiredReturn.subtracted(from: returns, periodsPerYear: periodsPerYear)
        let dd = downsideDeviation(adj, method: method)
        return annualize ? dd * periodsPerYear.squareRoot() : dd
    }

    static func downsideDeviation(_ adjusted: [Double], method: DownsideMethod) -> Double {
        var n = 0, below = 0, ss = 0.0
        for v in adjusted where !v.isNaN {
            n += 1
            if v < 0 { below += 1; ss += v * v }
        }
        let d = method == .full ? n : below
        guard n > 0 else { return .nan }
        if d == 0 { return 0 }
        return (ss / Double(d)).squareRoot()
    }

    /// Sortino ratio `mean(r − MAR)·A / (DD·√A)` (empyrical): annualized, downside over all observations.
    ///
    /// NaN when the raw length is < 2. No downside gives ±inf (NaN for a zero mean); `noDownside: .nan`
    /// matches quantstats. `annualize: false` gives `mean/DD` per period (PA `SortinoRatio`).
    public static func sortinoRatio(_ returns: [Double], requiredReturn: PeriodRate = .zero,
                                    periodsPerYear: Double = 252, annualize: Bool = true,
                                    method: DownsideMethod = .full,
                                    noDownside: ZeroDispersion = .infinity) throws(RiskError) -> Double {
        try checkFinite(returns, "returns")
        try checkAnnualization(periodsPerYear)
        try requiredReturn.validate(count: returns.count, name: "requiredReturn")
        guard returns.count >= 2 else { return .nan }
        let adj = requiredReturn.subtracted(from: returns, periodsPerYear: periodsPerYear)
        let mean = Moments(adj).mean
        let dd = downsideDeviation(adj, method: method)
        if annualize {
            return ratio(mean * periodsPerYear, dd * periodsPerYear.squareRoot(), noDownside)
        }
        return ratio(mean, dd, noDownside)
    }

    /// Calmar ratio `annualReturn / |maxDrawdown|`.
    ///
    /// No drawdown gives NaN (empyrical) or, with `noDrawdown: .infinity`, `annualReturn/0` (PA).
    /// An infinite result is NaN under the default (empyrical). `periodCount: .validOnly` matches
    /// PA and quantstats.
    public static func calmarRatio(_ returns: [Double], periodsPerYear: Double = 252,
                                   periodCount: PeriodCount = .all,
                                   noDrawdown: CalmarNoDrawdown = .nan) throws(RiskError) -> Double {
        let ar = try annualReturn(returns, periodsPerYear: periodsPerYear, periodCount: periodCount)
        let mdd = try maxDrawdown(returns)
        return calmar(annualReturn: ar, maxDrawdown: mdd, noDrawdown: noDrawdown)
    }

    static func calmar(annualReturn ar: Double, maxDrawdown mdd: Double, noDrawdown: CalmarNoDrawdown) -> Double {
        if mdd.isNaN || ar.isNaN { return .nan }
        if mdd < 0 {
            let c = ar / -mdd
            return c.isInfinite && noDrawdown == .nan ? .nan : c
        }
        return noDrawdown == .nan ? .nan : ar / 0.0
    }
}

/// Compounded wealth `∏(1 + r)` over non-NaN periods, kept as `value · 2^exponent` so long
/// series neither overflow nor underflow.
struct Wealth {
    var value = 1.0
    var exponent = 0
    var valid = 0

    static let big = 0x1p600, small = 0x1p-600

    static func compound<C: Collection>(_ returns: C) -> Wealth where C.Element == Double {
        var w = Wealth()
        for r in returns where !r.isNaN {
            w.valid += 1
            w.value *= 1 + r
            w.renormalize()
        }
        return w
    }

    /// `value · 2^exponent` as a plain Double (may overflow to ±inf or underflow to 0).
    var scaled: Double { exponent == 0 ? value : value * pow(2, Double(exponent)) }

    @inline(__always)
    mutating func renormalize() {
        let a = abs(value)
        if a > Wealth.big { value *= Wealth.small; exponent += 600 }
        else if a < Wealth.small && a != 0 { value *= Wealth.big; exponent -= 600 }
    }

    /// `W^(1/(n/A)) − 1` with empyrical's operation order; NaN for W < 0, n = 0 or no valid period.
    func annualized(periods n: Int, periodsPerYear: Double) -> Double {
        guard valid > 0, n > 0, value >= 0 else { return .nan }
        let years = Double(n) / periodsPerYear
        if exponent == 0 { return pow(value, 1 / years) - 1 }
        return exp((log(value) + Double(exponent) * M_LN2) / years) - 1
    }
}
