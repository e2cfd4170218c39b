import Foundation
import Quant

extension ResearchRun {
    /// Merges output directories written with `--fold i/N` (and/or sweep directories) into
    /// `outDir`: checks that the shards belong to one run (same input contents by SHA-256, same
    /// configuration apart from the share, same fold count), that no fold appears twice and that
    /// none is missing, then evaluates. Missing folds are named with the share that re-creates
    /// them; with `allowPartial` they are tolerated instead and the merged directory holds the
    /// folds present, unevaluated. Returns the evaluation (nil for a partial merge or when only
    /// sweeps were merged).
    @discardableResult
    public static func merge(directories: [String], outDir: String, allowPartial: Bool = false,
                             catalog: ResearchCatalog = .standard, progress: ProgressReporter) throws -> Evaluation? {
        let output = try RunDirectory(outDir)
        let reservation = try output.prepare()
        defer { reservation.release() }
        var records: [(RunDirectory, RunRecord)] = []
        var sweeps: [(RunDirectory, SweepRecord, [SweepOutcome])] = []
        for d in directories {
            let dir = try RunDirectory(d)
            guard dir.contains(.run) || dir.contains(.sweep) else {
                throw PipelineError.badOutput(path: d, reason: "neither run.json nor sweep.json found")
            }
            if dir.contains(.run) { records.append((dir, try dir.record())) }
            if dir.contains(.sweep) {
                guard dir.contains(.sweepRecord) else {
                    throw PipelineError.badOutput(path: d, reason: "sweep.json has no sweep-run.json beside it (a merged sweep, or written by an older FactorLab): merge the original `sweep --point i/N` directories")
                }
                sweeps.append((dir, try dir.sweepRecord(), try dir.sweep()))
            }
        }
        let sweepOut = sweeps.isEmpty ? nil : try mergeSweeps(sweeps, allowPartial: allowPartial, progress: progress)
        // A complete merged sweep describes itself as the whole sweep (so it can be merged again).
        var sweepRecord = sweeps.first?.1
        sweepRecord?.config.foldShare = nil
        if let r = sweepRecord, sweepOut?.count != r.points.count { sweepRecord = nil }
        guard let (_, first) = records.first else {
            try output.writeSweep(sweepOut ?? [], record: sweepRecord)
            return nil
        }
        var config = first.config
        config.foldShare = nil
        for (d, r) in records.dropFirst() {
            var c = r.config
            c.foldShare = nil
            guard c == config else { throw PipelineError.mergeMismatch(reason: "\(d.path) was run with different parameters than \(records[0].0.path)") }
            guard zip(r.inputFiles, first.inputFiles).allSatisfy({ Self.sameInput($0.sha256, $0.path, $1.sha256, $1.path) }) else {
                throw PipelineError.mergeMismatch(reason: "\(d.path) was run on different input data (SHA-256 of the data, index, fundamentals or sector file differs) than \(records[0].0.path)")
            }
            guard r.totalFolds == first.totalFolds else {
                throw PipelineError.mergeMismatch(reason: "\(d.path) has \(r.totalFolds) walk-forward folds, \(records[0].0.path) has \(first.totalFolds)")
            }
        }
        // The merge re-reads the inputs: they must still be the bytes the shards saw.
        for (path, hash) in first.inputFiles {
            guard let hash, let path else { continue }
            guard try RunRecord.contentHash(path: path) == hash else {
                throw PipelineError.mergeMismatch(reason: "\(path) changed since the shards ran (SHA-256 differs from run.json)")
            }
        }
        var present = Set<Int>()
        for (d, r) in records {
            for f in r.folds {
                guard present.insert(f.fold.index).inserted else { throw PipelineError.mergeMismatch(reason: "fold \(f.fold.index + 1) appears twice (\(d.path))") }
            }
        }
        let missing = (0..<first.totalFolds).filter { !present.contains($0) }
        if !missing.isEmpty {
            let text = Self.missingFolds(missing, total: first.totalFolds, shareCount: first.config.foldShare?.count)
            guard allowPartial else { throw PipelineError.mergeMismatch(reason: text + "; or pass --partial to merge the folds present without evaluating") }
            progress.message("warning: \(text)")
        }
        let inputs = try ResearchInputs.load(dataPath: first.dataPath, indexPath: first.indexPath, fundamentalsPath: first.fundamentalsPath,
                                             sectorsPath: first.sectorsPath, progress: progress)
        var folds: [Int: FoldOutcome] = [:]
        // Per seed replicate (the shares ran the same seeds: their configurations are equal).
        var predictions = [[String: [Double]]](repeating: [:], count: config.seeds)
        for (d, r) in records {
            for f in r.folds {
                guard folds[f.fold.index] == nil else { throw PipelineError.mergeMismatch(reason: "fold \(f.fold.index + 1) appears twice (\(d.path))") }
                folds[f.fold.index] = f
            }
            let shard: [[String: [Double]]]
            if config.seeds > 1 { shard = try d.seedPredictions(panel: inputs.panel, seeds: config.seeds) } else { shard = [try d.predictions(panel: inputs.panel)] }
            for (k, replicate) in shard.enumerated() {
                for (m, v) in replicate {
                    var cur = predictions[k][m] ?? [Double](repeating: .nan, count: v.count)
                    for i in v.indices where v[i].isFinite { cur[i] = v[i] }
                    predictions[k][m] = cur
                }
            }
        }
        for k in predictions.indices {
            for m in config.models where predictions[k][m] == nil { predictions[k][m] = inputs.panel.layout.filled(.nan) }
        }
        var record = first
        record.config = config
        record.folds = folds.keys.sorted().map { folds[$0]! }
        return try finish(record: record, seedPredictions: predictions, inputs: inputs, directory: output, sweep: sweepOut,
                          models: catalog.models, progress: progress)
    }

