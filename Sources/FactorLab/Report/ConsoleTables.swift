import Foundation
import Quant

/// The plain-text tables the command line prints: Table I and II of a run, the factor screen.
public enum ConsoleTables {
    /// Table I (whole test period) and Table II (by regime) for every strategy of `e`, in
    /// `registry`'s display order; models of `models` without results are listed as unavailable.
    /// With several seed replicates (``Evaluation/replicates``) every cell is `mean±std` over them
    /// (sample std, ddof 1) in ``seedTables(_:models:registry:)``'s layout.
    public static func tables(_ e: Evaluation, models: [String], registry: ModelRegistry = .standard) -> String {
        if e.seedCount > 1 { return seedTables(e, models: models, registry: registry) }
        let styles = registry.strategies.filter { e.strategies[$0.key] != nil }
        var out = "Table I — test period \(e.days.first ?? "") … \(e.days.last ?? "") (\(e.days.count) days)\n"
        out += "strategy         ann.return  Sharpe  max.DD    VaR95     IC       rankIC   ICIR     rankICIR\n"
        for p in styles {
            let s = e.strategies[p.key]!, m = s.performance
            out += p.key.padding(toLength: 16, withPad: " ", startingAt: 0)
                + String(format: " %9.2f%%  %6.2f  %7.2f%%  %6.2f%%  %7.4f  %7.4f  %7.3f  %7.3f", m.annualReturn * 100, m.sharpe,
                         m.maxDrawdown * 100, m.var95 * 100, s.ic?.ic ?? .nan, s.ic?.rankIC ?? .nan, s.ic?.icir ?? .nan, s.ic?.rankICIR ?? .nan)
                + "\n"
        }
        for m in models where e.strategies[m] == nil { out += "\(m): not available (see summary.json)\n" }
        out += "\nTable II — by regime (from \(e.regimeSource))\n"
        out += "regime    strategy         days  avg.daily  max.DD    Sharpe  VaR95\n"
        for g in MarketRegime.allCases {
            for p in styles {
                let m = e.strategies[p.key]!.regimes[g]!
                out += g.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + p.key.padding(toLength: 16, withPad: " ", startingAt: 0)
                    + String(format: " %4d  %8.3f%%  %7.2f%%  %6.2f  %6.2f%%", m.days, m.averageDailyReturn * 100, m.maxDrawdown * 100, m.sharpe, m.var95 * 100)
                    + "\n"
            }
        }
        return out
    }

    /// Tables I and II as `mean±std` over the seed replicates (percentages where the single-seed table shows them).
    static func seedTables(_ e: Evaluation, models: [String], registry: ModelRegistry) -> String {
        let styles = registry.strategies.filter { e.strategies[$0.key] != nil }
        func cell(_ s: SeedSpread, _ scale: Double, _ digits: Int, _ width: Int) -> String {
            let text = s.mean.isNaN ? "nan" : String(format: "%.\(digits)f±%.\(digits)f", s.mean * scale, s.std * scale)
            return String(repeating: " ", count: max(0, width - text.count)) + text
        }
        var out = "Table I — test period \(e.days.first ?? "") … \(e.days.last ?? "") (\(e.days.count) days); mean±std over \(e.seedCount) seeds (sample std)\n"
        let headers = ["ann.return%", "Sharpe", "max.DD%", "VaR95%", "IC", "rankIC", "ICIR", "rankICIR"]
        let columns: [((StrategyEvaluation) -> Double, Double, Int)] = [
            ({ $0.performance.annualReturn }, 100, 2), ({ $0.performance.sharpe }, 1, 2), ({ $0.performance.maxDrawdown }, 100, 2),
            ({ $0.performance.var95 }, 100, 2), ({ $0.ic?.ic ?? .nan }, 1, 4), ({ $0.ic?.rankIC ?? .nan }, 1, 4),
            ({ $0.ic?.icir ?? .nan }, 1, 3), ({ $0.ic?.rankICIR ?? .nan }, 1, 3),
        ]
        out += "strategy        " + headers.map { String(repeating: " ", count: max(0, 16 - $0.count)) + $0 }.joined() + "\n"
        for p in styles {
            out += p.key.padding(toLength: 16, withPad: " ", startingAt: 0)
                + columns.map { cell(e.spread(p.key, $0.0), $0.1, $0.2, 16) }.joined() + "\n"
        }
        for m in models where e.strategies[m] == nil { out += "\(m): not available (see summary.json)\n" }
        out += "\nTable II — by regime (from \(e.regimeSource)); mean±std over \(e.seedCount) seeds\n"
        out += "regime    strategy         days" + ["avg.daily%", "max.DD%", "Sharpe", "VaR95%"].map { String(repeating: " ", count: 16 - $0.count) + $0 }.joined() + "\n"
        for g in MarketRegime.allCases {
            for p in styles {
                let m = e.strategies[p.key]!.regimes[g]!
                let metrics: [((RegimePerformance) -> Double, Double, Int)] = [
                    ({ $0.averageDailyReturn }, 100, 3), ({ $0.maxDrawdown }, 100, 2), ({ $0.sharpe }, 1, 2), ({ $0.var95 }, 100, 2),
                ]
                out += g.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + p.key.padding(toLength: 16, withPad: " ", startingAt: 0)
                    + String(format: " %4d", m.days)
                    + metrics.map { f in cell(e.spread(p.key) { $0.regimes[g].map(f.0) ?? .nan }, f.1, f.2, 16) }.joined() + "\n"
            }
        }
        return out
    }

