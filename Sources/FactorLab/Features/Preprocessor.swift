import Foundation
import Quant

/// The first paper's preprocessing — MAD winsorisation, missing-value filling, z-score — with
/// every statistic fitted on training data only and then applied unchanged to later dates.
///
/// - MAD: per factor, pooled over training (asset, date) values: clip to
///   `median ± k·1.4826·MAD` (k = 3; MAD = 0 leaves values unchanged), as CONVENTIONS.md §3.
/// - Missing values: linear interpolation by position would use the value *after* a gap, i.e.
///   the future; the causal limit of it — carrying the last observation forward along each asset's
///   series — is used instead, so a prediction at t never depends on data after t.
/// - z-score: `(x − mean) / std` (ddof 0) of the clipped training values; a constant factor maps to 0.
public struct Preprocessor: Sendable, Equatable, Codable {
    /// Clip bounds per factor.
    public var lower: [Double]
    /// Clip bounds per factor.
    public var upper: [Double]
    /// Training mean per factor (after clipping).
    public var mean: [Double]
    /// Training standard deviation per factor (after clipping).
    public var std: [Double]
    /// MAD multiple (default 3).
    public var madMultiple: Double

    /// Fits on the training decision dates `train` (pooled over assets).
    public init(fitting panel: FeaturePanel, train: Range<Int>, madMultiple: Double = 3) {
        let F = panel.factorCount
        self.madMultiple = madMultiple
        lower = []; upper = []; mean = []; std = []
        for f in 0..<F {
            var v: [Double] = []
            v.reserveCapacity(panel.assetCount * train.count)
            for a in 0..<panel.assetCount {
                for t in train where t < panel.dateCount {
                    let x = panel.value(asset: a, date: t, factor: f)
                    if x.isFinite { v.append(x) }
                }
            }
            // Quant's fit/apply split does the statistics; this type only keeps the fitted numbers.
            let mad = MADWinsorizer(k: madMultiple).fit(v)
            let half = mad.winsorizer.k * mad.winsorizer.consistency * mad.mad
            let bounded = mad.mad > 0 && !mad.median.isNaN
            lower.append(bounded ? mad.median - half : -.infinity)
            upper.append(bounded ? mad.median + half : .infinity)
            let z = ZScore(ddof: 0).fit(mad.apply(v))
            mean.append(z.mean)
            std.append(z.std)
        }
    }

    /// Applies the fitted transform to every date (clip → carry forward → z-score).
    public func apply(_ panel: FeaturePanel) -> FeaturePanel {
        let F = panel.factorCount, T = panel.dateCount
        precondition(F == mean.count, "Preprocessor fitted on \(mean.count) factors, applied to \(F)")
        var v = panel.values
        for a in 0..<panel.assetCount {
            for f in 0..<F {
                var last = Double.nan
                for t in 0..<T {
                    let i = panel.index(asset: a, date: t, factor: f)
                    var x = v[i]
                    if x.isFinite { x = min(max(x, lower[f]), upper[f]); last = x } else { x = last }
                    v[i] = x.isFinite ? (std[f] > 0 ? (x - mean[f]) / std[f] : 0) : .nan
                }
            }
        }
        return FeaturePanel(factorNames: panel.factorNames, assetCount: panel.assetCount, dateCount: T, values: v)
    }
}
