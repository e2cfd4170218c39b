import Foundation
import Quant
import Testing
@testable import FactorLab

/// `--strategy topk|topk-dropout`, `--n-drop`, `--hold-days`: validation, configuration, the
/// backtest they reach and the outputs they change (trades.csv, summary.json).
@Suite(.serialized) struct StrategyOptionTests {
    /// 6 assets × 30 dates; scores rotate so the top-k rule replaces its whole book every 3 days.
    static func panel() -> (scores: [Double], returns: [Double], layout: PanelLayout) {
        let A = 6, T = 30
        var r = [Double](repeating: .nan, count: A * T), s = r
        for a in 0..<A {
            for t in 0..<T {
                if t > 0 { r[a * T + t] = 0.001 * Double((a * 7 + t * 3) % 11 - 5) }
                s[a * T + t] = Double((a * 5 + t) % A)
            }
        }
        return (s, r, PanelLayout(assetCount: A, dateCount: T))
    }

    static func run(_ c: BacktestConfig) throws -> StrategyBacktest {
        let p = panel()
        return try Backtester.run(scores: ["m": p.scores], simpleReturns: p.returns, layout: p.layout,
                                  decisionDates: Array(0..<28), config: c, seed: 3)
    }

    @Test func theStrategyReachesTheBacktest() throws {
        var c = BacktestConfig(topK: 3, rebalanceEvery: 3, costBps: 20, randomPortfolios: 4)
        let topk = try Self.run(c)
        c.strategy = .topkDropout
        c.nDrop = 1
        let dropout = try Self.run(c)
        #expect(dropout.returns["m"] != topk.returns["m"])
        let trades = try #require(dropout.trades["m"])
        #expect(trades.map(\.row) == Array(stride(from: 0, to: 28, by: 3)))
        #expect(trades.dropFirst().allSatisfy { $0.sold.count <= 1 && $0.bought.count == $0.sold.count })
        #expect(trades.dropFirst().contains { $0.sold.count == 1 })
        #expect(abs(dropout.totalCost["m"]! - trades.map(\.cost).reduce(0, +)) < 1e-18)
        #expect(abs(dropout.turnover["m"]! - trades.map(\.oneWayTurnover).reduce(0, +) / Double(trades.count)) < 1e-15)
        #expect(dropout.totalCost["m"]! < topk.totalCost["m"]!)
        #expect(dropout.totalCost["universe"] == 0 && dropout.totalCost["random"]! > 0)
        // The random portfolios follow the rule too (and stay seeded).
        let again = try Self.run(c)
        #expect(dropout.random != topk.random && dropout.random == again.random)
        // n_drop = k is the top-k rule.
        c.nDrop = 3
        let all = try Self.run(c)
        #expect(all.returns["m"] == topk.returns["m"] && all.trades["m"] == topk.trades["m"])
        // Hold days: a name bought at a rebalance cannot leave at the next one (3 days later).
        c.nDrop = 1
        c.holdDays = 4
        let held = try #require(try Self.run(c).trades["m"])
        var boughtAt: [Int: Int] = [:]
        for t in held {
            for a in t.sold { #expect(t.row - boughtAt[a]! >= 4) }
            for a in t.bought { boughtAt[a] = t.row }
        }
    }

    @Test func optionsAreValidatedByName() {
        func rejects(_ option: String, _ message: String, _ set: (inout PipelineOverrides) -> Void) {
            var o = PipelineOverrides()
            set(&o)
            do { try o.validate(); Issue.record("--\(option) accepted") } catch {
                #expect("\(error)".hasPrefix("--\(option) ") && "\(error)".contains(message), "\(error)")
            }
        }
        rejects("strategy", "must be topk or topk-dropout (got 'dropout')") { $0.strategy = "dropout" }
        rejects("n-drop", "goes with --strategy topk-dropout") { $0.nDrop = 1 }
        rejects("n-drop", "goes with --strategy topk-dropout") { $0.strategy = "topk"; $0.nDrop = 1 }
        rejects("hold-days", "goes with --strategy topk-dropout") { $0.holdDays = 5 }
        rejects("n-drop", "must be in 1…100000 (got 0)") { $0.strategy = "topk-dropout"; $0.nDrop = 0 }
        rejects("n-drop", "must be ≤ --top-k (10) (got 11)") { $0.strategy = "topk-dropout"; $0.nDrop = 11 }
        rejects("n-drop", "must be ≤ --top-k (3) (got 4)") { $0.strategy = "topk-dropout"; $0.topK = 3; $0.nDrop = 4 }
        rejects("hold-days", "must be in 1…100000 (got 0)") { $0.strategy = "topk-dropout"; $0.holdDays = 0 }
        var ok = PipelineOverrides()
        ok.strategy = "topk-dropout"; ok.topK = 4; ok.nDrop = 4; ok.holdDays = 20
        #expect(throws: Never.self) { try ok.validate() }
        ok.strategy = "topk"; ok.nDrop = nil; ok.holdDays = nil
        #expect(throws: Never.self) { try ok.validate() }
    }

    @Test func overridesSetTheConfiguration() {
        #expect(PipelineConfig(preset: .run, overrides: PipelineOverrides()).backtest == BacktestConfig())
        var o = PipelineOverrides()
        o.strategy = "topk-dropout"
        var c = PipelineConfig(preset: .run, overrides: o).backtest
        #expect(c.strategy == .topkDropout && c.nDrop == 2 && c.holdDays == 1)
        #expect(c.selectionRule == .topKDropout(nDrop: 2, holdDays: 1))
        o.topK = 3; o.holdDays = 7
        c = PipelineConfig(preset: .demo, overrides: o).backtest
        #expect(c.nDrop == 1 && c.holdDays == 7 && c.topK == 3)
        o.nDrop = 3
        #expect(PipelineConfig(preset: .run, overrides: o).backtest.nDrop == 3)
        // Top-k with a small book: the unused nDrop stays at its default.
        var topk = PipelineOverrides()
        topk.topK = 3
        #expect(PipelineConfig(preset: .run, overrides: topk).backtest == BacktestConfig(topK: 3))
    }

    /// run.json written before strategies existed has no strategy keys: it decodes as top-k.
    @Test func oldRunRecordsDecodeAsTopK() throws {
        var c = BacktestConfig(topK: 4)
        let data = try OutputJSON.encode(c)
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["strategy"] as? String == "topk")
        for key in ["strategy", "nDrop", "holdDays"] { object.removeValue(forKey: key) }
        let old = try JSONSerialization.data(withJSONObject: object)
        #expect(try OutputJSON.decode(BacktestConfig.self, data: old, path: "run.json", what: "run.json") == c)
        c.strategy = .topkDropout; c.nDrop = 3; c.holdDays = 5
        #expect(try OutputJSON.decode(BacktestConfig.self, data: try OutputJSON.encode(c), path: "run.json", what: "run.json") == c)
    }

