import Foundation
import Quant

/// A run's output directory: the one place that knows its file names and writes and reads them.
///
/// | file | written by | content |
/// |---|---|---|
/// | `run.json` | run, merge | ``RunRecord``: everything needed to re-evaluate or merge |
/// | `predictions.csv` | run, merge | ``PredictionsFile`` |
/// | `summary.json` | run, merge | ``SummaryDocument`` |
/// | `equity.csv` | complete runs | ``EquityFile`` |
/// | `report.html` | run, merge | ``ReportBuilder`` |
/// | `sweep.json`, `sweep.txt`, `sweep.html` | sweep | ``SweepDocument``, ``OverfitSweep/table(_:)``, ``ReportBuilder/sweepPage(_:)`` |
public struct RunDirectory: Sendable {
    /// The directory's path (standardised).
    public let path: String

    /// The file names.
    public enum File: String, CaseIterable, Sendable {
        case run = "run.json", predictions = "predictions.csv", summary = "summary.json", equity = "equity.csv"
        case report = "report.html", sweep = "sweep.json", sweepTable = "sweep.txt", sweepPage = "sweep.html"
    }

    /// A directory at `path` (created on the first write). Throws ``PipelineError/badOutput(path:reason:)``
    /// for an empty path.
    public init(_ path: String) throws {
        guard !path.isEmpty else { throw PipelineError.badOutput(path: "\"\"", reason: "the output directory path is empty") }
        self.path = (path as NSString).standardizingPath
    }

    /// The path of `file` in this directory.
    public func path(of file: File) -> String { (path as NSString).appendingPathComponent(file.rawValue) }

    /// Whether `file` exists here.
    public func contains(_ file: File) -> Bool { FileManager.default.fileExists(atPath: path(of: file)) }

    // MARK: Runs

    /// What a run or merge writes.
    public struct RunOutputs {
        /// The run record.
        public var record: RunRecord
        /// Per model, predictions in the panel's layout.
        public var predictions: [String: [Double]]
        /// The evaluation, when every fold ran.
        public var evaluation: Evaluation?
        /// Sweep outcomes shown in the summary and report (demo).
        public var sweep: [SweepOutcome]?
    }

    /// Writes `run.json`, `predictions.csv`, `summary.json`, `equity.csv` (complete runs) and `report.html`.
    public func write(_ outputs: RunOutputs, inputs: ResearchInputs, models: ModelRegistry) throws {
        let panel = inputs.panel, record = outputs.record
        var summary = SummaryDocument.json(record: record, panel: panel, quality: inputs.data.quality, evaluation: outputs.evaluation,
                                           complete: outputs.evaluation != nil, models: models)
        if let sweep = outputs.sweep, case .object(var pairs) = summary {
            pairs.append(("sweep", SweepDocument(sweep).json))
            summary = .object(pairs)
        }
        var files: [(File, Data)] = [
            (.run, try record.encoded()),
            (.predictions, Data(PredictionsFile.csv(panel: panel, predictions: outputs.predictions).utf8)),
            (.summary, Data((summary.render(indent: 2) + "\n").utf8)),
        ]
        if let e = outputs.evaluation { files.append((.equity, Data(try EquityFile.csv(e).utf8))) }
        let report = try ReportBuilder.html(record: record, panel: panel, quality: inputs.data.quality, evaluation: outputs.evaluation,
                                            sweep: outputs.sweep, models: models)
        files.append((.report, Data(report.utf8)))
        try write(files)
    }

    /// Reads `run.json`.
    public func record() throws -> RunRecord { try RunRecord.read(path: path(of: .run)) }

    /// Reads `predictions.csv` into arrays in `panel.layout`.
    public func predictions(panel: MarketPanel) throws -> [String: [Double]] {
        try PredictionsFile.read(path: path(of: .predictions), panel: panel)
    }

    // MARK: Sweeps

    /// Writes `sweep.json`, `sweep.txt` and `sweep.html`.
    public func writeSweep(_ outcomes: [SweepOutcome]) throws {
        try write([(.sweep, Data((SweepDocument(outcomes).json.render(indent: 2) + "\n").utf8)),
                   (.sweepTable, Data(OverfitSweep.table(outcomes).utf8)),
                   (.sweepPage, Data(ReportBuilder.sweepPage(outcomes).utf8))])
    }

    /// Reads `sweep.json`.
    public func sweep() throws -> [SweepOutcome] { try SweepDocument.read(path: path(of: .sweep)).outcomes }

    // MARK: Writing

    /// Writes every file atomically (each through a temporary file and a rename).
    private func write(_ files: [(File, Data)]) throws {
        for (file, data) in files { try AtomicFile.write(data, to: path(of: file)) }
    }
}
