import Foundation
import Quant
import Tensors
import Synchronization

/// The research workflow: factors → screening → preprocessing → windows → models → predictions,
/// fold by fold. Every statistic (screening, MAD, z-score, model weights) is fitted on the fold's
/// training (and, for early stopping, validation) dates only.
public enum ResearchPipeline {
    /// Runs the walk-forward predictions (all folds, or `config.foldShare`) with the catalog's
    /// models named in `config.models`.
    public static func predict(panel: MarketPanel, indexClose: [Double]? = nil, config: PipelineConfig,
                               catalog: ResearchCatalog = .standard, progress: ProgressReporter = .silent) throws -> PipelinePredictions {
        try predict(inputs: nil, panel: panel, indexClose: indexClose, config: config, catalog: catalog, progress: progress)
    }

    /// Runs the walk-forward predictions on loaded inputs, with their fundamentals and sector map.
    public static func predict(inputs: ResearchInputs, config: PipelineConfig, catalog: ResearchCatalog = .standard,
                               progress: ProgressReporter = .silent) throws -> PipelinePredictions {
        try predict(inputs: inputs, panel: inputs.panel, indexClose: inputs.indexClose, config: config, catalog: catalog, progress: progress)
    }

    private static func predict(inputs: ResearchInputs?, panel: MarketPanel, indexClose: [Double]?, config: PipelineConfig,
                                catalog: ResearchCatalog, progress: ProgressReporter) throws -> PipelinePredictions {
        try catalog.models.validate(config.models)
        progress.stage("factors")
        let dataset = try inputs.map { try ResearchDataset(inputs: $0, config: config, factors: catalog.factors) }
            ?? ResearchDataset(panel: panel, indexClose: indexClose, config: config, factors: catalog.factors)
        let skipped = dataset.factors.skipped
        if !skipped.isEmpty {
            progress.message("notice: factors skipped for missing fields: "
                + skipped.keys.sorted().map { "\($0) (needs \(skipped[$0]!.joined(separator: ", ")))" }.joined(separator: "; "))
        }
        for notice in dataset.factors.notices { progress.message(notice) }
        return try predict(dataset: dataset, config: config, models: catalog.models, progress: progress)
    }

    /// Runs the walk-forward predictions on a prepared dataset.
    ///
    /// With ``PipelineConfig/seeds`` N > 1 every seed-dependent model is trained N times per fold
    /// (replicate i with ``PipelineConfig/replicate(_:)``; replicate 0 is the run without `--seeds`),
    /// others once with their predictions copied to every replicate. `seedWorkers` replicates train
    /// at once (default ``replicateWorkers(_:)``); the predictions do not depend on it.
    public static func predict(dataset: ResearchDataset, config: PipelineConfig, models registry: ModelRegistry = .standard,
                               progress: ProgressReporter = .silent, seedWorkers: Int? = nil) throws -> PipelinePredictions {
        let models = try config.models.map { try registry.descriptor($0) }
        let layout = dataset.layout
        let seedCount = config.seeds
        let workers = max(1, min(seedWorkers ?? replicateWorkers(seedCount), seedCount))
        var replicas = [[String: [Double]]](repeating: [:], count: seedCount)
        for r in replicas.indices { for m in models { replicas[r][m.name] = layout.filled(.nan) } }
        var outcomes: [FoldOutcome] = []
        let folds = dataset.folds
        let mine = folds.filter { config.foldShare?.contains($0.index) ?? true }
        for (n, fold) in mine.enumerated() {
            let label = "fold \(fold.index + 1)/\(folds.count)"
            progress.stage("\(label): screening factors")
            let context = dataset.context(for: fold, config: config)
            var fits: [String: FitReport] = [:], unavailable: [String: String] = [:], tuning: [String: TuningReport] = [:]
            var extra = (1..<seedCount).map { SeedReplicate(seed: config.replicateSeed($0)) }
            for model in models {
                progress.stage("\(label): \(model.name)" + (seedCount > 1 && model.dependsOnSeed ? " (\(seedCount) seeds)" : ""))
                let runs = model.dependsOnSeed ? seedCount : 1
                let results = fitReplicates(model, count: runs, workers: workers, config: config, context: context, progress: progress)
                for r in 0..<seedCount {
                    // A model that does not depend on the seed ran once: every replicate shares its fit.
                    switch results[model.dependsOnSeed ? r : 0] {
                    case .success(let fitted):
                        if r == 0 {
                            fits[model.name] = fitted.fit
                            if let t = fitted.tuning { tuning[model.name] = t }
                        } else if model.dependsOnSeed {
                            extra[r - 1].fits[model.name] = fitted.fit
                        }
                        for i in 0..<context.test.count {
                            replicas[r][model.name]![layout.index(asset: context.test.assets[i], date: context.test.dates[i])] = fitted.predictions[i]
                        }
                    case .failure(let failure):
                        if r == 0 {
                            unavailable[model.name] = failure.reason
                            progress.message("warning: \(label): \(failure.reason)")
                        } else if model.dependsOnSeed {
                            extra[r - 1].unavailable[model.name] = failure.reason
                            progress.message("warning: \(label): seed \(r + 1)/\(seedCount): \(failure.reason)")
                        }
                    }
                }
            }
            let train = context.windows.batch(fold.train), validation = context.windows.batch(fold.validation)
            outcomes.append(FoldOutcome(fold: fold, trainDates: dataset.span(fold.train), validationDates: dataset.span(fold.validation),
                                        testDates: dataset.span(fold.test), screen: context.screen,
                                        samples: [train.count, validation.count, context.test.count],
                                        fits: fits, unavailable: unavailable, tuning: tuning,
                                        replicates: seedCount > 1 ? extra : nil))
            progress.update(Double(n + 1) / Double(mine.count), label)
        }
        progress.finish()
        return PipelinePredictions(config: config, folds: outcomes, predictions: replicas[0], seedPredictions: seedCount > 1 ? replicas : [],
                                   factorOrigin: dataset.factors.origin, skippedFactors: dataset.factors.skipped,
                                   factorSources: Dictionary(uniqueKeysWithValues: zip(dataset.factors.panel.factorNames, dataset.factors.sources)),
                                   unusableFactors: dataset.factors.unusable, totalFolds: folds.count)
    }

