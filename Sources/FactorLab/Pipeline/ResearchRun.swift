import Foundation
import Quant

/// The whole run, from files to an output directory — what `factorlab run`, `demo` and `merge` call.
public enum ResearchRun {
    /// Loaded inputs.
    public struct Inputs: Sendable {
        /// The market data.
        public var data: LoadedMarketData
        /// The index closes aligned to the panel (if an index file was given).
        public var indexClose: [Double]?
        /// Paths, as given.
        public var dataPath: String
        /// See ``dataPath``.
        public var indexPath: String?
    }

    /// Loads the data (and index) and reports warnings on `progress`.
    public static func load(dataPath: String, indexPath: String?, progress: ProgressReporter) throws -> Inputs {
        progress.stage("loading \(dataPath)")
        let start = Date()
        let data = try MarketDataLoader.load(path: dataPath)
        progress.message(String(format: "loaded %d rows: %d assets × %d dates (%@ … %@) in %.1fs (CSV parse %.1fs)", data.rowCount, data.panel.assetCount,
                                data.panel.dateCount, data.panel.dates.first ?? "", data.panel.dates.last ?? "", Date().timeIntervalSince(start), data.parseSeconds))
        if !data.quality.summary.isEmpty { progress.message(data.quality.summary) }
        var index: [Double]? = nil
        if let indexPath {
            let s = try IndexSeries.load(path: indexPath, alignedTo: data.panel.dates)
            let missing = s.close.filter { !$0.isFinite }.count
            if missing > 0 { progress.message("warning: index \(s.ticker) has no value on \(missing) of \(s.close.count) dates") }
            index = s.close
        }
        return Inputs(data: data, indexClose: index, dataPath: dataPath, indexPath: indexPath)
    }

    /// Runs predictions and, when all folds ran, the evaluation; writes the outputs to `outDir`.
    /// Returns the evaluation (nil for a partial `--fold` run).
    @discardableResult
    public static func execute(inputs: Inputs, config: PipelineConfig, outDir: String, sweep: [SweepOutcome]? = nil,
                               progress: ProgressReporter) throws -> Evaluation? {
        let preds = try ResearchPipeline.predict(panel: inputs.data.panel, indexClose: inputs.indexClose, config: config, progress: progress)
        let record = RunRecord(dataPath: inputs.dataPath, indexPath: inputs.indexPath, predictions: preds)
        return try finish(record: record, predictions: preds.predictions, inputs: inputs, outDir: outDir, sweep: sweep, progress: progress)
    }

    /// Evaluates (if complete) and writes summary.json, predictions.csv, equity.csv, run.json, report.html.
    static func finish(record: RunRecord, predictions: [String: [Double]], inputs: Inputs, outDir: String,
                       sweep: [SweepOutcome]?, progress: ProgressReporter) throws -> Evaluation? {
        let panel = inputs.data.panel
        let complete = record.folds.count == record.totalFolds
        var evaluation: Evaluation? = nil
        if complete {
            progress.stage("evaluating")
            let p = PipelinePredictions(config: record.config, folds: record.folds, predictions: predictions,
                                        factorOrigin: record.factorOrigin, skippedFactors: record.skippedFactors, totalFolds: record.totalFolds)
            evaluation = try Evaluator.evaluate(panel: panel, indexClose: inputs.indexClose, predictions: p)
        }
        progress.stage("writing \(outDir)")
        let dir = (outDir as NSString).standardizingPath
        try AtomicFile.write(record.encoded(), to: dir + "/run.json")
        try AtomicFile.write(OutputWriter.predictionsCSV(panel: panel, predictions: predictions), to: dir + "/predictions.csv")
        var summary = OutputWriter.summary(record: record, panel: panel, quality: inputs.data.quality, evaluation: evaluation, complete: complete)
        if let sweep, case .object(var pairs) = summary {
            pairs.append(("sweep", sweepJSON(sweep)))
            summary = .object(pairs)
        }
        try AtomicFile.write(summary.render(indent: 2) + "\n", to: dir + "/summary.json")
        if let evaluation { try AtomicFile.write(OutputWriter.equityCSV(evaluation), to: dir + "/equity.csv") }
        try AtomicFile.write(ReportBuilder.html(record: record, panel: panel, quality: inputs.data.quality, evaluation: evaluation, sweep: sweep),
                             to: dir + "/report.html")
        progress.finish()
        return evaluation
    }

