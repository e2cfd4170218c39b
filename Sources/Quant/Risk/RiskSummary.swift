import Foundation

/// The usual set of risk and performance metrics of one return series, computed together.
///
/// Every field equals the standalone ``RiskMetrics`` function with default knobs (to rounding:
/// sums here are sequential, not numpy-pairwise).
public struct RiskSummary: Sendable, Equatable {
    /// Raw length (NaN included).
    public var count: Int
    /// Non-NaN observations.
    public var validCount: Int
    /// Annualisation factor A used (e.g. 252 for daily returns).
    public var periodsPerYear: Double
    /// Tail probability c of the VaR and CVaR fields (e.g. 0.05).
    public var tailProbability: Double
    /// `∏(1 + r) − 1` over non-NaN periods.
    public var totalReturn: Double
    /// Compound annual growth rate `W^(A/n) − 1`, `n` counting NaN periods (empyrical).
    public var annualReturn: Double
    /// Standard deviation (ddof 1) of non-NaN returns times √A.
    public var annualVolatility: Double
    /// Annualised Sharpe ratio `mean(r − rf)/s(r − rf)·√A`.
    public var sharpeRatio: Double
    /// Annualised Sortino ratio against `requiredReturn` (downside over all observations, empyrical).
    public var sortinoRatio: Double
    /// Annualised downside deviation `√(mean(min(r − MAR, 0)²))·√A`.
    public var downsideRisk: Double
    /// `annualReturn / |maxDrawdown|` (NaN without a drawdown, empyrical).
    public var calmarRatio: Double
    /// Maximum drawdown (≤ 0) with its peak, trough and recovery.
    public var drawdown: DrawdownInfo
    /// Historical VaR (numpy linear quantile; NaN if any NaN, as empyrical).
    public var valueAtRisk: Double
    /// Historical CVaR, mean of the `⌊(n−1)c⌋ + 1` smallest non-NaN returns.
    public var conditionalValueAtRisk: Double
    /// Gaussian VaR `x̄ + Φ⁻¹(c)·s` over non-NaN returns (ddof 1, quantstats).
    public var gaussianValueAtRisk: Double
    /// Gaussian expected shortfall `x̄ − s·φ(Φ⁻¹(c))/c` (ddof 1, quantstats).
    public var gaussianConditionalValueAtRisk: Double
    /// Maximum drawdown (≤ 0), shorthand for `drawdown.maxDrawdown`.
    public var maxDrawdown: Double { drawdown.maxDrawdown }
}

extension RiskMetrics {
    /// Computes ``RiskSummary`` in two streaming passes over the data plus a sort of one
    /// histogram bucket (see ``summary(_:periodsPerYear:riskFree:requiredReturn:tailProbability:varNaNPolicy:)-(UnsafeBufferPointer<Double>,_,_,_,_,_)``).
    public static func summary(_ returns: [Double], periodsPerYear: Double = 252, riskFree: Double = 0,
                               requiredReturn: Double = 0, tailProbability: Double = 0.05,
                               varNaNPolicy: NaNPolicy = .propagate) throws(RiskError) -> RiskSummary {
        var result: Result<RiskSummary, RiskError>!
        returns.withUnsafeBufferPointer { buffer in
            result = Result { () throws(RiskError) in
                try summary(buffer, periodsPerYear: periodsPerYear, riskFree: riskFree,
                            requiredReturn: requiredReturn, tailProbability: tailProbability,
                            varNaNPolicy: varNaNPolicy)
            }
        }
        return try result.get()
    }

