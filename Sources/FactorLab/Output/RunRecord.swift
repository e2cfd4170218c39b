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
    /// Hex SHA-256 of the market-data file's bytes: merge compares content, not paths (nil in
    /// records written before it was recorded).
    public var dataSHA256: String?
    /// Hex SHA-256 of the index file's bytes (nil without an index or in older records).
    public var indexSHA256: String?
    /// The fundamentals file (`--fundamentals`), if any.
    public var fundamentalsPath: String?
    /// Hex SHA-256 of the fundamentals file's bytes.
    public var fundamentalsSHA256: String?
    /// The sector map (`--sectors`), if any.
    public var sectorsPath: String?
    /// Hex SHA-256 of the sector map's bytes.
    public var sectorsSHA256: String?
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
    /// Where each candidate factor comes from (see ``PipelinePredictions/factorSources``).
    public var factorSources: [String: String]
    /// Data factors left out as unusable: factor → reason.
    public var unusableFactors: [String: String]

    /// Creates a record.
    public init(dataPath: String, indexPath: String?, predictions: PipelinePredictions,
                dataSHA256: String? = nil, indexSHA256: String? = nil) {
        self.dataPath = dataPath
        self.indexPath = indexPath
        self.dataSHA256 = dataSHA256
        self.indexSHA256 = indexSHA256
        config = predictions.config
        folds = predictions.folds
        totalFolds = predictions.totalFolds
        factorOrigin = predictions.factorOrigin
        skippedFactors = predictions.skippedFactors
        factorSources = predictions.factorSources
        unusableFactors = predictions.unusableFactors
    }

    /// The record of a run on `inputs`: their paths and content hashes.
    public init(inputs: ResearchInputs, predictions: PipelinePredictions) throws {
        self.init(dataPath: inputs.dataPath, indexPath: inputs.indexPath, predictions: predictions,
                  dataSHA256: try Self.contentHash(path: inputs.dataPath), indexSHA256: try inputs.indexPath.map(Self.contentHash(path:)))
        fundamentalsPath = inputs.fundamentalsPath
        fundamentalsSHA256 = try inputs.fundamentalsPath.map(Self.contentHash(path:))
        sectorsPath = inputs.sectorsPath
        sectorsSHA256 = try inputs.sectorsPath.map(Self.contentHash(path:))
    }

    /// The record's inputs as (path, SHA-256) pairs: data, index, fundamentals, sectors.
    public var inputFiles: [(path: String?, sha256: String?)] {
        [(dataPath, dataSHA256), (indexPath, indexSHA256), (fundamentalsPath, fundamentalsSHA256), (sectorsPath, sectorsSHA256)]
    }

    /// Whether every fold of the run is present (then it can be evaluated).
    public var isComplete: Bool { folds.count == totalFolds }

    /// The hex SHA-256 of the file at `path` (the content hash recorded for inputs).
    public static func contentHash(path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError.badOutput(path: path, reason: "cannot read the input file to hash it")
        }
        return OutputManifest.digest(data)
    }

    /// JSON with sorted keys and NaN/±inf as strings (deterministic bytes).
    public func encoded() throws -> Data { try OutputJSON.encode(self) }

    /// Reads `run.json`.
    public static func read(path: String) throws -> RunRecord {
        try OutputJSON.decode(RunRecord.self, path: path, what: "run.json")
    }
}
