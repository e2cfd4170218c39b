import Foundation
import Testing
@testable import Quant

@Suite("Risk hand cases and bad input")
struct RiskHandCaseTests {
    /// Wealth: 1.1, 0.99, 0.891, 1.0692, 1.17612 → peak at period 0, trough at 2, recovered at 4.
    @Test func drawdownIndices() throws {
        let r = [0.10, -0.10, -0.10, 0.20, 0.10]
        let d = try RiskMetrics.drawdownInfo(r)
        #expect(abs(d.maxDrawdown - (0.891 / 1.1 - 1)) < 1e-15)
        #expect(d.peakIndex == 0 && d.troughIndex == 2 && d.recoveryIndex == 4)
        #expect(d.periodsToTrough == 2 && d.duration == 4)
        let s = try RiskMetrics.drawdownSeries(r)
        #expect(s[0] == 0 && abs(s[1] + 0.1) < 1e-15 && abs(s[3] - (1.0692 / 1.1 - 1)) < 1e-14 && s[4] == 0)
    }

    @Test func drawdownFirstPeriodLossAndNoRecovery() throws {
        let d = try RiskMetrics.drawdownInfo([-0.05, 0.02, .nan, -0.01])
        #expect(d.peakIndex == -1 && d.troughIndex == 0 && d.recoveryIndex == nil && d.duration == nil)
        #expect(abs(d.maxDrawdown + 0.05) < 1e-15)
        let series = try RiskMetrics.drawdownSeries([-0.05, 0.02, .nan, -0.01])
        #expect(series[2] == series[1])  // a NaN period repeats the previous drawdown
        let none = try RiskMetrics.drawdownInfo([0.01, 0.02])
        #expect(none.maxDrawdown == 0 && none.peakIndex == nil)
        #expect(abs(try RiskMetrics.maxDrawdown([-0.1, 0.05], sign: .positive) - 0.1) < 1e-15)
        // Arithmetic: W = 1 + Σr = 0.9, 1.15, 0.85 → min(W/peak − 1) = 0.85/1.15 − 1.
        #expect(abs(try RiskMetrics.maxDrawdown([-0.1, 0.25, -0.3], compounding: .arithmetic) - (0.85 / 1.15 - 1)) < 1e-15)
        // Second, deeper drawdown after a recovery moves peak, trough and clears the recovery.
        let two = try RiskMetrics.drawdownInfo([-0.1, 0.2, -0.3, 0.01])
        #expect(two.peakIndex == 1 && two.troughIndex == 2 && two.recoveryIndex == nil)
    }

    /// CONVENTIONS §5.7: integers_1_to_20 at c = 5 % under numpy's methods.
    @Test func quantileMethods() throws {
        let x = (1...20).map { Double($0) / 100 }
        let want: [(QuantileMethod, Double)] = [(.linear, 0.0195), (.invertedCDF, 0.010), (.hazen, 0.015),
                                                (.weibull, 0.0105), (.medianUnbiased, 0.0135), (.nearest, 0.02),
                                                (.lower, 0.01), (.higher, 0.02), (.midpoint, 0.015)]
        for (m, v) in want {
            #expect(abs(try RiskMetrics.valueAtRisk(x, method: m) - v) < 1e-15, "\(m)")
        }
        #expect(try RiskMetrics.valueAtRisk(x, sign: .positive) == -(try RiskMetrics.valueAtRisk(x)))
    }

    /// CONVENTIONS §5.9: the four CVaR rules on ties_at_tail_n41.
    @Test func cvarRulesOnTies() throws {
        let r = RiskReference.shared.inputs["ties_at_tail_n41"]!
        #expect(abs(try RiskMetrics.conditionalValueAtRisk(r) + 0.016666666666666666) < 1e-12)
        #expect(abs(try RiskMetrics.conditionalValueAtRisk(r, rule: .lessOrEqualQuantile) + 0.015) < 1e-12)
        #expect(abs(try RiskMetrics.conditionalValueAtRisk(r, rule: .strictlyBelowQuantile) + 0.03) < 1e-12)
        #expect(abs(try RiskMetrics.conditionalValueAtRisk(r, rule: .exact) + 0.01976) < 1e-5)
    }