    /// How many seed replicates train at once by default: with one BLAS thread, one per core (up to
    /// `seeds`); otherwise one. Why: BLAS (and FactorLab's parallel loops) already spread one
    /// training over `BLAS.threads` cores, so running replicates side by side would only
    /// oversubscribe the cores (on 2 cores with the default 2 BLAS threads: slower, never faster).
    /// With `--threads 1` each training is single-threaded and replicates fill the cores instead.
    /// Every replicate computes exactly what it computes alone with the same BLAS thread count (its
    /// own model, seed and windows; per-index results), so the predictions never depend on this number.
    public static func replicateWorkers(_ seeds: Int) -> Int {
        guard seeds > 1, BLAS.threads == 1 else { return 1 }
        return max(1, min(seeds, ProcessInfo.processInfo.activeProcessorCount))
    }

    /// One replicate's fit and test predictions, or why it failed.
    struct ReplicateFit: Sendable {
        var fit: FitReport
        var tuning: TuningReport?
        var predictions: [Double]
    }

    /// A replicate's error, as text (the run records it and goes on).
    struct ReplicateFailure: Error, Sendable {
        var reason: String
    }

    /// Fits `model` for replicates `0..<count` of `config` on `context` (up to `workers` at once on
    /// FactorLab's worker pool, which gives its threads the process's flush-to-zero setting) and
    /// predicts the test windows. Results come back in replicate order whatever the scheduling.
    static func fitReplicates(_ model: any ModelDescriptor, count: Int, workers: Int, config: PipelineConfig, context: FoldContext,
                              progress: ProgressReporter) -> [Result<ReplicateFit, ReplicateFailure>] {
        let slots = Mutex([Result<ReplicateFit, ReplicateFailure>?](repeating: nil, count: count))
        func one(_ r: Int) -> Result<ReplicateFit, ReplicateFailure> {
            do {
                let trained = try HyperparameterSearch.fit(model, config: config.replicate(r), fold: context, progress: progress)
                let p = try trained.model.predict(context.test)
                return .success(ReplicateFit(fit: trained.fit, tuning: trained.tuning, predictions: p))
            } catch {
                return .failure(ReplicateFailure(reason: "\(error)"))
            }
        }
        if workers <= 1 || count <= 1 {
            return (0..<count).map(one)
        }
        Parallel.forEach(chunkCount: count, threads: min(workers, count)) { r in
            let result = one(r)
            slots.withLock { $0[r] = result }
        }
        return slots.withLock { $0.map { $0! } }
    }
}