    /// Joins sweep shards: they must be shares of one sweep (``SweepRecord/isSameSweep(as:)``), no
    /// point may come twice, and a missing point is named with the share that re-creates it
    /// (tolerated only with `allowPartial`). The outcomes come back in the sweep's point order,
    /// as a single process writes them.
    static func mergeSweeps(_ shards: [(RunDirectory, SweepRecord, [SweepOutcome])], allowPartial: Bool,
                            progress: ProgressReporter) throws -> [SweepOutcome] {
        let first = shards[0].1
        var byIndex: [Int: SweepOutcome] = [:]
        for (dir, record, outcomes) in shards {
            guard record.isSameSweep(as: first) else {
                throw PipelineError.mergeMismatch(reason: "\(dir.path) is not a share of the same sweep as \(shards[0].0.path) (different inputs by SHA-256, parameters, points or fold)")
            }
            let indices = record.pointIndices
            guard indices.count == outcomes.count, zip(indices, outcomes).allSatisfy({ record.points[$0] == $1.point }) else {
                throw PipelineError.badOutput(path: dir.path, reason: "sweep.json does not hold the points its sweep-run.json describes")
            }
            for (k, o) in zip(indices, outcomes) {
                guard byIndex[k] == nil else {
                    throw PipelineError.mergeMismatch(reason: "sweep point \(record.points[k].label) appears twice (\(dir.path))")
                }
                byIndex[k] = o
            }
        }
        let missing = first.points.indices.filter { byIndex[$0] == nil }
        if !missing.isEmpty {
            var text = "sweep points \(missing.map { first.points[$0].label }.joined(separator: ", ")) of \(first.points.count) missing"
            if let n = first.config.foldShare?.count {
                let shares = Set(missing.map { $0 % n + 1 }).sorted()
                text += ": re-run " + shares.map { "--point \($0)/\(n)" }.joined(separator: ", ") + " and merge again"
            }
            guard allowPartial else { throw PipelineError.mergeMismatch(reason: text + "; or pass --partial to merge the points present") }
            progress.message("warning: \(text)")
        }
        return first.points.indices.compactMap { byIndex[$0] }
    }

    /// Inputs agree by content hash when both records carry one, else (older records) by path.
    static func sameInput(_ hashA: String?, _ pathA: String?, _ hashB: String?, _ pathB: String?) -> Bool {
        if let hashA, let hashB { return hashA == hashB }
        return pathA == pathB
    }

    /// "folds 2, 4 of 5 missing: re-run --fold 2/3 and merge again" — names the shares to re-run.
    static func missingFolds(_ missing: [Int], total: Int, shareCount: Int?) -> String {
        let names = missing.map { String($0 + 1) }.joined(separator: ", ")
        var text = "\(missing.count == 1 ? "fold" : "folds") \(names) of \(total) missing"
        if let n = shareCount {
            let shares = Set(missing.map { $0 % n + 1 }).sorted()
            text += ": re-run " + shares.map { "--fold \($0)/\(n) (array task index \($0 - 1) from 0)" }.joined(separator: ", ") + " and merge again"
        } else {
            text += ": re-run the shards that hold them and merge again"
        }
        return text
    }
}
