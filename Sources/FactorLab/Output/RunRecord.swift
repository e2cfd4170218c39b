import Quant
import Foundation

/// Everything needed to re-evaluate or merge a run: written as `run.json` beside the outputs.
public struct RunRecord: Sendable, Codable, Equatable {
    /// Format version.
    public var version: Int = 1
    /// The market-data file.
    public var dataPath: String
    /// The index file, if any.
    public var indexPath: String?
    /// The configuration.
    public var config: PipelineConfig
    /// Fold outcomes of the folds this record covers.
    public var folds: [FoldOutcome]
    /// Total folds of the full run.
    public var totalFolds: Int
    /// Origin of the factors.
    public var factorOrigin: String
    /// Factors skipped for missing fields.
    public var skippedFactors: [String: [String]]

    /// Creates a record.
    public init(dataPath: String, indexPath: String?, predictions: PipelinePredictions) {
        self.dataPath = dataPath
        self.indexPath = indexPath
        config = predictions.config
        folds = predictions.folds
        totalFolds = predictions.totalFolds
        factorOrigin = predictions.factorOrigin
        skippedFactors = predictions.skippedFactors
    }

    /// Whether every fold of the run is present (then it can be evaluated).
    public var isComplete: Bool { folds.count == totalFolds }

    /// JSON with sorted keys and NaN/±inf as strings (deterministic bytes).
    public func encoded() throws -> Data { try OutputJSON.encode(self) }

    /// Reads `run.json`.
    public static func read(path: String) throws -> RunRecord {
        try OutputJSON.decode(RunRecord.self, path: path, what: "run.json")
    }
}
