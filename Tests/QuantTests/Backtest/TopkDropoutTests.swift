import Foundation
import NumericsSupport
import Testing
import TestSupport
@testable import Quant

@Suite("Top-k dropout selection")
struct TopkDropoutTests {
    /// Three rebalances worked by hand (k 3, nDrop 1): see the comments for each step.
    static let scores: [[Double]] = [[6, 5, 4, 3, 2, 1], [1, 2, 3, 6, 5, 4], [9, .nan, 1, 2, 8, 7], [0, 0, 0, 0, 0, 0]]
    static let returns: [[Double]] = [[0, 0, 0, 0, 0, 0], [0.01, 0.02, 0.03, 0.04, 0.05, 0.06],
                                      [-0.01, 0.02, -0.03, 0.04, -0.05, 0.06], [0.1, 0.1, 0.1, 0.1, 0.1, 0.1]]

    static func holdings(_ w: [Double]) -> [Int] { w.indices.filter { w[$0] != 0 } }

    @Test func handWorkedRebalances() throws {
        let c = BacktestConfiguration(k: 3, costBps: 10, holding: .constantWeights, selection: .topKDropout(nDrop: 1, holdDays: 1))
        let res = try Backtest.run(scores: Self.scores, assetReturns: Self.returns, configuration: c)
        // Row 0, empty book: buy the best 3 → {0, 1, 2}.
        // Row 1: holdings ranked 2 (3), 1 (2), 0 (1); the one candidate is 3 (6); comb = 3, 2, 1, 0:
        //        0 falls outside the best 3 → sell 0, buy 3 (top-k would hold 3, 4, 5).
        // Row 2: holdings 3 (2), 2 (1), 1 (no score → last); candidate 0 (9); comb 0, 3, 2, 1 → sell 1, buy 0.
        #expect(res.weights.map(Self.holdings) == [[0, 1, 2], [1, 2, 3], [0, 2, 3]])
        #expect(res.trades.map(\.bought) == [[0, 1, 2], [3], [0]])
        #expect(res.trades.map(\.sold) == [[], [0], [1]])
        #expect(res.weights[1][1] == 1.0 / 3)
        // Turnover Σ|Δw|: 1 from cash, then one name out and one in: 2/3; one-way 1/3.
        let third: Double = 1.0 / 3, twoThirds: Double = 2.0 / 3
        let expectedTurnover: [Double] = [1, twoThirds, twoThirds], expectedOneWay: [Double] = [0.5, third, third]
        let expectedCosts: [Double] = [0.001, 0.001 * twoThirds, 0.001 * twoThirds]
        #expect(res.turnover == expectedTurnover)
        #expect(res.trades.map(\.oneWayTurnover) == expectedOneWay)
        #expect(res.trades.map(\.cost) == res.costs)
        #expect(res.costs == expectedCosts)
        #expect(abs(res.totalCost - 0.001 * 7 / 3) < 1e-15)
        let gross1: Double = (0.02 - 0.03 + 0.04) / 3
        #expect(abs(res.grossReturns[1] - gross1) < 1e-15)
        let net1: Double = (1 - 0.001 * twoThirds) * (1 + res.grossReturns[1]) - 1
        #expect(abs(res.netReturns[1] - net1) < 1e-15)
    }

    /// holdDays 2: a name bought at row 0 cannot be sold at row 1, and its purchase is not replaced.
    @Test func holdDaysBlockSales() throws {
        let c = BacktestConfiguration(k: 3, holding: .constantWeights, selection: .topKDropout(nDrop: 1, holdDays: 2))
        let res = try Backtest.run(scores: Self.scores, assetReturns: Self.returns, configuration: c)
        // Row 1: 0 ranks out but was bought 1 row ago → kept; nothing bought.
        // Row 2: holdings 0 (9), 2 (1), 1 (none); candidate 4 (8); comb 0, 4, 2, 1 → sell 1 (held 2 rows), buy 4.
        #expect(res.weights.map(Self.holdings) == [[0, 1, 2], [0, 1, 2], [0, 2, 4]])
        #expect(res.trades.map(\.sold) == [[], [], [1]] && res.turnover[1] == 0)
        var book = try TopkDropout(k: 3, nDrop: 1, holdDays: 2)
        try book.rebalance(scores: Self.scores[0], row: 0)
        #expect(try book.rebalance(scores: Self.scores[1], row: 1) == .init(sold: [], bought: [], blocked: [0]))
        #expect(book.holdings == [0: 0, 1: 0, 2: 0])
    }

