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
    ///   - sectors: sector codes per (asset, date); with them the evaluation has a ``SectorAnalysis``.
    /// - Throws: Quant's `RiskError` for invalid backtest settings or a ±inf return.
    public static func evaluate(panel: MarketPanel, indexClose: [Double]?, config: PipelineConfig, folds: [FoldOutcome],
                                predictions: [String: [Double]], sectors: GroupCodes? = nil) throws -> Evaluation {
        try evaluate(panel: panel, indexClose: indexClose, config: config, folds: folds, predictions: predictions, sectors: sectors,
                     analyses: true)
    }

    /// The evaluation; `analyses` adds the tear sheets and the sector analysis (replicates other
    /// than the base seed's skip them: the report and summary show the base seed's only).
    private static func evaluate(panel: MarketPanel, indexClose: [Double]?, config: PipelineConfig, folds: [FoldOutcome],
                                 predictions: [String: [Double]], sectors: GroupCodes?, analyses: Bool) throws -> Evaluation {
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
        // Regimes: from the index where it decides a day's label, else from the equal-weight universe
        // (see `regimeLabels`), with a warning naming the days the index does not cover.
        let regimes = regimeLabels(panel: panel, indexClose: indexClose, simpleReturns: simple, days: bt.days, config: config)
        let labels = regimes.labels, source = regimes.source
        func evaluate(_ r: [Double], ic: PredictionIC?, turnover: Double) throws(RiskError) -> StrategyEvaluation {
            var reg: [MarketRegime: RegimePerformance] = [:]
            for g in MarketRegime.allCases { reg[g] = try RegimePerformance(returns: r, labels: labels, regime: g) }
            return StrategyEvaluation(ic: ic, performance: try PerformanceMetrics(returns: r), regimes: reg, returns: r, turnover: turnover)
        }
        var out: [String: StrategyEvaluation] = [:]
        for m in modelNames {
            let ic = PredictionIC(predictions: scores[m]!, targets: target, layout: layout, decisionDates: decisionDates)
            out[m] = try evaluate(bt.returns[m] ?? [], ic: ic, turnover: bt.turnover[m] ?? 0)
            out[m]!.totalCost = bt.totalCost[m] ?? 0
        }
        out["universe"] = try evaluate(bt.returns["universe"] ?? [], ic: nil, turnover: 0)
        for m in modelNames {
            out[m]!.excess = ExcessReturnMetrics(returns: out[m]!.returns, benchmark: out["universe"]!.returns)
        }
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
            random.totalCost = bt.totalCost["random"] ?? .nan
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
        var evaluation = Evaluation(days: bt.days.map { panel.dates[$0] }, strategies: out, labels: labels, regimeSource: source,
                                    randomSharpe: rs, randomAnnualReturn: perRandom.map { $0.performance.annualReturn },
                                    randomWealthBand: (lo, hi), randomPercentile: pct, warnings: regimes.warnings, trades: bt.trades)
        guard analyses else { return evaluation }
        let close = panel.fields["close"] ?? layout.filled(.nan)
        let horizons = config.horizon == 1 ? [1] : [1, config.horizon]
        for m in modelNames {
            let input = TearSheetInput(layout: layout, factor: scores[m]!, prices: .closes(close),
                                       dates: panel.dates, groups: sectors?.codes, groupNames: sectors?.names ?? [])
            do { evaluation.tearSheets[m] = try FactorTearSheet.compute(input, options: TearSheetOptions(horizons: horizons)) }
            catch { evaluation.warnings.append("no tear sheet of \(m)'s predictions: \(error)") }
        }
        if let sectors {
            evaluation.sectors = SectorAnalysis.compute(sectors: sectors, predictions: scores, target: target, decisionDates: decisionDates,
                                                        horizon: config.horizon, holdings: bt.holdings, priced: close)
        }
        return evaluation
    }

    /// Evaluates every seed replicate's predictions (`seedPredictions`, replicate 0 first; see
    /// ``PipelinePredictions/allSeeds``). Returns replicate 0's evaluation, with ``Evaluation/replicates``
    /// holding all of them when there are several. Replicates 1… are backtested without their own
    /// random portfolios: the random baseline stays on the base seed, so they share replicate 0's
    /// (and each model's percentile is ranked among those).
    public static func evaluate(panel: MarketPanel, indexClose: [Double]?, config: PipelineConfig, folds: [FoldOutcome],
                                seedPredictions: [[String: [Double]]], sectors: GroupCodes? = nil) throws -> Evaluation {
        precondition(!seedPredictions.isEmpty, "Evaluator: no replicate predictions")
        var base = try evaluate(panel: panel, indexClose: indexClose, config: config, folds: folds, predictions: seedPredictions[0],
                                sectors: sectors)
        guard seedPredictions.count > 1 else { return base }
        var quiet = config
        quiet.backtest.randomPortfolios = 0
        var all = [base]
        for p in seedPredictions.dropFirst() {
            var r = try evaluate(panel: panel, indexClose: indexClose, config: quiet, folds: folds, predictions: p, sectors: nil,
                                 analyses: false)
            r.strategies["random"] = base.strategies["random"]
            r.randomSharpe = base.randomSharpe
            r.randomAnnualReturn = base.randomAnnualReturn
            r.randomWealthBand = base.randomWealthBand
            r.randomPercentile = [:]
            for (m, s) in r.strategies where s.ic != nil && !base.randomSharpe.isEmpty {
                r.randomPercentile[m] = RandomBaselineResult.percentileRank(of: s.performance.sharpe, in: base.randomSharpe)
            }
            all.append(r)
        }
        base.replicates = all
        return base
    }

    /// The regime label of each evaluation day (`days`: panel date indices) and where it came from.
    ///
    /// Quant's period convention: the return earned on day d (close d−1 → close d) is classified by
    /// the label known at the close of d−1, never by information from inside the day. With an index,
    /// a day whose index label is unknown — the index has no level on d−1 or `lookback` days before
    /// (the file stops early, has gaps or turns NaN) — takes the equal-weight universe's label
    /// instead, and `warnings` says how many days and which (first, last). Days neither series can
    /// label (the first `lookback` days of the panel) are `sideways`.
    static func regimeLabels(panel: MarketPanel, indexClose: [Double]?, simpleReturns simple: [Double], days: [Int],
                             config: PipelineConfig) -> (labels: [MarketRegime], source: String, warnings: [String]) {
        let layout = panel.layout
        let A = panel.assetCount, T = panel.dateCount
        var w = 1.0
        let eq: [Double] = (0..<T).map { t in
            var s = 0.0, n = 0
            for a in 0..<A { let r = simple[layout.index(asset: a, date: t)]; if r.isFinite { s += r; n += 1 } }
            if n > 0 { w *= 1 + s / Double(n) }
            return w
        }
        let universe = RegimeAnalysis.periodLabels(config.regimes.knownLabels(prices: eq))
        guard let idx = indexClose else {
            return (days.map { universe[$0] ?? .sideways }, "equal-weight universe (no index given)", [])
        }
        guard idx.contains(where: { $0.isFinite }) else {
            return (days.map { universe[$0] ?? .sideways }, "equal-weight universe (the index has no value on any date)",
                    ["regimes: the index has no value on any panel date; all \(days.count) evaluation days are labelled from the equal-weight universe"])
        }
        let index = RegimeAnalysis.periodLabels(config.regimes.knownLabels(prices: idx))
        var labels: [MarketRegime] = [], uncovered: [Int] = []
        for d in days {
            if let g = index[d] { labels.append(g); continue }
            if let g = universe[d] { labels.append(g); uncovered.append(d) } else { labels.append(.sideways) }
        }
        guard let first = uncovered.first, let last = uncovered.last else { return (labels, "benchmark index", []) }
        let warning = "regimes: the index does not cover \(uncovered.count) of \(days.count) evaluation days (first \(panel.dates[first]), "
            + "last \(panel.dates[last])): no index level on the previous day or \(config.regimes.lookback) days before it; "
            + "those days are labelled from the equal-weight universe"
        return (labels, "benchmark index (equal-weight universe on \(uncovered.count) days it does not cover)", [warning])
    }
}
