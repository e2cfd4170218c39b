import Foundation
import Quant

/// Runs the screening on training decision dates.
public enum FactorScreener {
    /// Screens `panel`'s factors against `nextReturn` (asset-major log return at T+1) on `train`.
    public static func screen(_ panel: FeaturePanel, nextReturn: [Double], train: Range<Int>,
                              config: FactorScreenConfig = FactorScreenConfig()) -> FactorScreenResult {
        let A = panel.assetCount, T = panel.dateCount
        let layout = PanelLayout(assetCount: A, dateCount: T)
        let rule = config.paperRule
        var rows: [FactorICRow] = []
        for f in 0..<panel.factorCount {
            var sig = 0, tested = 0, assetICs: [Double] = []
            for a in 0..<A {
                var x: [Double] = [], y: [Double] = []
                for t in train where t < T {
                    let u = panel.value(asset: a, date: t, factor: f), v = nextReturn[layout.index(asset: a, date: t)]
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
                    let u = panel.value(asset: a, date: t, factor: f), v = nextReturn[layout.index(asset: a, date: t)]
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
        if config.keepAll {
            // Every factor that has values on the training dates; one that never does would leave no complete window.
            for i in rows.indices where rows[i].testedAssets > 0 { rows[i].selected = true }
            return FactorScreenResult(table: rows, selected: rows.filter(\.selected).map(\.factor), relaxed: false)
        }
        let passing = order.filter { rows[$0].testedAssets > 0 && rule.passes(significant: rows[$0].significantAssets, assets: A) }
        var chosen = pick(passing, limit: config.maxFactors)
        let relaxed = chosen.count < config.minFactors
        if relaxed { chosen = pick(order.filter { rows[$0].testedAssets > 0 }, limit: max(config.minFactors, chosen.count)) }
        for i in chosen { rows[i].selected = true }
        return FactorScreenResult(table: rows, selected: chosen.map { rows[$0].factor }, relaxed: relaxed)
    }
}
