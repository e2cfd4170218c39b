import Foundation
import Quant

extension ResearchRun {
    /// Merges output directories written with `--fold i/N` (and/or sweep directories) into
    /// `outDir`: checks that the runs share data and parameters, that no fold appears twice, and
    /// evaluates when every fold is present. Returns the evaluation (nil when folds are missing or
    /// only sweeps were merged).
    @discardableResult
    public static func merge(directories: [String], outDir: String, catalog: ResearchCatalog = .standard,
                             progress: ProgressReporter) throws -> Evaluation? {
        let output = try RunDirectory(outDir)
        let reservation = try output.prepare()
        defer { reservation.release() }
        var records: [(RunDirectory, RunRecord)] = []
        var sweeps: [SweepOutcome] = []
        for d in directories {
            let dir = try RunDirectory(d)
            guard dir.contains(.run) || dir.contains(.sweep) else {
                throw PipelineError.badOutput(path: d, reason: "neither run.json nor sweep.json found")
            }
            if dir.contains(.run) { records.append((dir, try dir.record())) }
            if dir.contains(.sweep) { sweeps += try dir.sweep() }
        }
        var sweepOut: [SweepOutcome]? = nil
        if !sweeps.isEmpty {
            var seen = Set<String>()
            sweepOut = sweeps.filter { seen.insert($0.point.label).inserted }.sorted { ($0.point.hidden, $0.point.epochs) < ($1.point.hidden, $1.point.epochs) }
        }
        guard let (_, first) = records.first else {
            try output.writeSweep(sweepOut ?? [])
            return nil
        }
        var config = first.config
        config.foldShare = nil
        for (d, r) in records.dropFirst() {
            var c = r.config
            c.foldShare = nil
            guard c == config, r.dataPath == first.dataPath, r.indexPath == first.indexPath, r.totalFolds == first.totalFolds else {
                throw PipelineError.mergeMismatch(reason: "\(d.path) was run with different data or parameters")
            }
        }
        let inputs = try ResearchInputs.load(dataPath: first.dataPath, indexPath: first.indexPath, progress: progress)
        var folds: [Int: FoldOutcome] = [:]
        var predictions: [String: [Double]] = [:]
        for (d, r) in records {
            for f in r.folds {
                guard folds[f.fold.index] == nil else { throw PipelineError.mergeMismatch(reason: "fold \(f.fold.index + 1) appears twice (\(d.path))") }
                folds[f.fold.index] = f
            }
            for (m, v) in try d.predictions(panel: inputs.panel) {
                var cur = predictions[m] ?? [Double](repeating: .nan, count: v.count)
                for i in v.indices where v[i].isFinite { cur[i] = v[i] }
                predictions[m] = cur
            }
        }
        for m in config.models where predictions[m] == nil { predictions[m] = inputs.panel.layout.filled(.nan) }
        var record = first
        record.config = config
        record.folds = folds.keys.sorted().map { folds[$0]! }
        if !record.isComplete {
            progress.message("warning: \(record.folds.count) of \(record.totalFolds) folds present; the evaluation needs all of them")
        }
        return try finish(record: record, predictions: predictions, inputs: inputs, directory: output, sweep: sweepOut,
                          models: catalog.models, progress: progress)
    }
}
