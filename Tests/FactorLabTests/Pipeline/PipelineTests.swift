import Foundation
import Quant
import Tensors
import Testing
@testable import FactorLab

/// End-to-end runs on 12 real stocks × 420 days: the no-look-ahead truncation test, determinism,
/// summary.json keys and fold-share merging. Serialised and pinned to one BLAS thread because
/// determinism is promised per thread count.
@Suite(.serialized) struct PipelineTests {
    static func config() -> PipelineConfig {
        var c = PipelineConfig()
        c.window = 10
        c.setHorizon(5)
        c.split = WalkForwardSplitter(trainDays: 150, validationDays: 40, testDays: 40, gap: 5)
        c.lstm = LSTMConfig(hidden: 4, layers: 1, epochs: 2, patience: 0, batchSize: 64, trainStride: 3)
        c.screen.minFactors = 4
        c.screen.maxFactors = 4
        c.backtest.topK = 3
        c.backtest.randomPortfolios = 10
        c.seed = 7
        // Tuning on (as in `run`), with a grid small enough for a debug build: 2 LSTM and 3 ridge candidates.
        c.tuning = TuningConfig(mode: .grid, preset: "test",
                                grid: HyperparameterGrid(hidden: [3, 4], learningRate: [1e-3], weightDecay: [0], ridge: [1, 100]),
                                innerSplits: 1)
        return c
    }

    static func inputs() throws -> ResearchInputs {
        try ResearchInputs.load(dataPath: TestData.path("small_ohlcv.csv"), indexPath: TestData.path("small_index.csv"), progress: .silent)
    }

    static func tempDir() throws -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("fl-pipeline-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    @Test func factorsAreCausal() throws {
        let full = try Self.inputs()
        let cut = full.data.panel.prefix(throughDate: full.data.panel.dates[300])
        let a = try FactorSource.compute(full.data.panel, indexClose: full.indexClose)
        let b = try FactorSource.compute(cut, indexClose: Array(full.indexClose![0...300]))
        #expect(a.panel.factorNames == b.panel.factorNames)
        for f in 0..<a.panel.factorCount {
            for asset in 0..<cut.assetCount {
                for t in 0...300 {
                    let x = a.panel.value(asset: asset, date: t, factor: f), y = b.panel.value(asset: asset, date: t, factor: f)
                    #expect(x == y || (x.isNaN && y.isNaN), "factor \(a.panel.factorNames[f]) asset \(asset) date \(t)")
                }
            }
        }
    }

    /// Truncating the input after date D leaves every prediction made at dates ≤ D unchanged.
    @Test(.blasThreads(1)) func truncationLeavesEarlierPredictionsUnchanged() throws {
        let input = try Self.inputs()
        let panel = input.data.panel
        let full = try ResearchPipeline.predict(panel: panel, indexClose: input.indexClose, config: Self.config())
        let folds = full.folds.map(\.fold)
        #expect(folds.count >= 3)
        let d = folds.last!.test.lowerBound + 10  // inside the last fold's test period
        let cut = panel.prefix(throughDate: panel.dates[d])
        let short = try ResearchPipeline.predict(panel: cut, indexClose: Array(input.indexClose![0...d]), config: Self.config())
        #expect(short.folds.map(\.fold.train) == folds.map(\.train))
        var compared = 0
        for m in Self.config().models {
            let a = full.predictions[m]!, b = short.predictions[m]!
            for asset in 0..<panel.assetCount {
                for t in 0...d {
                    let x = a[asset * panel.dateCount + t], y = b[asset * cut.dateCount + t]
                    #expect(x == y || (x.isNaN && y.isNaN), "\(m) \(panel.tickers[asset]) \(panel.dates[t])")
                    if x.isFinite { compared += 1 }
                }
            }
            // The truncated run still forecasts D itself (its target is unknown there).
            #expect((0..<cut.assetCount).contains { b[$0 * cut.dateCount + d].isFinite })
        }
        #expect(compared > 3 * 12 * 80)
        // And the full run's predictions after D do use later data (sanity: they exist).
        #expect(full.predictions["lstm"]!.enumerated().contains { $0.offset % panel.dateCount > d && $0.element.isFinite })
    }

