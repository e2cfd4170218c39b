import Foundation
import Testing
@testable import Quant

@Suite("Regimes")
struct RegimeTests {
    /// Synthetic index: 100 rows rising 1 %/row, 100 falling 1 %/row, 100 flat ±0.1 %.
    static let path: [Double] = {
        var p = [100.0]
        for t in 1..<300 {
            let r = t <= 100 ? 0.01 : (t <= 200 ? -0.01 : (t % 2 == 0 ? 0.001 : -0.001))
            p.append(p[t - 1] * (1 + r))
        }
        return p
    }()

    @Test func trailingReturnRule() throws {
        let l = try RegimeAnalysis.label(levels: Self.path, rule: .trailingReturn(window: 20, bull: 0.1, bear: -0.1))
        #expect(l.prefix(20).allSatisfy { $0 == nil })
        #expect(l[20] == .bull)                          // 1.01^20 − 1 = 22 %
        #expect(l[100] == .bull && l[105] == .bull)      // 15 up, 5 down: +10.4 %
        #expect(l[119] == .bear)                         // 1 up, 19 down
        #expect(l[111] == .sideways)                     // 11 down, 9 up: 1.01^9·0.99^11 − 1 ≈ −1.8 %
        #expect(l[125] == .bear && l[200] == .bear)
        #expect(l[230] == .sideways && l[299] == .sideways)
    }

    @Test func movingAverageSlopeRule() throws {
        let l = try RegimeAnalysis.label(levels: Self.path, rule: .movingAverageSlope(window: 10, lookback: 5, threshold: 0.01))
        #expect(l.prefix(14).allSatisfy { $0 == nil } && l[14] != nil)
        #expect(l[50] == .bull && l[160] == .bear && l[280] == .sideways)
    }

    @Test func drawdownFromPeakRule() throws {
        let l = try RegimeAnalysis.label(levels: Self.path, rule: .drawdownFromPeak(window: 20, bear: 0.1, bull: 0.1))
        #expect(l.prefix(19).allSatisfy { $0 == nil } && l[19] != nil)
        #expect(l[19] == .bull)          // 1.01^19 − 1 = 20.8 % above the window low
        #expect(l[105] == .sideways)     // −4.9 % from the row-100 peak, +9.3 % above the row-86 low
        #expect(l[111] == .bear)         // 0.99^11 − 1 = −10.5 % from the row-100 peak
        #expect(l[299] == .sideways)
    }

    /// Labels at row t depend only on levels[0...t]: changing the future leaves them unchanged.
    @Test func noFutureData() throws {
        var future = Self.path
        for t in 150..<300 { future[t] *= 3 }
        for rule in [RegimeRule.trailingReturn(window: 20, bull: 0.1, bear: -0.1), .movingAverageSlope(window: 10, lookback: 5, threshold: 0.01),
                     .drawdownFromPeak(window: 20, bear: 0.1, bull: 0.1)] {
            let a = try RegimeAnalysis.label(levels: Self.path, rule: rule)
            let b = try RegimeAnalysis.label(levels: future, rule: rule)
            #expect(Array(a[0..<150]) == Array(b[0..<150]))
        }
    }

    @Test func perRegimeTable() throws {
        let rets = (1..<Self.path.count).map { Self.path[$0] / Self.path[$0 - 1] - 1 }
        let rowLabels = try RegimeAnalysis.label(levels: Self.path, rule: .trailingReturn(window: 20, bull: 0.1, bear: -0.1))
        let periodLabels = Array(RegimeAnalysis.periodLabels(rowLabels).dropFirst())  // aligned with rets (rows 1…)
        #expect(periodLabels.count == rets.count)
        let table = try RegimeAnalysis.table(returns: rets, labels: periodLabels)
        #expect(table.map(\.regime) == [.bull, .bear, .sideways])
        let bull = table[0], bear = table[1]
        // Period of row t uses the label of row t − 1: bull spans rows 21…~111.
        let bullReturns = zip(rets, periodLabels).filter { $0.1 == .bull }.map(\.0)
        #expect(bull.periods == bullReturns.count)
        #expect(abs(bull.averageReturn - bullReturns.reduce(0, +) / Double(bullReturns.count)) < 1e-15)
        #expect(bull.maxDrawdown == (try RiskMetrics.maxDrawdown(bullReturns)))
        #expect(bear.averageReturn < 0 && bear.maxDrawdown < -0.3 && bear.sharpeRatio < 0)
        #expect(bear.valueAtRisk <= -0.0099)
        let counts = try RegimeAnalysis.perRegime(returns: rets, labels: periodLabels) { (r: [Double]) throws(RiskError) in Double(r.count) }
        #expect(counts.values.reduce(0, +) == Double(periodLabels.compactMap { $0 }.count))
    }

    @Test func badInput() {
        #expect(throws: RiskError.self) { try RegimeAnalysis.label(levels: [1, 0, 2]) }
        #expect(throws: RiskError.self) { try RegimeAnalysis.label(levels: [1, .infinity]) }
        #expect(throws: RiskError.self) { try RegimeAnalysis.label(levels: [1, 2], rule: .trailingReturn(window: 0, bull: 0.1, bear: -0.1)) }
        #expect(throws: RiskError.self) { try RegimeAnalysis.label(levels: [1, 2], rule: .trailingReturn(window: 5, bull: -0.1, bear: 0.1)) }
        #expect(throws: RiskError.self) { try RegimeAnalysis.split(returns: [0.1], labels: []) }
        #expect((try? RegimeAnalysis.label(levels: [1, .nan, 2, 3], rule: .trailingReturn(window: 1, bull: 0.1, bear: -0.1))) == [nil, nil, nil, .bull])
    }
}
