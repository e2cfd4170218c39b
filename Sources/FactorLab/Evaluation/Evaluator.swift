import Foundation
import Quant

/// Turns predictions into IC tables, backtests and risk tables.
public enum Evaluator {
    /// Evaluates the test-period predictions of `folds`.
    ///
    /// - Parameters:
    ///   - indexClose: the benchmark index aligned to `panel.dates`; without it the regimes come
    ///     from the equal-weight universe's cumulative wealth.
    ///   - predictions: per model, predictions in `panel.layout` (`NaN` = none).
    /// - Throws: Quant's `RiskError` for invalid backtest settings or a ±inf return.
    public static func evaluate(panel: MarketPanel, indexClose: [Double]?, config: PipelineConfig, folds: [FoldOutcome],
                                predictions: [String: [Double]]) throws -> Evaluation {
        let layout = panel.layout
        let A = panel.assetCount, T = panel.dateCount
        let logR = panel.logReturns()
        let simple = logR.map { $0.isFinite ? Foundation.exp($0) - 1 : .nan }
        let target = ForwardTarget.meanLogReturn(logReturns: logR, layout: layout, horizon: config.horizon)
        // Test decision dates: the union over the folds that ran and have predictions.
        var decision = Set<Int>()
        for f in folds { decision.formUnion(f.fold.test) }
        let decisionDates = decision.sorted()
        let modelNames = predictions.keys.sorted().filter { name in predictions[name]!.contains { $0.isFinite } }
        var scores: [String: [Double]] = [:]
        for m in modelNames { scores[m] = predictions[m] }
        let bt = try Backtester.run(scores: scores, simpleReturns: simple, layout: layout,
                                    decisionDates: decisionDates, config: config.backtest, seed: config.seed)
        // Regimes.
        let source: String
        let labelsAll: [MarketRegime]
        if let idx = indexClose, idx.contains(where: { $0.isFinite }) {
            labelsAll = config.regimes.label(prices: idx)
            source = "benchmark index"
        } else {
            var w = 1.0
            let eq: [Double] = (0..<T).map { t in
                var s = 0.0, n = 0
                for a in 0..<A { let r = simple[layout.index(asset: a, date: t)]; if r.isFinite { s += r; n += 1 } }
                if n > 0 { w *= 1 + s / Double(n) }
                return w
            }
            labelsAll = config.regimes.label(prices: eq)
            source = "equal-weight universe (no index given)"
        }
        // Quant's period convention: the return earned on day d (close d−1 → close d) is classified by
        // the label known at the close of d−1, never by information from inside the day.
        let periodLabels = RegimeAnalysis.periodLabels(labelsAll.map { Optional($0) })
        let labels = bt.days.map { periodLabels[$0] ?? .sideways }
        func evaluate(_ r: [Double], ic: PredictionIC?, turnover: Double) throws(RiskError) -> StrategyEvaluation {
            var reg: [MarketRegime: RegimePerformance] = [:]
            for g in MarketRegime.allCases { reg[g] = try RegimePerformance(returns: r, labels: labels, regime: g) }
            return StrategyEvaluation(ic: ic, performance: try PerformanceMetrics(returns: r), regimes: reg, returns: r, turnover: turnover)
        }
        var out: [String: StrategyEvaluation] = [:]
        for m in modelNames {
            let ic = PredictionIC(predictions: scores[m]!, targets: target, layout: layout, decisionDates: decisionDates)
            out[m] = try evaluate(bt.returns[m] ?? [], ic: ic, turnover: bt.turnover[m] ?? 0)
        }
        out["universe"] = try evaluate(bt.returns["universe"] ?? [], ic: nil, turnover: 0)
        // Random: median of each metric across portfolios; returns of the median-wealth portfolio.
        // With no random portfolios (`randomPortfolios` 0) there is no random strategy.
        let perRandom = try bt.random.map { r throws(RiskError) in try evaluate(r, ic: nil, turnover: 0) }
        if !perRandom.isEmpty {
            var random = try evaluate(bt.randomMedian, ic: nil, turnover: 0)
            func med(_ f: (StrategyEvaluation) -> Double) -> Double { Statistics.median(perRandom.map(f)) }
            random.performance.annualReturn = med { $0.performance.annualReturn }
            random.performance.sharpe = med { $0.performance.sharpe }
            random.performance.maxDrawdown = med { $0.performance.maxDrawdown }
            random.performance.var95 = med { $0.performance.var95 }
            random.performance.averageDailyReturn = med { $0.performance.averageDailyReturn }
            for g in MarketRegime.allCases {
                random.regimes[g]!.averageDailyReturn = med { $0.regimes[g]!.averageDailyReturn }
                random.regimes[g]!.maxDrawdown = med { $0.regimes[g]!.maxDrawdown }
                random.regimes[g]!.sharpe = med { $0.regimes[g]!.sharpe }
                random.regimes[g]!.var95 = med { $0.regimes[g]!.var95 }
            }
            out["random"] = random
        }
        let wealth = try bt.random.map { r throws(RiskError) in try RiskMath.wealth(r) }
        var lo: [Double] = [], hi: [Double] = []
        for d in bt.days.indices where !wealth.isEmpty {
            let col = wealth.map { $0[d] }
            lo.append(Statistics.quantile(col, 0.05)); hi.append(Statistics.quantile(col, 0.95))
        }
        let rs = perRandom.map { $0.performance.sharpe }
        var pct: [String: Double] = [:]
        for m in modelNames where !rs.isEmpty {
            pct[m] = RandomBaselineResult.percentileRank(of: out[m]!.performance.sharpe, in: rs)
        }
        return Evaluation(days: bt.days.map { panel.dates[$0] }, strategies: out, labels: labels, regimeSource: source,
                          randomSharpe: rs, randomAnnualReturn: perRandom.map { $0.performance.annualReturn },
                          randomWealthBand: (lo, hi), randomPercentile: pct)
    }
}
