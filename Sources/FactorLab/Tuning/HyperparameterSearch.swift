import Foundation

/// The cross-validation score of one candidate.
public struct CandidateScore: Sendable, Equatable, Codable {
    /// The candidate.
    public var parameters: HyperparameterCandidate
    /// Validation MSE (return units) per split, oldest split first; NaN after a failure.
    public var validationMSE: [Double]
    /// Mean cross-sectional rank IC on each split's validation dates (reported, not used to choose).
    public var validationRankIC: [Double]
    /// The score: mean of ``validationMSE`` (NaN when a split failed).
    public var meanMSE: Double
    /// Mean of ``validationRankIC``.
    public var meanRankIC: Double
    /// Why the candidate could not be scored, if it could not.
    public var failure: String?
}

/// How one model's hyperparameters were chosen in one fold (written to run.json and summary.json).
public struct TuningReport: Sendable, Equatable, Codable {
    /// The CV splits (decision-date indices), oldest first; the last is the fold's own split.
    public var splits: [CVSplit]
    /// Every candidate with its scores, in grid order.
    public var candidates: [CandidateScore]
    /// Index of the chosen candidate in ``candidates``.
    public var chosen: Int

    /// The chosen candidate's parameters.
    public var chosenParameters: HyperparameterCandidate { candidates[chosen].parameters }
}

/// A fitted model with its fit report and, when its hyperparameters were searched, how.
public struct TrainedModel {
    /// The fitted model, ready to predict the test split.
    public var model: any ReturnModel
    /// The fit of the final model (on the fold's train split, early stopping on its validation split).
    public var fit: FitReport
    /// The search, when one ran.
    public var tuning: TuningReport?
}

/// Windows of one fold's preprocessed features, built once per (dates, stride) and shared by the
/// CV splits and the models of the fold.
public final class FoldWindows {
    /// The fold's preprocessed features.
    public let features: FeaturePanel
    /// Forward targets, asset-major.
    public let targets: [Double]
    /// Sequence length L.
    public let window: Int
    private var cache: [String: WindowBatch] = [:]

    /// Creates an empty cache.
    public init(features: FeaturePanel, targets: [Double], window: Int) {
        self.features = features
        self.targets = targets
        self.window = window
    }

    /// Samples with known targets at `dates` (every `stride`-th date).
    public func batch(_ dates: Range<Int>, stride: Int = 1) -> WindowBatch {
        let key = "\(dates.lowerBound)-\(dates.upperBound)-\(stride)"
        if let b = cache[key] { return b }
        let b = WindowBuilder(window: window, stride: stride).build(features: features, targets: targets, dates: dates, requireTarget: true)
        cache[key] = b
        return b
    }
}

/// Grid search of hyperparameters scored by purged time-series cross-validation (``TimeSeriesCV``).
///
/// Each candidate is fitted on every split's training dates (the LSTM with early stopping on the
/// split's validation dates, best weights restored) and scored by the MSE of its predictions on
/// the split's validation dates; the score is the mean over splits. The lowest score wins; exact
/// ties go to the earliest candidate in grid order. Every candidate of a model starts from the same
/// seed (the fold's), so candidates differ only by their hyperparameters. The fold's own split comes
/// last, so the winner's model from that split — trained on the fold's train dates with early
/// stopping on its validation dates — is the final model (no refit, except for a seed ensemble,
/// whose members are trained after the choice).
public enum HyperparameterSearch {
    /// The outcome of a search.
    public struct Result {
        /// Scores and choice.
        public var report: TuningReport
        /// The chosen candidate's model fitted on the last split.
        public var model: any ReturnModel
        /// Its fit report.
        public var fit: FitReport
    }

    /// Scores `candidates` on `splits`. `make` builds an unfitted model for a candidate; `batches`
    /// gives the (train, validation) windows of a split. Throws ``TuningError/noCandidate(model:reason:)``
    /// when no candidate could be scored on every split.
    public static func search(model name: String, candidates: [HyperparameterCandidate], splits: [CVSplit],
                              assetCount A: Int, dateCount T: Int,
                              batches: (CVSplit) -> (train: WindowBatch, validation: WindowBatch),
                              make: (HyperparameterCandidate) throws -> any ReturnModel,
                              progress: ProgressReporter = .silent) throws -> Result {
        precondition(!candidates.isEmpty && !splits.isEmpty, "HyperparameterSearch: need candidates and splits")
        var scores = candidates.map {
            CandidateScore(parameters: $0, validationMSE: [], validationRankIC: [], meanMSE: .nan, meanRankIC: .nan, failure: nil)
        }
        var last: [Int: (any ReturnModel, FitReport)] = [:]
        for (s, split) in splits.enumerated() {
            let (train, validation) = batches(split)
            for (c, candidate) in candidates.enumerated() where scores[c].failure == nil {
                progress.stage("\(name) CV split \(s + 1)/\(splits.count), candidate \(c + 1)/\(candidates.count): \(candidate)")
                do {
                    var model = try make(candidate)
                    let fit = try model.fit(train: train, validation: validation, progress: progress)
                    let p = try model.predict(validation)
                    let (mse, ric) = score(p, validation, assetCount: A, dateCount: T)
                    guard mse.isFinite else { throw ModelError.unavailable(model: name, reason: "non-finite validation MSE") }
                    scores[c].validationMSE.append(mse)
                    scores[c].validationRankIC.append(ric)
                    if s == splits.count - 1 { last[c] = (model, fit) }
                } catch {
                    scores[c].failure = "split \(s + 1): \(error)"
                    scores[c].validationMSE.append(.nan)
                    scores[c].validationRankIC.append(.nan)
                }
            }
        }
        for c in scores.indices {
            while scores[c].validationMSE.count < splits.count { scores[c].validationMSE.append(.nan); scores[c].validationRankIC.append(.nan) }
            if scores[c].failure == nil {
                scores[c].meanMSE = scores[c].validationMSE.reduce(0, +) / Double(splits.count)
                let ics = scores[c].validationRankIC.filter { $0.isFinite }
                scores[c].meanRankIC = ics.isEmpty ? .nan : ics.reduce(0, +) / Double(ics.count)
            }
        }
        guard let chosen = bestIndex(scores), let (model, fit) = last[chosen] else {
            throw TuningError.noCandidate(model: name, reason: scores.first?.failure ?? "no candidates")
        }
        return Result(report: TuningReport(splits: splits, candidates: scores, chosen: chosen), model: model, fit: fit)
    }

