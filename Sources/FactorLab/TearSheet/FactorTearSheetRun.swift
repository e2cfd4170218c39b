import Foundation
import NumericsSupport
import Quant

/// Bad input to a tear-sheet run, naming the problem.
public enum TearSheetRunError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The factor name is not in the registry.
    case unknownFactor(name: String, known: [String])
    /// The predictions file has no column for this model.
    case unknownModel(name: String, available: [String])
    /// The predictions file holds several models and none was chosen.
    case modelRequired(available: [String])
    /// The predictions file holds no prediction.
    case noPredictions(path: String)
    /// The data file has no usable `close` column.
    case noCloses(path: String)
    /// The predictions path is missing or unreadable.
    case unreadablePredictions(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownFactor(n, k): return "unknown factor '\(n)'; known factors: \(k.joined(separator: ", "))"
        case let .unknownModel(n, a): return "no model column '\(n)' in the predictions; models there: \(a.joined(separator: ", "))"
        case let .modelRequired(a): return "the predictions hold several models (\(a.joined(separator: ", "))); choose one with --model"
        case let .noPredictions(p): return "\(p) holds no prediction"
        case let .noCloses(p): return "\(p) has no close prices (a 'close' column is needed for forward returns)"
        case let .unreadablePredictions(p, r): return "predictions \(p): \(r)"
        }
    }
}

/// A factor tear sheet from files, as `factorlab tearsheet` runs it: market data from a CSV
/// (``MarketDataLoader``), the signal from Quant's factor registry or from a `predictions.csv`,
/// forward returns from the closes; writes `tearsheet.json` and `tearsheet.html` atomically.
public struct FactorTearSheetRun: Sendable {
    /// What is analysed.
    public enum Signal: Sendable, Equatable {
        /// A factor of the registry by name (e.g. `mom20`).
        case factor(String)
        /// A `predictions.csv` written by `factorlab run` (or its run directory); `model` picks the
        /// model column (optional when the file holds one model).
        case predictions(path: String, model: String?)
    }

    /// The market data CSV (long format: date, ticker, close, …).
    public var dataPath: String
    /// The signal.
    public var signal: Signal
    /// Quantiles, horizons, demeaning, threads.
    public var options: TearSheetOptions
    /// Group codes per (asset, date) in the data's layout (−1 = none) and their names, e.g. sectors.
    public var groups: (codes: [Int], names: [String])?
    /// The factor registry (default: Quant's standard library).
    public var registry: FactorRegistry
    /// A sector map CSV (`--sectors`): its sectors become the groups (overrides ``groups``).
    public var sectorsPath: String? = nil

    /// Creates a run.
    public init(dataPath: String, signal: Signal, options: TearSheetOptions = TearSheetOptions(),
                groups: (codes: [Int], names: [String])? = nil, registry: FactorRegistry = .standard) {
        self.dataPath = dataPath
        self.signal = signal
        self.options = options
        self.groups = groups
        self.registry = registry
    }

    /// The outcome of a run.
    public struct Outcome: Sendable {
        /// The tear sheet.
        public let sheet: FactorTearSheet
        /// A label of the signal (`mom20`, `predictions:lstm`).
        public let signalLabel: String
        /// Number of assets and dates of the data.
        public let assetCount: Int, dateCount: Int
        /// The `tearsheet.json` document.
        public let document: JSONValue
        /// Seconds spent computing the sheet (data loading excluded).
        public let computeSeconds: Double
    }

    /// Loads the data, builds the signal and computes the tear sheet. Throws ``TearSheetRunError``,
    /// Quant's `MarketDataError`, `FactorError`, ``TearSheetError`` or the predictions reader's errors.
    public func compute() throws -> Outcome {
        let loaded = try MarketDataLoader.load(path: dataPath)
        let panel = loaded.panel
        guard let close = panel.fields["close"], close.contains(where: { $0.isFinite }) else {
            throw TearSheetRunError.noCloses(path: dataPath)
        }
        let (values, label) = try signalValues(panel)
        let sectors = try sectorsPath.map { try SectorMapLoader.load(path: $0, tickers: panel.tickers).codes(panel) }
        let g = sectors.map { (codes: $0.codes, names: $0.names) } ?? groups
        let input = TearSheetInput(layout: panel.layout, factor: values, prices: .closes(close), dates: panel.dates,
                                   groups: g?.codes, groupNames: g?.names ?? [])
        let start = Date()
        let sheet = try FactorTearSheet.compute(input, options: options)
        let seconds = Date().timeIntervalSince(start)
        let doc = Self.document(sheet, data: dataPath, signal: label, tickers: panel.tickers, options: options)
        return Outcome(sheet: sheet, signalLabel: label, assetCount: panel.assetCount, dateCount: panel.dateCount,
                       document: doc, computeSeconds: seconds)
    }

