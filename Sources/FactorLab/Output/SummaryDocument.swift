import Foundation
import Quant

/// `summary.json`: the run's inputs, parameters, screening, folds and — when every fold ran —
/// Table I/II metrics per strategy (key order fixed, numbers with full precision, NaN as "NaN").
public enum SummaryDocument {
    /// The summary document.
    public static func json(record: RunRecord, panel: MarketPanel, quality: DataQualityReport?,
                               evaluation: Evaluation?, complete: Bool, models registry: ModelRegistry = .standard) -> JSONValue {
        let c = record.config
        func num(_ x: Double) -> JSONValue { .number(x) }
        var doc: [(String, JSONValue)] = []
        doc.append(("complete", .bool(complete)))
        doc.append(("data", .object([
            ("path", .string(record.dataPath)), ("index_path", record.indexPath.map { .string($0) } ?? .null),
            ("assets", .integer(panel.assetCount)), ("dates", .integer(panel.dateCount)),
            ("first_date", .string(panel.dates.first ?? "")), ("last_date", .string(panel.dates.last ?? "")),
            ("warnings", .array((quality?.issues ?? []).map { .object([("kind", .string($0.kind)), ("count", .integer($0.count))]) })),
        ])))
        doc.append(("parameters", parameters(c)))
        let last = record.folds.last
        doc.append(("selected_factors", .array((last?.screen.selected ?? []).map { .string($0) })))
        doc.append(("factor_origin", .string(record.factorOrigin)))
        doc.append(("skipped_factors", .object(record.skippedFactors.keys.sorted().map { ($0, .array(record.skippedFactors[$0]!.map { .string($0) })) })))
        if !record.unusableFactors.isEmpty {
            doc.append(("unusable_factors", .object(record.unusableFactors.keys.sorted().map { ($0, .string(record.unusableFactors[$0]!)) })))
        }
        doc.append(("factor_ic", .array((record.folds.first?.screen.table ?? []).map { r in
            .object([("factor", .string(r.factor)), ("source", .string(record.factorSources[r.factor] ?? "")), ("ic", num(r.meanIC)), ("rank_ic", num(r.meanRankIC)), ("icir", num(r.icir)),
                     ("mean_asset_ic", num(r.meanAssetIC)), ("significant_assets", .integer(r.significantAssets)),
                     ("tested_assets", .integer(r.testedAssets)), ("selected", .bool(r.selected))])
        })))
        doc.append(("folds", .array(record.folds.map { f in
            .object([("index", .integer(f.fold.index)), ("train", .array(f.trainDates.map { .string($0) })),
                     ("validation", .array(f.validationDates.map { .string($0) })), ("test", .array(f.testDates.map { .string($0) })),
                     ("samples", .array(f.samples.map { .integer($0) })),
                     ("selected_factors", .array(f.screen.selected.map { .string($0) })), ("relaxed_selection", .bool(f.screen.relaxed)),
                     ("best_epoch", .object(f.fits.keys.sorted().map { ($0, .integer(f.fits[$0]!.bestEpoch)) })),
                     ("unavailable", .object(f.unavailable.keys.sorted().map { ($0, .string(f.unavailable[$0]!)) })),
                     ("tuning", .object(f.tuning.keys.sorted().map { ($0, tuningJSON(f.tuning[$0]!, dates: panel.dates)) }))])
        })))
        doc.append(("total_folds", .integer(record.totalFolds)))
        if let e = evaluation {
            doc.append(("evaluation_period", .array([.string(e.days.first ?? ""), .string(e.days.last ?? "")])))
            doc.append(("regime_source", .string(e.regimeSource)))
            doc.append(("regime_days", .object(MarketRegime.allCases.map { g in (g.rawValue, .integer(e.labels.filter { $0 == g }.count)) })))
            // Only when there is something to say, so clean runs keep their summary byte for byte.
            if !e.warnings.isEmpty { doc.append(("warnings", .array(e.warnings.map { .string($0) }))) }
            for name in registry.summaryStrategies(models: c.models) {
                // With several seeds every number is the mean over replicates, beside its std and per-seed values.
                let objects = e.allReplicates.map { strategy(name, in: $0, record: record) }
                guard objects.count > 1, case .object(var o) = SeedSpreadJSON.mean(objects) else {
                    doc.append((name, objects[0]))
                    continue
                }
                o.append(("std", SeedSpreadJSON.std(objects)))
                o.append(("per_seed", SeedSpreadJSON.values(objects)))
                doc.append((name, .object(o)))
            }
            let rs = e.randomSharpe.filter { !$0.isNaN }.sorted(), ra = e.randomAnnualReturn.filter { !$0.isNaN }.sorted()
            func q(_ v: [Double], _ p: Double) -> JSONValue { num(Statistics.quantile(sorted: v, p)) }
            doc.append(("random_distribution", .object([
                ("portfolios", .integer(e.randomSharpe.count)),
                ("sharpe", .object([("p05", q(rs, 0.05)), ("p25", q(rs, 0.25)), ("p50", q(rs, 0.5)), ("p75", q(rs, 0.75)), ("p95", q(rs, 0.95))])),
                ("annual_return", .object([("p05", q(ra, 0.05)), ("p25", q(ra, 0.25)), ("p50", q(ra, 0.5)), ("p75", q(ra, 0.75)), ("p95", q(ra, 0.95))])),
            ])))
            if let s = e.sectors { doc.append(("sectors", sectorsJSON(s))) }
            if e.replicates.count > 1 {
                doc.append(("seeds", .object([
                    ("count", .integer(e.replicates.count)),
                    ("seed_values", .array((0..<e.replicates.count).map { .string(String(c.replicateSeed($0))) })),
                    ("aggregation", .string("strategy numbers are the mean over seed replicates; std: sample standard deviation (ddof 1); per_seed: replicate 0 (the base seed) first")),
                ])))
            }
        }
        return .object(doc)
    }

