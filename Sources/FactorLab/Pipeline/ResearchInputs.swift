import Foundation
import Quant

/// The files a run reads, loaded and checked: the market data (with its quality report), the
/// optional benchmark index aligned to its dates, point-in-time fundamentals and a sector map.
public struct ResearchInputs: Sendable {
    /// The market data.
    public var data: LoadedMarketData
    /// The index closes aligned to the panel (if an index file was given).
    public var indexClose: [Double]?
    /// Paths, as given.
    public var dataPath: String
    /// See ``dataPath``.
    public var indexPath: String?
    /// Point-in-time fundamentals (`--fundamentals`), validated against the panel's tickers.
    public var fundamentals: FundamentalsTable?
    /// The sector map (`--sectors`).
    public var sectors: SectorMap?
    /// See ``dataPath``.
    public var fundamentalsPath: String?
    /// See ``dataPath``.
    public var sectorsPath: String?

    /// Creates inputs from data already in memory.
    public init(data: LoadedMarketData, indexClose: [Double]?, dataPath: String, indexPath: String?,
                fundamentals: FundamentalsTable? = nil, fundamentalsPath: String? = nil,
                sectors: SectorMap? = nil, sectorsPath: String? = nil) {
        self.data = data
        self.indexClose = indexClose
        self.dataPath = dataPath
        self.indexPath = indexPath
        self.fundamentals = fundamentals
        self.fundamentalsPath = fundamentalsPath
        self.sectors = sectors
        self.sectorsPath = sectorsPath
    }

    /// Loads the data (and index, fundamentals, sector map) and reports warnings on `progress`.
    /// Throws the loaders' typed errors (file and line) for malformed files.
    public static func load(dataPath: String, indexPath: String?, fundamentalsPath: String? = nil, sectorsPath: String? = nil,
                            progress: ProgressReporter) throws -> ResearchInputs {
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
        var fundamentals: FundamentalsTable? = nil
        if let fundamentalsPath {
            let f = try FundamentalsLoader.load(path: fundamentalsPath, tickers: data.panel.tickers)
            progress.message("loaded \(f.records.count) fundamentals records (\(f.fields.joined(separator: ", "))) from \(fundamentalsPath)")
            fundamentals = f
        }
        var sectors: SectorMap? = nil
        if let sectorsPath {
            let s = try SectorMapLoader.load(path: sectorsPath, tickers: data.panel.tickers)
            for w in s.warnings { progress.message("warning: \(w)") }
            sectors = s
        }
        return ResearchInputs(data: data, indexClose: index, dataPath: dataPath, indexPath: indexPath, fundamentals: fundamentals,
                              fundamentalsPath: fundamentalsPath, sectors: sectors, sectorsPath: sectorsPath)
    }

    /// The panel.
    public var panel: MarketPanel { data.panel }
}
