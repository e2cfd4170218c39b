@testable import Quant
import Testing

/// Sector-neutral winsorised z-scores against hand computation, and the small-group rules.
@Suite struct SectorNeutralTests {
    /// 7 assets × 1 date: group 0 = {1, 2, 3, 100}, group 1 = {10, 20}, one unknown.
    static let layout = PanelLayout(assetCount: 7, dateCount: 1)
    static let groups = GroupCodes(names: ["big", "small"], codes: [0, 0, 0, 0, 1, 1, -1], layout: layout)
    static let values = [1.0, 2, 3, 100, 10, 20, 5]

    @Test func handComputedWinsorisedZScores() {
        let z = SectorNeutral.standardize(Self.values, groups: Self.groups)
        // Group 0: median 2.5, MAD = median(1.5, .5, .5, 97.5) = 1, upper bound 2.5 + 3·1.4826 = 6.9478.
        let w = [1.0, 2, 3, 2.5 + 3 * 1.4826]
        let mean = w.reduce(0, +) / 4
        let sd = (w.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4).squareRoot()
        #expect(close(Array(z[0..<4]), w.map { ($0 - mean) / sd }))
        // Group 1 has 2 values (< 3): NaN by default; the unknown asset is NaN.
        #expect(z[4].isNaN && z[5].isNaN && z[6].isNaN)
    }

    @Test func smallGroupRulesAndNoWinsorizer() {
        let z = SectorNeutral.standardize(Self.values, groups: Self.groups, winsorizer: nil, minimumGroupSize: 2, smallGroups: .zero)
        let x = [1.0, 2, 3, 100]
        let mean = x.reduce(0, +) / 4, sd = (x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4).squareRoot()
        #expect(close(Array(z[0..<4]), x.map { ($0 - mean) / sd }))
        #expect(close(Array(z[4..<6]), [-1, 1]))
        let zero = SectorNeutral.standardize(Self.values, groups: Self.groups, smallGroups: .zero)
        #expect(Array(zero[4..<6]) == [0, 0] && zero[6].isNaN)
    }

    @Test func eachGroupIsStandardisedOnItsOwnEveryDate() {
        var rng = SplitMix64(state: 7)
        let layout = PanelLayout(assetCount: 40, dateCount: 6)
        let codes = (0..<layout.count).map { _ in Int(rng.unit() * 3) }
        let groups = GroupCodes(names: ["a", "b", "c"], codes: codes, layout: layout)
        // Group means far apart: a whole-cross-section z-score would mostly rank the groups.
        let x = (0..<layout.count).map { i in rng.unit() < 0.1 ? Double.nan : Double(codes[i]) * 100 + rng.normal() }
        let z = SectorNeutral.standardize(x, groups: groups, winsorizer: nil)
        for t in 0..<layout.dateCount {
            for g in 0..<3 {
                let m = (0..<layout.assetCount).map { layout.index(asset: $0, date: t) }.filter { codes[$0] == g && x[$0].isFinite }
                let v = m.map { z[$0] }
                let mean = v.reduce(0, +) / Double(v.count)
                let sd = (v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count)).squareRoot()
                #expect(abs(mean) < 1e-12 && abs(sd - 1) < 1e-12)
            }
        }
        #expect(zip(x, z).allSatisfy { $0.isNaN == $1.isNaN })
    }
}
