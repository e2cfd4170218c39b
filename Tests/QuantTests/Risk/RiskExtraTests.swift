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
        let json = try! JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
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
                #expect(referenceClose(got, s.value(key), rtol: rtol), "\(s.name) \(key): got \(got), empyrical \(s.value(key))")
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
                for (g, e) in zip(tail, want) where !referenceClose(g, e) {
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
