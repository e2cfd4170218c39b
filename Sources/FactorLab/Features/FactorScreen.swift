import Foundation
import Quant

/// The first paper's single-factor validity test and selection rule.
///
/// For every factor and every asset, the time-series IC between the factor at T and the log
/// return at T+1 over the training dates is tested for significance (two-sided t-test of a
/// correlation, level `alpha`; an asset needs 10 finite pairs to be tested). A factor passes by
/// Quant's `FactorScreening.PaperRule`: significant for at least `minShare` of all the panel's
/// assets (the paper: more than 190 of 212 stocks ≈ 0.896). If fewer than
/// `minFactors` pass, the factors with the most significant assets (then the largest |mean IC|)
/// fill up to `minFactors`, and the selection is marked as relaxed; at most `maxFactors` are kept. A factor
/// whose pooled training-date correlation with an already chosen one exceeds `maxCorrelation` in
/// absolute value is skipped (the library has near-duplicates, e.g. `ma20_rel` and `boll_mid_rel`).
public struct FactorScreenConfig: Sendable, Equatable, Codable {
    /// Significance level of the per-asset IC test (default 0.05).
    public var alpha: Double = 0.05
    /// Share of assets that must pass (default 190/212).
    public var minShare: Double = 190.0 / 212.0
    /// Lower bound on the number of selected factors (default 10: the paper kept 10–11).
    public var minFactors: Int = 10
    /// Upper bound on the number of selected factors (default 10, as in the first paper).
    public var maxFactors: Int = 10
    /// Largest |correlation| allowed between two selected factors (default 0.95).
    public var maxCorrelation: Double = 0.95

    /// The per-asset significance rule these settings describe.
    public var paperRule: FactorScreening.PaperRule { FactorScreening.PaperRule(alpha: alpha, minShare: minShare) }

    /// Creates a configuration with the defaults above.
    public init(alpha: Double = 0.05, minShare: Double = 190.0 / 212.0, minFactors: Int = 10, maxFactors: Int = 10,
                maxCorrelation: Double = 0.95) {
        self.maxCorrelation = maxCorrelation
        self.alpha = alpha
        self.minShare = minShare
        self.minFactors = minFactors
        self.maxFactors = maxFactors
    }
}

/// One row of the factor IC table.
public struct FactorICRow: Sendable, Equatable, Codable {
    /// Factor name.
    public var factor: String
    /// Mean over dates of the cross-sectional IC (Pearson) with the next-day return.
    public var meanIC: Double
    /// Mean cross-sectional rank IC.
    public var meanRankIC: Double
    /// `meanIC / std(IC)`.
    public var icir: Double
    /// Mean over assets of the time-series IC.
    public var meanAssetIC: Double
    /// Number of assets whose time-series IC is significant.
    public var significantAssets: Int
    /// Number of assets tested.
    public var testedAssets: Int
    /// Whether the factor was selected.
    public var selected: Bool
}

/// The outcome of screening.
public struct FactorScreenResult: Sendable, Equatable, Codable {
    /// One row per candidate factor, in the library's order.
    public var table: [FactorICRow]
    /// The selected factors, most significant first.
    public var selected: [String]
    /// Whether the paper's threshold selected too few factors and the best were added.
    public var relaxed: Bool
}

/// Runs the screening on training decision dates.
public enum FactorScreener {
    /// Screens `panel`'s factors against `nextReturn` (asset-major log return at T+1) on `train`.
    public static func screen(_ panel: FeaturePanel, nextReturn: [Double], train: Range<Int>,
                              config: FactorScreenConfig = FactorScreenConfig()) -> FactorScreenResult {
        let A = panel.assetCount, T = panel.dateCount
        let rule = config.paperRule
        var rows: [FactorICRow] = []
        for f in 0..<panel.factorCount {
            var sig = 0, tested = 0, assetICs: [Double] = []
            for a in 0..<A {
                var x: [Double] = [], y: [Double] = []
                for t in train where t < T {
                    let u = panel.value(asset: a, date: t, factor: f), v = nextReturn[a * T + t]
                    if u.isFinite && v.isFinite { x.append(u); y.append(v) }
                }
                guard x.count >= 10 else { continue }
                let r = Statistics.pearson(x, y)
                guard r.isFinite else { continue }
                tested += 1
                assetICs.append(r)
                if rule.isSignificant(pValue: Statistics.correlationTTest(r: r, n: x.count).p) { sig += 1 }
            }
            var ics: [Double] = [], rics: [Double] = []
            for t in train where t < T {
                var x: [Double] = [], y: [Double] = []
                for a in 0..<A {
                    let u = panel.value(asset: a, date: t, factor: f), v = nextReturn[a * T + t]
                    if u.isFinite && v.isFinite { x.append(u); y.append(v) }
                }
                guard x.count >= 3 else { continue }
                ics.append(Statistics.pearson(x, y)); rics.append(Statistics.spearman(x, y))
            }
            let m = Statistics.mean(ics)
            rows.append(FactorICRow(factor: panel.factorNames[f], meanIC: m, meanRankIC: Statistics.mean(rics),
                                    icir: m / Statistics.standardDeviation(ics, ddof: 1),
                                    meanAssetIC: Statistics.mean(assetICs), significantAssets: sig,
                                    testedAssets: tested, selected: false))
        }
        let order = rows.indices.sorted {
            let a = rows[$0], b = rows[$1]
            if a.significantAssets != b.significantAssets { return a.significantAssets > b.significantAssets }
            let ma = abs(a.meanAssetIC.isFinite ? a.meanAssetIC : 0), mb = abs(b.meanAssetIC.isFinite ? b.meanAssetIC : 0)
            return ma != mb ? ma > mb : $0 < $1
        }
        // Pooled training values per factor, for the redundancy check.
        func pooled(_ f: Int) -> [Double] {
            var v: [Double] = []
            for a in 0..<A { for t in train where t < T { v.append(panel.value(asset: a, date: t, factor: f)) } }
            return v
        }
        var cache: [Int: [Double]] = [:]
        func distinct(_ picked: [Int], _ f: Int) -> Bool {
            if cache[f] == nil { cache[f] = pooled(f) }
            for g in picked {
                if cache[g] == nil { cache[g] = pooled(g) }
                if abs(Statistics.pearson(cache[f]!, cache[g]!)) > config.maxCorrelation { return false }
            }
            return true
        }
        func pick(_ candidates: [Int], limit: Int) -> [Int] {
            var picked: [Int] = []
            for f in candidates where picked.count < limit && distinct(picked, f) { picked.append(f) }
            return picked
        }
        let passing = order.filter { rows[$0].testedAssets > 0 && rule.passes(significant: rows[$0].significantAssets, assets: A) }
        var chosen = pick(passing, limit: config.maxFactors)
        let relaxed = chosen.count < config.minFactors
        if relaxed { chosen = pick(order.filter { rows[$0].testedAssets > 0 }, limit: max(config.minFactors, chosen.count)) }
        for i in chosen { rows[i].selected = true }
        return FactorScreenResult(table: rows, selected: chosen.map { rows[$0].factor }, relaxed: relaxed)
    }
}