    /// Holdings against an independent pandas re-implementation of qlib's rule
    /// (Scripts/reference/topk_dropout_reference.py): 30 assets, 12 % missing scores, k 5, nDrop 2, holdDays 3.
    @Test func matchesTheQlibReference() throws {
        let url = try #require(Bundle.module.url(forResource: "topk_dropout_reference", withExtension: "json", subdirectory: "Resources/backtest"))
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let scores = try #require(doc["scores"] as? [[Any]]).map { $0.map { ($0 as? Double) ?? .nan } }
        let k = try #require(doc["k"] as? Int), nDrop = try #require(doc["n_drop"] as? Int), hold = try #require(doc["hold_days"] as? Int)
        let decisions = try #require(doc["decisions"] as? [[String: Any]])
        let returns = scores.map { $0.map { _ in 0.001 } }
        let res = try Backtest.run(scores: scores, assetReturns: returns,
                                   configuration: .init(k: k, selection: .topKDropout(nDrop: nDrop, holdDays: hold)))
        #expect(decisions.count == res.weights.count && decisions.count == 15)
        for (i, d) in decisions.enumerated() {
            #expect(Self.holdings(res.weights[i]) == d["holdings"] as? [Int], "row \(i)")
            #expect(res.trades[i].bought == d["bought"] as? [Int] && res.trades[i].sold == d["sold"] as? [Int], "row \(i)")
        }
        #expect(decisions.contains { ($0["sold"] as? [Int])?.count == nDrop })  // the rule binds
    }

    static func panel(rows: Int, assets: Int, seed: UInt64) -> (scores: [[Double]], returns: [[Double]]) {
        var g = SplitMix64(state: seed)
        let s = (0..<rows).map { _ in (0..<assets).map { _ in g.unit() < 0.15 ? Double.nan : g.normal() } }
        let r = (0..<rows).map { _ in (0..<assets).map { _ in 0.01 * g.normal() } }
        return (s, r)
    }

    /// nDrop = k (holdDays 1) is the top-k rule: identical results, for both holding rules.
    @Test(arguments: [HoldingRule.buyAndHold, .constantWeights])
    func nDropKIsTopK(_ holding: HoldingRule) throws {
        let p = Self.panel(rows: 40, assets: 12, seed: 3)
        let base = BacktestConfiguration(k: 4, rebalanceEvery: 3, firstRebalance: 2, costBps: 10, holding: holding)
        var dropout = base
        dropout.selection = .topKDropout(nDrop: 4, holdDays: 1)
        let a = try Backtest.run(scores: p.scores, assetReturns: p.returns, configuration: base)
        let b = try Backtest.run(scores: p.scores, assetReturns: p.returns, configuration: dropout)
        #expect(a == b)
        dropout.selection = .topKDropout(nDrop: 1, holdDays: 1)
        #expect(try Backtest.run(scores: p.scores, assetReturns: p.returns, configuration: dropout) != a)
    }

