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

    /// JSON with sorted keys and NaN/±inf as strings (deterministic bytes).
    public func encoded() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try e.encode(self)
    }

    /// Reads `run.json`.
    public static func read(path: String) throws -> RunRecord {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError.badOutput(path: path, reason: "cannot read file")
        }
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do { return try d.decode(RunRecord.self, from: data) } catch {
            throw PipelineError.badOutput(path: path, reason: "not a factorlab run.json (\(error))")
        }
    }
}

/// Atomic file writes (temporary file in the same directory, then rename).
public enum AtomicFile {
    /// Writes `data` to `path` atomically, creating the directory if needed.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    }

    /// Writes UTF-8 `text` atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