    /// CONVENTIONS §6 bad-input table.
    @Test func badInputTable() throws {
        // empty and all-NaN → NaN for every metric
        for r in [[Double](), [.nan, .nan, .nan]] {
            #expect(try RiskMetrics.totalReturn(r).isNaN && RiskMetrics.annualReturn(r).isNaN)
            #expect(try RiskMetrics.maxDrawdown(r).isNaN && RiskMetrics.annualVolatility(r).isNaN)
            #expect(try RiskMetrics.sharpeRatio(r).isNaN && RiskMetrics.sortinoRatio(r).isNaN && RiskMetrics.calmarRatio(r).isNaN)
            #expect(try RiskMetrics.valueAtRisk(r).isNaN && RiskMetrics.conditionalValueAtRisk(r).isNaN)
            #expect(try RiskMetrics.gaussianValueAtRisk(r).isNaN && RiskMetrics.downsideRisk(r).isNaN)
        }
        // single observation: NaN dispersion ratios, value for VaR/CVaR, 0 drawdown, CAGR extrapolated
        let one = [0.01]
        #expect(try RiskMetrics.sharpeRatio(one).isNaN && RiskMetrics.annualVolatility(one).isNaN)
        #expect(try RiskMetrics.valueAtRisk(one) == 0.01 && RiskMetrics.conditionalValueAtRisk(one) == 0.01)
        #expect(try RiskMetrics.maxDrawdown(one) == 0)
        #expect(abs(try RiskMetrics.annualReturn(one) - (pow(1.01, 252) - 1)) < 1e-9)
        // ±inf throws nonFiniteInput naming the index
        #expect(throws: RiskError.nonFiniteInput(what: "returns", index: 2)) { try RiskMetrics.sharpeRatio([0.01, 0.02, -.infinity]) }
        #expect(throws: RiskError.self) { try RiskMetrics.maxDrawdown([.infinity]) }
        // return < −1: accepted; CAGR NaN when wealth < 0; MDD below −1
        #expect(try RiskMetrics.annualReturn([0.1, -1.5]).isNaN)
        #expect(try RiskMetrics.maxDrawdown([0.1, -1.5]) < -1)
        // zero dispersion: ±inf, NaN for a zero mean (exact max == min)
        #expect(try RiskMetrics.sharpeRatio(Array(repeating: 0.001, count: 21)) == .infinity)
        #expect(try RiskMetrics.sharpeRatio(Array(repeating: -0.01, count: 5)) == -.infinity)
        #expect(try RiskMetrics.sharpeRatio(Array(repeating: 0, count: 5)).isNaN)
        #expect(try RiskMetrics.sharpeRatio(Array(repeating: 0.001, count: 21), zeroDispersion: .nan).isNaN)
        #expect(try RiskMetrics.calmarRatio([0.01, 0.02]).isNaN)
        #expect(try RiskMetrics.calmarRatio([0.01, 0.02], noDrawdown: .infinity) == .infinity)
        // invalid parameters
        for p in [-0.05, 1.5, .nan] {
            #expect(throws: RiskError.self) { try RiskMetrics.valueAtRisk([0.01], tailProbability: p) }
            #expect(throws: RiskError.self) { try RiskMetrics.conditionalValueAtRisk([0.01], tailProbability: p) }
        }
        for a in [0.0, -252, .infinity, .nan] {
            #expect(throws: RiskError.self) { try RiskMetrics.annualReturn([0.01], periodsPerYear: a) }
            #expect(throws: RiskError.self) { try RiskMetrics.sharpeRatio([0.01, 0.02], periodsPerYear: a) }
        }
        // risk-free series must be aligned
        #expect(throws: RiskError.lengthMismatch(what: "riskFree", expected: 2, found: 1)) {
            try RiskMetrics.sharpeRatio([0.01, 0.02], riskFree: .series([0.0]))
        }
    }

    @Test func rateConventions() throws {
        let r = RiskReference.shared.inputs["normal_n252_s18"]!
        let daily = PeriodRate.perPeriodRate(annual: 0.03, periodsPerYear: 252)
        #expect(abs(daily - (pow(1.03, 1.0 / 252) - 1)) < 1e-18)
        let a = try RiskMetrics.sharpeRatio(r, riskFree: .annual(0.03))
        let b = try RiskMetrics.sharpeRatio(r, riskFree: .perPeriod(daily))
        let c = try RiskMetrics.sharpeRatio(r, riskFree: .series(Array(repeating: daily, count: r.count)))
        #expect(a == b && close(b, c))
        // Negative rates are applied (quantstats silently ignores them).
        #expect(try RiskMetrics.sharpeRatio(r, riskFree: .annual(-0.01)) > RiskMetrics.sharpeRatio(r))
    }
}