    /// Per-rebalance accounting: one record per rebalance, turnover and cost as the period's, at most
    /// nDrop names replaced, k names held, hold days respected.
    @Test func turnoverCostsAndLimits() throws {
        let p = Self.panel(rows: 60, assets: 15, seed: 11)
        let c = BacktestConfiguration(k: 5, rebalanceEvery: 2, costBps: 25, holding: .buyAndHold,
                                      selection: .topKDropout(nDrop: 2, holdDays: 5))
        let res = try Backtest.run(scores: p.scores, assetReturns: p.returns, configuration: c)
        let rebalances = res.rebalanced.indices.filter { res.rebalanced[$0] }
        #expect(res.trades.count == rebalances.count && res.trades.map(\.row) == rebalances.map { $0 + res.startRow })
        var boughtAt: [Int: Int] = [:]
        for (trade, i) in zip(res.trades, rebalances) {
            #expect(trade.turnover == res.turnover[i] && trade.cost == res.costs[i] && trade.cost == 25e-4 * trade.turnover)
            #expect(Self.holdings(res.weights[i]).count == 5)
            if i > 0 { #expect(trade.sold.count <= 2 && trade.bought.count == trade.sold.count) }
            for a in trade.sold { #expect(trade.row - boughtAt[a]! >= 5) }
            for a in trade.bought { boughtAt[a] = trade.row }
        }
        #expect(res.trades.contains { $0.row > 0 && !$0.sold.isEmpty })
        #expect(abs(res.totalCost - res.costs.reduce(0, +)) == 0)
        // Turnover under drift also re-weights the kept names back to 1/k.
        #expect(res.trades.dropFirst().contains { $0.sold.isEmpty && $0.turnover > 0 })
    }

    @Test func invalidSettingsAreRefused() throws {
        let p = Self.panel(rows: 5, assets: 4, seed: 1)
        for (k, nDrop, hold) in [(2, 0, 1), (2, 3, 1), (2, 1, 0)] {
            #expect(throws: RiskError.self) {
                try Backtest.run(scores: p.scores, assetReturns: p.returns,
                                 configuration: .init(k: k, selection: .topKDropout(nDrop: nDrop, holdDays: hold)))
            }
            #expect(throws: RiskError.self) { try TopkDropout(k: k, nDrop: nDrop, holdDays: hold) }
        }
        #expect(throws: RiskError.self) {
            try Backtest.run(scores: p.scores, assetReturns: p.returns,
                             configuration: .init(k: 2, side: .longShort, selection: .topKDropout(nDrop: 1, holdDays: 1)))
        }
        var book = try TopkDropout(k: 2, nDrop: 1, holdDays: 1)
        #expect(throws: RiskError.self) { try book.rebalance(scores: [1, .infinity], row: 0) }
        // Fewer scored names than k: hold what there is, equally weighted.
        try book.rebalance(scores: [.nan, 1, .nan], row: 0)
        #expect(book.weights(assetCount: 3) == [0, 1, 0])
    }

    /// Random baseline under the dropout rule: seeded, and trading under the same limits.
    @Test func randomBaselineFollowsTheRule() throws {
        let p = Self.panel(rows: 50, assets: 20, seed: 5)
        let c = BacktestConfiguration(k: 6, rebalanceEvery: 2, costBps: 10, holding: .constantWeights,
                                      selection: .topKDropout(nDrop: 2, holdDays: 3))
        let a = try Backtest.randomBacktests(assetReturns: p.returns, scores: p.scores, configuration: c, paths: 5, baseSeed: 9)
        let b = try Backtest.randomBacktests(assetReturns: p.returns, scores: p.scores, configuration: c, paths: 5, baseSeed: 9)
        #expect(a == b && a[0] != a[1])
        #expect(try Backtest.randomPaths(assetReturns: p.returns, scores: p.scores, configuration: c, paths: 5, baseSeed: 9)
                == a.map(\.netReturns))
        for path in a {
            for trade in path.trades.dropFirst() {
                #expect(trade.sold.count <= 2 && trade.bought.count == trade.sold.count)
                for j in trade.bought { #expect(!p.scores[trade.row][j].isNaN) }
            }
            #expect(path.weights.allSatisfy { Self.holdings($0).count == 6 })
        }
        // The top-k rule's random draws are unchanged by the new entry point.
        var topk = c
        topk.selection = .topK
        #expect(try Backtest.randomBacktests(assetReturns: p.returns, scores: p.scores, configuration: topk, paths: 3, baseSeed: 9).map(\.netReturns)
                == Backtest.randomPaths(assetReturns: p.returns, scores: p.scores, configuration: topk, paths: 3, baseSeed: 9))
    }
}
