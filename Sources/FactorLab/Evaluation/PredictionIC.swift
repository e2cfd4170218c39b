import Foundation
import Quant

/// Cross-sectional information coefficients of a model's predictions (qlib's benchmark columns).
public struct PredictionIC: Sendable, Equatable, Codable {
    /// Mean over dates of the Pearson correlation between predictions and realised targets.
    public var ic: Double
    /// Mean over dates of the Spearman correlation.
    public var rankIC: Double
    /// `mean(IC) / std(IC)` (ddof 1, not annualised).
    public var icir: Double
    /// `mean(rank IC) / std(rank IC)`.
    public var rankICIR: Double
    /// Decision dates used (those with at least 3 assets having both values).
    public var dates: [Int]
    /// The daily IC series aligned with ``dates``.
    public var icSeries: [Double]
    /// The daily rank IC series aligned with ``dates``.
    public var rankICSeries: [Double]

    /// Computes the IC family over `decisionDates` from `predictions` and `targets` in `layout`.
    ///
    /// With an h-day target, consecutive daily ICs overlap (share h−1 days of returns), so ICIR
    /// overstates significance relative to independent samples; it is reported as qlib does.
    public init(predictions: [Double], targets: [Double], layout: PanelLayout, decisionDates: [Int]) {
        let A = layout.assetCount
        var ds: [Int] = [], ics: [Double] = [], rics: [Double] = []
        var p: [Double] = [], y: [Double] = []  // per-date pairs, buffers reused across dates
        p.reserveCapacity(A); y.reserveCapacity(A)
        for t in decisionDates {
            p.removeAll(keepingCapacity: true); y.removeAll(keepingCapacity: true)
            for a in 0..<A {
                let i = layout.index(asset: a, date: t)
                let u = predictions[i], v = targets[i]
                if u.isFinite && v.isFinite { p.append(u); y.append(v) }
            }
            guard p.count >= 3 else { continue }
            let c = Statistics.pearson(p, y), r = Statistics.spearman(p, y)
            guard c.isFinite || r.isFinite else { continue }
            ds.append(t); ics.append(c); rics.append(r)
        }
        dates = ds
        icSeries = ics
        rankICSeries = rics
        ic = Statistics.mean(ics)
        rankIC = Statistics.mean(rics)
        icir = ic / Statistics.standardDeviation(ics, ddof: 1)
        rankICIR = rankIC / Statistics.standardDeviation(rics, ddof: 1)
    }
}
