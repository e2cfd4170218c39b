import Foundation
import NumericsSupport

/// Distribution summary of one metric over many random-selection paths.
public struct BaselineStatistic: Sendable, Equatable {
    /// Mean of the non-NaN values (NaN if there are none).
    public var mean: Double
    /// Median of the non-NaN values (linear quantile at ½).
    public var median: Double
    /// Linear (type 7) quantiles at 5 %, 25 %, 75 %, 95 %.
    public var q05: Double, q25: Double, q75: Double, q95: Double
    /// Paths whose metric was NaN (excluded from the statistics).
    public var nanCount: Int

    init(_ values: [Double]) {
        let v = sortedValid(values)
        nanCount = values.count - v.count
        func q(_ p: Double) -> Double {
            v.isEmpty ? .nan : v.withUnsafeBufferPointer { sampleQuantile(sorted: $0, probability: p, method: .linear) }
        }
        mean = v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
        median = q(0.5); q05 = q(0.05); q25 = q(0.25); q75 = q(0.75); q95 = q(0.95)
    }
}

/// Metrics of random-`k` portfolios over many seeds: the null distribution a strategy is judged against.
public struct RandomBaselineResult: Sendable, Equatable {
    /// Seed of each path (`baseSeed + i`).
    public var seeds: [UInt64]
    /// Annual return (CAGR) of each path; all per-path metrics are on net returns.
    public var annualReturns: [Double]
    /// Annualised Sharpe ratio of each path (risk-free rate 0).
    public var sharpeRatios: [Double]
    /// Maximum drawdown of each path (≤ 0).
    public var maxDrawdowns: [Double]
    /// Compounded total return of each path.
    public var totalReturns: [Double]

    /// Distribution of ``annualReturns`` (recomputed on every access).
    public var annualReturn: BaselineStatistic { BaselineStatistic(annualReturns) }
    /// Distribution of ``sharpeRatios`` (recomputed on every access).
    public var sharpeRatio: BaselineStatistic { BaselineStatistic(sharpeRatios) }
    /// Distribution of ``maxDrawdowns`` (recomputed on every access).
    public var maxDrawdown: BaselineStatistic { BaselineStatistic(maxDrawdowns) }
    /// Distribution of ``totalReturns`` (recomputed on every access).
    public var totalReturn: BaselineStatistic { BaselineStatistic(totalReturns) }

    /// Fraction of non-NaN paths whose `values` are strictly below `value`, plus half the ties
    /// (the mid-rank empirical percentile of a strategy within the random distribution).
    public static func percentileRank(of value: Double, in values: [Double]) -> Double {
        let v = values.filter { !$0.isNaN }
        guard !v.isEmpty, !value.isNaN else { return .nan }
        let below = v.filter { $0 < value }.count, ties = v.filter { $0 == value }.count
        return (Double(below) + 0.5 * Double(ties)) / Double(v.count)
    }
}

extension Backtest {
    /// Random-`k` baselines: at every rebalance row `t` each path draws `k` names per leg uniformly
    /// without replacement from the assets eligible at `t` (non-NaN score when `scores` is given,
    /// otherwise non-NaN return at `t`), equal-weighted, with the same rebalancing, side and costs as
    /// `configuration`. Under ``SelectionRule/topKDropout(nDrop:holdDays:)`` the path instead draws
    /// a uniform random score in [0, 1) for every eligible asset (ascending index; the others get
    /// none) and feeds it to the same ``TopkDropout`` rule, so it trades under the same `nDrop` and
    /// `holdDays` limits. Path `i` uses ``SplitMix64`` with state `baseSeed + i`, so results are
    /// reproducible. Metrics are computed on net returns with `periodsPerYear`.
    public static func randomBaseline(assetReturns: [[Double]], scores: [[Double]]? = nil,
                                      configuration c: BacktestConfiguration, paths: Int = 1000,
                                      baseSeed: UInt64 = 0, periodsPerYear: Double = 252) throws(RiskError) -> RandomBaselineResult {
        guard paths >= 1 else { throw .invalidParameter(name: "paths", reason: "must be ≥ 1 (got \(paths))") }
        try checkAnnualization(periodsPerYear)
        let all = try randomPaths(assetReturns: assetReturns, scores: scores, configuration: c, paths: paths, baseSeed: baseSeed)
        var out = RandomBaselineResult(seeds: [], annualReturns: [], sharpeRatios: [], maxDrawdowns: [], totalReturns: [])
        for (i, r) in all.enumerated() {
            out.seeds.append(baseSeed &+ UInt64(i))
            out.annualReturns.append(try RiskMetrics.annualReturn(r, periodsPerYear: periodsPerYear))
            out.sharpeRatios.append(try RiskMetrics.sharpeRatio(r, periodsPerYear: periodsPerYear))
            out.maxDrawdowns.append(try RiskMetrics.maxDrawdown(r))
            out.totalReturns.append(try RiskMetrics.totalReturn(r))
        }
        return out
    }

