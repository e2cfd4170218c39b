import Foundation
import Quant

/// The whole run, from loaded inputs to an output directory — what `factorlab run` and `demo` call.
public enum ResearchRun {
    /// Runs the walk-forward predictions and, when all folds ran, the evaluation; writes the
    /// outputs to `outDir` (``RunDirectory``). Returns the evaluation (nil for a partial `--fold` run).
    @discardableResult
    public static func execute(inputs: ResearchInputs, config: PipelineConfig, outDir: String, sweep: [SweepOutcome]? = nil,
                               catalog: ResearchCatalog = .standard, progress: ProgressReporter) throws -> Evaluation? {
        let directory = try RunDirectory(outDir)
        let reservation = try directory.prepare()  // a bad --out fails now, not after the run
        defer { reservation.release() }
        let run = try ResearchPipeline.predict(inputs: inputs, config: config, catalog: catalog, progress: progress)
        let record = try RunRecord(inputs: inputs, predictions: run)
        return try finish(record: record, seedPredictions: run.allSeeds, inputs: inputs, directory: directory, sweep: sweep,
                          models: catalog.models, progress: progress)
    }

    /// Evaluates a record whose folds are all present and writes the run's files.
    /// `seedPredictions`: per seed replicate (replicate 0 first) the predictions per model.
    static func finish(record: RunRecord, seedPredictions: [[String: [Double]]], inputs: ResearchInputs, directory: RunDirectory,
                       sweep: [SweepOutcome]?, models: ModelRegistry, progress: ProgressReporter) throws -> Evaluation? {
        var evaluation: Evaluation? = nil
        let predictions = seedPredictions[0]
        if record.isComplete {
            progress.stage("evaluating")
            evaluation = try Evaluator.evaluate(panel: inputs.panel, indexClose: inputs.indexClose, config: record.config,
                                                folds: record.folds, seedPredictions: seedPredictions, sectors: inputs.sectorCodes)
            for w in evaluation?.warnings ?? [] { progress.message("warning: \(w)") }
        }
        progress.stage("writing \(directory.path)")
        try directory.write(.init(record: record, predictions: predictions, evaluation: evaluation, sweep: sweep,
                                  seedPredictions: seedPredictions.count > 1 ? seedPredictions : []),
                            inputs: inputs, models: models)
        progress.finish()
        return evaluation
    }

    /// Runs the over-fitting sweep (``OverfitSweep``) on `inputs` and writes `sweep.json`,
    /// `sweep.txt`, `sweep.html` and `sweep-run.json` (``SweepRecord``: what a merge of
    /// `--point i/N` shares checks) to `outDir`.
    public static func sweep(inputs: ResearchInputs, config: PipelineConfig, points: [SweepPoint], foldIndex: Int, outDir: String,
                             catalog: ResearchCatalog = .standard, progress: ProgressReporter) throws -> [SweepOutcome] {
        let directory = try RunDirectory(outDir)
        let reservation = try directory.prepare()
        defer { reservation.release() }
        let dataset = try ResearchDataset(inputs: inputs, config: config, factors: catalog.factors)
        let s = try OverfitSweep.run(dataset: dataset, config: config, points: points, foldIndex: foldIndex, share: config.foldShare,
                                     progress: progress)
        let record = SweepRecord(dataPath: inputs.dataPath, indexPath: inputs.indexPath,
                                 dataSHA256: try RunRecord.contentHash(path: inputs.dataPath),
                                 indexSHA256: try inputs.indexPath.map(RunRecord.contentHash(path:)), config: config, points: points,
                                 foldIndex: min(max(foldIndex, 0), dataset.folds.count - 1))
        try directory.writeSweep(s, record: record)
        return s
    }
}
