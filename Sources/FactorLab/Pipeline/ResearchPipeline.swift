import Foundation

/// What happened in one walk-forward fold.
public struct FoldOutcome: Sendable, Equatable, Codable {
    /// The fold's date ranges (decision-date indices).
    public var fold: WalkForwardFold
    /// First and last date of train / validation / test (ISO), for humans.
    public var trainDates: [String]
    /// See ``trainDates``.
    public var validationDates: [String]
    /// See ``trainDates``.
    public var testDates: [String]
    /// Factor screening on this fold's training dates.
    public var screen: FactorScreenResult
    /// Sample counts: train, validation, test.
    public var samples: [Int]
    /// Fit report per model.
    public var fits: [String: FitReport]
    /// Models that could not run in this fold, with the reason.
    public var unavailable: [String: String]
    /// Per tuned model, how its hyperparameters were chosen (empty when tuning is off).
    public var tuning: [String: TuningReport] = [:]
}

/// The predictions of a run (or of one share of its folds).
public struct PipelinePredictions: Sendable {
    /// The configuration used.
    public var config: PipelineConfig
    /// Fold outcomes, in fold order.
    public var folds: [FoldOutcome]
    /// Per model, asset-major predictions (`NaN` where none was made).
    public var predictions: [String: [Double]]
    /// Origin of the factors and factors skipped for missing fields.
    public var factorOrigin: String
    /// See ``factorOrigin``.
    public var skippedFactors: [String: [String]]
    /// Total number of folds of the full run (≥ `folds.count` when a share ran).
    public var totalFolds: Int
}

/// The research workflow: factors → screening → preprocessing → windows → models → predictions,
/// fold by fold. Every statistic (screening, MAD, z-score, model weights) is fitted on the fold's
/// training (and, for early stopping, validation) dates only.
public enum ResearchPipeline {
    /// Decision dates from which a full feature window can exist: the first date on which some
    /// asset has every factor finite, plus L−1. Depends only on data up to that date.
    public static func firstDecisionDate(_ features: FeaturePanel, window: Int) -> Int {
        let F = features.factorCount, T = features.dateCount
        for t in 0..<T {
            for a in 0..<features.assetCount {
                var ok = true
                for f in 0..<F where !features.value(asset: a, date: t, factor: f).isFinite { ok = false; break }
                if ok { return t + window - 1 }
            }
        }
        return T
    }

    /// The folds a configuration produces on a panel with these factors.
    public static func folds(features: FeaturePanel, config: PipelineConfig) -> [WalkForwardFold] {
        var split = config.split
        split.gap = config.horizon
        return split.folds(firstDate: firstDecisionDate(features, window: config.window), dateCount: features.dateCount)
    }

    /// Every how many decision dates a model's training windows are taken: `lstm.trainStride` for
    /// the LSTM, 1 (all dates) for the closed-form models.
    public static func trainingStride(model name: String, config: PipelineConfig) -> Int {
        name == "lstm" ? config.lstm.trainStride : 1
    }