    /// The net-return series of the random-`k` paths behind ``randomBaseline(assetReturns:scores:configuration:paths:baseSeed:periodsPerYear:)``
    /// (same draws, seeds `baseSeed + i`), for callers that need whole paths (wealth bands, a median
    /// path, per-regime tables). `rebalanceWhen(t)` can veto a scheduled rebalance row as in
    /// ``run(scores:assetReturns:configuration:rebalanceWhen:)``; no random numbers are drawn then.
    public static func randomPaths(assetReturns: [[Double]], scores: [[Double]]? = nil,
                                   configuration c: BacktestConfiguration, paths: Int, baseSeed: UInt64 = 0,
                                   rebalanceWhen: ((Int) -> Bool)? = nil) throws(RiskError) -> [[Double]] {
        try randomBacktests(assetReturns: assetReturns, scores: scores, configuration: c, paths: paths, baseSeed: baseSeed,
                            rebalanceWhen: rebalanceWhen).map(\.netReturns)
    }

    /// The whole backtests (weights, turnover, costs, trades) of the random paths behind
    /// ``randomPaths(assetReturns:scores:configuration:paths:baseSeed:rebalanceWhen:)``: same draws.
    public static func randomBacktests(assetReturns: [[Double]], scores: [[Double]]? = nil,
                                       configuration c: BacktestConfiguration, paths: Int, baseSeed: UInt64 = 0,
                                       rebalanceWhen: ((Int) -> Bool)? = nil) throws(RiskError) -> [BacktestResult] {
        guard paths >= 0 else { throw .invalidParameter(name: "paths", reason: "must be ≥ 0 (got \(paths))") }
        try c.validate()
        if let scores { try checkPanel(scores, assetReturns) }
        let n = assetReturns.first?.count ?? 0
        var out: [BacktestResult] = []
        out.reserveCapacity(paths)
        for i in 0..<paths {
            var g = SplitMix64(state: baseSeed &+ UInt64(i))
            func eligible(_ t: Int) -> [Int] {
                (0..<n).filter { j in
                    if let scores { return !scores[t][j].isNaN && scores[t][j].isFinite }
                    return !assetReturns[t][j].isNaN
                }
            }
            switch c.selection {
            case .topK:
                out.append(try simulate(assetReturns: assetReturns, configuration: c) { (t: Int) throws(RiskError) -> [Double]? in
                    guard rebalanceWhen?(t) ?? true else { return nil }
                    return PortfolioSelection.randomWeights(eligible: eligible(t), assetCount: n, k: c.k, side: c.side, using: &g)
                })
            case let .topKDropout(nDrop, holdDays):
                var book = try TopkDropout(k: c.k, nDrop: nDrop, holdDays: holdDays)
                out.append(try simulate(assetReturns: assetReturns, configuration: c) { (t: Int) throws(RiskError) -> [Double]? in
                    guard rebalanceWhen?(t) ?? true else { return nil }
                    var draw = [Double](repeating: .nan, count: n)
                    // 53 random bits → a uniform double in [0, 1).
                    for j in eligible(t) { draw[j] = Double(g.next() >> 11) * 0x1p-53 }
                    try book.rebalance(scores: draw, row: t)
                    return book.weights(assetCount: n)
                })
            }
        }
        return out
    }

    /// Index of the path with the median terminal wealth `∏(1 + r)` (NaN periods count as 0 %):
    /// the upper median `sorted[count / 2]`, ties broken by the lower index. A real path, so its
    /// daily returns can be charted, unlike a per-day median. Nil for no paths.
    public static func medianPathIndex(_ paths: [[Double]]) throws(RiskError) -> Int? {
        guard !paths.isEmpty else { return nil }
        var wealth: [Double] = []
        wealth.reserveCapacity(paths.count)
        for p in paths { wealth.append(1 + (try RiskMetrics.cumulativeReturns(p).last ?? 0)) }
        let order = wealth.indices.sorted { wealth[$0] != wealth[$1] ? wealth[$0] < wealth[$1] : $0 < $1 }
        return order[order.count / 2]
    }
}
