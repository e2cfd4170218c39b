import Foundation
import Testing
@testable import Quant

/// The blocked cross-sectional gather against the one-sample IC, date by date.
struct ICBlockGatherTests {
    /// 71 dates (two 32-date blocks and a tail) × 41 assets with NaN, ties, a constant
    /// date and a date with one complete pair; every worker count must give the per-date IC.
    @Test(arguments: [ICMethod.pearson, .spearman], [1, 2, 3, 7])
    func matchesPerDateIC(method: ICMethod, threads: Int) throws {
        let nd = 71, na = 41
        var rng = SplitMix64(state: 7)
        var f = [Double](repeating: 0, count: nd * na), r = f
        for t in 0..<nd {
            for a in 0..<na {
                let i = t * na + a
                let u = Double.random(in: -1...1, using: &rng)
                f[i] = t % 3 == 0 ? (u * 4).rounded() : u  // ties on every third date
                r[i] = 0.3 * u + Double.random(in: -1...1, using: &rng)
                if Double.random(in: 0..<1, using: &rng) < 0.1 { f[i] = .nan }
                if Double.random(in: 0..<1, using: &rng) < 0.05 { r[i] = .nan }
                if t == 5 { f[i] = 2 }                       // constant factor: NaN
                if t == 11 && a > 0 { r[i] = .nan }          // one pair at most: NaN
            }
        }
        let dates = (0..<nd).map { String(format: "2020-%02d-%02d", $0 / 28 + 1, $0 % 28 + 1) }
        let assets = (0..<na).map { "S\($0)" }
        let fp = try Panel(dates: dates, assets: assets, rowMajor: f)
        let rp = try Panel(dates: dates, assets: assets, rowMajor: r)
        let s = try InformationCoefficient.crossSectional(factor: fp, forwardReturns: rp, method: method, threads: threads)
        for t in 0..<nd {
            let x = Array(f[(t * na)..<((t + 1) * na)]), y = Array(r[(t * na)..<((t + 1) * na)])
            let want = try InformationCoefficient.compute(factor: x, forwardReturns: y, method: method)
            let pairs = zip(x, y).filter { !$0.0.isNaN && !$0.1.isNaN }.count
            #expect(s.pairCounts[t] == pairs)
            if want.isNaN { #expect(s.values[t].isNaN, "date \(t)") } else { #expect(abs(s.values[t] - want) <= 1e-12, "date \(t): \(s.values[t]) vs \(want)") }
        }
        #expect(s.values[5].isNaN && s.values[11].isNaN)
    }

    /// ±inf is rejected even in a cell whose partner is missing (it never reaches a pair).
    @Test func infinityBesideMissingThrows() throws {
        let dates = (0..<10).map { String(format: "2020-01-%02d", $0 + 1) }
        var f = [Double](repeating: 1, count: 30), r = f
        for i in 0..<30 { f[i] = Double(i % 7); r[i] = Double(i % 5) }
        f[25] = .nan; r[25] = -.infinity
        let fp = try Panel(dates: dates, assets: ["A", "B", "C"], columnMajor: f)
        let rp = try Panel(dates: dates, assets: ["A", "B", "C"], columnMajor: r)
        #expect(throws: ICError.nonFiniteInput("forward returns")) {
            try InformationCoefficient.crossSectional(factor: fp, forwardReturns: rp, threads: 2)
        }
    }
}
