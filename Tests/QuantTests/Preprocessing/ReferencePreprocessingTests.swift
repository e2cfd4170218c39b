import Foundation
import Testing
@testable import Quant

/// Every preprocessing case of quant_reference.json (CONVENTIONS §2.4/§3) against `expected`.
@Suite struct ReferencePreprocessingTests {
    @Test func referenceFileLoaded() {
        #expect(SignalsRef.cases("mad_winsorize").count == 54)
        #expect(SignalsRef.cases("zscore").count == 36)
        #expect(SignalsRef.cases("interpolate_linear").count == 20)
        #expect(SignalsRef.cases("cs_zscore").count == 6)
        #expect(SignalsRef.cases("cs_mad_winsorize").count == 6)
    }

    @Test func madWinsorize() {
        for c in SignalsRef.cases("mad_winsorize") {
            let p = c["params"] as! [String: Any]
            let w = MADWinsorizer(k: SignalsRef.num(p["k"]), consistency: SignalsRef.num(p["consistency"]))
            let got = w.apply(SignalsRef.vec(SignalsRef.input(c)["x"]))
            let want = SignalsRef.vec(c["expected"])
            #expect(close(got, want), "\(c["id"]!): \(firstMismatch(got, want))")
        }
    }

    @Test func zscore() {
        for c in SignalsRef.cases("zscore") {
            let p = c["params"] as! [String: Any]
            let x = SignalsRef.vec(SignalsRef.input(c)["x"])
            let got = ZScore(ddof: Int(SignalsRef.num(p["ddof"]))).apply(x)
            let want = SignalsRef.vec(c["expected"])
            // z-scores of data far from 0 (e.g. 1e9 ± 1e4) are only determined to about
            // ε·max|x|/std in absolute terms; numpy's rounding of the mean differs from ours
            // (compensated) at that level, so the absolute tolerance is scaled by it.
            let finite = x.filter { $0.isFinite }
            let scale = (finite.map(abs).max() ?? 0) / Statistics.standardDeviation(finite, ddof: 0)
            let atol = max(1e-12, 64 * Double.ulpOfOne * (scale.isFinite ? scale : 0))
            #expect(close(got, want, atol: atol), "\(c["id"]!): \(firstMismatch(got, want, atol: atol))")
        }
    }

    @Test func interpolateLinear() {
        for c in SignalsRef.cases("interpolate_linear") {
            let edges: Interpolation.Edges = (c["params"] as! [String: Any])["edges"] as! String == "nearest" ? .nearest : .keep
            let x = SignalsRef.vec(SignalsRef.input(c)["x"])
            if SignalsRef.isError(c["expected"]) {
                #expect(throws: PreprocessingError.nonFiniteInput("+-inf in series")) { try Interpolation.linear(edges: edges).fill(x) }
                continue
            }
            let got = try? Interpolation.linear(edges: edges).fill(x)
            let want = SignalsRef.vec(c["expected"])
            #expect(got.map { close($0, want) } == true, "\(c["id"]!)")
        }
    }

    private func panel(_ rows: [[Double]]) throws -> Panel {
        try Panel(dates: rows.indices.map { String(format: "2020-01-%02d", $0 + 1) },
                  assets: (rows.first ?? []).indices.map { "A\($0)" }, rowMajor: rows.flatMap { $0 })
    }

    @Test func crossSectionalZScore() throws {
        for c in SignalsRef.cases("cs_zscore") {
            let ddof = Int(SignalsRef.num((c["params"] as! [String: Any])["ddof"]))
            let p = try panel(SignalsRef.mat(SignalsRef.input(c)["x"]))
            let got = p.standardized(ZScore(ddof: ddof), axis: .crossSection).rowMajorValues()
            let want = SignalsRef.mat(c["expected"]).flatMap { $0 }
            #expect(close(got, want), "\(c["id"]!): \(firstMismatch(got, want))")
        }
    }

