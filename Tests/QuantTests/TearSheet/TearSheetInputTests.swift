import Foundation
import Testing
@testable import Quant

/// Hand-sized tear sheets: bad input is refused with a typed error naming it, and the documented
/// handling of ties, missing rows and group code −1.
@Suite struct TearSheetInputTests {
    /// 6 assets × 12 days; closes grow at asset-specific rates, factor = asset index (a perfect signal).
    static func small(assets: Int = 6, dates: Int = 12) -> TearSheetInput {
        let L = PanelLayout(assetCount: assets, dateCount: dates)
        var close = L.filled(.nan), factor = L.filled(.nan)
        for a in 0..<assets { for t in 0..<dates {
            close[L.index(asset: a, date: t)] = 100 * pow(1 + 0.001 * Double(a), Double(t))
            factor[L.index(asset: a, date: t)] = Double(a) + 0.01 * Double(t % 3)
        } }
        let days = (0..<dates).map { String(format: "2024-01-%02d", $0 + 1) }
        return TearSheetInput(layout: L, factor: factor, prices: .closes(close), dates: days)
    }

    @Test func refusesBadInput() {
        var i = Self.small()
        #expect(throws: TearSheetError.tooFewAssets(assets: 6, quantiles: 7)) {
            try FactorTearSheet.compute(i, options: TearSheetOptions(quantiles: 7))
        }
        #expect(throws: TearSheetError.self) { try FactorTearSheet.compute(i, options: TearSheetOptions(horizons: [0])) }
        #expect(throws: TearSheetError.self) { try FactorTearSheet.compute(i, options: TearSheetOptions(horizons: [12])) }
        #expect(throws: TearSheetError.self) { try FactorTearSheet.compute(i, options: TearSheetOptions(horizons: [1, 1])) }
        #expect(throws: TearSheetError.self) { try FactorTearSheet.compute(i, options: TearSheetOptions(quantiles: 1)) }
        i.factor.removeLast()
        #expect(throws: TearSheetError.sizeMismatch(what: "factor", count: 71, expected: 72)) { try FactorTearSheet.compute(i) }
        i = Self.small()
        i.groups = [Int](repeating: 0, count: 72); i.groupNames = ["A"]
        i.groups![5] = 3
        #expect(throws: TearSheetError.badGroupCode(asset: 0, date: "2024-01-06", code: 3, groups: 1)) { try FactorTearSheet.compute(i) }
        i = Self.small()
        i.dates[3] = "2024-01-02"
        #expect(throws: TearSheetError.self) { try FactorTearSheet.compute(i) }
        i = Self.small()
        i.factor = i.layout.filled(.nan)
        #expect(throws: TearSheetError.self) { try FactorTearSheet.compute(i) }
        i = Self.small()
        i.prices = .dailyReturns(i.layout.filled(0.01))
        if case var .dailyReturns(r) = i.prices { r[7] = .infinity; i.prices = .dailyReturns(r) }
        #expect(throws: TearSheetError.nonFiniteReturns(asset: 0, date: "2024-01-08")) { try FactorTearSheet.compute(i) }
    }

    /// A perfect signal: the top quantile earns the most, IC is 1, turnover 0, rank autocorrelation 1.
    @Test func perfectSignal() throws {
        let s = try FactorTearSheet.compute(Self.small(), options: TearSheetOptions(quantiles: 3, horizons: [1, 2]))
        let h = s.horizons[0]
        #expect(h.meanReturn[2] > h.meanReturn[1] && h.meanReturn[1] > h.meanReturn[0])
        #expect(close(h.ic.summary.mean, 1, rtol: 1e-14, atol: 0))
        #expect(h.meanTurnover.allSatisfy { $0 == 0 })
        #expect(close(h.meanRankAutocorrelation, 1, rtol: 1e-15, atol: 0))
        #expect(s.coverage.usedRows == 6 * 10)  // the last 2 dates lack the 2-day forward return
        #expect(s.quantiles[0] == 1 && s.quantiles[5 * 12] == 3)
        // Growth at 0.001·a per day: equal-weighted 1-day returns, demeaned, make the spread exact.
        let t = 0
        let r = (0..<6).map { pow(1 + 0.001 * Double($0), 1) - 1 }
        let m = r.reduce(0, +) / 6
        #expect(close(h.meanReturnByDate[2][t], (r[4] + r[5]) / 2 - m, rtol: 1e-12, atol: 1e-16))
    }

    /// pandas.qcut raises on repeated edges; alphalens then drops the date, and so do we.
    @Test func tiedDateIsDropped() throws {
        var i = Self.small()
        for a in 0..<6 { i.factor[i.layout.index(asset: a, date: 4)] = 1 }
        let s = try FactorTearSheet.compute(i, options: TearSheetOptions(quantiles: 3, horizons: [1]))
        #expect(s.coverage.datesDroppedInBinning == ["2024-01-05"])
        #expect((0..<6).allSatisfy { s.quantiles[i.layout.index(asset: $0, date: 4)] == 0 })
        #expect(s.horizons[0].ic.byDate[4].isNaN)
        #expect(s.coverage.usedRows == 6 * 11 - 6)
    }

    /// Group code −1 leaves a row out of the group ICs only; ±inf factor values are missing rows.
    @Test func ungroupedRowsAndInfiniteFactor() throws {
        var i = Self.small()
        i.groupNames = ["low", "high"]
        i.groups = (0..<72).map { k in k / 12 < 3 ? 0 : (k / 12 == 5 ? -1 : 1) }
        i.factor[i.layout.index(asset: 2, date: 0)] = .infinity
        let s = try FactorTearSheet.compute(i, options: TearSheetOptions(quantiles: 3, horizons: [1]))
        #expect(s.coverage.factorRows == 71)
        #expect(s.quantiles[i.layout.index(asset: 2, date: 0)] == 0)
        #expect(s.quantiles[i.layout.index(asset: 5, date: 0)] == 3)  // ungrouped, still used
        let g = s.horizons[0].ic.byGroup
        #expect(g.count == 2 && close(g[0], 1, rtol: 1e-14, atol: 0))
        #expect(close(g[1], 1, rtol: 1e-14, atol: 0))  // assets 3, 4 only: two rows, perfectly ordered
    }
}