    /// Merges run directories written with `--fold i/N` (and/or sweep directories) into `outDir`.
    @discardableResult
    public static func merge(directories: [String], outDir: String, progress: ProgressReporter) throws -> Evaluation? {
        var records: [(String, RunRecord)] = []
        var sweeps: [SweepOutcome] = []
        for d in directories {
            let runPath = d + "/run.json", sweepPath = d + "/sweep.json"
            if FileManager.default.fileExists(atPath: runPath) { records.append((d, try RunRecord.read(path: runPath))) }
            if FileManager.default.fileExists(atPath: sweepPath) { sweeps += try readSweep(path: sweepPath) }
            if !FileManager.default.fileExists(atPath: runPath) && !FileManager.default.fileExists(atPath: sweepPath) {
                throw PipelineError.badOutput(path: d, reason: "neither run.json nor sweep.json found")
            }
        }
        var sweepOut: [SweepOutcome]? = nil
        if !sweeps.isEmpty {
            var seen = Set<String>()
            sweepOut = sweeps.filter { seen.insert($0.point.label).inserted }.sorted { ($0.point.hidden, $0.point.epochs) < ($1.point.hidden, $1.point.epochs) }
        }
        guard let (_, first) = records.first else {
            // Sweep-only merge.
            try AtomicFile.write(sweepJSON(sweepOut ?? []).render(indent: 2) + "\n", to: outDir + "/sweep.json")
            try AtomicFile.write(OverfitSweep.table(sweepOut ?? []), to: outDir + "/sweep.txt")
            try AtomicFile.write(sweepHTML(sweepOut ?? []), to: outDir + "/sweep.html")
            return nil
        }
        var config = first.config
        config.foldShare = nil
        for (d, r) in records.dropFirst() {
            var c = r.config
            c.foldShare = nil
            guard c == config, r.dataPath == first.dataPath, r.indexPath == first.indexPath, r.totalFolds == first.totalFolds else {
                throw PipelineError.mergeMismatch(reason: "\(d) was run with different data or parameters")
            }
        }
        let inputs = try load(dataPath: first.dataPath, indexPath: first.indexPath, progress: progress)
        var folds: [Int: FoldOutcome] = [:]
        var predictions: [String: [Double]] = [:]
        for (d, r) in records {
            for f in r.folds {
                guard folds[f.fold.index] == nil else { throw PipelineError.mergeMismatch(reason: "fold \(f.fold.index + 1) appears twice (\(d))") }
                folds[f.fold.index] = f
            }
            for (m, v) in try OutputWriter.readPredictions(path: d + "/predictions.csv", panel: inputs.data.panel) {
                var cur = predictions[m] ?? [Double](repeating: .nan, count: v.count)
                for i in v.indices where v[i].isFinite { cur[i] = v[i] }
                predictions[m] = cur
            }
        }
        for m in config.models where predictions[m] == nil {
            predictions[m] = [Double](repeating: .nan, count: inputs.data.panel.assetCount * inputs.data.panel.dateCount)
        }
        var record = first
        record.config = config
        record.folds = folds.keys.sorted().map { folds[$0]! }
        if record.folds.count != record.totalFolds {
            progress.message("warning: \(record.folds.count) of \(record.totalFolds) folds present; the evaluation needs all of them")
        }
        return try finish(record: record, predictions: predictions, inputs: inputs, outDir: outDir, sweep: sweepOut, progress: progress)
    }

