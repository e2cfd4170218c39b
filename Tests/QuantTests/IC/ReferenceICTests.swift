import Foundation
import Testing
@testable import Quant

/// Every IC case of quant_reference.json (CONVENTIONS §2.3) against `expected`.
@Suite struct ReferenceICTests {
    @Test(arguments: [ICMethod.pearson, .spearman])
    func singleIC(method: ICMethod) {
        let metric = method == .pearson ? "ic_pearson" : "rank_ic_spearman"
        let cases = SignalsRef.cases(metric)
        #expect(cases.count == 52)
        for c in cases {
            let inp = SignalsRef.input(c)
            let f = SignalsRef.vec(inp["factor"]), r = SignalsRef.vec(inp["forward_return"])
            if SignalsRef.isError(c["expected"]) {
                #expect(throws: ICError.self, "\(c["id"]!)") {
                    try InformationCoefficient.compute(factor: f, forwardReturns: r, method: method)
                }
                continue
            }
            let got = try? InformationCoefficient.compute(factor: f, forwardReturns: r, method: method)
            let want = SignalsRef.num(c["expected"])
            #expect(got.map { close($0, want) } == true, "\(c["id"]!): \(String(describing: got)) vs \(want)")
        }
    }

    private func panels(_ c: [String: Any]) throws -> (Panel, Panel) {
        let inp = SignalsRef.input(c)
        let f = SignalsRef.mat(inp["factor"]), r = SignalsRef.mat(inp["forward_return"])
        let dates = f.indices.map { String(format: "2021-%02d-%02d", $0 / 28 + 1, $0 % 28 + 1) }
        let assets = (f.first ?? []).indices.map { "S\($0)" }
        return (try Panel(dates: dates, assets: assets, rowMajor: f.flatMap { $0 }),
                try Panel(dates: dates, assets: assets, rowMajor: r.flatMap { $0 }))
    }

    @Test(arguments: [ICMethod.pearson, .spearman], [1, 2])
    func icSeries(method: ICMethod, threads: Int) throws {
        let cases = SignalsRef.cases(method == .pearson ? "ic_series" : "rank_ic_series")
        #expect(cases.count == 8)
        for c in cases {
            let (f, r) = try panels(c)
            let s = try InformationCoefficient.crossSectional(factor: f, forwardReturns: r, method: method, threads: threads)
            let want = SignalsRef.vec(c["expected"])
            #expect(close(s.values, want), "\(c["id"]!): \(firstMismatch(s.values, want))")
        }
    }

    @Test func icSummary() throws {
        let cases = SignalsRef.cases("ic_summary")
        #expect(cases.count == 8)
        for c in cases {
            let (f, r) = try panels(c)
            let s = ICSummary(try InformationCoefficient.crossSectional(factor: f, forwardReturns: r).values)
            let e = c["expected"] as! [String: Any]
            let pairs: [(String, Double)] = [("n", Double(s.n)), ("ic_mean", s.mean), ("ic_std", s.std), ("icir", s.icir),
                                             ("icir_annualized", s.icirAnnualized()), ("t_stat", s.tStat),
                                             ("p_value", s.pValue), ("ic_skew", s.skew), ("ic_kurtosis", s.kurtosis)]
            for (k, v) in pairs {
                // A key missing from the reference is a broken reference file, not a pass.
                guard let raw = e[k] else { Issue.record("\(c["id"]!): reference lacks \(k)"); continue }
                let want = SignalsRef.num(raw)
                #expect(close(v, want, rtol: 1e-8), "\(c["id"]!).\(k): \(v) vs \(want)")
            }
        }
    }

    @Test func panelsWithInfinityThrow() throws {
        let f = try Panel(dates: ["2020-01-01"], assets: ["A", "B", "C"], columnMajor: [1, .infinity, 3])
        let r = try Panel(dates: ["2020-01-01"], assets: ["A", "B", "C"], columnMajor: [1, 2, 3])
        #expect(throws: ICError.nonFiniteInput("factor")) { try InformationCoefficient.crossSectional(factor: f, forwardReturns: r) }
    }

    /// Panels are aligned by label: a shuffled asset order and an extra date give the same IC.
    @Test func alignmentByLabels() throws {
        let f = try Panel(dates: ["2020-01-01", "2020-01-02"], assets: ["A", "B", "C", "D"],
                          rowMajor: [1, 2, 3, 4, 4, 3, 2, 1])
        let r = try Panel(dates: ["2020-01-01", "2020-01-02", "2020-01-03"], assets: ["D", "C", "B", "A"],
                          rowMajor: [0.4, 0.3, 0.2, 0.1, 0.1, 0.2, 0.3, 0.35, 9, 9, 9, 9])
        let s = try InformationCoefficient.crossSectional(factor: f, forwardReturns: r, method: .spearman)
        #expect(s.dates == ["2020-01-01", "2020-01-02"])
        #expect(close(s.values, [1, 1]))
    }

    /// IC decay: each horizon's summary is the cross-sectional IC against that horizon's forward
    /// return, with Newey–West lags h − 1.
    @Test func decayOverHorizons() throws {
        var g = SplitMix64(state: 3)
        let nd = 40, na = 12
        let dates = (0..<nd).map { String(format: "2022-%02d-%02d", $0 / 28 + 1, $0 % 28 + 1) }
        let assets = (0..<na).map { "S\($0)" }
        var prices = [Double](), factor = [Double]()
        for _ in 0..<na {
            var p = 100.0
            for _ in 0..<nd { p *= 1 + (g.unit() - 0.5) * 0.05; prices.append(p); factor.append(g.unit()) }
        }
        let P = try Panel(dates: dates, assets: assets, columnMajor: prices)
        let F = try Panel(dates: dates, assets: assets, columnMajor: factor)
        let decay = try InformationCoefficient.decay(factor: F, prices: P, horizons: [1, 2, 5])
        #expect(decay.map(\.horizon) == [1, 2, 5])
        for (h, s) in decay {
            let series = try InformationCoefficient.crossSectional(factor: F, forwardReturns: Returns.forwardFromPrices(P, horizon: h))
            #expect(s.n == nd - h && s.neweyWestLags == h - 1)
            #expect(close(s.mean, Statistics.mean(series.values)))
            #expect(close(s.neweyWestT, NeweyWest.tStatistic(series.values.filter { !$0.isNaN }, lags: h - 1)))
        }
        #expect(throws: ICError.self) { try InformationCoefficient.decay(factor: F, prices: P, horizons: [0]) }
    }
}
