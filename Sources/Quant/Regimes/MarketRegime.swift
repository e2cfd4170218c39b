import Foundation

/// A market state label.
public enum MarketRegime: String, Sendable, Equatable, CaseIterable, Comparable {
    case bull, bear, sideways

    /// Orders regimes by declaration order (bull, bear, sideways), so per-regime tables are stable.
    public static func < (a: MarketRegime, b: MarketRegime) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A parameterised rule that labels each row of an index-level series using only data up to
/// and including that row (the close of row `t` is known when the label for `t` is formed).
public enum RegimeRule: Sendable, Equatable {
    /// Trailing `window`-row return `P_t/P_(t−window) − 1`: bull if `≥ bull`, bear if `≤ bear`,
    /// otherwise sideways. Rows `t < window` (or with a NaN level involved) are unlabelled.
    case trailingReturn(window: Int, bull: Double, bear: Double)
    /// Slope of the `window`-row simple moving average over `lookback` rows,
    /// `MA_t/MA_(t−lookback) − 1`: bull if `> threshold`, bear if `< −threshold`, else sideways.
    /// Rows `t < window − 1 + lookback` (or whose windows hold a NaN level) are unlabelled.
    case movingAverageSlope(window: Int, lookback: Int, threshold: Double)
    /// Trailing drawdown / run-up over the last `window` rows: bear if `P_t/max(P_(t−W+1…t)) − 1 ≤ −bear`,
    /// otherwise bull if `P_t/min(P_(t−W+1…t)) − 1 ≥ bull`, otherwise sideways (bear wins ties of
    /// both conditions). Rows `t < window − 1` or whose window holds a NaN level are unlabelled.
    case drawdownFromPeak(window: Int, bear: Double, bull: Double)

    /// 60-row (≈ 3 months) trailing return, ±10 %.
    public static let defaultRule = RegimeRule.trailingReturn(window: 60, bull: 0.10, bear: -0.10)

    func validate() throws(RiskError) {
        switch self {
        case let .trailingReturn(window, bull, bear):
            guard window >= 1 else { throw .invalidParameter(name: "window", reason: "must be ≥ 1 (got \(window))") }
            guard bull.isFinite, bear.isFinite, bear < bull else {
                throw .invalidParameter(name: "bull/bear", reason: "must be finite with bear < bull (got \(bear), \(bull))")
            }
        case let .drawdownFromPeak(window, bear, bull):
            guard window >= 1 else { throw .invalidParameter(name: "window", reason: "must be ≥ 1 (got \(window))") }
            guard bear.isFinite, bull.isFinite, bear > 0, bull > 0 else {
                throw .invalidParameter(name: "bear/bull", reason: "must be finite and > 0 (got \(bear), \(bull))")
            }
        case let .movingAverageSlope(window, lookback, threshold):
            guard window >= 1, lookback >= 1 else {
                throw .invalidParameter(name: "window/lookback", reason: "must be ≥ 1 (got \(window), \(lookback))")
            }
            guard threshold.isFinite, threshold >= 0 else {
                throw .invalidParameter(name: "threshold", reason: "must be finite and ≥ 0 (got \(threshold))")
            }
        }
    }
}

/// Regime labelling and per-regime metrics (the paper's Table II: bull / bear / sideways market).
public enum RegimeAnalysis {
    /// Labels every row of `levels` (index closes, > 0) by `rule`; nil where the rule has no data yet.
    /// Throws for ±inf or a non-positive level, or invalid rule parameters.
    public static func label(levels: [Double], rule: RegimeRule = .defaultRule) throws(RiskError) -> [MarketRegime?] {
        try rule.validate()
        try checkFinite(levels, "levels")
        if let i = levels.firstIndex(where: { $0 <= 0 }) {
            throw .invalidParameter(name: "levels", reason: "must be > 0 (row \(i) is \(levels[i]))")
        }
        var out = [MarketRegime?](repeating: nil, count: levels.count)
        switch rule {
        case let .trailingReturn(window, bull, bear):
            for t in levels.indices where t >= window {
                let r = levels[t] / levels[t - window] - 1
                guard !r.isNaN else { continue }
                out[t] = r >= bull ? .bull : (r <= bear ? .bear : .sideways)
            }
        case let .drawdownFromPeak(window, bear, bull):
            for t in levels.indices where t >= window - 1 {
                let w = levels[(t - window + 1)...t]
                guard !w.contains(where: { $0.isNaN }) else { continue }
                let down = levels[t] / w.max()! - 1, up = levels[t] / w.min()! - 1
                out[t] = down <= -bear ? .bear : (up >= bull ? .bull : .sideways)
            }
        case let .movingAverageSlope(window, lookback, threshold):
            var ma = [Double](repeating: .nan, count: levels.count)
            var sum = 0.0, nans = 0
            for t in levels.indices {
                if levels[t].isNaN { nans += 1 } else { sum += levels[t] }
                if t >= window {
                    if levels[t - window].isNaN { nans -= 1 } else { sum -= levels[t - window] }
                }
                if t >= window - 1 && nans == 0 { ma[t] = sum / Double(window) }
            }
            for t in levels.indices where t >= lookback {
                let s = ma[t] / ma[t - lookback] - 1
                guard !s.isNaN else { continue }
                out[t] = s > threshold ? .bull : (s < -threshold ? .bear : .sideways)
            }
        }
        return out
    }