    /// The candidate with the lowest finite mean MSE; ties go to the earliest.
    public static func bestIndex(_ scores: [CandidateScore]) -> Int? {
        var best: Int? = nil
        for c in scores.indices where scores[c].failure == nil && scores[c].meanMSE.isFinite {
            if best == nil || scores[c].meanMSE < scores[best!].meanMSE { best = c }
        }
        return best
    }

    /// Validation MSE (return units) and mean cross-sectional rank IC of predictions `p` on `batch`.
    static func score(_ p: [Double], _ batch: WindowBatch, assetCount A: Int, dateCount T: Int) -> (Double, Double) {
        guard !p.isEmpty else { return (.nan, .nan) }
        var sse = 0.0
        for i in p.indices { let d = p[i] - batch.targets[i]; sse += d * d }
        var s = [Double](repeating: .nan, count: A * T), y = s
        for i in 0..<batch.count {
            s[batch.assets[i] * T + batch.dates[i]] = p[i]
            y[batch.assets[i] * T + batch.dates[i]] = batch.targets[i]
        }
        let ic = PredictionIC(predictions: s, targets: y, assetCount: A, dateCount: T, decisionDates: Array(Set(batch.dates)).sorted())
        return (sse / Double(p.count), ic.rankIC)
    }

    /// Fits model `name` for one fold: as configured when tuning is off or the model has no knob,
    /// with the single candidate's values when the grid has one point, otherwise through ``search(model:candidates:splits:assetCount:dateCount:batches:make:progress:)``
    /// on ``TimeSeriesCV`` splits of the fold.
    public static func fit(_ name: String, config: PipelineConfig, featureCount: Int, fold: WalkForwardFold,
                           windows: FoldWindows, progress: ProgressReporter = .silent) throws -> TrainedModel {
        let stride = ResearchPipeline.trainingStride(model: name, config: config)
        let found = candidates(name, config: config)
        guard let candidates = found, candidates.count > 1 else {
            // Nothing to choose: a one-point grid's values are used as they are.
            let c = found?.first?.applied(to: config) ?? config
            var model = try ModelFactory.make(name, config: c, featureCount: featureCount, foldIndex: fold.index)
            let fit = try model.fit(train: windows.batch(fold.train, stride: stride), validation: windows.batch(fold.validation),
                                    progress: progress)
            return TrainedModel(model: model, fit: fit, tuning: nil)
        }
        let splits = TimeSeriesCV.splits(fold: fold, gap: config.horizon, innerSplits: config.tuning.innerSplits)
        let result = try search(model: name, candidates: candidates, splits: splits, assetCount: windows.features.assetCount,
                                dateCount: windows.features.dateCount,
                                batches: { (windows.batch($0.train, stride: stride), windows.batch($0.validation)) },
                                make: { candidate in
                                    var c = candidate.applied(to: config)
                                    c.lstm.ensemble = 1  // candidates are scored as single networks
                                    return try ModelFactory.make(name, config: c, featureCount: featureCount, foldIndex: fold.index)
                                }, progress: progress)
        let winner = result.report.chosenParameters
        var fit = result.fit
        var model = result.model
        if config.lstm.ensemble > 1, winner.values["hidden"] != nil {
            progress.stage("\(name): ensemble of \(config.lstm.ensemble) with \(winner)")
            model = try ModelFactory.make(name, config: winner.applied(to: config), featureCount: featureCount, foldIndex: fold.index)
            fit = try model.fit(train: windows.batch(fold.train, stride: stride), validation: windows.batch(fold.validation), progress: progress)
        }
        fit.notes.append("chosen by \(splits.count)-split CV: \(winner)")
        return TrainedModel(model: model, fit: fit, tuning: result.report)
    }

    /// The grid's candidates for `name`, or nil when tuning is off, the model has no knob, or (LSTM)
    /// a sweep point was adopted.
    static func candidates(_ name: String, config: PipelineConfig) -> [HyperparameterCandidate]? {
        guard config.tuning.mode == .grid else { return nil }
        if name == "lstm" && config.tuning.adoptedSweepPoint != nil { return nil }
        return config.tuning.grid.candidates(model: name, base: config)
    }
}
