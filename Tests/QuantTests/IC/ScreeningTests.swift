import Foundation
import Testing
@testable import Quant

@Suite struct ScreeningTests {
    private func asset(_ p: Double) -> AssetIC { AssetIC(asset: "x", ic: 0.1, pairCount: 50, tStat: 2, pValue: p) }

    @Test func paperRuleKeepsFactorsSignificantForEnoughStocks() {
        let tests: [String: [AssetIC]] = [
            "bbi": Array(repeating: asset(0.01), count: 191) + Array(repeating: asset(0.5), count: 21),  // 191/212
            "std": Array(repeating: asset(0.01), count: 190) + Array(repeating: asset(0.5), count: 22),  // 190/212
            "env": Array(repeating: asset(0.01), count: 100) + Array(repeating: asset(.nan), count: 112),
        ]
        let r = FactorScreening.perAssetSignificance(tests, alpha: 0.05, minShare: 191.0 / 212)
        #expect(r.map(\.factor) == ["bbi", "env", "std"])
        #expect(r.map(\.kept) == [true, false, false])
        #expect(r[1].testedAssets == 100 && r[0].significantAssets == 191)
    }

    @Test func thresholdsAndPruning() throws {
        let s1 = ICSummary([0.05, 0.04, 0.06, 0.05]), s2 = ICSummary([0.01, -0.01, 0.02, 0.0])
        #expect(FactorScreening.thresholds(["a": s1, "b": s2], minAbsMeanIC: 0.02, minAbsICIR: 0.3) == ["a"])
        let dates = ["2020-01-01", "2020-01-02", "2020-01-03"], assets = ["A", "B", "C", "D"]
        let f1 = try Panel(dates: dates, assets: assets, rowMajor: [1, 2, 3, 4, 2, 1, 4, 3, 4, 3, 2, 1])
        let f2 = Panel(like: f1, columnMajor: f1.values.map { 2 * $0 + 1 })  // same ranks
        let f3 = try Panel(dates: dates, assets: assets, rowMajor: [1, 3, 2, 4, 3, 4, 1, 2, 2, 1, 3, 4])
        let (kept, dropped) = try FactorScreening.pruneCorrelated(["f1": f1, "f2": f2, "f3": f3], ranked: ["f1", "f2", "f3"],
                                                                 maxAbsCorrelation: 0.7)
        #expect(kept == ["f1", "f3"])
        #expect(dropped.count == 1 && dropped[0].factor == "f2" && dropped[0].because == "f1" && close(dropped[0].correlation, 1))
    }

    /// Per-asset time-series IC agrees with the scalar IC and the scipy-style t-test.
    @Test func perAssetTest() throws {
        let dates = (1...8).map { "2020-01-0\($0)" }
        let f = try Panel(dates: Array(dates), assets: ["A", "B"],
                          columnMajor: [1, 2, 3, 4, 5, 6, 7, 8, 8, 7, 6, 5, 4, 3, 2, 1])
        let r = Panel(like: f, columnMajor: [0.1, 0.3, 0.2, 0.5, 0.4, 0.6, 0.8, .nan, 1, 2, 3, 4, 5, 6, 7, 8])
        let res = try InformationCoefficient.timeSeries(factor: f, forwardReturns: r, method: .spearman)
        let ic0 = Statistics.spearman(Array(f.series(0)), Array(r.series(0)))
        #expect(res[0].pairCount == 7 && close(res[0].ic, ic0))
        #expect(close(res[0].pValue, Statistics.correlationTTest(r: ic0, n: 7).p))
        #expect(res[1].ic == -1 && res[1].pValue == 0)
    }
}