    /// Labels indexed by return period: the return of row `t` (close `t−1` → close `t`) gets the
    /// label formed at the close of `t − 1`, so no period is classified with information from
    /// inside it. Row 0 is unlabelled.
    public static func periodLabels(_ rowLabels: [MarketRegime?]) -> [MarketRegime?] {
        guard !rowLabels.isEmpty else { return [] }
        return [nil] + rowLabels.dropLast()
    }

    /// The returns of each regime, in time order (`labels` aligned with `returns`, e.g. from
    /// ``periodLabels(_:)``). Throws for a length mismatch.
    public static func split(returns: [Double], labels: [MarketRegime?]) throws(RiskError) -> [MarketRegime: [Double]] {
        guard returns.count == labels.count else {
            throw .lengthMismatch(what: "labels", expected: returns.count, found: labels.count)
        }
        var out: [MarketRegime: [Double]] = [:]
        for (r, l) in zip(returns, labels) { if let l { out[l, default: []].append(r) } }
        return out
    }

    /// Applies any metric to each regime's returns (regimes with no periods are absent).
    public static func perRegime(returns: [Double], labels: [MarketRegime?],
                                 _ metric: ([Double]) throws(RiskError) -> Double) throws(RiskError) -> [MarketRegime: Double] {
        var out: [MarketRegime: Double] = [:]
        for (regime, r) in try split(returns: returns, labels: labels) { out[regime] = try metric(r) }
        return out
    }

    /// Table II metrics for each regime: mean period return, max drawdown, Sharpe, historical VaR.
    ///
    /// Each regime's periods are concatenated in time order, so the drawdown compounds across
    /// non-adjacent spells of the same regime (documented approximation, as in the paper's setup).
    public static func table(returns: [Double], labels: [MarketRegime?], periodsPerYear: Double = 252,
                             tailProbability: Double = 0.05) throws(RiskError) -> [RegimeMetrics] {
        try checkAnnualization(periodsPerYear)
        try checkTail(tailProbability)
        return try split(returns: returns, labels: labels).sorted { $0.key < $1.key }.map { (regime, r) throws(RiskError) in
            let valid = r.filter { !$0.isNaN }
            return RegimeMetrics(
                regime: regime, periods: r.count,
                averageReturn: valid.isEmpty ? .nan : valid.reduce(0, +) / Double(valid.count),
                maxDrawdown: try RiskMetrics.maxDrawdown(r),
                sharpeRatio: try RiskMetrics.sharpeRatio(r, periodsPerYear: periodsPerYear),
                valueAtRisk: try RiskMetrics.valueAtRisk(r, tailProbability: tailProbability, nanPolicy: .omit))
        }
    }
}

/// One row of a per-regime table.
public struct RegimeMetrics: Sendable, Equatable {
    /// The regime of the row.
    public var regime: MarketRegime
    /// Periods labelled with the regime (NaN returns included).
    public var periods: Int
    /// Mean of the non-NaN period returns.
    public var averageReturn: Double
    /// Maximum drawdown (≤ 0) of the regime's periods concatenated in time order.
    public var maxDrawdown: Double
    /// Annualised Sharpe ratio of the regime's periods (risk-free rate 0).
    public var sharpeRatio: Double
    /// Historical VaR (NaN returns omitted).
    public var valueAtRisk: Double
}
