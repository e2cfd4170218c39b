import Foundation
import Quant

/// Top-k backtests on model scores: an adapter from the pipeline's asset-major arrays to Quant's
/// ``Backtest`` (selection, costs, random portfolios) and ``RiskOverlay``.
///
/// Timing (Docs/Backtest.md): at the close of a rebalance date t (every `rebalanceEvery` dates from
/// the first decision date, skipped when t is not a decision date) the portfolio is chosen from the
/// scores made at t (which use data up to t only); it earns the simple returns of dates t+1 … t+R
/// equally weighted (Quant's `.constantWeights`: re-weighted daily, the daily re-weighting is not
/// charged), and costs `c = costBps/10⁴ · Σ|Δw|` on NAV at the close of t, so the return of t+1 is
/// `(1 − c)(1 + gross) − 1`. Assets without a score at t are not eligible; a missing (or
/// non-finite) return on a held asset counts as 0 for that day. The holdings follow
/// `config.strategy` (Quant's ``SelectionRule``: top-k, or top-k dropout with its `nDrop` and
/// `holdDays`), and so do the random portfolios (random scores fed to the same rule).
public enum Backtester {
    /// Runs the model strategies, the random portfolios and the equal-weight universe.
    ///
    /// - Parameters:
    ///   - scores: per strategy, asset-major scores (`NaN` or ±inf = no prediction).
    ///   - simpleReturns: daily simple returns in `layout` (the value at (a, t) is earned on date t).
    ///   - decisionDates: the rebalance candidates (test decision dates, ascending).
    /// - Throws: Quant's `RiskError` for invalid settings (top-k or rebalance interval < 1, negative cost).
    public static func run(scores: [String: [Double]], simpleReturns: [Double], layout: PanelLayout,
                           decisionDates: [Int], config: BacktestConfig, seed: UInt64) throws(RiskError) -> StrategyBacktest {
        let A = layout.assetCount, T = layout.dateCount
        guard let first = decisionDates.first, let last = decisionDates.last, first + 1 < T else {
            return StrategyBacktest(days: [], returns: [:], random: [], randomMedian: [], turnover: [:], trades: [:], totalCost: [:])
        }
        let end = min(last + 1, T - 1)
        let days = Array((first + 1)...end)
        // Quant's panels are dates × assets; ±inf means "unusable" here, as NaN does.
        func panel(_ x: [Double]) -> [[Double]] {
            (0...end).map { t in (0..<A).map { a in let v = x[layout.index(asset: a, date: t)]; return v.isFinite ? v : .nan } }
        }
        let returnsPanel = panel(simpleReturns)
        let decisionSet = Set(decisionDates)
        let rebalanceWhen: (Int) -> Bool = { decisionSet.contains($0) }
        let configuration = BacktestConfiguration(k: config.topK, rebalanceEvery: config.rebalanceEvery, firstRebalance: first,
                                                  costBps: config.costBps, holding: .constantWeights, selection: config.selectionRule)
        let overlay = config.riskOverlay

        var returns: [String: [Double]] = [:], turnover: [String: Double] = [:]
        var trades: [String: [RebalanceTrade]] = [:], totalCost: [String: Double] = [:]
        var holdings: [String: [(date: Int, weights: [Double])]] = [:]
        for name in scores.keys.sorted() {
            let res = try Backtest.run(scores: panel(scores[name]!), assetReturns: returnsPanel,
                                       configuration: configuration, rebalanceWhen: rebalanceWhen)
            returns[name] = try overlay.apply(res.netReturns).returns
            let twoWay = res.averageTurnoverPerRebalance
            turnover[name] = twoWay.isNaN ? 0 : twoWay / 2
            trades[name] = res.trades
            holdings[name] = res.weights.enumerated().map { (res.startRow + $0.offset, $0.element) }
            totalCost[name] = res.totalCost
        }
        // Random-k: eligible = assets any model could pick (a score from the first model, if any).
        let reference = scores.keys.sorted().first.map { panel(scores[$0]!) }
        var random: [[Double]] = [], randomCosts: [Double] = []
        for path in try Backtest.randomBacktests(assetReturns: returnsPanel, scores: reference, configuration: configuration,
                                                 paths: config.randomPortfolios, baseSeed: seed &+ 0x5EED,
                                                 rebalanceWhen: rebalanceWhen) {
            random.append(try overlay.apply(path.netReturns).returns)
            randomCosts.append(path.totalCost)
        }
        if !randomCosts.isEmpty { totalCost["random"] = Statistics.median(randomCosts) }
        let randomMedian = try Backtest.medianPathIndex(random).map { random[$0] } ?? []
        // Equal-weight universe (no costs): mean of the available returns each day.
        returns["universe"] = days.map { d in
            let m = Statistics.mean(returnsPanel[d])
            return m.isNaN ? 0 : m
        }
        totalCost["universe"] = 0
        return StrategyBacktest(days: days, returns: returns, random: random, randomMedian: randomMedian, turnover: turnover,
                                trades: trades, totalCost: totalCost, holdings: holdings)
    }
}
