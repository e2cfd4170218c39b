import Quant
import Foundation

/// A fitted model with its fit report and, when its hyperparameters were searched, how.
public struct TrainedModel {
    /// The fitted model, ready to predict the test split.
    public var model: any ReturnModel
    /// The fit of the final model (on the fold's train split, early stopping on its validation split).
    public var fit: FitReport
    /// The search, when one ran.
    public var tuning: TuningReport?
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

    /// Scores `candidates` on `splits` (windows index dates and assets of `layout`). `make` builds an unfitted model for a candidate; `batches`
    /// gives the (train, validation) windows of a split. Throws ``TuningError/noCandidate(model:reason:)``
    /// when no candidate could be scored on every split.
    public static func search(model name: String, candidates: [HyperparameterCandidate], splits: [CVSplit],
                              layout: PanelLayout,
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
                    let (mse, ric) = score(p, validation, layout: layout)
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
    static func score(_ p: [Double], _ batch: WindowBatch, layout: PanelLayout) -> (Double, Double) {
        guard !p.isEmpty else { return (.nan, .nan) }
        var sse = 0.0
        for i in p.indices { let d = p[i] - batch.targets[i]; sse += d * d }
        var s = layout.filled(.nan), y = s
        for i in 0..<batch.count {
            let k = layout.index(asset: batch.assets[i], date: batch.dates[i])
            s[k] = p[i]
            y[k] = batch.targets[i]
        }
        let ic = PredictionIC(predictions: s, targets: y, layout: layout, decisionDates: Array(Set(batch.dates)).sorted())
        return (sse / Double(p.count), ic.rankIC)
    }

    /// Fits one model for one fold: as configured when it has no candidates, with the single
    /// candidate's values when the grid has one point, otherwise through
    /// ``search(model:candidates:splits:assetCount:dateCount:batches:make:progress:)`` on
    /// ``TimeSeriesCV`` splits of the fold.
    public static func fit(_ model: any ModelDescriptor, config: PipelineConfig, fold: FoldContext,
                           progress: ProgressReporter = .silent) throws -> TrainedModel {
        let name = model.name, windows = fold.windows, split = fold.fold
        let featureCount = windows.features.factorCount
        let stride = model.trainingStride(config)
        let found = model.tuningCandidates(config)
        guard let candidates = found, candidates.count > 1 else {
            // Nothing to choose: a one-point grid's values are used as they are.
            let c = found?.first?.applied(to: config) ?? config
            var fitted = try model.makeModel(c, featureCount: featureCount, foldIndex: split.index)
            let fit = try fitted.fit(train: windows.batch(split.train, stride: stride), validation: windows.batch(split.validation),
                                     progress: progress)
            return TrainedModel(model: fitted, fit: fit, tuning: nil)
        }
        let splits = TimeSeriesCV.splits(fold: split, gap: config.horizon, innerSplits: config.tuning.innerSplits)
        let result = try search(model: name, candidates: candidates, splits: splits,
                                layout: PanelLayout(assetCount: windows.features.assetCount, dateCount: windows.features.dateCount),
                                batches: { (windows.batch($0.train, stride: stride), windows.batch($0.validation)) },
                                make: { candidate in
                                    var c = candidate.applied(to: config)
                                    c.lstm.ensemble = 1  // candidates are scored as single networks
                                    return try model.makeModel(c, featureCount: featureCount, foldIndex: split.index)
                                }, progress: progress)
        let winner = result.report.chosenParameters
        var fit = result.fit
        var fitted = result.model
        if config.lstm.ensemble > 1, winner.values["hidden"] != nil {
            progress.stage("\(name): ensemble of \(config.lstm.ensemble) with \(winner)")
            fitted = try model.makeModel(winner.applied(to: config), featureCount: featureCount, foldIndex: split.index)
            fit = try fitted.fit(train: windows.batch(split.train, stride: stride), validation: windows.batch(split.validation),
                                 progress: progress)
        }
        fit.notes.append("chosen by \(splits.count)-split CV: \(winner)")
        return TrainedModel(model: fitted, fit: fit, tuning: result.report)
    }
}
