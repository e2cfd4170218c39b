import Foundation
import NumericsSupport

extension RiskMetrics {
    /// Historical value at risk: the `tailProbability` quantile of the returns (negative = loss).
    ///
    /// Default = empyrical `value_at_risk`: `np.percentile(r, 100c)` with numpy's `linear` method
    /// (R type 7) and NaN propagating. `nanPolicy: .omit` drops NaN first (PA, `nanpercentile`);
    /// `method` selects any numpy quantile definition; `sign: .positive` reports a positive loss;
    /// `clamp: .performanceAnalytics` returns NaN for a gain and caps losses at −100 % (PA `VaR`).
    /// NaN for an empty series. Throws for ±inf or `tailProbability ∉ [0, 1]`.
    public static func valueAtRisk(_ returns: [Double], tailProbability: Double = 0.05,
                                   method: QuantileMethod = .linear, nanPolicy: NaNPolicy = .propagate,
                                   sign: LossSign = .negative, clamp: TailClamp = .none) throws(RiskError) -> Double {
        try checkFinite(returns, "returns")
        try checkTail(tailProbability)
        if nanPolicy == .propagate && returns.contains(where: { $0.isNaN }) { return .nan }
        let v = validValues(returns)
        guard !v.isEmpty else { return .nan }
        // empyrical calls np.percentile(r, 100c), which divides by 100 again.
        let plan = method.plan(count: v.count, probability: (100 * tailProbability) / 100)
        var x = v.withUnsafeBufferPointer { TailSelection($0, ranks: [plan.lower, plan.upper]).quantile(plan) }
        if clamp == .performanceAnalytics { x = x > 0 ? .nan : max(x, -1) }
        return sign == .negative ? x : -x
    }

    /// Historical conditional value at risk (expected shortfall), the mean return in the
    /// `tailProbability` tail (negative = loss). NaN observations are dropped (empyrical 0.7.1).
    ///
    /// `rule` picks the tail: the `⌊(n−1)c⌋ + 1` smallest (empyrical, default), `≤` the type-7
    /// quantile (quantstats), `<` it (PA `ES`), or the exact Acerbi–Tasche tail.
    /// `clamp: .performanceAnalytics` returns NaN for a gain and caps losses at −100 % (PA). NaN for an empty or all-NaN series.
    public static func conditionalValueAtRisk(_ returns: [Double], tailProbability: Double = 0.05,
                                              rule: CVaRRule = .orderStatistic, sign: LossSign = .negative,
                                              clamp: TailClamp = .none) throws(RiskError) -> Double {
        try checkFinite(returns, "returns")
        try checkTail(tailProbability)
        let v = validValues(returns)
        guard !v.isEmpty else { return .nan }
        var x = v.withUnsafeBufferPointer { tailMean($0, c: tailProbability, rule: rule) }
        if clamp == .performanceAnalytics { x = x > 0 ? .nan : max(x, -1) }
        return sign == .negative ? x : -x
    }

    /// Tail mean of the NaN-free, unsorted values `v` under `rule`.
    static func tailMean(_ v: UnsafeBufferPointer<Double>, c: Double, rule: CVaRRule) -> Double {
        let n = v.count
        switch rule {
        case .orderStatistic:
            let k = min(Int(Double(n - 1) * c), n - 1)
            return TailSelection(v, ranks: [k]).sumOfSmallest(k + 1) / Double(k + 1)
        case .lessOrEqualQuantile, .strictlyBelowQuantile:
            let plan = QuantileMethod.linear.plan(count: n, probability: c)
            let q = TailSelection(v, ranks: [plan.lower, plan.upper]).quantile(plan)
            var sum = 0.0, k = 0
            for x in v where rule == .lessOrEqualQuantile ? x <= q : x < q { sum += x; k += 1 }
            return k == 0 ? q : sum / Double(k)
        case .exact:
            let nc = Double(n) * c
            let m = Int(nc.rounded(.down))
            guard nc > 0 else { return TailSelection(v, ranks: [0]).value(0) }
            if m >= n { return TailSelection(v, ranks: [n - 1]).sumOfSmallest(n) / nc }
            let t = TailSelection(v, ranks: [m])
            return (t.sumOfSmallest(m) + (nc - Double(m)) * t.value(m)) / nc
        }
    }

    /// Gaussian (parametric) VaR `x̄ + Φ⁻¹(c)·s` over non-NaN returns (quantstats `var`, ddof 1).
    ///
    /// `ddof: 0` and `clamp: .performanceAnalytics` reproduce PA `VaR(method="gaussian")`. A constant
    /// series gives its value; NaN when fewer than `ddof + 1` observations.
    public static func gaussianValueAtRisk(_ returns: [Double], tailProbability: Double = 0.05, ddof: Int = 1,
                                           sign: LossSign = .negative, clamp: TailClamp = .none) throws(RiskError) -> Double {
        try checkFinite(returns, "returns")
        try checkTail(tailProbability)
        let m = Moments(returns)
        var x = gaussianVaR(mean: m.mean, std: m.std(ddof: ddof), c: tailProbability)
        if clamp == .performanceAnalytics { x = x > 0 ? .nan : max(x, -1) }
        return sign == .negative ? x : -x
    }

    /// Gaussian expected shortfall `x̄ − s·φ(Φ⁻¹(c))/c` (quantstats ≥ 0.0.83 `cvar`, ddof 1).
    ///
    /// `ddof: 0` and `clamp: .performanceAnalytics` reproduce PA `ES(method="gaussian")`.
    public static func gaussianConditionalValueAtRisk(_ returns: [Double], tailProbability: Double = 0.05,
                                                      ddof: Int = 1, sign: LossSign = .negative,
                                                      clamp: TailClamp = .none) throws(RiskError) -> Double {
        try checkFinite(returns, "returns")
        try checkTail(tailProbability)
        let m = Moments(returns)
        var x = gaussianCVaR(mean: m.mean, std: m.std(ddof: ddof), c: tailProbability)
        if clamp == .performanceAnalytics { x = x > 0 ? .nan : max(x, -1) }
        return sign == .negative ? x : -x
    }

    static func gaussianVaR(mean: Double, std: Double, c: Double) -> Double {
        if std == 0 { return mean }
        return mean + StandardNormal.quantile(c) * std
    }

    static func gaussianCVaR(mean: Double, std: Double, c: Double) -> Double {
        if std == 0 { return mean }
        if c == 0 { return std.isNaN ? .nan : -.infinity }
        return mean - std * StandardNormal.pdf(StandardNormal.quantile(c)) / c
    }

    /// Tail ratio `|q_0.95| / |q_0.05|` of the non-NaN returns (empyrical `tail_ratio`); NaN if empty.
    public static func tailRatio(_ returns: [Double]) throws(RiskError) -> Double {
        try checkFinite(returns, "returns")
        let v = sortedValid(returns)
        guard !v.isEmpty else { return .nan }
        return v.withUnsafeBufferPointer {
            abs(sampleQuantile(sorted: $0, probability: 0.95, method: .linear))
                / abs(sampleQuantile(sorted: $0, probability: 0.05, method: .linear))
        }
    }
}