    /// The `sectors` object: per-sector rank IC per model and the portfolios' sector exposure.
    static func sectorsJSON(_ s: SectorAnalysis) -> JSONValue {
        func shares(_ v: [Double]) -> JSONValue { .object(zip(s.sectors, v).map { ($0, .number($1)) }) }
        return .object([
            ("names", .array(s.sectors.map { .string($0) })),
            ("rank_ic", .array(s.ic.map { r in
                .object([("model", .string(r.name)), ("sector", .string(r.sector)), ("mean", .number(r.meanRankIC)),
                         ("icir", .number(r.icir)), ("t", .number(r.tStat)), ("days", .integer(r.days))])
            })),
            ("exposure", .object(s.exposure.keys.sorted().map { ($0, shares(s.exposure[$0]!)) })),
            ("universe", shares(s.universe)),
            ("definitions", .string("rank_ic: daily Spearman IC of the prediction with the realised h-day target across the sector's stocks (≥ 3), mean over test dates; exposure: mean over holding days of the share of gross weight in each sector; universe: mean share of priced stocks")),
        ])
    }

    /// One strategy's object (Table I/II metrics, IC family, and for models the returns in excess of
    /// the equal-weight universe) in one replicate's evaluation.
    static func strategy(_ name: String, in e: Evaluation, record: RunRecord) -> JSONValue {
        func num(_ x: Double) -> JSONValue { .number(x) }
        let s = e.strategies[name]
        let reason = record.folds.compactMap { $0.unavailable[name] }.first
        var o: [(String, JSONValue)] = [("available", .bool(s != nil))]
        if s == nil, let reason { o.append(("reason", .string(reason))) }
        o += [("ic", num(s?.ic?.ic ?? .nan)), ("rank_ic", num(s?.ic?.rankIC ?? .nan)),
              ("icir", num(s?.ic?.icir ?? .nan)), ("rank_icir", num(s?.ic?.rankICIR ?? .nan)),
              ("annual_return", num(s?.performance.annualReturn ?? .nan)), ("sharpe", num(s?.performance.sharpe ?? .nan)),
              ("max_drawdown", num(s?.performance.maxDrawdown ?? .nan)), ("var95", num(s?.performance.var95 ?? .nan)),
              ("avg_daily_return", num(s?.performance.averageDailyReturn ?? .nan)), ("turnover", num(s?.turnover ?? .nan)),
              ("total_cost", num(s?.totalCost ?? .nan)),
              ("days", .integer(s?.performance.days ?? 0))]
        o.append(("regimes", .object(MarketRegime.allCases.map { g in
            let m = s?.regimes[g]
            return (g.rawValue, .object([("avg_daily_return", num(m?.averageDailyReturn ?? .nan)), ("max_drawdown", num(m?.maxDrawdown ?? .nan)),
                                         ("sharpe", num(m?.sharpe ?? .nan)), ("var95", num(m?.var95 ?? .nan)),
                                         ("days", .integer(m?.days ?? 0))]))
        })))
        if let p = e.randomPercentile[name] { o.append(("random_sharpe_percentile", num(p))) }
        if let x = s?.excess {
            o.append(("excess", .object([("annual_return", num(x.annualReturn)), ("tracking_error", num(x.trackingError)),
                                         ("information_ratio", num(x.informationRatio)), ("max_drawdown", num(x.maxDrawdown))])))
        }
        return .object(o)
    }

