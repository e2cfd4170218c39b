import Foundation

/// Distribution summary of one metric over many random-selection paths.
public struct BaselineStatistic: Sendable, Equatable {
    public var mean: Double
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
    /// Per-path metrics on net returns.
    public var annualReturns: [Double]
    public var sharpeRatios: [Double]
    public var maxDrawdowns: [Double]
    public var totalReturns: [Double]

    public var annualReturn: BaselineStatistic { BaselineStatistic(annualReturns) }
    public var sharpeRatio: BaselineStatistic { BaselineStatistic(sharpeRatios) }
    public var maxDrawdown: BaselineStatistic { BaselineStatistic(maxDrawdowns) }
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
    /// `configuration`. Path `i` uses ``SeededGenerator`` with seed `baseSeed + i`, so results are
    /// reproducible. Metrics are computed on net returns with `periodsPerYear`.
    public static func randomBaseline(assetReturns: [[Double]], scores: [[Double]]? = nil,
                                      configuration c: BacktestConfiguration, paths: Int = 1000,
                                      baseSeed: UInt64 = 0, periodsPerYear: Double = 252) throws(RiskError) -> RandomBaselineResult {
        guard paths >= 1 else { throw .invalidParameter(name: "paths", reason: "must be ≥ 1 (got \(paths))") }
        try checkAnnualization(periodsPerYear)
        if let scores { try checkPanel(scores, assetReturns) }
        var out = RandomBaselineResult(seeds: [], annualReturns: [], sharpeRatios: [], maxDrawdowns: [], totalReturns: [])
        let n = assetReturns.first?.count ?? 0
        for i in 0..<paths {
            let seed = baseSeed &+ UInt64(i)
            var g = SeededGenerator(seed: seed)
            let path = try simulate(assetReturns: assetReturns, configuration: c) { (t: Int) throws(RiskError) in
                var eligible = (0..<n).filter { j in
                    if let scores { return !scores[t][j].isNaN && scores[t][j].isFinite }
                    return !assetReturns[t][j].isNaN
                }
                let legs = c.side == .longShort ? 2 : 1
                let take = min(c.k * legs, eligible.count)
                for m in 0..<take {  // partial Fisher–Yates
                    let r = m + Int(g.next(upperBound: UInt64(eligible.count - m)))
                    eligible.swapAt(m, r)
                }
                var w = [Double](repeating: 0, count: n)
                switch c.side {
                case .long: PortfolioSelection.assign(&w, Array(eligible[0..<take]), [], sign: 1, scheme: .equal)
                case .short: PortfolioSelection.assign(&w, Array(eligible[0..<take]), [], sign: -1, scheme: .equal)
                case .longShort:
                    let half = (take + 1) / 2
                    PortfolioSelection.assign(&w, Array(eligible[0..<half]), [], sign: 1, scheme: .equal)
                    PortfolioSelection.assign(&w, Array(eligible[half..<take]), [], sign: -1, scheme: .equal)
                }
                return w
            }
            let r = path.netReturns
            out.seeds.append(seed)
            out.annualReturns.append(try RiskMetrics.annualReturn(r, periodsPerYear: periodsPerYear))
            out.sharpeRatios.append(try RiskMetrics.sharpeRatio(r, periodsPerYear: periodsPerYear))
            out.maxDrawdowns.append(try RiskMetrics.maxDrawdown(r))
            out.totalReturns.append(try RiskMetrics.totalReturn(r))
        }
        return out
    }
}
