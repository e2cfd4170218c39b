import Foundation
import Quant
import Testing
@testable import FactorLab

/// Top-k selection, costs, random portfolios and the risk overlay on hand-checkable cases.
@Suite struct BacktesterTests {
    @Test func topKPicksTheHighestScoresAndPaysCosts() throws {
        // 4 assets, 5 dates; asset a earns (a+1)% every day. Scores rank asset 3 then 2.
        let A = 4, T = 5
        var r = [Double](repeating: .nan, count: A * T), s = [Double](repeating: .nan, count: A * T)
        for a in 0..<A { for t in 1..<T { r[a * T + t] = Double(a + 1) / 100 } ; for t in 0..<T { s[a * T + t] = Double(a) } }
        var c = BacktestConfig(topK: 2, rebalanceEvery: 2, costBps: 10, randomPortfolios: 3)
        let res = try Backtester.run(scores: ["m": s], simpleReturns: r, layout: PanelLayout(assetCount: A, dateCount: T), decisionDates: [0, 1, 2, 3], config: c, seed: 1)
        #expect(res.days == [1, 2, 3, 4])
        // Day 1: buy assets 2,3 (turnover Σ|Δw| = 1 → 10 bp, paid on NAV at the close of day 0, so the
        // day-1 return is (1 − 0.001)(1 + 0.035) − 1); same picks later, no further cost.
        let m = res.returns["m"]!
        #expect(abs(m[0] - ((1 - 0.001) * 1.035 - 1)) < 1e-15 && abs(m[1] - 0.035) < 1e-15 && abs(m[2] - 0.035) < 1e-15)
        #expect(res.turnover["m"] == 0.25)  // one-way, mean over the rebalances at 0 (0.5) and 2 (same picks: 0)
        #expect(abs(res.returns["universe"]![0] - 0.025) < 1e-15)
        #expect(res.random.count == 3)
        c.costBps = 0
        let free = try Backtester.run(scores: ["m": s], simpleReturns: r, layout: PanelLayout(assetCount: A, dateCount: T), decisionDates: [0, 1, 2, 3], config: c, seed: 1)
        #expect(free.returns["m"]![0] == 0.035)
        // Same seed ⇒ same random portfolios; different seed ⇒ (here) a different draw somewhere.
        let again = try Backtester.run(scores: ["m": s], simpleReturns: r, layout: PanelLayout(assetCount: A, dateCount: T), decisionDates: [0, 1, 2, 3], config: c, seed: 1)
        #expect(again.random == free.random)
    }

    @Test func overlayUsesOnlyPastReturns() throws {
        var c = BacktestConfig()
        c.volatilityTarget = 0.1
        c.volatilityLookback = 5
        c.drawdownBrake = -0.05
        let r: [Double] = [0.01, -0.02, 0.03, -0.04, 0.02, -0.03, 0.01, 0.02, -0.01, 0.0]
        let full = try c.riskOverlay.apply(r).returns
        let prefix = try c.riskOverlay.apply(Array(r[0..<7])).returns
        #expect(Array(full[0..<7]) == prefix)
        #expect(Array(full[0..<5]) == Array(r[0..<5]))  // no estimate yet, drawdown above the brake
        let vol = Statistics.standardDeviation(r[0..<5], ddof: 1) * 252.0.squareRoot()
        #expect(full[5] == min(1, 0.1 / vol) * r[5])
    }

}
