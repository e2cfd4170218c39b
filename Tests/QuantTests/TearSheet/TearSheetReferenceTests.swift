import Foundation
import Testing
@testable import Quant

/// The tear sheet against alphalens-reloaded (Resources/tearsheet/tearsheet_reference.json, made by
/// Scripts/reference/make_tearsheet_reference.py): 30 assets × 250 days of bundled closes, 20-day
/// momentum with knocked-out cells, 3 groups, horizons 1/5/10, 5 quantiles. Every number is
/// compared at 1e-9 relative (absolute floor 1e-14).
@Suite struct TearSheetReferenceTests {
    static let rtol = 1e-9, atol = 1e-14

    struct Reference {
        let root: [String: Any]
        var caseInfo: [String: Any] { root["case"] as! [String: Any] }

        init() throws {
            let url = try #require(Bundle.module.url(forResource: "tearsheet_reference", withExtension: "json",
                                                     subdirectory: "Resources/tearsheet"))
            root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        }

        /// The input exactly as the script built it, through the public API.
        func input() -> TearSheetInput {
            let c = caseInfo
            let dates = c["dates"] as! [String], tickers = c["tickers"] as! [String]
            let close = (c["close"] as! [NSNumber]).map(\.doubleValue)
            let layout = PanelLayout(assetCount: tickers.count, dateCount: dates.count)
            let lookback = c["lookback"] as! Int
            var factor = layout.filled(.nan)
            for a in 0..<layout.assetCount {
                for t in lookback..<layout.dateCount {
                    factor[layout.index(asset: a, date: t)] = close[layout.index(asset: a, date: t)] / close[layout.index(asset: a, date: t - lookback)] - 1
                }
            }
            for hole in c["holes"] as! [[Int]] { factor[layout.index(asset: hole[0], date: hole[1])] = .nan }
            let codes = c["groups"] as! [Int]
            var groups = [Int](repeating: -1, count: layout.count)
            for a in 0..<layout.assetCount { for t in 0..<layout.dateCount { groups[layout.index(asset: a, date: t)] = codes[a] } }
            return TearSheetInput(layout: layout, factor: factor, prices: .closes(close), dates: dates,
                                  groups: groups, groupNames: c["group_names"] as! [String])
        }

        var horizons: [Int] { caseInfo["horizons"] as! [Int] }
    }

    static func num(_ x: Any?) -> Double { (x as? NSNumber)?.doubleValue ?? .nan }
    static func nums(_ x: Any?) -> [Double] { (x as? [Any] ?? []).map(num) }

    /// Both NaN, or within tolerance.
    static func expectClose(_ got: [Double], _ want: [Double], _ what: String, skipMissing: Bool = false,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(got.count == want.count, "\(what): \(got.count) vs \(want.count) values", sourceLocation: sourceLocation)
        var bad: [String] = []
        for (i, (g, w)) in zip(got, want).enumerated() {
            if skipMissing && w.isNaN { continue }
            if !close(g, w, rtol: rtol, atol: atol) { bad.append("[\(i)] \(g) vs \(w)") }
        }
        #expect(bad.isEmpty, "\(what): \(bad.count) mismatches, first \(bad.prefix(3))", sourceLocation: sourceLocation)
    }

    @Test(arguments: [1, 2])
    func matchesAlphalens(threads: Int) throws {
        let ref = try Reference()
        let sheet = try FactorTearSheet.compute(ref.input(), options: TearSheetOptions(quantiles: 5, horizons: ref.horizons, threads: threads))

        // Rows kept and their quantiles, cell by cell.
        let cells = Array((ref.root["quantiles_by_cell"] as! String).utf8).map { $0 == UInt8(ascii: ".") ? 0 : Int($0) - 48 }
        #expect(sheet.quantiles == cells)
        #expect(sheet.coverage.usedRows == cells.filter { $0 > 0 }.count)
        #expect(sheet.coverage.datesDroppedInBinning.isEmpty)

        let qstats = ref.root["quantile_statistics"] as! [String: [String: Any]]
        for s in sheet.quantileStatistics {
            let w = qstats[String(s.quantile)]!
            Self.expectClose([s.min, s.max, s.mean, s.std, Double(s.count), s.countPercent],
                             ["min", "max", "mean", "std", "count", "count %"].map { Self.num(w[$0]) }, "quantile \(s.quantile) statistics")
        }

        let byHorizon = ref.root["horizons"] as! [String: [String: Any]]
        for h in sheet.horizons {
            let w = byHorizon[String(h.horizon)]!
            let tag = "h=\(h.horizon)"
            Self.expectClose(h.meanReturn, Self.nums(w["mean_return"]), "\(tag) mean_return")
            Self.expectClose(h.meanReturnStdError, Self.nums(w["mean_return_std_error"]), "\(tag) mean_return_std_error")
            Self.expectClose(h.meanReturnRate, Self.nums(w["mean_return_rate"]), "\(tag) mean_return_rate")
            let byDate = w["mean_return_by_date"] as! [String: Any]
            for q in 1...5 { Self.expectClose(h.meanReturnByDate[q - 1], Self.nums(byDate[String(q)]), "\(tag) q\(q) mean_return_by_date") }
            Self.expectClose(h.spread.byDate, Self.nums(w["spread"]), "\(tag) spread")
            Self.expectClose(h.spread.stdErrorByDate, Self.nums(w["spread_std_error"]), "\(tag) spread_std_error")
            Self.expectClose([h.spread.meanByDate, h.spread.mean, h.spread.stdError],
                             [Self.num(w["spread_mean"]), Self.num(w["spread_overall"]), Self.num(w["spread_overall_std_error"])], "\(tag) spread means")
            Self.expectClose(h.factorReturns, Self.nums(w["factor_returns"]), "\(tag) factor_returns")
            Self.expectClose(h.ic.byDate, Self.nums(w["ic"]), "\(tag) ic")
            let info = w["information_table"] as! [String: Any]
            let s = h.ic.summary
            Self.expectClose([s.mean, s.std, s.icir, s.tStat, s.pValue, s.skew, s.kurtosis],
                             ["IC Mean", "IC Std.", "Risk-Adjusted IC", "t-stat(IC)", "p-value(IC)", "IC Skew", "IC Kurtosis"].map { Self.num(info[$0]) },
                             "\(tag) information table")
            let monthly = w["monthly_ic"] as! [[String: Any]]
            #expect(h.ic.monthly.map { [$0.year, $0.month] } == monthly.map { [$0["year"] as! Int, $0["month"] as! Int] }, "\(tag) months")
            Self.expectClose(h.ic.monthly.map(\.mean), monthly.map { Self.num($0["ic"]) }, "\(tag) monthly IC")
            let groupIC = w["group_ic"] as! [String: Any]
            Self.expectClose(h.ic.byGroup, sheet.groupNames.map { Self.num(groupIC[$0]) }, "\(tag) group IC")
            let turnover = w["turnover"] as! [String: Any], turnoverMean = w["turnover_mean"] as! [String: Any]
            for q in 1...5 { Self.expectClose(h.turnover[q - 1], Self.nums(turnover[String(q)]), "\(tag) q\(q) turnover") }
            Self.expectClose(h.meanTurnover, (1...5).map { Self.num(turnoverMean[String($0)]) }, "\(tag) mean turnover")
            Self.expectClose(h.rankAutocorrelation, Self.nums(w["rank_autocorrelation"]), "\(tag) rank autocorrelation")
            Self.expectClose([h.meanRankAutocorrelation], [Self.num(w["rank_autocorrelation_mean"])], "\(tag) mean rank autocorrelation")
        }

        // Cumulative 1-day curves (the reference has them on its own date index only).
        let cum = ref.root["cumulative_1d"] as! [String: Any]
        let cq = cum["quantiles"] as! [String: Any]
        let cumulative = try #require(sheet.cumulative)
        for q in 1...5 { Self.expectClose(cumulative.quantiles[q - 1], Self.nums(cq[String(q)]), "cumulative q\(q)", skipMissing: true) }
        Self.expectClose(cumulative.factorWeighted, Self.nums(cum["factor_weighted"]), "cumulative factor-weighted", skipMissing: true)
    }

    /// Other quantile counts bin the same rows as pandas' qcut (whose edge probabilities round
    /// differently for each q, e.g. 1/3 → 0.33333333333333326 after pandas' ×100 ÷100).
    @Test(arguments: [3, 10])
    func otherQuantileCountsMatchQcut(quantiles: Int) throws {
        let ref = try Reference()
        let sheet = try FactorTearSheet.compute(ref.input(), options: TearSheetOptions(quantiles: quantiles, horizons: ref.horizons))
        let cells = Array((ref.root["quantiles_by_cell_q\(quantiles)"] as! String).utf8).map { $0 == UInt8(ascii: ".") ? 0 : Int($0) - 48 }
        #expect(sheet.quantiles == cells)
    }

    /// pandas.qcut on evenly spaced values, where pandas' rounding of the edge probabilities decides
    /// the bin of values sitting on an edge (216 cases, n = 2…25, q = 2…10).
    @Test func qcutEdgeCases() throws {
        let ref = try Reference()
        let cases = ref.root["qcut_cases"] as! [[Any]]
        #expect(cases.count == 216)
        var bad: [String] = []
        var scratch: [Double] = []
        for c in cases {
            let n = c[0] as! Int, q = c[1] as! Int
            let want = c[2] as? [Int]
            let x = (0..<n).map { Double($0) * 0.5 - 3 }
            var labels = [Int](repeating: 0, count: n)
            let ok = x.withUnsafeBufferPointer { xv in labels.withUnsafeMutableBufferPointer { lb in
                FactorQuantiles.assign(xv, quantiles: q, probabilities: FactorQuantiles.probabilities(q), into: lb, scratch: &scratch)
            } }
            if (ok ? labels : nil) != want { bad.append("n=\(n) q=\(q): \(ok ? labels : []) vs \(String(describing: want))") }
        }
        #expect(bad.isEmpty, "\(bad.count) cases differ from pandas.qcut, first \(bad.prefix(3))")
    }

    /// `demeaned: false` (alphalens `long_short=False`): raw forward returns averaged by quantile.
    @Test func notDemeanedMeanReturns() throws {
        let ref = try Reference()
        let sheet = try FactorTearSheet.compute(ref.input(), options: TearSheetOptions(horizons: ref.horizons, demeaned: false))
        let byHorizon = ref.root["horizons"] as! [String: [String: Any]]
        for h in sheet.horizons {
            let w = byHorizon[String(h.horizon)]!
            Self.expectClose(h.meanReturn, Self.nums(w["mean_return_not_demeaned"]), "h=\(h.horizon) mean_return (not demeaned)")
            Self.expectClose(h.meanReturnStdError, Self.nums(w["mean_return_not_demeaned_std_error"]), "h=\(h.horizon) std error (not demeaned)")
        }
    }

    /// Our explicit 100 % long / 100 % short figures are exactly twice alphalens' gross-1 book.
    @Test func fullLeverageIsTwiceTheGrossOneBook() throws {
        let sheet = try FactorTearSheet.compute(try Reference().input())
        for h in sheet.horizons {
            #expect(h.spread.meanFullLeverage == 2 * h.spread.mean)
            #expect(h.spread.stdErrorFullLeverage == 2 * h.spread.stdError)
            #expect(zip(h.factorReturnsFullLeverage, h.factorReturns).allSatisfy { $0.isNaN ? $1.isNaN : $0 == 2 * $1 })
            // Gross exposure 1: the top-minus-bottom raw difference is twice the reported spread.
            let raw = h.meanReturn[h.spread.top - 1] - h.meanReturn[h.spread.bottom - 1]
            #expect(close(raw, h.spread.meanFullLeverage, rtol: 1e-15, atol: 0))
        }
        let c = try #require(sheet.cumulative)
        let r1 = sheet.horizons[0].factorReturns
        let first = try #require(r1.firstIndex { !$0.isNaN })
        #expect(close(c.factorWeightedFullLeverage[first], 1 + 2 * r1[first], rtol: 1e-15, atol: 0))
    }

    /// Daily returns as input give the same sheet as the closes they come from (to rounding).
    @Test func dailyReturnsInputMatchesCloses() throws {
        let ref = try Reference()
        let input = ref.input()
        guard case let .closes(prices) = input.prices else { Issue.record("closes expected"); return }
        let L = input.layout
        var r = L.filled(.nan)
        for a in 0..<L.assetCount { for t in 1..<L.dateCount {
            r[L.index(asset: a, date: t)] = prices[L.index(asset: a, date: t)] / prices[L.index(asset: a, date: t - 1)] - 1
        } }
        var viaReturns = input
        viaReturns.prices = .dailyReturns(r)
        let a = try FactorTearSheet.compute(input), b = try FactorTearSheet.compute(viaReturns)
        #expect(a.quantiles == b.quantiles)
        for (x, y) in zip(a.horizons, b.horizons) {
            #expect(close(x.meanReturn, y.meanReturn, rtol: 1e-9, atol: 1e-14))
            // Multi-day returns compounded from daily ones break exact ties (an unchanged price over
            // h days gives 0 from closes, ±1e-17 compounded), which moves rank ICs; 1-day ones cannot.
            if x.horizon == 1 { #expect(close(x.ic.summary.mean, y.ic.summary.mean, rtol: 1e-9, atol: 1e-14)) }
        }
    }
}