    /// Risk summary of a contiguous buffer of returns, without copying it.
    ///
    /// Pass 1 validates, counts, sums, compounds wealth and drawdown, accumulates the downside sum of
    /// squares and builds a 65,536-bucket histogram of the order-preserving top 16 bits of each
    /// value. Pass 2 sums squared deviations from the mean, sums every value in buckets below the
    /// tail bucket and gathers the values of the bucket(s) holding the needed order statistics,
    /// which are then sorted (a small fraction of n for real data; all of n only if every value
    /// shares its top 16 bits). `riskFree` and `requiredReturn` are per period; `varNaNPolicy: .omit`
    /// computes VaR over the non-NaN returns instead of returning NaN when any is missing.
    public static func summary(_ returns: UnsafeBufferPointer<Double>, periodsPerYear: Double = 252,
                               riskFree: Double = 0, requiredReturn: Double = 0,
                               tailProbability c: Double = 0.05,
                               varNaNPolicy: NaNPolicy = .propagate) throws(RiskError) -> RiskSummary {
        try checkAnnualization(periodsPerYear)
        try checkTail(c)
        guard riskFree.isFinite, requiredReturn.isFinite else {
            throw .invalidParameter(name: "riskFree/requiredReturn", reason: "must be finite")
        }
        let n = returns.count
        let a = periodsPerYear, sqrtA = periodsPerYear.squareRoot()

        // Pass 1.
        var valid = 0, nanCount = 0
        var sum = 0.0, compensation = 0.0
        var lo = Double.infinity, hi = -Double.infinity
        var downsideSS = 0.0
        var wealth = Wealth()
        var tracker = DrawdownTracker(compounding: .geometric)
        var histogram = [Int](repeating: 0, count: 1 << 16)
        try histogram.withUnsafeMutableBufferPointer { (hist) throws(RiskError) in
            for t in 0..<n {
                let x = returns[t]
                if x.isNaN { nanCount += 1; continue }
                if x.isInfinite { throw .nonFiniteInput(what: "returns", index: t) }
                valid += 1
                // Neumaier summation: the mean of 1e7 values stays exact to ~1 ulp.
                let s = sum + x
                compensation += Swift.abs(sum) >= Swift.abs(x) ? (sum - s) + x : (x - s) + sum
                sum = s
                if x < lo { lo = x }
                if x > hi { hi = x }
                let d = x - requiredReturn
                if d < 0 { downsideSS += d * d }
                wealth.value *= 1 + x
                wealth.renormalize()
                _ = tracker.step(x, at: t)
                hist[bucketKey(x)] += 1
            }
        }
        wealth.valid = valid
        let mean = valid > 0 ? (sum + compensation) / Double(valid) : .nan

        // Order statistics needed: the linear-quantile pair and the CVaR cut K.
        var plan = QuantilePlan(lower: 0, upper: 0, gamma: 0)
        var cvarK = 0
        var lowBucket = -1, highBucket = -1, below = 0
        if valid > 0 {
            plan = QuantileMethod.linear.plan(count: valid, probability: (100 * c) / 100)
            cvarK = min(Int(Double(valid - 1) * c), valid - 1)
            let ranks = [plan.lower, plan.upper, cvarK]
            (lowBucket, highBucket, below) = TailSelection.bucketRange(histogram, ranks: ranks.min()!...ranks.max()!)
        }

        // Pass 2.
        var ss = 0.0
        var sumBelow = 0.0
        var gathered: [Double] = []
        if valid > 0 {
            for t in 0..<n {
                let x = returns[t]
                if x.isNaN { continue }
                let dev = x - mean
                ss += dev * dev
                let k = bucketKey(x)
                if k < lowBucket { sumBelow += x }
                else if k <= highBucket { gathered.append(x) }
            }
            gathered.sort()
        }

        func orderStatistic(_ i: Int) -> Double { gathered[i - below] }
        let std: Double = valid > 1 ? (lo == hi ? 0 : (ss / Double(valid - 1)).squareRoot()) : .nan
        var var95 = Double.nan, cvar = Double.nan
        if valid > 0 {
            if nanCount == 0 || varNaNPolicy == .omit {
                var95 = plan.lower == plan.upper ? orderStatistic(plan.lower)
                    : numpyLerp(orderStatistic(plan.lower), orderStatistic(plan.upper), plan.gamma)
            }
            var tail = sumBelow
            for i in below...cvarK { tail += orderStatistic(i) }
            cvar = tail / Double(cvarK + 1)
        }
        let annualReturn = wealth.annualized(periods: n, periodsPerYear: a)
        let dd = tracker.info
        let downside = valid > 0 ? (downsideSS / Double(valid)).squareRoot() : .nan
        let excessMean = mean - riskFree
        let sortinoMean = mean - requiredReturn
        return RiskSummary(
            count: n, validCount: valid, periodsPerYear: a, tailProbability: c,
            totalReturn: valid > 0 ? wealth.scaled - 1 : .nan,
            annualReturn: annualReturn,
            annualVolatility: n >= 2 ? std * sqrtA : .nan,
            sharpeRatio: n >= 2 ? excessMean / std * sqrtA : .nan,
            sortinoRatio: n >= 2 ? (sortinoMean * a) / (downside * sqrtA) : .nan,
            downsideRisk: downside * sqrtA,
            calmarRatio: calmar(annualReturn: annualReturn, maxDrawdown: dd.maxDrawdown, noDrawdown: .nan),
            drawdown: dd,
            valueAtRisk: var95,
            conditionalValueAtRisk: cvar,
            gaussianValueAtRisk: gaussianVaR(mean: mean, std: std, c: c),
            gaussianConditionalValueAtRisk: gaussianCVaR(mean: mean, std: std, c: c))
    }

    /// Top 16 bits of an order-preserving integer image of `x` (negative values bit-inverted).
    @inline(__always)
    static func bucketKey(_ x: Double) -> Int {
        let b = x.bitPattern
        let k = b >> 63 == 1 ? ~b : b | (1 << 63)
        return Int(truncatingIfNeeded: k >> 48)
    }
}