    /// The factor screen: one row per candidate with its IC statistics and the selection.
    public static func screen(_ r: FactorScreenResult, dataset: ResearchDataset, fold: WalkForwardFold,
                              config: FactorScreenConfig) -> String {
        let dates = dataset.panel.dates, factors = dataset.factors
        var out = "factors: \(factors.origin); training dates \(dates[fold.train.lowerBound]) … \(dates[fold.train.upperBound - 1])\n"
        if !factors.skipped.isEmpty { out += "skipped (missing fields): \(factors.skipped.keys.sorted().joined(separator: ", "))\n" }
        for notice in factors.notices { out += notice + "\n" }
        out += "factor                 source        IC       rankIC   ICIR     asset IC  significant  selected\n"
        for row in r.table {
            out += row.factor.padding(toLength: 22, withPad: " ", startingAt: 0) + " "
                + (row.source ?? "").padding(toLength: 12, withPad: " ", startingAt: 0)
                + String(format: " %7.4f  %7.4f  %7.3f  %7.4f   %4d/%-4d    ", row.meanIC, row.meanRankIC, row.icir, row.meanAssetIC,
                         row.significantAssets, row.testedAssets) + (row.selected ? "yes" : "") + "\n"
        }
        out += "selected: \(r.selected.joined(separator: ", "))\(r.relaxed ? " (relaxed: fewer than \(config.minFactors) passed the paper's threshold)" : "")\n"
        if let rows = r.sectorIC, !rows.isEmpty { out += "\n" + sectorIC(rows, title: "rank IC by sector (selected factors, training dates, next-day return)") }
        return out
    }
}

extension ConsoleTables {
    /// A names × sectors table of mean rank IC (`SectorIC`).
    public static func sectorIC(_ rows: [SectorICRow], title: String) -> String {
        var sectors: [String] = [], names: [String] = []
        for r in rows {
            if !sectors.contains(r.sector) { sectors.append(r.sector) }
            if !names.contains(r.name) { names.append(r.name) }
        }
        var out = title + "\n" + "".padding(toLength: 22, withPad: " ", startingAt: 0)
        for s in sectors { out += " " + String(s.prefix(10)).padding(toLength: 10, withPad: " ", startingAt: 0) }
        out += "\n"
        for n in names {
            out += String(n.prefix(22)).padding(toLength: 22, withPad: " ", startingAt: 0)
            for s in sectors {
                let v = rows.first { $0.name == n && $0.sector == s }?.meanRankIC ?? .nan
                out += String(format: " %10.4f", v)
            }
            out += "\n"
        }
        return out
    }
}
