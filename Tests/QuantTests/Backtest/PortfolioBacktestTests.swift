import Foundation
import Testing
@testable import Quant

@Suite("Portfolio selection and backtest")
struct PortfolioBacktestTests {
    @Test func topAndBottomK() {
        let s = [0.3, .nan, 0.1, 0.5, 0.1, -0.2]
        #expect(PortfolioSelection.topK(s, k: 2) == [3, 0])
        #expect(PortfolioSelection.topK(s, k: 4) == [3, 0, 2, 4])  // tie 0.1: lower index first
        #expect(PortfolioSelection.bottomK(s, k: 2) == [5, 2])
        #expect(PortfolioSelection.topK(s, k: 10).count == 5)  // NaN never selected
    }

    @Test func weightsEqualScoreLongShort() throws {
        let s = [0.3, .nan, 0.1, 0.5, -0.1, -0.2]
        #expect(try PortfolioSelection.weights(s, k: 2) == [0.5, 0, 0, 0.5, 0, 0])
        let ws = try PortfolioSelection.weights(s, k: 2, scheme: .score)
        #expect(abs(ws[3] - 0.625) < 1e-15 && abs(ws[0] - 0.375) < 1e-15)
        #expect(try PortfolioSelection.weights(s, k: 2, side: .short) == [0, 0, 0, 0, -0.5, -0.5])
        let ls = try PortfolioSelection.weights(s, k: 2, side: .longShort, scheme: .score)
        #expect(abs(ls[3] - 0.625) < 1e-15 && abs(ls[5] + 2.0 / 3) < 1e-15 && abs(ls[4] + 1.0 / 3) < 1e-15)
        #expect(abs(ls.reduce(0, +)) < 1e-15)
        // Score weights fall back to equal when a leg holds a score of the wrong sign.
        #expect(try PortfolioSelection.weights([0.2, -0.1, -0.3], k: 2, scheme: .score) == [0.5, 0.5, 0])
        // Long-short legs never overlap.
        #expect(try PortfolioSelection.weights([1, 2, 3], k: 2, side: .longShort) == [-1, 0.5, 0.5])
        #expect(throws: RiskError.self) { try PortfolioSelection.weights(s, k: 0) }
        #expect(throws: RiskError.self) { try PortfolioSelection.weights([1, .infinity], k: 1) }
    }

    /// 3 assets, 4 rows; top-1 each row, daily rebalancing, 10 bps.
    @Test func handComputedDailyBacktest() throws {
        let scores: [[Double]] = [[3, 2, 1], [1, 3, 2], [1, 3, 2], [0, 0, 9]]
        let r: [[Double]] = [[0, 0, 0], [0.10, -0.05, 0.02], [0.01, 0.04, -0.03], [0.02, -0.02, 0.05]]
        let res = try Backtest.run(scores: scores, assetReturns: r, configuration: .init(k: 1, costBps: 10))
        #expect(res.startRow == 0)
        #expect(res.grossReturns == [0.10, 0.04, -0.02])  // asset 0, then asset 1 twice
        #expect(res.turnover == [1, 2, 0])
        #expect(res.costs.map { ($0 * 1e6).rounded() / 1e6 } == [0.001, 0.002, 0])
        #expect(abs(res.netReturns[0] - (0.999 * 1.10 - 1)) < 1e-15)
        #expect(abs(res.netReturns[1] - (0.998 * 1.04 - 1)) < 1e-15)
        #expect(res.netReturns[2] == res.grossReturns[2])
        #expect(res.weights[1] == [0, 1, 0])
    }

    /// Buy-and-hold drift between rebalances and turnover against drifted weights.
    @Test func driftAndRebalanceEvery2() throws {
        let scores: [[Double]] = Array(repeating: [2, 1], count: 4)
        let r: [[Double]] = [[0, 0], [0.10, -0.10], [0.0, 0.0], [0.05, 0.05]]
        let res = try Backtest.run(scores: scores, assetReturns: r,
                                   configuration: .init(k: 2, rebalanceEvery: 2, costBps: 0))
        // Period 0: 50/50 earns 0. After it, weights drift to 0.55/0.45 (gross 0 → divide by 1).
        #expect(abs(res.grossReturns[0]) < 1e-15)
        #expect(abs(res.weights[1][0] - 0.55) < 1e-15 && abs(res.weights[1][1] - 0.45) < 1e-15)
        #expect(res.rebalanced == [true, false, true])
        #expect(abs(res.turnover[2] - 0.1) < 1e-15)  // back from 0.55/0.45 to 0.5/0.5
        #expect(abs(res.grossReturns[2] - 0.05) < 1e-15)
        #expect(abs(res.averageTurnoverPerRebalance - 0.55) < 1e-15)
    }