    @Test func crossSectionalMAD() throws {
        for c in SignalsRef.cases("cs_mad_winsorize") {
            let k = SignalsRef.num((c["params"] as! [String: Any])["k"])
            let p = try panel(SignalsRef.mat(SignalsRef.input(c)["x"]))
            let got = p.winsorized(MADWinsorizer(k: k), axis: .crossSection).rowMajorValues()
            let want = SignalsRef.mat(c["expected"]).flatMap { $0 }
            #expect(close(got, want), "\(c["id"]!): \(firstMismatch(got, want))")
        }
    }

    /// Knobs against anchors (CONVENTIONS §3): jqfactor clips everything to the median when MAD = 0;
    /// scipy's 'normal' constant; pandas ddof 1 (covered above); forward-only edges = pandas default.
    @Test func knobs() throws {
        let x = [0.0, 0, 0, 0, 0, 0, 0, 1, 2, 50, -3]
        #expect(MADWinsorizer(zeroMAD: .clipToMedian).apply(x) == [Double](repeating: 0, count: 11))
        #expect(MADWinsorizer().apply(x) == x)
        // Paper rule: |x − med| > 3·MAD (raw) → median. median 4.5, MAD 2 → bounds [−1.5, 10.5].
        #expect(MADWinsorizer.paper.apply([1, 2, 3, 4, 5, 6, 7, 100]) == [1, 2, 3, 4, 5, 6, 7, 4.5])
        // scipy median_abs_deviation(scale='normal') · 3 on [1, 2, 100]: median 2, MAD 1.
        let sp = MADWinsorizer(consistency: 1.482602218505602).apply([1.0, 2, 100])
        #expect(close(sp[2], 2 + 3 * 1.482602218505602))
        #expect(try Interpolation.linear(edges: .forwardFill).fill([.nan, 1, .nan, 3, .nan]).map { $0.isNaN ? -1 : $0 } == [-1, 1, 2, 3, 3])
        #expect(try Interpolation.forwardFill(limit: 1).fill([1, .nan, .nan, 4]).map { $0.isNaN ? -1 : $0 } == [1, 1, -1, 4])
        #expect(ZScore(zeroStd: .zero).apply([2.0, 2, .nan]).map { $0.isNaN ? -1 : $0 } == [0, 0, -1])
        #expect(ZScore().apply([2.0, 2]).allSatisfy { $0.isNaN })
        // ±inf is missing in preprocessing.
        #expect(ZScore().apply([1.0, .infinity, 3])[1].isNaN)
        #expect(MADWinsorizer().apply([1.0, -.infinity, 3])[1].isNaN)
    }

    /// Statistics fitted on training dates only are applied to later dates unchanged.
    @Test func fitApplySplit() throws {
        let s = [1.0, 2, 3, 4, 100, 200]
        let p = try Panel(dates: (1...6).map { "2020-01-0\($0)" }, assets: ["A"], columnMajor: s)
        let z = p.standardized(axis: .timeSeries, trainingDates: 0..<4)
        let m = 2.5, sd = (1.25).squareRoot()
        #expect(close(Array(z.values), s.map { ($0 - m) / sd }))
        let w = p.winsorized(MADWinsorizer(k: 1, consistency: 1), axis: .timeSeries, trainingDates: 0..<4)
        #expect(w.values == [1.5, 2, 3, 3.5, 3.5, 3.5])  // median 2.5, MAD 1 → [1.5, 3.5]
    }

    @Test func ranksAndGroups() {
        #expect(CrossSection.rank([3, 1, 3, .nan, 2]).map { $0.isNaN ? -1 : $0 } == [3.5, 1, 3.5, -1, 2])
        #expect(CrossSection.rank([3, 1, 2], scale: .percentile) == [1, 1.0 / 3, 2.0 / 3])
        #expect(CrossSection.rank([3, 1, 2], scale: .centered) == [0.5, -0.5, 0])
        let g = CrossSection.groupDemean([1, 3, 10, 20, 5], groups: ["a", "a", "b", "b", nil])
        #expect(g.prefix(4).elementsEqual([-1, 1, -5, 5]) && g[4].isNaN)
    }
}
