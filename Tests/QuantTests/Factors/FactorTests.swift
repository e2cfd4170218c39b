import Foundation
import Testing
@testable import Quant

/// Factor formulas: hand-computed tiny series, pandas references, NaN windows, registry.
@Suite struct FactorTests {
    @Test func handComputedTinySeries() {
        let c = [1.0, 2, 3, 4, 5, 6]
        #expect(close(Indicators.ma(c, 3), [.nan, .nan, 2, 3, 4, 5]))
        #expect(close(Rolling.std(c, window: 3, ddof: 1), [.nan, .nan, 1, 1, 1, 1]))
        let s0 = (2.0 / 3).squareRoot()
        let popStd: [Double] = [.nan, .nan, s0, s0, s0, s0]
        #expect(close(Rolling.std(c, window: 3, ddof: 0), popStd))
        // Squares beyond Double's range: NaN, not a spread of 0 (it was 0 before).
        let huge = [1e200, 3e200, 2e200, 5e200].map { $0 * 1e2 }
        let hugeStd = Rolling.std(huge, window: 2, ddof: 1)
        #expect(hugeStd[1...].allSatisfy { $0.isNaN })
        // EMA span 3 → α = 0.5, seeded with the first value: 1, 1.5, 2.25, 3.125, …
        #expect(close(Indicators.expma(c, 3), [1, 1.5, 2.25, 3.125, 4.0625, 5.03125]))
        // Wilder period 2: seed mean(1,2) = 1.5 at index 1, then (1.5·1 + 3)/2 = 2.25, …
        #expect(close(Rolling.wilder(c, period: 2), [.nan, 1.5, 2.25, 3.125, 4.0625, 5.03125]))
        #expect(close(Indicators.momentum(c, 2), [.nan, .nan, 2, 1, 2.0 / 3, 0.5]))
        #expect(close(Indicators.reversal(c, 1)[1], -1))
        // ENV with n = 2, p = 10 %: MA2 = 1.5 → 1.65 / 1.35.
        let e = Indicators.env(c, n: 2, p: 0.1)
        #expect(close(e.upper[1], 1.65) && close(e.lower[1], 1.35))
        // CDP from day 0 (H 10, L 8, C 9): CDP 9, AH 2·9+10−16 = 12, NH 10, NL 8, AL 18−20+8 = 6.
        let d = Indicators.cdp(high: [10, 11], low: [8, 9], close: [9, 10])
        #expect(d.cdp[0].isNaN && d.cdp[1] == 9 && d.ah[1] == 12 && d.nh[1] == 10 && d.nl[1] == 8 && d.al[1] == 6)
        // WVAD n = 2: (C−O)/(H−L)·V = (1/2)·100 = 50 and (−1/4)·200 = −50; H = L contributes 0.
        let w = Indicators.wvad(open: [1, 4, 5], high: [3, 5, 5], low: [1, 1, 5], close: [2, 3, 5], volume: [100, 200, 300], n: 2)
        #expect(close(w, [.nan, 0, -50]))
        // BBI needs 24 closes; on a linear ramp MA_n(t) = t − (n−1)/2 + 1 → BBI = c − (2+5+11+23)/8.
        let ramp = (1...30).map(Double.init)
        #expect(close(Array(Indicators.bbi(ramp)[23...]), ramp[23...].map { $0 - 41.0 / 8 }))
        // Volume ratio n = 2: V[2] / mean(V[0], V[1]) = 30 / 15.
        #expect(close(Indicators.volumeRatio([10, 20, 30], 2), [.nan, .nan, 2]))
    }

    @Test func nanWindowsGiveNaNNotCrash() {
        let c = [1.0, 2, .nan, 4, 5, 6, 7]
        let m = Indicators.ma(c, 3)
        #expect(m[2].isNaN && m[3].isNaN && m[4].isNaN && m[5] == 5 && m[6] == 6)
        let e = Indicators.expma(c, 3)
        #expect(e[2].isNaN && e[3] == 4)  // restarts after the gap
        #expect(Indicators.rsi([Double](repeating: .nan, count: 20)).allSatisfy { $0.isNaN })
        #expect(Indicators.atr(high: [], low: [], close: []).isEmpty)
        #expect(Indicators.ma([1, 2], 5).allSatisfy { $0.isNaN })
        #expect(Indicators.rsi([1, 1, 1, 1], 2).allSatisfy { $0.isNaN })  // no movement: undefined
    }

