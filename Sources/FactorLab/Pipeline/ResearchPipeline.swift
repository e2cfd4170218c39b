import Foundation
import Quant

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
    public static func predict(dataset: ResearchDataset, config: PipelineConfig, models registry: ModelRegistry = .standard,
                               progress: ProgressReporter = .silent) throws -> PipelinePredictions {
        let models = try config.models.map { try registry.descriptor($0) }
        let layout = dataset.layout
        var predictions: [String: [Double]] = [:]
        for m in models { predictions[m.name] = layout.filled(.nan) }
        var outcomes: [FoldOutcome] = []
        let folds = dataset.folds
        let mine = folds.filter { config.foldShare?.contains($0.index) ?? true }
        for (n, fold) in mine.enumerated() {
            let label = "fold \(fold.index + 1)/\(folds.count)"
            progress.stage("\(label): screening factors")
            let context = dataset.context(for: fold, config: config)
            var fits: [String: FitReport] = [:], unavailable: [String: String] = [:], tuning: [String: TuningReport] = [:]
            for model in models {
                progress.stage("\(label): \(model.name)")
                do {
                    let trained = try HyperparameterSearch.fit(model, config: config, fold: context, progress: progress)
                    fits[model.name] = trained.fit
                    if let t = trained.tuning { tuning[model.name] = t }
                    let p = try trained.model.predict(context.test)
                    for i in 0..<context.test.count {
                        predictions[model.name]![layout.index(asset: context.test.assets[i], date: context.test.dates[i])] = p[i]
                    }
                } catch {
                    unavailable[model.name] = "\(error)"
                    progress.message("warning: \(label): \(error)")
                }
            }
            let train = context.windows.batch(fold.train), validation = context.windows.batch(fold.validation)
            outcomes.append(FoldOutcome(fold: fold, trainDates: dataset.span(fold.train), validationDates: dataset.span(fold.validation),
                                        testDates: dataset.span(fold.test), screen: context.screen,
                                        samples: [train.count, validation.count, context.test.count],
                                        fits: fits, unavailable: unavailable, tuning: tuning))
            progress.update(Double(n + 1) / Double(mine.count), label)
        }
        progress.finish()
        return PipelinePredictions(config: config, folds: outcomes, predictions: predictions, factorOrigin: dataset.factors.origin,
                                   skippedFactors: dataset.factors.skipped,
                                   factorSources: Dictionary(uniqueKeysWithValues: zip(dataset.factors.panel.factorNames, dataset.factors.sources)),
                                   unusableFactors: dataset.factors.unusable, totalFolds: folds.count)
    }
}
