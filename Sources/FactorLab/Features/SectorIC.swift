import Foundation
import Quant

/// One factor's (or model's) information coefficient within one sector.
public struct SectorICRow: Sendable, Equatable, Codable {
    /// The factor or model.
    public var name: String
    /// The sector.
    public var sector: String
    /// Mean over dates of the daily Spearman IC across the sector's stocks.
    public var meanRankIC: Double
    /// `mean / std` of the daily ICs (std with ddof 1).
    public var icir: Double
    /// t-statistic of the mean (`mean / (std/√n)`).
    public var tStat: Double
    /// Dates with an IC (at least 3 stocks of the sector with both values).
    public var days: Int
}

/// Per-sector rank IC: on each date, the Spearman correlation between a signal and the forward
/// return across the stocks of one sector (Quant's `InformationCoefficient.byGroup`, at least
/// 3 complete pairs a date), summarised over `dates`.
public enum SectorIC {
    /// Rows for each of `names` (signals asset-major in `sectors.layout`) × sector, over the
    /// dates of `dates` only (`forward` is ignored elsewhere); `overlap` is the forward horizon
    /// (for the Newey–West lags of the summary). Signals with ±inf give no rows.
    public static func table(names: [String], signals: [[Double]], forward: [Double], sectors: GroupCodes,
                             dates: Range<Int>, overlap: Int = 1) -> [SectorICRow] {
        let layout = sectors.layout
        var masked = layout.filled(.nan)
        for a in 0..<layout.assetCount {
            for t in dates where t >= 0 && t < layout.dateCount {
                let i = layout.index(asset: a, date: t)
                masked[i] = forward[i].isFinite ? forward[i] : .nan
            }
        }
        var rows: [SectorICRow] = []
        for (name, signal) in zip(names, signals) {
            guard let groups = try? InformationCoefficient.byGroup(factor: signal, forwardReturns: masked, groups: sectors,
                                                                   overlap: overlap) else { continue }
            for g in groups {
                rows.append(SectorICRow(name: name, sector: g.name, meanRankIC: g.summary.mean, icir: g.summary.icir,
                                        tStat: g.summary.tStat, days: g.summary.n))
            }
        }
        return rows
    }
}