    /// Runs the walk-forward predictions (all folds, or `config.foldShare`).
    public static func predict(panel: MarketPanel, indexClose: [Double]? = nil, config: PipelineConfig,
                               progress: ProgressReporter = .silent) throws -> PipelinePredictions {
        let A = panel.assetCount, T = panel.dateCount
        progress.stage("factors")
        let factors = FactorSource.compute(panel, indexClose: indexClose)
        if !factors.skipped.isEmpty {
            progress.message("notice: factors skipped for missing fields: "
                + factors.skipped.keys.sorted().map { "\($0) (needs \(factors.skipped[$0]!.joined(separator: ", ")))" }.joined(separator: "; "))
        }
        let logR = panel.logReturns()
        let nextReturn = ForwardTarget.meanLogReturn(logReturns: logR, assetCount: A, dateCount: T, horizon: 1)
        let target = ForwardTarget.meanLogReturn(logReturns: logR, assetCount: A, dateCount: T, horizon: config.horizon)
        let allFolds = folds(features: factors.panel, config: config)
        guard !allFolds.isEmpty else {
            throw PipelineError.tooFewDates(dates: T, needed: config.split.trainDays + config.split.validationDays
                                            + 2 * config.horizon + config.window + 1)
        }
        var predictions: [String: [Double]] = [:]
        for m in config.models { predictions[m] = [Double](repeating: .nan, count: A * T) }
        var outcomes: [FoldOutcome] = []
        let mine = allFolds.filter { config.foldShare?.contains($0.index) ?? true }
        for (n, fold) in mine.enumerated() {
            let label = "fold \(fold.index + 1)/\(allFolds.count)"
            progress.stage("\(label): screening factors")
            let screen = FactorScreener.screen(factors.panel, nextReturn: nextReturn, train: fold.train, config: config.screen)
            let idx = screen.selected.compactMap { factors.panel.factorNames.firstIndex(of: $0) }
            let raw = factors.panel.selecting(idx)
            let pre = Preprocessor(fitting: raw, train: fold.train)
            let features = pre.apply(raw)
            let windows = FoldWindows(features: features, targets: target, window: config.window)
            let train = windows.batch(fold.train), validation = windows.batch(fold.validation)
            let test = WindowBuilder(window: config.window).build(features: features, targets: target, dates: fold.test, requireTarget: false)
            var fits: [String: FitReport] = [:], unavailable: [String: String] = [:], tuning: [String: TuningReport] = [:]
            for name in config.models {
                progress.stage("\(label): \(name)")
                do {
                    let trained = try HyperparameterSearch.fit(name, config: config, featureCount: idx.count, fold: fold,
                                                               windows: windows, progress: progress)
                    fits[name] = trained.fit
                    if let t = trained.tuning { tuning[name] = t }
                    let p = try trained.model.predict(test)
                    for i in 0..<test.count { predictions[name]![test.assets[i] * T + test.dates[i]] = p[i] }
                } catch {
                    unavailable[name] = "\(error)"
                    progress.message("warning: \(label): \(error)")
                }
            }
            func span(_ r: Range<Int>) -> [String] {
                let lo = min(r.lowerBound, T - 1), hi = min(r.upperBound, T) - 1
                return lo <= hi ? [panel.dates[lo], panel.dates[hi]] : []
            }
            outcomes.append(FoldOutcome(fold: fold, trainDates: span(fold.train), validationDates: span(fold.validation),
                                        testDates: span(fold.test), screen: screen,
                                        samples: [train.count, validation.count, test.count],
                                        fits: fits, unavailable: unavailable, tuning: tuning))
            progress.update(Double(n + 1) / Double(mine.count), label)
        }
        progress.finish()
        return PipelinePredictions(config: config, folds: outcomes, predictions: predictions, factorOrigin: factors.origin,
                                   skippedFactors: factors.skipped, totalFolds: allFolds.count)
    }
}

/// A run cannot proceed with this data and configuration.
public enum PipelineError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Not enough dates for one fold.
    case tooFewDates(dates: Int, needed: Int)
    /// A saved output (summary.json, predictions.csv) is unreadable or inconsistent.
    case badOutput(path: String, reason: String)
    /// Outputs to merge disagree.
    case mergeMismatch(reason: String)

    public var description: String {
        switch self {
        case let .tooFewDates(d, n): return "the data have \(d) dates; one walk-forward fold needs about \(n)"
        case let .badOutput(p, r): return "\(p): \(r)"
        case let .mergeMismatch(r): return "cannot merge: \(r)"
        }
    }
}

/// Creates models by name.
public enum ModelFactory {
    /// The model called `name` (`lstm`, `lstm_asset`, `ols`, `ols_asset`).
    public static func make(_ name: String, config: PipelineConfig, featureCount: Int, foldIndex: Int) throws -> any ReturnModel {
        switch name {
        case "ols": return OLSBenchmark(scope: .pooled)
        case "ols_ridge": return OLSBenchmark(scope: .pooled, ridge: config.ridge)
        case "ols_asset": return OLSBenchmark(scope: .perAsset)
        case "lstm": return try LSTMFactory.make(config: config, featureCount: featureCount, foldIndex: foldIndex)
        case "lstm_asset": return PerAssetLSTMModel(config: PerAssetLSTMConfig(shared: config.lstm), seed: config.seed &+ UInt64(foldIndex))
        default: throw ModelError.unavailable(model: name, reason: "unknown model name")
        }
    }
}
