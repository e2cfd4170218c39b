@testable import Quant
import Testing

/// Per-group IC: hand cases and agreement with the single-sample IC and ICSummary.
@Suite struct GroupICTests {
    @Test func handComputed() throws {
        // 6 assets × 3 dates; group 0 = assets 0–2, group 1 = assets 3–5.
        let layout = PanelLayout(assetCount: 6, dateCount: 3)
        let codes = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]
        let groups = GroupCodes(names: ["g0", "g1"], codes: codes, layout: layout)
        // Factor of asset a = a on every date. g0: returns rank 1,2,3 on dates 0–1 (IC 1), 1,3,2 on
        // date 2 (1 − 6·2/(3·8) = 0.5). g1: returns fall with the factor (IC −1); date 2 has only
        // two pairs (NaN with minimumPairs 3).
        let factor = (0..<6).flatMap { a in [Double](repeating: Double(a), count: 3) }
        let fwd: [Double] = [
            0.1, 0.1, 0.2, 0.2, 0.3, 0.35, 0.3, 0.5, 0.3,  // assets 0–2
            0.9, 0.9, 0.9, 0.5, 0.4, .nan, 0.1, 0.2, 0.1,  // assets 3–5
        ]
        let r = try InformationCoefficient.byGroup(factor: factor, forwardReturns: fwd, groups: groups)
        #expect(r.map(\.name) == ["g0", "g1"] && r.map(\.code) == [0, 1])
        #expect(close(r[0].ics, [1, 1, 0.5]))
        #expect(r[0].pairCounts == [3, 3, 3])
        #expect(close(r[1].ics, [-1, -1, .nan]))
        #expect(r[1].pairCounts == [3, 3, 2])
        // mean 5/6, std (ddof 1) = √((1/36 + 1/36 + 4/36)/2) = √(1/12), t = mean/std·√3 = 5.
        #expect(r[0].summary.n == 3 && close(r[0].summary.mean, 5.0 / 6) && close(r[0].summary.std, (1.0 / 12).squareRoot()))
        #expect(close(r[0].summary.tStat, 5))
        #expect(r[1].summary.n == 2 && close(r[1].summary.mean, -1) && close(r[1].summary.std, 0))
    }

    @Test func matchesSingleSampleICOnRandomData() throws {
        var rng = SplitMix64(state: 11)
        let layout = PanelLayout(assetCount: 50, dateCount: 20)
        let codes = (0..<layout.count).map { _ in Int(rng.unit() * 4) - 1 }
        let groups = GroupCodes(names: ["a", "b", "c"], codes: codes, layout: layout)
        let f = (0..<layout.count).map { _ in rng.unit() < 0.1 ? Double.nan : rng.normal() }
        let y = zip(f, (0..<layout.count).map { _ in rng.normal() }).map { $0.isNaN ? $1 : 0.3 * $0 + $1 }
        let r = try InformationCoefficient.byGroup(factor: f, forwardReturns: y, groups: groups, overlap: 2)
        for g in 0..<3 {
            var want: [Double] = []
            for t in 0..<layout.dateCount {
                let cells = (0..<layout.assetCount).map { layout.index(asset: $0, date: t) }.filter { codes[$0] == g }
                let pairs = cells.filter { !f[$0].isNaN && !y[$0].isNaN }.count
                want.append(pairs < 3 ? .nan
                             : try InformationCoefficient.compute(factor: cells.map { f[$0] }, forwardReturns: cells.map { y[$0] }))
            }
            #expect(close(r[g].ics, want, rtol: 1e-12), "\(firstMismatch(r[g].ics, want))")
            let s = ICSummary(want, overlap: 2)
            #expect(r[g].summary.n == s.n && r[g].summary.neweyWestLags == 1)
            #expect(close(r[g].summary.mean, s.mean, rtol: 1e-12) && close(r[g].summary.icir, s.icir, rtol: 1e-10))
            #expect(r[g].summary.mean > 0)
        }
    }

    @Test func badInput() {
        let layout = PanelLayout(assetCount: 2, dateCount: 1)
        let groups = GroupCodes(names: ["g"], codes: [0, 0], layout: layout)
        #expect(throws: ICError.lengthMismatch(factor: 2, returns: 1)) {
            try InformationCoefficient.byGroup(factor: [1, 2], forwardReturns: [1], groups: groups)
        }
        #expect(throws: ICError.nonFiniteInput("factor")) {
            try InformationCoefficient.byGroup(factor: [.infinity, 2], forwardReturns: [1, 2], groups: groups)
        }
        #expect(throws: ICError.invalidParameter("minimumPairs 1 must be ≥ 2")) {
            try InformationCoefficient.byGroup(factor: [1, 2], forwardReturns: [1, 2], groups: groups, minimumPairs: 1)
        }
    }
}
