import Foundation
import Testing
@testable import Quant

@Suite("Risk summary")
struct RiskSummaryTests {
    func standalone(_ r: [Double], a: Double, rf: Double, mar: Double, c: Double) throws -> [Double] {
        [try RiskMetrics.totalReturn(r), try RiskMetrics.annualReturn(r, periodsPerYear: a),
         try RiskMetrics.annualVolatility(r, periodsPerYear: a),
         try RiskMetrics.sharpeRatio(r, riskFree: .perPeriod(rf), periodsPerYear: a),
         try RiskMetrics.sortinoRatio(r, requiredReturn: .perPeriod(mar), periodsPerYear: a),
         try RiskMetrics.downsideRisk(r, requiredReturn: .perPeriod(mar), periodsPerYear: a),
         try RiskMetrics.calmarRatio(r, periodsPerYear: a), try RiskMetrics.maxDrawdown(r),
         try RiskMetrics.valueAtRisk(r, tailProbability: c), try RiskMetrics.conditionalValueAtRisk(r, tailProbability: c),
         try RiskMetrics.gaussianValueAtRisk(r, tailProbability: c),
         try RiskMetrics.gaussianConditionalValueAtRisk(r, tailProbability: c)]
    }

    func fields(_ s: RiskSummary) -> [Double] {
        [s.totalReturn, s.annualReturn, s.annualVolatility, s.sharpeRatio, s.sortinoRatio, s.downsideRisk,
         s.calmarRatio, s.maxDrawdown, s.valueAtRisk, s.conditionalValueAtRisk, s.gaussianValueAtRisk,
         s.gaussianConditionalValueAtRisk]
    }

    /// The fused two-pass summary equals the standalone metrics on every reference input.
    @Test func matchesStandaloneOnReferenceInputs() throws {
        let names = ["total", "cagr", "vol", "sharpe", "sortino", "downside", "calmar", "mdd", "var", "cvar", "gvar", "gcvar"]
        var compared = 0
        for (name, r) in RiskReference.shared.inputs where !r.contains(where: \.isInfinite) {
            for (c, rf) in [(0.05, 0.0), (0.01, 0.0001)] {
                let s = try RiskMetrics.summary(r, periodsPerYear: 252, riskFree: rf, requiredReturn: rf, tailProbability: c)
                let want = try standalone(r, a: 252, rf: rf, mar: rf, c: c)
                // A nearly constant series divides rounding-level differences of the mean by 1e-12.
                let tiny = name.hasPrefix("near_constant")
                for (i, (g, w)) in zip(fields(s), want).enumerated() where !close(g, w, rtol: tiny ? 1e-6 : 1e-9) {
                    Issue.record("\(name) c=\(c) \(names[i]): summary \(g), standalone \(w)")
                }
                #expect(s.count == r.count)
                #expect(s.validCount == r.filter { !$0.isNaN }.count)
                compared += 1
            }
        }
        #expect(compared > 150)
    }

    @Test func largeSeriesWithNaNAndTies() throws {
        var g = SplitMix64(state: 7)
        var r = (0..<200_000).map { _ in (g.normal() * 0.01 + 0.0003) }
        for i in stride(from: 5, to: r.count, by: 997) { r[i] = .nan }
        for i in stride(from: 11, to: r.count, by: 101) { r[i] = -0.0164 }  // ties near the 5 % tail
        let s = try RiskMetrics.summary(r)
        let w = try standalone(r, a: 252, rf: 0, mar: 0, c: 0.05)
        for (a, b) in zip(fields(s), w) { #expect(close(a, b, rtol: 1e-9), "\(a) vs \(b)") }
        let clean = r.filter { !$0.isNaN }
        let s2 = try RiskMetrics.summary(clean, tailProbability: 0.013)
        #expect(close(s2.valueAtRisk, try RiskMetrics.valueAtRisk(clean, tailProbability: 0.013)))
        #expect(close(s2.conditionalValueAtRisk, try RiskMetrics.conditionalValueAtRisk(clean, tailProbability: 0.013)))
        #expect(s2.drawdown == (try RiskMetrics.drawdownInfo(clean)))
    }

    @Test func badInput() {
        #expect(throws: RiskError.nonFiniteInput(what: "returns", index: 1)) { try RiskMetrics.summary([0.01, .infinity]) }
        #expect(throws: RiskError.self) { try RiskMetrics.summary([0.01], tailProbability: 1.5) }
        #expect(throws: RiskError.self) { try RiskMetrics.summary([0.01], periodsPerYear: 0) }
        let e = try? RiskMetrics.summary([])
        #expect(e?.sharpeRatio.isNaN == true && e?.maxDrawdown.isNaN == true && e?.valueAtRisk.isNaN == true)
        let allNaN = try? RiskMetrics.summary([.nan, .nan, .nan])
        #expect(allNaN?.annualReturn.isNaN == true && allNaN?.maxDrawdown.isNaN == true && allNaN?.conditionalValueAtRisk.isNaN == true)
    }
}

@Suite("Risk summary JSON")
struct RiskSummaryJSONTests {
    @Test func keysNonFiniteAndRoundTrip() throws {
        let r = [0.01, .nan, -0.02, 0.03, 0.1 / 3]
        let s = try RiskMetrics.summary(r)
        let text = s.jsonObject.render()
        #expect(text.hasPrefix("{\"annual_return\":"))
        for key in ["annual_volatility", "sharpe", "sortino", "calmar", "max_drawdown", "var", "cvar"] {
            #expect(text.contains("\"\(key)\":"))
        }
        #expect(text.contains("\"var\":\"NaN\""))  // a missing period makes empyrical's VaR NaN
        #expect(text.hasSuffix("\"n\":4}"))
        // Round trip: every finite number parses back to the identical Double.
        let decoded = try JSONDecoder().decode([String: Quant.JSONValue.Number].self, from: Data(text.utf8))
        #expect(decoded["sharpe"]?.value == s.sharpeRatio)
        #expect(decoded["cvar"]?.value == s.conditionalValueAtRisk)
        #expect(decoded["var"]?.value.isNaN == true)
        let flat = try RiskMetrics.summary(Array(repeating: 0.01, count: 5))
        #expect(flat.jsonObject.render().contains("\"sharpe\":\"Infinity\""))
    }
}

extension Quant.JSONValue {
    /// Decodes a number or one of the non-finite strings.
    struct Number: Decodable {
        let value: Double
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let d = try? c.decode(Double.self) { value = d; return }
            value = Quant.JSONNumber.parse(try c.decode(String.self)) ?? .nan
        }
    }
}