    /// Sweep outcomes as JSON (for summary.json and sweep.json).
    public static func sweepJSON(_ s: [SweepOutcome]) -> JSONValue {
        let best = OverfitSweep.bestByValidation(s)
        return .object([
            ("best_by_validation", best.map { .string(s[$0].point.label) } ?? .null),
            ("points", .array(s.map { o in
                .object([("hidden", .integer(o.point.hidden)), ("epochs", .integer(o.point.epochs)), ("available", .bool(o.available)),
                         ("reason", o.reason.map { .string($0) } ?? .null),
                         ("train_loss", .number(o.trainLoss)), ("validation_loss", .number(o.validationLoss)),
                         ("validation_annual_return", .number(o.validationAnnualReturn)), ("validation_sharpe", .number(o.validationSharpe)),
                         ("validation_ic", .number(o.validationIC)), ("test_annual_return", .number(o.testAnnualReturn)),
                         ("test_sharpe", .number(o.testSharpe)), ("test_ic", .number(o.testIC))])
            })),
        ])
    }

    /// Reads sweep.json.
    public static func readSweep(path: String) throws -> [SweepOutcome] {
        guard let data = FileManager.default.contents(atPath: path),
              let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let points = obj["points"] as? [[String: Any]] else {
            throw PipelineError.badOutput(path: path, reason: "not a factorlab sweep.json")
        }
        func d(_ p: [String: Any], _ k: String) -> Double {
            if let x = p[k] as? Double { return x }
            if let s = p[k] as? String { return JSONNumber.parse(s) ?? .nan }
            return .nan
        }
        return points.map { p in
            SweepOutcome(point: SweepPoint(hidden: p["hidden"] as? Int ?? 0, epochs: p["epochs"] as? Int ?? 0),
                         available: p["available"] as? Bool ?? false, reason: p["reason"] as? String,
                         trainLoss: d(p, "train_loss"), validationLoss: d(p, "validation_loss"),
                         validationAnnualReturn: d(p, "validation_annual_return"), validationSharpe: d(p, "validation_sharpe"),
                         validationIC: d(p, "validation_ic"), testAnnualReturn: d(p, "test_annual_return"),
                         testSharpe: d(p, "test_sharpe"), testIC: d(p, "test_ic"), seconds: 0)
        }
    }

    /// A standalone HTML page with the sweep chart and table.
    public static func sweepHTML(_ s: [SweepOutcome]) -> String {
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>factorlab sweep</title><style>body{font-family:Helvetica,Arial,sans-serif;max-width:960px;margin:24px auto}table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}td.l{text-align:left}.pair{display:flex;gap:8px;flex-wrap:wrap}svg .title{font-size:14px;font-weight:600}svg .tick{font-size:11px}svg .legend{font-size:12px}.note{color:#555;font-size:13px}.na{color:#999}</style></head><body><h1>Over-fitting experiment</h1>"
            + ReportBuilder.sweepSection(s) + "</body></html>\n"
    }

    /// Runs the sweep and writes sweep.json, sweep.txt and sweep.html to `outDir`.
    public static func sweep(inputs: Inputs, config: PipelineConfig, points: [SweepPoint], foldIndex: Int, outDir: String,
                             progress: ProgressReporter) throws -> [SweepOutcome] {
        let s = try OverfitSweep.run(panel: inputs.data.panel, indexClose: inputs.indexClose, config: config, points: points, foldIndex: foldIndex,
                                     share: config.foldShare, progress: progress)
        try AtomicFile.write(sweepJSON(s).render(indent: 2) + "\n", to: outDir + "/sweep.json")
        try AtomicFile.write(OverfitSweep.table(s), to: outDir + "/sweep.txt")
        try AtomicFile.write(sweepHTML(s), to: outDir + "/sweep.html")
        return s
    }
}
