import Foundation
import Quant
import Testing
@testable import FactorLab

/// The pipeline's risk arithmetic, prediction IC and regime tables on hand-checkable cases.
@Suite struct EvaluationMetricsTests {
    @Test func riskMetricsFollowEmpyrical() throws {
        // Values from empyrical 0.7.1 conventions (hand-computed):
        let r: [Double] = [0.01, -0.02, 0.03, -0.01]
        let m = try PerformanceMetrics(returns: r)
        let w = 1.01 * 0.98 * 1.03 * 0.99
        #expect(abs(m.annualReturn - (pow(w, 252.0 / 4) - 1)) < 1e-12)
        #expect(abs(m.maxDrawdown - (0.98 - 1)) < 1e-15)
        let mean = 0.0025, sd = (( [0.01, -0.02, 0.03, -0.01].map { ($0 - mean) * ($0 - mean) }.reduce(0, +)) / 3).squareRoot()
        #expect(abs(m.sharpe - mean / sd * 252.0.squareRoot()) < 1e-12)
        // numpy percentile(r, 5), linear: sorted [-0.02,-0.01,0.01,0.03], h = 0.15 → -0.02 + 0.15·0.01
        #expect(abs(m.var95 - (-0.0185)) < 1e-15)
        #expect(try RiskMath.sharpe([0.01, 0.01, 0.01]) == .infinity)
        #expect(try RiskMath.maxDrawdown([]).isNaN)
        #expect(throws: RiskError.self) { try RiskMath.sharpe([0.01, .infinity]) }
    }

    @Test func predictionICMatchesPearsonAndSpearman() {
        // 2 dates × 4 assets; date 0 perfectly ranked, date 1 reversed.
        let A = 4, T = 2
        var p = [Double](repeating: .nan, count: A * T), y = p
        for a in 0..<A { p[a * T] = Double(a); y[a * T] = Double(a * a); p[a * T + 1] = Double(a); y[a * T + 1] = Double(-a) }
        let ic = PredictionIC(predictions: p, targets: y, layout: PanelLayout(assetCount: A, dateCount: T), decisionDates: [0, 1])
        #expect(abs(ic.rankICSeries[0] - 1) < 1e-12 && abs(ic.rankICSeries[1] + 1) < 1e-12)
        #expect(abs(ic.icSeries[1] + 1) < 1e-12)
        #expect(abs(ic.icSeries[0] - 15 / 245.0.squareRoot()) < 1e-12)  // corr([0,1,2,3],[0,1,4,9]) by hand
        #expect(abs(ic.rankIC) < 1e-12)
    }

    @Test func regimesFromTrailingReturn() throws {
        var p: [Double] = []
        for t in 0..<100 {
            let x: Double = t < 70 ? 0.002 * Double(t) : 0.138 - 0.004 * Double(t - 69)
            p.append(100 * exp(x))
        }
        let l = RegimeLabeler(lookback: 20, threshold: 0.03).label(prices: p)
        #expect(l[10] == MarketRegime.sideways && l[40] == MarketRegime.bull && l[99] == MarketRegime.bear)
        let rm = try RegimePerformance(returns: (0..<100).map { Double($0) / 1000 }, labels: l, regime: .bear)
        #expect(rm.days == l.filter { $0 == MarketRegime.bear }.count)
    }
}