    /// One model's hyperparameter search in one fold: the splits (ISO date spans), the chosen
    /// parameters and every candidate's per-split validation MSE and rank IC.
    public static func tuningJSON(_ t: TuningReport, dates: [String]) -> JSONValue {
        func span(_ r: Range<Int>) -> JSONValue {
            let lo = min(r.lowerBound, dates.count - 1), hi = min(r.upperBound, dates.count) - 1
            return lo <= hi && lo >= 0 ? .array([.string(dates[lo]), .string(dates[hi])]) : .array([])
        }
        func params(_ p: HyperparameterCandidate) -> JSONValue { .object(p.keys.map { ($0, .number(p.values[$0]!)) }) }
        return .object([
            ("chosen", params(t.chosenParameters)), ("chosen_index", .integer(t.chosen)),
            ("splits", .array(t.splits.map { .object([("train", span($0.train)), ("validation", span($0.validation))]) })),
            ("candidates", .array(t.candidates.map { c in
                .object([("parameters", params(c.parameters)), ("mean_mse", .number(c.meanMSE)), ("mean_rank_ic", .number(c.meanRankIC)),
                         ("validation_mse", .array(c.validationMSE.map { .number($0) })),
                         ("validation_rank_ic", .array(c.validationRankIC.map { .number($0) })),
                         ("failure", c.failure.map { .string($0) } ?? .null)])
            })),
        ])
    }

    /// The parameters block of summary.json.
    public static func parameters(_ c: PipelineConfig) -> JSONValue {
        .object([
            ("window", .integer(c.window)), ("horizon", .integer(c.horizon)), ("top_k", .integer(c.backtest.topK)),
            ("hidden", .integer(c.lstm.hidden)), ("layers", .integer(c.lstm.layers)), ("epochs", .integer(c.lstm.epochs)),
            ("patience", .integer(c.lstm.patience)), ("batch_size", .integer(c.lstm.batchSize)),
            ("learning_rate", .number(c.lstm.learningRate)), ("weight_decay", .number(c.lstm.weightDecay)),
            ("train_stride", .integer(c.lstm.trainStride)), ("target_scale", .number(c.lstm.targetScale)),
            ("dropout", .number(c.lstm.dropout)), ("ensemble", .integer(c.lstm.ensemble)), ("ridge", .number(c.ridge)),
            ("tuning", .object([("mode", .string(c.tuning.mode.rawValue)), ("preset", .string(c.tuning.preset)),
                                ("grid", .string(c.tuning.grid.description)), ("inner_splits", .integer(c.tuning.innerSplits)),
                                ("score", .string("mean validation MSE over the CV splits (lower is better; ties: earlier grid point)")),
                                ("adopted_sweep_point", c.tuning.adoptedSweepPoint.map { .string($0.label) } ?? .null),
                                ("adopted_from", c.tuning.adoptedFrom.map { .string($0) } ?? .null)])),
            ("seed", .integer(Int(truncatingIfNeeded: c.seed))), ("seeds", .integer(c.seeds)), ("threads", .integer(c.threads)),
            ("models", .array(c.models.map { .string($0) })),
            ("split", .object([("mode", .string(c.split.mode.rawValue)), ("train_days", .integer(c.split.trainDays)),
                               ("validation_days", .integer(c.split.validationDays)), ("test_days", .integer(c.split.testDays)),
                               ("gap", .integer(c.horizon))])),
            ("features", .object([("feature_set", .string(c.features.set.rawValue)),
                                  ("factors", .array(c.features.filter.patterns.map { .string($0) })),
                                  ("label", .string(c.features.label.rawValue)), ("sector_neutral", .bool(c.features.sectorNeutral))])),
            ("screen", .object([("alpha", .number(c.screen.alpha)), ("min_share", .number(c.screen.minShare)),
                                ("min_factors", .integer(c.screen.minFactors)), ("max_factors", .integer(c.screen.maxFactors)),
                                ("mode", .string(c.screen.keepAll ? "off" : "paper"))])),
            ("backtest", .object([("top_k", .integer(c.backtest.topK)), ("rebalance_every", .integer(c.backtest.rebalanceEvery)),
                                  ("cost_bps", .number(c.backtest.costBps)), ("random_portfolios", .integer(c.backtest.randomPortfolios)),
                                  ("volatility_target", c.backtest.volatilityTarget.map { .number($0) } ?? .null),
                                  ("volatility_lookback", .integer(c.backtest.volatilityLookback)),
                                  ("drawdown_brake", c.backtest.drawdownBrake.map { .number($0) } ?? .null),
                                  ("strategy", .string(c.backtest.strategy.rawValue)),
                                  ("n_drop", c.backtest.strategy == .topkDropout ? .integer(c.backtest.nDrop) : .null),
                                  ("hold_days", c.backtest.strategy == .topkDropout ? .integer(c.backtest.holdDays) : .null)])),
            ("regimes", .object([("lookback", .integer(c.regimes.lookback)), ("threshold", .number(c.regimes.threshold))])),
            ("fold_share", c.foldShare.map { .string($0.description) } ?? .null),
        ])
    }
}