    /// Weights decided at the close of t never see row t's... own future: a score equal to the
    /// *next* row's return (perfect foresight) earns it, a score equal to the *current* row's
    /// return does not.
    @Test func noLookAhead() throws {
        let r: [[Double]] = [[0, 0], [0.05, -0.05], [-0.05, 0.05], [0.05, -0.05]]
        let foresight = (0..<4).map { t in t + 1 < 4 ? r[t + 1] : [0, 0] }
        let a = try Backtest.run(scores: foresight, assetReturns: r, configuration: .init(k: 1))
        #expect(a.grossReturns == [0.05, 0.05, 0.05])
        let stale = try Backtest.run(scores: r, assetReturns: r, configuration: .init(k: 1))
        #expect(stale.grossReturns[1] == -0.05 && stale.grossReturns[2] == -0.05)
    }

    @Test func missingReturnsAndBadShapes() throws {
        let res = try Backtest.run(scores: [[1, 0], [1, 0]], assetReturns: [[0, 0], [.nan, 0.1]],
                                   configuration: .init(k: 1))
        #expect(res.grossReturns == [0] && res.missingHeldReturns == 1)
        #expect(throws: RiskError.self) { try Backtest.run(scores: [[1, 0]], assetReturns: [[0, 0], [0, 0]], configuration: .init(k: 1)) }
        #expect(throws: RiskError.self) { try Backtest.run(scores: [[1, 0], [1]], assetReturns: [[0, 0], [0, 0]], configuration: .init(k: 1)) }
        #expect(throws: RiskError.self) { try Backtest.run(scores: [[1, 0], [1, 0]], assetReturns: [[0, 0], [0, .infinity]], configuration: .init(k: 1)) }
        #expect(throws: RiskError.self) { try Backtest.run(scores: [[1, 0]], assetReturns: [[0, 0]], configuration: .init(k: 1, rebalanceEvery: 0)) }
        #expect(throws: RiskError.self) { try Backtest.run(scores: [[1, 0]], assetReturns: [[0, 0]], configuration: .init(k: 1, costBps: -1)) }
    }

    /// With k = all assets every random path is the equal-weight portfolio; with k = 1 of 2 assets
    /// whose returns are +1 % and −1 %, each period's return is ±1 % and the paths differ by seed.
    @Test func randomBaselines() throws {
        let r: [[Double]] = Array(repeating: [0.01, -0.01], count: 51)
        let all = try Backtest.randomBaseline(assetReturns: r, configuration: .init(k: 2), paths: 20)
        #expect(all.totalReturns.allSatisfy { abs($0) < 1e-12 })
        let one = try Backtest.randomBaseline(assetReturns: r, configuration: .init(k: 1), paths: 200, baseSeed: 42)
        #expect(Set(one.totalReturns.map { ($0 * 1e9).rounded() }).count > 10)
        let again = try Backtest.randomBaseline(assetReturns: r, configuration: .init(k: 1), paths: 200, baseSeed: 42)
        #expect(again == one)  // seeded: reproducible
        let med = one.totalReturn.median
        #expect(med.isFinite && one.totalReturn.q05 <= med && med <= one.totalReturn.q95)
        // Each draw picks asset 0 with probability 1/2: the mean number of winning periods is 25.
        let wins = one.totalReturns.map { t in (log(1 + t) - 50 * log(0.99)) / (log(1.01) - log(0.99)) }
        let meanWins = wins.reduce(0, +) / Double(wins.count)
        #expect(abs(meanWins - 25) < 1.0)  // sd of the mean = √12.5/√200 ≈ 0.25
        #expect(RandomBaselineResult.percentileRank(of: 0.5, in: [0, 0.5, 1, 2]) == 0.375)
    }
}
