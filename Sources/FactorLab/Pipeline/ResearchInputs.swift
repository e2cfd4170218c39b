import Foundation
import Quant

/// The files a run reads, loaded and checked: the market data (with its quality report) and the
/// optional benchmark index aligned to its dates.
public struct ResearchInputs: Sendable {
    /// The market data.
    public var data: LoadedMarketData
    /// The index closes aligned to the panel (if an index file was given).
    public var indexClose: [Double]?
    /// Paths, as given.
    public var dataPath: String
    /// See ``dataPath``.
    public var indexPath: String?

    /// Creates inputs from data already in memory.
    public init(data: LoadedMarketData, indexClose: [Double]?, dataPath: String, indexPath: String?) {
        self.data = data
        self.indexClose = indexClose
        self.dataPath = dataPath
        self.indexPath = indexPath
    }

    /// Loads the data (and index) and reports warnings on `progress`.
    public static func load(dataPath: String, indexPath: String?, progress: ProgressReporter) throws -> ResearchInputs {
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
        return ResearchInputs(data: data, indexClose: index, dataPath: dataPath, indexPath: indexPath)
    }

    /// The panel.
    public var panel: MarketPanel { data.panel }
}
