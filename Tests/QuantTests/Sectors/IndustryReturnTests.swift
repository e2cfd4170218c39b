import Foundation
@testable import Quant
import Testing

/// Leave-one-out group returns against hand values and a brute-force computation.
@Suite struct IndustryReturnTests {
    @Test func handComputed() {
        // 4 assets × 2 dates; groups: A,B,C in 0, D in 1 on date 0; C moves to group 1 on date 1.
        let layout = PanelLayout(assetCount: 4, dateCount: 2)
        let groups = GroupCodes(names: ["g0", "g1"], codes: [0, 0, 0, 0, 0, 1, 1, 1], layout: layout)
        let returns = [0.01, 0.02, 0.03, .nan, 0.05, 0.06, -0.01, 0.04]
        let eq = IndustryReturn.excludingSelf(returns: returns, groups: groups)
        // date 0: group 0 = {A .01, B .03, C .05}; D alone in g1.
        // date 1: group 0 = {A .02, B NaN}; group 1 = {C .06, D .04}.
        #expect(close(eq, [0.04, .nan, 0.03, 0.02, 0.02, 0.04, .nan, 0.06]))
        let caps = [1.0, 1, 3, 1, 1, 2, 5, 1]
        let w = IndustryReturn.excludingSelf(returns: returns, groups: groups, weights: caps)
        // A date 0: (3·.03 + 1·.05)/4 = .035; B: (1·.01 + .05)/2 = .03; C: (.01 + 3·.03)/4 = .025.
        #expect(close(w, [0.035, .nan, 0.03, 0.02, 0.025, 0.04, .nan, 0.06]))
    }

    @Test func unknownGroupIsNaN() {
        let layout = PanelLayout(assetCount: 2, dateCount: 1)
        let r = IndustryReturn.excludingSelf(returns: [0.1, 0.2], groups: GroupCodes(names: ["g"], codes: [-1, 0], layout: layout))
        #expect(r[0].isNaN && r[1].isNaN)
    }

    @Test(arguments: [false, true])
    func matchesBruteForce(weighted: Bool) {
        var rng = SplitMix64(state: 42)
        let layout = PanelLayout(assetCount: 30, dateCount: 25)
        let codes = (0..<layout.count).map { _ in Int(rng.unit() * 5) - 1 }  // −1…3
        let groups = GroupCodes(names: ["a", "b", "c", "d"], codes: codes, layout: layout)
        let returns = (0..<layout.count).map { _ in rng.unit() < 0.1 ? Double.nan : rng.normal() * 0.02 }
        let caps = (0..<layout.count).map { _ in rng.unit() < 0.05 ? Double.nan : exp(rng.normal() * 2 + 20) }
        let got = IndustryReturn.excludingSelf(returns: returns, groups: groups, weights: weighted ? caps : nil)
        var want = layout.filled(.nan)
        for t in 0..<layout.dateCount {
            for a in 0..<layout.assetCount {
                let g = groups.code(asset: a, date: t)
                guard g >= 0 else { continue }
                var s = 0.0, w = 0.0
                for b in 0..<layout.assetCount where b != a && groups.code(asset: b, date: t) == g {
                    let i = layout.index(asset: b, date: t)
                    let wi = weighted ? caps[i] : 1
                    guard returns[i].isFinite, wi.isFinite, wi > 0 else { continue }
                    s += wi * returns[i]; w += wi
                }
                if w > 0 { want[layout.index(asset: a, date: t)] = s / w }
            }
        }
        #expect(close(got, want, rtol: 1e-12, atol: 1e-15), "\(firstMismatch(got, want))")
        #expect(got.contains { $0.isNaN } && got.contains { $0.isFinite })
    }
}