    @Test(.blasThreads(1)) func runIsByteIdenticalAndSummaryHasTheKeys() throws {
        let input = try Self.inputs()
        let dir1 = try Self.tempDir(), dir2 = try Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir1); try? FileManager.default.removeItem(atPath: dir2) }
        let e = try ResearchRun.execute(inputs: input, config: Self.config(), outDir: dir1, progress: .silent)
        try ResearchRun.execute(inputs: input, config: Self.config(), outDir: dir2, progress: .silent)
        for f in ["summary.json", "predictions.csv", "equity.csv", "report.html", "run.json"] {
            let a = FileManager.default.contents(atPath: dir1 + "/" + f), b = FileManager.default.contents(atPath: dir2 + "/" + f)
            #expect(a != nil && a == b, "\(f) differs between identical runs")
        }
        #expect(e != nil)
        let json = try JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: dir1 + "/summary.json")!) as! [String: Any]
        for model in ["lstm", "ols", "random", "universe"] {
            let m = try #require(json[model] as? [String: Any], "\(model) missing")
            for k in ["ic", "rank_ic", "icir", "rank_icir", "annual_return", "sharpe", "max_drawdown", "var95"] {
                #expect(m[k] != nil, "\(model).\(k)")
            }
            let regimes = try #require(m["regimes"] as? [String: Any])
            for g in ["bull", "bear", "sideways"] {
                let r = try #require(regimes[g] as? [String: Any], "\(model).regimes.\(g)")
                for k in ["avg_daily_return", "max_drawdown", "sharpe", "var95"] { #expect(r[k] != nil, "\(model).\(g).\(k)") }
            }
        }
        #expect((json["lstm"] as! [String: Any])["sharpe"] is Double)
        #expect((json["ols"] as! [String: Any])["ic"] is Double)
        #expect((json["selected_factors"] as! [String]).count == 4)
        let folds = try #require(json["folds"] as? [[String: Any]])
        for f in folds {
            let tuning = try #require(f["tuning"] as? [String: Any])
            #expect(Set(tuning.keys) == ["lstm", "ols_ridge"])
            let lstm = try #require(tuning["lstm"] as? [String: Any])
            #expect((lstm["candidates"] as? [Any])?.count == 2 && (lstm["splits"] as? [Any])?.count == 2)
            #expect((lstm["chosen"] as? [String: Any])?["hidden"] != nil)
        }
        #expect(json["ols_ridge"] != nil)
        let params = json["parameters"] as! [String: Any]
        #expect(params["window"] as? Int == 10 && params["horizon"] as? Int == 5 && params["top_k"] as? Int == 3 && params["seed"] as? Int == 7)
        let csv = try String(contentsOfFile: dir1 + "/predictions.csv", encoding: .utf8)
        #expect(csv.hasPrefix("date,ticker,model,prediction\n"))
        let html = try String(contentsOfFile: dir1 + "/report.html", encoding: .utf8)
        #expect(html.contains("Hyperparameters chosen on validation"))
        #expect(html.contains("<svg") && html.contains("Table I") && !html.contains("http://cdn") && !html.contains("<script"))
    }

    @Test(.blasThreads(1)) func foldSharesMergeToTheFullRun() throws {
        let input = try Self.inputs()
        var c = Self.config()
        c.models = ["ols", "ols_ridge", "lstm"]
        let full = try Self.tempDir(), a = try Self.tempDir(), b = try Self.tempDir(), merged = try Self.tempDir()
        defer { for d in [full, a, b, merged] { try? FileManager.default.removeItem(atPath: d) } }
        try ResearchRun.execute(inputs: input, config: c, outDir: full, progress: .silent)
        c.foldShare = FoldShare(index: 1, count: 2)
        #expect(try ResearchRun.execute(inputs: input, config: c, outDir: a, progress: .silent) == nil)
        c.foldShare = FoldShare(index: 2, count: 2)
        try ResearchRun.execute(inputs: input, config: c, outDir: b, progress: .silent)
        try ResearchRun.merge(directories: [a, b], outDir: merged, progress: .silent)
        for f in ["predictions.csv", "summary.json", "equity.csv"] {
            #expect(FileManager.default.contents(atPath: full + "/" + f) == FileManager.default.contents(atPath: merged + "/" + f), "\(f)")
        }
        #expect(throws: PipelineError.self) { try ResearchRun.merge(directories: [a, a], outDir: merged, progress: .silent) }
    }
}
