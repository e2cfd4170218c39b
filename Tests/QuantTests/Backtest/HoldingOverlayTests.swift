import Foundation
import Testing
@testable import Quant

/// Constant-weight holding, vetoed rebalances, random paths, the median path and the risk overlay,
/// all on hand-computed cases.
@Suite("Holding rules, random paths and risk overlay")
struct HoldingOverlayTests {
    /// Same selection as `driftAndRebalanceEvery2`, but weights stay at 50/50 between rebalances.
    @Test func constantWeightsDoNotDrift() throws {
        let scores: [[Double]] = Array(repeating: [2, 1], count: 4)
        let r: [[Double]] = [[0, 0], [0.10, -0.10], [0.02, 0.04], [0.05, 0.05]]
        let c = BacktestConfiguration(k: 2, rebalanceEvery: 2, costBps: 10, holding: .constantWeights)
        let res = try Backtest.run(scores: scores, assetReturns: r, configuration: c)
        #expect(res.weights == [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]])
        #expect(abs(res.grossReturns[1] - 0.03) < 1e-15)  // buy-and-hold: 0.55·0.02 + 0.45·0.04 = 0.029
        #expect(res.turnover == [1, 0, 0])  // against the previous target, not drifted weights
        #expect(abs(res.netReturns[0] - (0.999 * 1.0 - 1)) < 1e-15)
        #expect(res.rebalanced == [true, false, true])
        let drift = try Backtest.run(scores: scores, assetReturns: r, configuration: .init(k: 2, rebalanceEvery: 2, costBps: 10))
        #expect(abs(drift.grossReturns[1] - 0.029) < 1e-15)
    }

    /// A vetoed rebalance keeps the holdings untraded and is not counted as a rebalance.
    @Test func vetoedRebalanceKeepsHoldings() throws {
        let scores: [[Double]] = [[2, 1], [2, 1], [1, 2], [1, 2]]
        let r: [[Double]] = [[0, 0], [0.01, 0.02], [0.03, 0.04], [0.05, 0.06]]
        let c = BacktestConfiguration(k: 1, costBps: 0, holding: .constantWeights)
        let all = try Backtest.run(scores: scores, assetReturns: r, configuration: c)
        #expect(all.grossReturns == [0.01, 0.03, 0.06])
        let vetoed = try Backtest.run(scores: scores, assetReturns: r, configuration: c, rebalanceWhen: { $0 != 2 })
        #expect(vetoed.grossReturns == [0.01, 0.03, 0.05])
        #expect(vetoed.rebalanced == [true, true, false])
        #expect(vetoed.turnover == [1, 0, 0])
        #expect(vetoed.averageTurnoverPerRebalance == 0.5)
    }

    /// The random paths are the ones behind `randomBaseline` (same seeds, same draws).
    @Test func randomPathsMatchBaseline() throws {
        var r: [[Double]] = []
        for t in 0..<30 {
            var row: [Double] = []
            for j in 0..<6 { row.append(Double((t * 7 + j * 3) % 11 - 5) / 100) }
            r.append(row)
        }
        let c = BacktestConfiguration(k: 2, rebalanceEvery: 3, costBps: 5)
        let paths = try Backtest.randomPaths(assetReturns: r, configuration: c, paths: 25, baseSeed: 9)
        let base = try Backtest.randomBaseline(assetReturns: r, configuration: c, paths: 25, baseSeed: 9)
        #expect(paths.count == 25)
        #expect(try paths.map { try RiskMetrics.totalReturn($0) } == base.totalReturns)
        #expect(try Backtest.randomPaths(assetReturns: r, configuration: c, paths: 0).isEmpty)
        // k ≥ eligible: every path holds everything, equally weighted.
        var g = SplitMix64(state: 3)
        #expect(PortfolioSelection.randomWeights(eligible: [0, 2], assetCount: 3, k: 5, using: &g) == [0.5, 0, 0.5])
        #expect(PortfolioSelection.randomWeights(eligible: [], assetCount: 2, k: 1, using: &g) == [0, 0])
        // Vetoing every rebalance after the first keeps each path's first draw.
        let once = try Backtest.randomPaths(assetReturns: r, configuration: c, paths: 5, rebalanceWhen: { $0 == 0 })
        let first = try Backtest.randomPaths(assetReturns: Array(r[0..<2]), configuration: c, paths: 5)
        #expect(once.map { $0[0] } == first.map { $0[0] })
    }

    @Test func medianPathIsTheUpperMedianOfTerminalWealth() throws {
        // Terminal wealth 1.1, 0.9, 1.0, 1.0 → order [1, 2, 3, 0] (tie: lower index first) → index 3.
        #expect(try Backtest.medianPathIndex([[0.1], [-0.1], [0.0], [0.0]]) == 3)
        #expect(try Backtest.medianPathIndex([[0.05, .nan], [-0.02, 0.01], [0.2, -0.1]]) == 0)  // 1.05, 0.9898, 1.08
        #expect(try Backtest.medianPathIndex([]) == nil)
    }

    @Test func volatilityTargetByHand() throws {
        let r: [Double] = [0.01, 0.03, 0.02, -0.01]
        let o = RiskOverlay(volatilityTarget: 0.1, volatilityLookback: 2)
        let (e, x) = try o.apply(r)
        // d = 2: sample sd of [0.01, 0.03] = 0.02/√2, annualised ×√252.
        let e2 = min(1, 0.1 / (0.02 / 2.0.squareRoot() * 252.0.squareRoot()))
        #expect(e[0] == 1 && e[1] == 1 && x[0] == 0.01 && x[1] == 0.03)
        #expect(abs(e[2] - e2) < 1e-15 && abs(x[2] - e2 * 0.02) < 1e-16)
        // Prefix property: exposure never depends on later returns.
        let prefix = try o.apply(Array(r[0..<3]))
        #expect(prefix.returns == Array(x[0..<3]))
    }

    @Test func drawdownBrakeByHand() throws {
        let (e, x) = try RiskOverlay(drawdownBrake: -0.05).apply([-0.1, 0.05, 0.02, 0.1, 0.01])
        // Wealth 0.9 (dd −10 %) → halve: +2.5 % → 0.9225 (dd −7.75 %) → halve: +1 % → 0.931725 (dd −6.8 %) →
        // halve: +5 % → 0.97831 (dd −2.2 %) → full exposure.
        #expect(e == [1, 0.5, 0.5, 0.5, 1])
        #expect(x == [-0.1, 0.025, 0.01, 0.05, 0.01])
        let off = try RiskOverlay().apply([0.1, .nan])
        #expect(off.exposure == [1, 1] && off.returns[0] == 0.1 && off.returns[1].isNaN)
        #expect(throws: RiskError.self) { try RiskOverlay(drawdownBrake: 0.1).apply([0.01]) }
        #expect(throws: RiskError.self) { try RiskOverlay(volatilityTarget: -1).apply([0.01]) }
        #expect(throws: RiskError.self) { try RiskOverlay(volatilityTarget: 0.1, volatilityLookback: 1).apply([0.01]) }
        #expect(throws: RiskError.self) { try RiskOverlay(drawdownBrake: -0.1).apply([.infinity]) }
    }
}