    /// A run with the dropout rule writes trades.csv in its verified set and reports the rule and costs.
    @Test func aRunWritesTradesAndCosts() throws {
        let inputs = try PipelineTests.inputs()
        var c = OutputSetTests.config()
        c.backtest.strategy = .topkDropout
        c.backtest.nDrop = 1
        c.backtest.holdDays = 6
        let out = try PipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: out) }
        try ResearchRun.execute(inputs: inputs, config: c, outDir: out, progress: .silent)
        let dir = try RunDirectory(out)
        #expect(try dir.manifest().entry("trades.csv") != nil)
        #expect(try dir.record().config == c)
        let csv = try String(contentsOfFile: dir.path(of: .trades), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "strategy,date,bought,sold,turnover,cost")
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count > 3 && rows.allSatisfy { $0.count == 6 && $0[0] == "ols" })
        #expect(rows.first?[4] == "0.5" && rows.first?[3] == "")  // from cash: Σ|Δw| = 1
        #expect(rows.dropFirst().allSatisfy { $0[3].split(separator: ";").count <= 1 })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path(of: .summary)))) as? [String: Any])
        let backtest = try #require((json["parameters"] as? [String: Any])?["backtest"] as? [String: Any])
        #expect(backtest["strategy"] as? String == "topk-dropout" && (backtest["n_drop"] as? NSNumber)?.intValue == 1 && (backtest["hold_days"] as? NSNumber)?.intValue == 6)
        let ols = try #require(json["ols"] as? [String: Any])
        let cost = rows.compactMap { Double($0[5]) }.reduce(0, +)
        #expect(abs(((ols["total_cost"] as? NSNumber)?.doubleValue ?? .nan) - cost) < 1e-12)
        #expect(((json["universe"] as? [String: Any])?["total_cost"] as? NSNumber)?.doubleValue == 0)
    }
}
