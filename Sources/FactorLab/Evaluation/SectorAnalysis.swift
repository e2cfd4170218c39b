import Foundation
import Quant

/// What a sector map adds to a run's evaluation: each model's rank IC within each sector on the
/// test dates, and where its top-k portfolio's money sat.
public struct SectorAnalysis: Sendable, Equatable {
    /// Sector names, in code order.
    public var sectors: [String]
    /// Per model × sector: rank IC of the predictions with the realised h-day target across the
    /// sector's stocks, over the test decision dates (``SectorIC``, overlap h for Newey–West).
    public var ic: [SectorICRow]
    /// Per strategy: the mean over holding days of the share of the portfolio's gross weight held
    /// in each sector (`Σ_{a∈s} |w_a| / Σ_a |w_a|`, days with a position only), in ``sectors`` order.
    public var exposure: [String: [Double]]
    /// The universe's mix: the mean over the same days of the share of priced stocks in each sector
    /// (what an equal-weight portfolio of everything would hold).
    public var universe: [Double]

    /// The analysis of `predictions` (per model, asset-major) against `target` over the test
    /// dates `decisionDates`, with `holdings` per strategy as (date, weights over assets) pairs.
    public static func compute(sectors: GroupCodes, predictions: [String: [Double]], target: [Double], decisionDates: [Int],
                               horizon: Int, holdings: [String: [(date: Int, weights: [Double])]], priced: [Double]) -> SectorAnalysis {
        let layout = sectors.layout, G = sectors.names.count
        let lo = decisionDates.first ?? 0, hi = (decisionDates.last ?? -1) + 1
        let names = predictions.keys.sorted()
        let ic = SectorIC.table(names: names, signals: names.map { predictions[$0]! }, forward: target, sectors: sectors,
                                dates: lo..<max(lo, hi), overlap: horizon)
        var exposure: [String: [Double]] = [:]
        var days = Set<Int>()
        for (name, rows) in holdings {
            var sum = [Double](repeating: 0, count: G), n = 0
            for (t, w) in rows where t >= 0 && t < layout.dateCount {
                var bySector = [Double](repeating: 0, count: G), gross = 0.0
                for (a, x) in w.enumerated() where x != 0 && x.isFinite {
                    gross += abs(x)
                    let g = sectors.code(asset: a, date: t)
                    if g >= 0 { bySector[g] += abs(x) }
                }
                guard gross > 0 else { continue }
                for g in 0..<G { sum[g] += bySector[g] / gross }
                n += 1
                days.insert(t)
            }
            exposure[name] = sum.map { n > 0 ? $0 / Double(n) : .nan }
        }
        var universe = [Double](repeating: 0, count: G), n = 0
        for t in days.sorted() {
            var count = [Double](repeating: 0, count: G), total = 0.0
            for a in 0..<layout.assetCount where priced[layout.index(asset: a, date: t)].isFinite {
                let g = sectors.code(asset: a, date: t)
                total += 1
                if g >= 0 { count[g] += 1 }
            }
            guard total > 0 else { continue }
            for g in 0..<G { universe[g] += count[g] / total }
            n += 1
        }
        return SectorAnalysis(sectors: sectors.names, ic: ic, exposure: exposure, universe: universe.map { n > 0 ? $0 / Double(n) : .nan })
    }
}
