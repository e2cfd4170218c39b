import Foundation
import Testing
@testable import Quant

/// Metrics outside quant_reference.json, against empyrical-reloaded 0.7.1 run by
/// Scripts/reference/risk_extra_reference.py (Resources/risk/risk_extra_reference.json).
@Suite("Risk metrics vs empyrical (extra)")
struct RiskExtraTests {
    struct Series: @unchecked Sendable {  // immutable; `fields` holds only JSON values
        let name: String
        let r: [Double], b: [Double]
        let a: Double
        let fields: [String: Any]
        func value(_ k: String) -> Double { RiskReference.number(fields[k]!)! }
        func array(_ k: String) -> [Double]? { (fields[k] as? [Any])?.map { RiskReference.number($0)! } }
    }

    static let series: [Series] = {
        let url = Bundle.module.url(forResource: "risk_extra_reference", withExtension: "json", subdirectory: "Resources/risk")!
        let json = try! JSONDecoder().decode(ReferenceJSON.self, from: Data(contentsOf: url))
        let root = json.any as! [String: Any]
        return (root["series"] as! [[String: Any]]).map { s in
            Series(name: s["name"] as! String,
                   r: (s["returns"] as! [Any]).map { RiskReference.number($0)! },
                   b: (s["benchmark"] as! [Any]).map { RiskReference.number($0)! },
                   a: (s["annualization"] as! NSNumber).doubleValue, fields: s)
        }
    }()

    @Test func scalarMetrics() throws {
        #expect(Self.series.count == 10)
        for s in Self.series {
            func check(_ got: Double, _ key: String, rtol: Double = 1e-9) {
                #expect(close(got, s.value(key), rtol: rtol), "\(s.name) \(key): got \(got), empyrical \(s.value(key))")
            }
            check(try RiskMetrics.omegaRatio(s.r, periodsPerYear: s.a), "omega")
            check(try RiskMetrics.omegaRatio(s.r, riskFree: 0.0002, requiredReturn: 0.05, periodsPerYear: s.a), "omega_rf_req")
            check(try RiskMetrics.tailRatio(s.r), "tail_ratio")
            check(try RiskMetrics.stability(s.r), "stability", rtol: 1e-8)
            let ab = try RiskMetrics.alphaBeta(s.r, benchmark: s.b, riskFree: .perPeriod(0.0001), periodsPerYear: s.a)
            check(ab.alpha, "alpha_rf", rtol: 1e-8); check(ab.beta, "beta_rf")
            let ab0 = try RiskMetrics.alphaBeta(s.r, benchmark: s.b, periodsPerYear: s.a)
            check(ab0.alpha, "alpha", rtol: 1e-8); check(ab0.beta, "beta")
            check(try RiskMetrics.informationRatio(s.r, benchmark: s.b), "excess_sharpe")
            check(try RiskMetrics.trackingError(s.r, benchmark: s.b, periodsPerYear: s.a), "tracking_error")
            check(try RiskMetrics.winRate(s.r), "win_rate_quantstats")
        }
    }

    /// empyrical `roll_*` return the last n − W + 1 values; ours are aligned with leading NaN.
    @Test func rollingMetrics() throws {
        var checked = 0
        for s in Self.series {
            guard let w = (s.fields["window"] as? NSNumber)?.intValue else { continue }
            let pairs: [([Double], String)] = [
                (try RiskMetrics.rollingSharpeRatio(s.r, window: w, periodsPerYear: s.a), "roll_sharpe"),
                (try RiskMetrics.rollingVolatility(s.r, window: w, periodsPerYear: s.a), "roll_volatility"),
                (try RiskMetrics.rollingMaxDrawdown(s.r, window: w), "roll_max_drawdown"),
            ]
            for (got, key) in pairs {
                let want = s.array(key)!
                #expect(got.count == s.r.count)
                #expect(got.prefix(w - 1).allSatisfy { $0.isNaN })
                let tail = Array(got.suffix(want.count))
                #expect(tail.count == s.r.count - w + 1)
                for (g, e) in zip(tail, want) where !close(g, e) {
                    Issue.record("\(s.name) \(key): got \(g), empyrical \(e)")
                }
                checked += 1
            }
        }
        #expect(checked >= 15)
    }

    @Test func lengthMismatchAndInfThrow() {
        #expect(throws: RiskError.lengthMismatch(what: "benchmark", expected: 3, found: 2)) {
            try RiskMetrics.alphaBeta([0.01, 0.02, 0.03], benchmark: [0.01, 0.02])
        }
        #expect(throws: RiskError.self) { try RiskMetrics.informationRatio([0.01, .infinity], benchmark: [0, 0]) }
        #expect(throws: RiskError.self) { try RiskMetrics.trackingError([0.01, 0.02], benchmark: [0, -.infinity]) }
        #expect(throws: RiskError.self) { try RiskMetrics.rollingSharpeRatio([0.01, 0.02], window: 0) }
    }
}

@Suite("Rolling metrics: allocation-free scan vs per-window functions")
struct RollingSlidingTests {
    @Test func slidingEqualsPerWindow() throws {
        var g = SplitMix64(state: 3)
        var r = (0..<3000).map { _ in g.normal() * 0.01 + 0.0004 }
        for i in stride(from: 7, to: r.count, by: 37) { r[i] = .nan }
        for i in 1500..<1600 { r[i] = 0.002 }                       // constant stretch: exact zero dispersion
        for i in 2000..<2100 { r[i] = 1000 + 1e-9 * Double(i % 3) }  // large level, tiny dispersion
        for w in [2, 5, 63, 252] {
            let fast = try RiskMetrics.rollingSharpeRatio(r, window: w, riskFree: 0.0001)
            let slow = try RiskMetrics.rolling(r, window: w) { (x: [Double]) throws(RiskError) in
                try RiskMetrics.sharpeRatio(x, riskFree: .perPeriod(0.0001))
            }
            let fv = try RiskMetrics.rollingVolatility(r, window: w)
            let sv = try RiskMetrics.rolling(r, window: w) { (x: [Double]) throws(RiskError) in try RiskMetrics.annualVolatility(x) }
            var bad = 0
            for t in r.indices {
                // Around a 1e3 level with 1e-9 noise, a 1-ulp difference of the mean (sequential vs
                // numpy-pairwise sum) is 1e-4 of the dispersion.
                let touchesHuge = (t - w + 1) < 2100 && t >= 2000
                let tol = touchesHuge ? 1e-3 : 1e-9
                if !close(fast[t], slow[t], rtol: tol, atol: 1e-10) { bad += 1 }
                if !close(fv[t], sv[t], rtol: tol, atol: 1e-12) { bad += 1 }
            }
            #expect(bad == 0, "window \(w): \(bad) mismatches")
        }
        #expect(try RiskMetrics.rollingVolatility([0.01, 0.02, 0.03], window: 1).allSatisfy { $0.isNaN })
    }
}