    /// ``compute()``, then writes `tearsheet.json` and `tearsheet.html` into `directory` (each
    /// atomically: a reader sees the old file or the new one) and reads the JSON back to check it.
    @discardableResult
    public func write(to directory: String) throws -> Outcome {
        let outcome = try compute()
        let json = outcome.document.render(indent: 1) + "\n"
        let jsonPath = (directory as NSString).appendingPathComponent(Self.jsonName)
        try AtomicFile.write(json, to: jsonPath)
        let html = TearSheetHTML.page(outcome.sheet, title: "Factor tear sheet: \(outcome.signalLabel)",
                                      note: "Data: \(dataPath); \(outcome.assetCount) assets × \(outcome.dateCount) dates.")
        try AtomicFile.write(html, to: (directory as NSString).appendingPathComponent(Self.htmlName))
        // Read back: the file on disk must be exactly what was meant and parse as JSON.
        guard let back = FileManager.default.contents(atPath: jsonPath), back == Data(json.utf8),
              (try? JSONSerialization.jsonObject(with: back)) != nil else {
            throw OutputError.corrupt(path: directory, file: Self.jsonName, reason: "read back differs from what was written")
        }
        return outcome
    }

    /// `tearsheet.json`.
    public static let jsonName = "tearsheet.json"
    /// `tearsheet.html`.
    public static let htmlName = "tearsheet.html"

    /// The factor values (asset-major, the panel's layout) and a label.
    func signalValues(_ panel: MarketPanel) throws -> ([Double], String) {
        switch signal {
        case let .factor(name):
            guard registry.definition(name) != nil else { throw TearSheetRunError.unknownFactor(name: name, known: registry.names) }
            let data = try MarketData(panel: panel)
            let computed = try registry.compute(data, names: [name], threads: options.threads)
            return (computed[name]!.values, name)
        case let .predictions(path, model):
            let all = try Self.readPredictions(path: path, panel: panel)
            let models = all.keys.sorted()
            guard !models.isEmpty else { throw TearSheetRunError.noPredictions(path: path) }
            let chosen: String
            if let model {
                guard all[model] != nil else { throw TearSheetRunError.unknownModel(name: model, available: models) }
                chosen = model
            } else {
                guard models.count == 1 else { throw TearSheetRunError.modelRequired(available: models) }
                chosen = models[0]
            }
            return (all[chosen]!, "predictions:\(chosen)")
        }
    }

    /// A run directory, or a `predictions.csv` inside one (both read verified against the run's
    /// manifest), or a stand-alone predictions CSV (`date,ticker,model,prediction`).
    static func readPredictions(path: String, panel: MarketPanel) throws -> [String: [Double]] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TearSheetRunError.unreadablePredictions(path: path, reason: "no such file or directory")
        }
        if isDirectory.boolValue { return try RunDirectory(path).predictions(panel: panel) }
        let parent = (path as NSString).deletingLastPathComponent
        let manifest = ((parent.isEmpty ? "." : parent) as NSString).appendingPathComponent(RunDirectory.manifestName)
        if (path as NSString).lastPathComponent == RunDirectory.File.predictions.rawValue, FileManager.default.fileExists(atPath: manifest) {
            return try RunDirectory(parent.isEmpty ? "." : parent).predictions(panel: panel)
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw TearSheetRunError.unreadablePredictions(path: path, reason: "unreadable or not UTF-8 text")
        }
        return try PredictionsFile.read(text: text, path: path, panel: panel)
    }

    /// The `tearsheet.json` document: what was analysed, with which options, and the sheet.
    public static func document(_ sheet: FactorTearSheet, data: String, signal: String, tickers: [String],
                                options: TearSheetOptions) -> JSONValue {
        .object([
            ("format", .string("factorlab-tearsheet/1")),
            ("data", .string(data)),
            ("signal", .string(signal)),
            ("options", .object([
                ("quantiles", .integer(options.quantiles)),
                ("horizons", .array(options.horizons.map { .integer($0) })),
                ("demeaned", .bool(options.demeaned)),
            ])),
            ("tickers", .array(tickers.map { .string($0) })),
            ("tearsheet", sheet.json),
        ])
    }
}
