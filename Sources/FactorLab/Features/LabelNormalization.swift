import Foundation
import Quant

/// How the training target is normalised across stocks on each date (`--label`), like qlib's
/// `CSZScoreNorm` / `CSRankNorm` processors.
///
/// The target is the mean log return over the next h days. A top-k strategy trades the *ordering*
/// of stocks on a date, not the market's level, so learning the cross-sectional signal can serve
/// it better than the raw return, whose variance is dominated by market-wide moves. Normalising
/// per date uses only that date's targets, so it adds no information beyond the raw label's
/// (the label already looks h days ahead, which the walk-forward gap of h accounts for).
/// Evaluation (IC, portfolios) always uses the raw forward returns.
public enum LabelNormalization: String, Sendable, Codable, CaseIterable {
    /// The mean log return itself.
    case raw
    /// Per date: `(y − mean) / std` over the stocks with a finite target (std with ddof 1, as
    /// pandas' `std` in qlib's `CSZScoreNorm`); `NaN` on dates with fewer than 2 such stocks or a
    /// zero std (those samples are not trained on).
    case csZScore = "cs-zscore"
    /// Per date: `(rank/n − 0.5) · 3.46` over the n stocks with a finite target, rank = average
    /// rank in 1…n (ties share their mean rank) — qlib's `CSRankNorm` (3.46 ≈ √12 gives the
    /// uniform ranks unit variance). `NaN` on dates with fewer than 2 such stocks.
    case csRank = "cs-rank"

    /// The normalised targets (asset-major in `layout`); `NaN` stays `NaN`.
    public func apply(_ target: [Double], layout: PanelLayout) -> [Double] {
        guard self != .raw else { return target }
        var out = [Double](repeating: .nan, count: target.count)
        var idx: [Int] = [], values: [Double] = []
        for t in 0..<layout.dateCount {
            idx.removeAll(keepingCapacity: true); values.removeAll(keepingCapacity: true)
            for a in 0..<layout.assetCount {
                let i = layout.index(asset: a, date: t)
                if target[i].isFinite { idx.append(i); values.append(target[i]) }
            }
            guard values.count >= 2 else { continue }
            switch self {
            case .raw: break
            case .csZScore:
                let m = Statistics.mean(values), s = Statistics.standardDeviation(values, ddof: 1)
                guard s > 0, s.isFinite else { continue }
                for (k, i) in idx.enumerated() { out[i] = (values[k] - m) / s }
            case .csRank:
                let ranks = Statistics.averageRanks(values), n = Double(values.count)
                for (k, i) in idx.enumerated() { out[i] = (ranks[k] / n - 0.5) * 3.46 }
            }
        }
        return out
    }
}
