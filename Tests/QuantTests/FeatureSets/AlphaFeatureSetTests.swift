import Foundation
import Testing
@testable import Quant

/// qlib's Alpha158 / Alpha360 against the independent pandas reference
/// (Scripts/reference/make_alpha_features.py), through the user's path: long CSV text → loader →
/// MarketData → registry compute.
@Suite struct AlphaFeatureSetTests {
    /// The reference file, loaded once.
    // Immutable after first (thread-safe, lazy) initialisation; JSONSerialization output is never mutated.
    nonisolated(unsafe) static let ref: [String: Any] = {
        guard let url = Bundle.module.url(forResource: "alpha_features_reference", withExtension: "json", subdirectory: "Resources"),
              let data = try? Data(contentsOf: url),
              let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return obj
    }()

    static var tickers: [String] { ref["tickers"] as? [String] ?? [] }
    static var dates: [String] { ref["dates"] as? [String] ?? [] }

    /// The reference inputs as long CSV text (first `dateCount` dates), with or without `vwap`.
    static func csv(dateCount: Int? = nil, vwap: Bool = true) -> String {
        let inputs = ref["inputs"] as? [String: Any] ?? [:]
        let cols = ["open", "high", "low", "close", "volume"] + (vwap ? ["vwap"] : [])
        var lines = ["date,ticker," + cols.joined(separator: ",")]
        let series = tickers.map { t in cols.map { SignalsRef.vec((inputs[t] as? [String: Any])?[$0]) } }
        for (i, d) in dates.prefix(dateCount ?? dates.count).enumerated() {
            for (k, t) in tickers.enumerated() {
                let fields = series[k].map { $0[i].isNaN ? "" : "\($0[i])" }
                lines.append("\(d),\(t)," + fields.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func data(dateCount: Int? = nil, vwap: Bool = true) throws -> MarketData {
        try MarketData(panel: MarketDataLoader.load(text: csv(dateCount: dateCount, vwap: vwap)).panel)
    }

    /// Every feature of `registry` equals the reference at every sampled date (NaN where it is NaN).
    func compare(_ registry: FactorRegistry, names key: String) throws {
        let names = try #require(Self.ref[key] as? [String])
        #expect(registry.names == names)
        let sample = try #require(Self.ref["sample"] as? [Int])
        let features = try #require(Self.ref["features"] as? [String: Any])
        let out = try registry.compute(try Self.data(), threads: 2)
        var checked = 0, finite = 0, failures: [String] = []
        for t in Self.tickers {
            let expected = try #require(features[t] as? [String: Any])
            for name in names {
                let panel = try #require(out[name], "\(name) not computed")
                let a = try #require(panel.assetIndex(t))
                let want = SignalsRef.vec(expected[name])
                for (k, i) in sample.enumerated() {
                    let got = panel[i, a], r = want[k]
                    checked += 1
                    if r.isNaN || got.isNaN {
                        if r.isNaN != got.isNaN { failures.append("\(t) \(name) @\(i): got \(got), want \(r)") }
                        continue
                    }
                    finite += 1
                    if abs(got - r) > 1e-9 * abs(r) + 1e-12 { failures.append("\(t) \(name) @\(i): got \(got), want \(r)") }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) mismatches, first: \(failures.prefix(8))")
        // The comparison is not vacuous: most sampled values are finite.
        #expect(checked == names.count * sample.count * Self.tickers.count && finite > checked / 2)
    }

    @Test func alpha158MatchesPandasReference() throws { try compare(.alpha158, names: "alpha158_names") }

    @Test func alpha360MatchesPandasReference() throws { try compare(.alpha360, names: "alpha360_names") }

    @Test func namesCountsAndVwapAvailability() throws {
        #expect(FactorRegistry.alpha158.names.count == 158 && Set(FactorRegistry.alpha158.names).count == 158)
        #expect(FactorRegistry.alpha360.names.count == 360 && Set(FactorRegistry.alpha360.names).count == 360)
        #expect(FactorRegistry.alpha158.names.prefix(3) == ["KMID", "KLEN", "KMID2"])
        #expect(FactorRegistry.alpha360.names.first == "CLOSE59" && FactorRegistry.alpha360.names.last == "VOLUME0")
        let with = try Self.data(), without = try Self.data(vwap: false)
        #expect(with.fields.contains(.vwap) && !without.fields.contains(.vwap))
        #expect(FactorRegistry.alpha158.availability(for: with).available.count == 158)
        let a158 = FactorRegistry.alpha158.availability(for: without)
        #expect(a158.available.count == 157)
        #expect(a158.unavailable.map(\.name) == ["VWAP0"] && a158.unavailable.first?.missing == [.vwap])
        #expect(FactorRegistry.alpha360.availability(for: with).available.count == 360)
        let a360 = FactorRegistry.alpha360.availability(for: without)
        #expect(a360.available.count == 300 && a360.unavailable.allSatisfy { $0.name.hasPrefix("VWAP") && $0.missing == [.vwap] })
        // No VWAP is made up: asking for it without the column is an error, and the rest computes.
        #expect(throws: FactorError.missingFields(factor: "VWAP0", fields: ["vwap"])) {
            try FactorRegistry.alpha158.compute(without, names: ["VWAP0"])
        }
        #expect(try FactorRegistry.alpha158.compute(without).count == 157)
        // Upper-case qlib names never clash with the paper registry's lower-case ones.
        #expect(Set(FactorRegistry.standard.names).isDisjoint(with: FactorRegistry.alpha158.names + FactorRegistry.alpha360.names))
    }

    @Test func vwapColumnIsLoadedAndValidatedAsAPrice() throws {
        let ok = "date,ticker,close,vwap\n2020-01-02,A,10,9.5\n2020-01-03,A,11,\n"
        let data = try MarketData(panel: MarketDataLoader.load(text: ok).panel)
        let v = try #require(data.vwap)
        #expect(v[0, 0] == 9.5 && v[1, 0].isNaN)  // an empty field is missing, not 0
        #expect(throws: MarketDataError.nonPositivePrice(path: "<text>", line: 2, column: "vwap", value: 0)) {
            try MarketDataLoader.load(text: "date,ticker,close,vwap\n2020-01-02,A,10,0\n")
        }
    }

    @Test func mergingKeepsSharedDefinitionsOnce() throws {
        let all = try FactorRegistry.standard.merging(.alpha158).merging(.alpha360)
        // OPEN0 HIGH0 LOW0 VWAP0 are in both qlib sets with the same formula.
        #expect(all.names.count == FactorRegistry.standard.names.count + 158 + 360 - 4)
        #expect(Set(all.names).count == all.names.count)
        let clash = FactorDefinition(name: "MA5", fields: [.close], formula: "something else") { $0.close }
        #expect(throws: FactorError.duplicateFactor("MA5")) {
            try FactorRegistry.alpha158.merging(try FactorRegistry(definitions: [clash]))
        }
    }

    @Test func truncatingTheSeriesDoesNotChangeEarlierValues() throws {
        let full = try FactorRegistry.alpha158.merging(.alpha360)
        let all = try full.compute(try Self.data(), threads: 2)
        for cut in [61, 150] {
            let part = try full.compute(try Self.data(dateCount: cut), threads: 2)
            var differ: [String] = []
            for name in full.names {
                let p = try #require(part[name]), f = try #require(all[name])
                for a in 0..<p.assetCount {
                    let fa = try #require(f.assetIndex(p.assets[a]))
                    for t in 0..<cut where !(p[t, a] == f[t, fa] || (p[t, a].isNaN && f[t, fa].isNaN)) {
                        differ.append("\(name) \(p.assets[a]) @\(t)")
                    }
                }
            }
            #expect(differ.isEmpty, "cut \(cut): \(differ.prefix(5))")
        }
    }

    @Test func warmUpIsNaNAndNeverInfinite() throws {
        let out = try FactorRegistry.alpha158.merging(.alpha360).compute(try Self.data(), threads: 2)
        #expect(out.values.allSatisfy { !$0.containsInfinity })
        // A window of n values is full from date n−1 (n for operators on day-on-day moves).
        let ma60 = try #require(out["MA60"]), cntp5 = try #require(out["CNTP5"]), close59 = try #require(out["CLOSE59"])
        let a = try #require(ma60.assetIndex("XOM"))
        #expect(ma60[58, a].isNaN && ma60[59, a].isFinite)
        #expect(cntp5[4, a].isNaN && cntp5[5, a].isFinite)
        #expect(close59[58, a].isNaN && close59[59, a].isFinite)
    }

    @Test func operatorConventionsOnTinySeries() {
        let x = [3.0, 1, 4, 1, 5]
        // IdxMax: 1-based from the window's oldest value, first occurrence; Rank: average rank / n.
        #expect(Rolling.windowArgMax(x, 3)[2] == 3 && Rolling.windowArgMin(x, 3)[3] == 1 && Rolling.windowArgMin(x, 5)[4] == 2)
        #expect(Rolling.windowRank([1, 2, 2], 3)[2] == 2.5 / 3 && Rolling.windowRank(x, 4)[3] == 1.5 / 4)
        // Quantile 0.8 of {1,1,3,4,5} at position 3.2 → 4 + 0.2·(5 − 4).
        #expect(abs(Rolling.windowQuantiles(x, 5, [0.8])[0][4] - 4.2) < 1e-15)
        // The sliding sorted window equals sorting each window afresh, with ties and a gap.
        var y = (0..<300).map { Double(($0 * $0 * 7919 + 13) % 12) }
        y[140] = .nan
        let q = Rolling.windowQuantiles(y, 20, [0.8, 0.2])
        for t in y.indices {
            let w = y[Swift.max(0, t - 19)...t]
            guard t >= 19, w.allSatisfy(\.isFinite) else { #expect(q[0][t].isNaN && q[1][t].isNaN); continue }
            let s = w.sorted()
            #expect(q[0][t] == s[15] + (s[16] - s[15]) * (Double(19) * 0.8 - 15))
            #expect(q[1][t] == s[3] + (s[4] - s[3]) * (Double(19) * 0.2 - 3))
        }
        // A straight line: slope 2, R² 1, residual 0; a flat window has no R².
        let r = Rolling.windowRegression([1, 3, 5, 7], 4)
        #expect(r.slope[3] == 2 && abs(r.rsquare[3] - 1) < 1e-15 && abs(r.resi[3]) < 1e-15 && r.slope[2].isNaN)
        #expect(Rolling.windowRegression([2, 2, 2], 3).rsquare[2].isNaN)
        #expect(Rolling.windowCorr([1, 2, 3], [5, 5, 5], 3)[2].isNaN)
        // Zero windows sum to exactly 0 after non-zero values left them.
        #expect(Rolling.windowSum([0.1, 0.2, 0, 0], 2)[3] == 0)
        #expect(Rolling.windowSum([1, .nan, 2, 3], 2).map { $0.isNaN } == [true, true, true, false])
    }
}