    @Test func indicatorsMatchPandas() throws {
        let ind = try #require(SignalsRef.extra["indicators"] as? [String: Any])
        let o = SignalsRef.vec(ind["open"]), h = SignalsRef.vec(ind["high"]), l = SignalsRef.vec(ind["low"])
        let c = SignalsRef.vec(ind["close"]), v = SignalsRef.vec(ind["volume"])
        let m = Indicators.macd(c)
        let checks: [(String, [Double])] = [
            ("ma5", Indicators.ma(c, 5)), ("std20", Indicators.std(c, 20)), ("bbi", Indicators.bbi(c)),
            ("bbiboll_up", Indicators.bbiboll(c).upper), ("boll_up", Indicators.boll(c).upper),
            ("env_dn", Indicators.env(c).lower), ("expma12", Indicators.expma(c, 12)),
            ("macd_dif", m.dif), ("macd_dea", m.dea), ("macd_hist", m.hist), ("rsi14", Indicators.rsi(c)),
            ("atr14", Indicators.atr(high: h, low: l, close: c)),
            ("wvad", Indicators.wvad(open: o, high: h, low: l, close: c, volume: v)),
            ("vol20", Indicators.volatility(c)), ("mom20", Indicators.momentum(c)), ("vr5", Indicators.volumeRatio(v)),
        ]
        for (name, got) in checks {
            let want = SignalsRef.vec(ind[name])
            #expect(close(got, want, rtol: 1e-9, atol: 1e-9), "\(name): \(firstMismatch(got, want, rtol: 1e-9, atol: 1e-9))")
        }
    }

    @Test func registryListsWhatACloseOnlyDatasetCannotCompute() throws {
        let dates = (1...40).map { String(format: "2020-02-%02d", $0 % 28 + 1) }.sorted()
        let uniq = Array(Set(dates)).sorted()
        let closes = try Panel(dates: uniq, assets: ["A", "B"],
                              columnMajor: (0..<(2 * uniq.count)).map { 10 + Double($0 % 7) })
        let data = try MarketData(close: closes)
        let reg = FactorRegistry.standard
        let (ok, not) = reg.availability(for: data)
        #expect(ok.contains("ma5") && ok.contains("rsi14") && ok.contains("bbi_rel"))
        #expect(not.contains { $0.name == "wvad" && $0.missing == [.open, .high, .low, .volume] })
        #expect(not.contains { $0.name == "market_ret" && $0.missing == [.indexClose] })
        let out = try reg.compute(data)
        #expect(out.count == ok.count)
        #expect(out["ma5"]!.assets == ["A", "B"])
        let ma5 = Array(out["ma5"]!.series(0)), rel = Array(out["ma5_rel"]!.series(0))
        let expectedRel: [Double] = ma5.indices.map { ma5[$0] / closes[$0, 0] - 1 }
        #expect(close(rel, expectedRel))
        #expect(throws: FactorError.self) { try reg.compute(data, names: ["wvad"]) }
        #expect(throws: FactorError.unknownFactor("nope")) { try reg.compute(data, names: ["nope"]) }
        let withIndex = try data.withIndex(dates: uniq, closes: uniq.indices.map { 100 + Double($0) })
        let mkt = try reg.compute(withIndex, names: ["market_ret"])["market_ret"]!
        #expect(close(mkt[1, 0], 1.0 / 100) && mkt[1, 1] == mkt[1, 0])
    }

    /// Computing all factors together (shared per-asset intermediates, parallel workers) gives
    /// exactly what each factor gives alone on one thread.
    @Test func jointComputationEqualsSeparate() throws {
        let nd = 90, na = 3
        let dates = (0..<nd).map { String(format: "2020-%02d-%02d", $0 / 28 + 1, $0 % 28 + 1) }
        var g = SplitMix64(state: 9)
        func series(_ base: Double) -> [Double] {
            var x = base
            return (0..<(nd * na)).map { i in x *= 1 + (g.unit() - 0.5) * 0.04; return i % 37 == 5 ? .nan : x }
        }
        let c = series(50), o = c.map { $0 * 1.001 }, h = c.map { $0 * 1.01 }, l = c.map { $0 * 0.99 }
        let v = (0..<(nd * na)).map { _ in 1000 + 1000 * g.unit() }
        let assets = ["A", "B", "C"]
        func panel(_ x: [Double]) throws -> Panel { try Panel(dates: dates, assets: assets, columnMajor: x) }
        let data = try MarketData(close: panel(c), open: panel(o), high: panel(h), low: panel(l), volume: panel(v))
            .withIndex(dates: dates, closes: (0..<nd).map { 100 + Double($0) })
        let reg = FactorRegistry.standard
        let all = try reg.compute(data, threads: 2)
        #expect(all.count == reg.names.count)
        // Registry outputs are the series-level indicators applied per asset.
        let c0 = Array(data.close.series(1)), h0 = Array(data.high!.series(1)), l0 = Array(data.low!.series(1))
        let direct: [(String, [Double])] = [
            ("bbiboll_up", Indicators.bbiboll(c0).upper), ("bbiboll_dn", Indicators.bbiboll(c0).lower),
            ("bbi", Indicators.bbi(c0)), ("boll_dn", Indicators.boll(c0).lower), ("macd_dea", Indicators.macd(c0).dea),
            ("cdp_nl", Indicators.cdp(high: h0, low: l0, close: c0).nl), ("rsi14", Indicators.rsi(c0)),
            ("ma20_rel", zip(Indicators.ma(c0, 20), c0).map { $0 / $1 - 1 }),
        ]
        for (name, want) in direct {
            #expect(close(Array(all[name]!.series(1)), want, rtol: 0, atol: 0), "\(name)")
        }
        for name in reg.names {
            let alone = try reg.compute(data, names: [name], threads: 1)[name]!
            #expect(close(all[name]!.values, alone.values, rtol: 0, atol: 0), "\(name)")
        }
    }
}
