import Foundation
import Quant
import Tensors
import Testing
@testable import FactorLab

/// `--seeds N`: replicate 0 is the run without the flag, the LSTM's replicates differ, every
/// summary number is the mean of its per-seed values, benchmark.json agrees with summary.json,
/// the number of replicates training at once changes nothing, and fold shares with seeds merge to
/// the full run. Small panel, tiny LSTM, no tuning: fast.
@Suite(.serialized) struct SeedReplicateTests {
    static func config(seeds: Int = 1) -> PipelineConfig {
        var c = PipelineTests.config()
        c.models = ["lstm", "ols"]
        c.tuning = .off
        c.seeds = seeds
        return c
    }

    static func json(_ dir: String, _ file: String) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: dir + "/" + file), "\(file) missing")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func number(_ x: Any?) -> Double {
        if let d = x as? Double { return d }
        if let s = x as? String, s == "NaN" { return .nan }
        return (x as? NSNumber)?.doubleValue ?? .nan
    }

    static func contents(_ dir: String, _ file: String) -> Data? { FileManager.default.contents(atPath: dir + "/" + file) }

    @Test func overridesAreRangeCheckedAndOneSeedIsTheDefault() throws {
        for bad in [0, -3, PipelineOverrides.maxSeeds + 1] {
            var o = PipelineOverrides()
            o.seeds = bad
            #expect(throws: PipelineConfigError.invalid(option: "seeds", reason: "must be in 1…\(PipelineOverrides.maxSeeds) (got \(bad))")) {
                try o.validate()
            }
        }
        var o = PipelineOverrides()
        o.seeds = 1
        #expect(PipelineConfig(preset: .run, overrides: o) == PipelineConfig(preset: .run, overrides: PipelineOverrides()))
        o.seeds = 4
        #expect(PipelineConfig(preset: .run, overrides: o).seeds == 4)
        // Replicate 0 is the base seed; the others are distinct and never an ensemble member's seed.
        let c = PipelineConfig()
        #expect(c.replicateSeed(0) == c.seed && c.replicate(0) == c)
        let seeds = (0..<50).map(c.replicateSeed)
        #expect(Set(seeds).count == 50)
        let members = Set((0..<50).map { LSTMReturnModel.memberSeed(c.seed, member: $0) })
        #expect(Set(seeds.dropFirst()).isDisjoint(with: members))
    }

    @Test func seedSpreadAndExcessMetricsMatchHandComputation() {
        let s = SeedSpread([1, 2, 4])
        #expect(s.mean == 7.0 / 3)
        let m = 7.0 / 3
        #expect(abs(s.std - (((1 - m) * (1 - m) + (2 - m) * (2 - m) + (4 - m) * (4 - m)) / 2).squareRoot()) < 1e-15)
        #expect(SeedSpread([1, .nan]).mean.isNaN && SeedSpread([3]).std.isNaN && SeedSpread([3]).mean == 3)
        // e = [0.01, −0.01, 0.02]; the NaN day is skipped.
        let x = ExcessReturnMetrics(returns: [0.01, -0.02, .nan, 0.03], benchmark: [0, -0.01, 0.5, 0.01])
        let mean = 0.02 / 3, sd = (((0.01 - mean) * (0.01 - mean) + (-0.01 - mean) * (-0.01 - mean) + (0.02 - mean) * (0.02 - mean)) / 2).squareRoot()
        #expect(abs(x.annualReturn - 252 * mean) < 1e-12)
        #expect(abs(x.trackingError - sd * 252.0.squareRoot()) < 1e-12)
        #expect(abs(x.informationRatio - 252 * mean / (sd * 252.0.squareRoot())) < 1e-12)
        #expect(abs(x.maxDrawdown - -0.01) < 1e-15)  // cumulative sums 0.01, 0, 0.02
        #expect(BenchmarkTable.cell(SeedSpread([0.0416, 0.048])) == "0.0448±0.0045")
        #expect(BenchmarkTable.cell(SeedSpread([0.0448])) == "0.0448")
    }

    /// `--seeds 1` writes what a run without the flag writes; with 3 seeds replicate 0 is unchanged,
    /// the LSTM spreads, OLS does not, means are the means of the per-seed values and the benchmark
    /// table repeats summary.json's numbers.
    @Test(.blasThreads(1)) func threeSeedsReportTheirSpread() throws {
        let input = try PipelineTests.inputs()
        let plain = try PipelineTests.tempDir(), one = try PipelineTests.tempDir(), three = try PipelineTests.tempDir()
        defer { for d in [plain, one, three] { try? FileManager.default.removeItem(atPath: d) } }
        var unflagged = Self.config()
        unflagged.seedReplicates = nil
        try ResearchRun.execute(inputs: input, config: unflagged, outDir: plain, progress: .silent)
        try ResearchRun.execute(inputs: input, config: Self.config(seeds: 1), outDir: one, progress: .silent)
        for f in ["run.json", "predictions.csv", "summary.json", "equity.csv", "report.html", "benchmark.md", "benchmark.json"] {
            #expect(Self.contents(plain, f) != nil && Self.contents(plain, f) == Self.contents(one, f), "\(f)")
        }
        #expect(Self.contents(one, "predictions-seeds.csv") == nil)
        #expect(!String(decoding: Self.contents(one, "run.json")!, as: UTF8.self).contains("seedReplicates"))

        let e = try #require(try ResearchRun.execute(inputs: input, config: Self.config(seeds: 3), outDir: three, progress: .silent))
        #expect(e.seedCount == 3)
        #expect(Self.contents(three, "predictions.csv") == Self.contents(one, "predictions.csv"))
        #expect(Self.contents(three, "equity.csv") == Self.contents(one, "equity.csv"))
        let manifest = try RunDirectory(three).manifest()
        for f in ["predictions-seeds.csv", "benchmark.md", "benchmark.json"] { #expect(manifest.entry(f) != nil, "\(f) not in the manifest") }
        let seeded = try RunDirectory(three).seedPredictions(panel: input.panel, seeds: 3)
        #expect(try seeded[0].mapValues { $0.map(\.bitPattern) } == RunDirectory(three).predictions(panel: input.panel).mapValues { $0.map(\.bitPattern) })

        let summary = try Self.json(three, "summary.json"), base = try Self.json(one, "summary.json")
        let lstm = try #require(summary["lstm"] as? [String: Any]), ols = try #require(summary["ols"] as? [String: Any])
        let std = try #require(lstm["std"] as? [String: Any]), perSeed = try #require(lstm["per_seed"] as? [String: Any])
        for key in ["ic", "rank_ic", "sharpe", "annual_return"] {
            let values = try #require(perSeed[key] as? [Any]).map(Self.number)
            #expect(values.count == 3)
            #expect(Self.number(std[key]) > 0, "lstm std of \(key)")
            let mean = values.reduce(0, +) / 3
            #expect(abs(Self.number(lstm[key]) - mean) <= 1e-14 * max(1, abs(mean)), "lstm \(key) is not the mean of its per-seed values")
            #expect(values[0] == Self.number((base["lstm"] as? [String: Any])?[key]), "replicate 0 differs from the one-seed run")
            #expect(Self.number((ols["std"] as? [String: Any])?[key]) == 0, "ols std of \(key)")
        }
        let regimeSeeds = try #require(((perSeed["regimes"] as? [String: Any])?["bull"] as? [String: Any])?["sharpe"] as? [Any])
        #expect(regimeSeeds.count == 3)
        #expect((summary["seeds"] as? [String: Any])?["count"] as? Int == 3)

        let bench = try Self.json(three, "benchmark.json")
        #expect(bench["seeds"] as? Int == 3)
        let rows = try #require(bench["models"] as? [[String: Any]])
        #expect(rows.map { $0["model"] as? String } == ["lstm", "ols"])
        for row in rows {
            let name = row["model"] as! String
            let s = try #require(summary[name] as? [String: Any])
            let excess = try #require(s["excess"] as? [String: Any])
            let pairs: [(String, Any?)] = [("ic", s["ic"]), ("icir", s["icir"]), ("rank_ic", s["rank_ic"]), ("rank_icir", s["rank_icir"]),
                                           ("annualized_return", excess["annual_return"]), ("information_ratio", excess["information_ratio"]),
                                           ("max_drawdown", excess["max_drawdown"])]
            for (column, expected) in pairs {
                let cell = try #require(row[column] as? [String: Any], "\(name).\(column)")
                #expect(Self.number(cell["mean"]) == Self.number(expected), "\(name).\(column)")
                #expect((cell["values"] as? [Any])?.count == 3)
            }
        }
        let md = try String(contentsOfFile: three + "/benchmark.md", encoding: .utf8)
        #expect(md.contains("| Model Name | Dataset | IC | ICIR | Rank IC | Rank ICIR | Annualized Return | Information Ratio | Max Drawdown |"))
        #expect(md.contains("| lstm |") && md.contains("±"))
        #expect(ConsoleTables.tables(e, models: ["lstm", "ols"]).contains("±"))
        let html = try String(contentsOfFile: three + "/report.html", encoding: .utf8)
        #expect(html.contains("Spread over seeds") && html.contains("seed range"))
    }

    /// Replicates trained one at a time or side by side give the same bits.
    @Test(.blasThreads(1)) func replicateConcurrencyDoesNotChangeResults() throws {
        let input = try PipelineTests.inputs()
        var c = Self.config(seeds: 3)
        c.models = ["lstm"]
        let dataset = try ResearchDataset(panel: input.panel, indexClose: input.indexClose, config: c, factors: ResearchCatalog.standard.factors)
        #expect(ResearchPipeline.replicateWorkers(3) == min(3, ProcessInfo.processInfo.activeProcessorCount))
        let serial = try ResearchPipeline.predict(dataset: dataset, config: c, seedWorkers: 1)
        let parallel = try ResearchPipeline.predict(dataset: dataset, config: c, seedWorkers: 3)
        #expect(serial.seedPredictions.count == 3)
        for k in 0..<3 {
            let a = serial.seedPredictions[k]["lstm"]!.map(\.bitPattern), b = parallel.seedPredictions[k]["lstm"]!.map(\.bitPattern)
            #expect(a == b, "replicate \(k)")
        }
        #expect(serial.seedPredictions[1]["lstm"]!.map(\.bitPattern) != serial.seedPredictions[0]["lstm"]!.map(\.bitPattern))
        #expect(serial.folds.allSatisfy { $0.replicates?.count == 2 && $0.replicates![0].fits["lstm"] != nil })
    }

    /// With BLAS spreading one training over the cores, replicates train one at a time (no oversubscription).
    @Test(.blasThreads(2)) func replicatesTrainOneAtATimeWhenBLASHasSeveralThreads() {
        #expect(ResearchPipeline.replicateWorkers(4) == 1)
        #expect(ResearchPipeline.replicateWorkers(1) == 1)
    }

    /// Fold shares run all their replicates; the merge equals the full run.
    @Test(.blasThreads(1)) func foldSharesWithSeedsMergeToTheFullRun() throws {
        let input = try PipelineTests.inputs()
        var c = Self.config(seeds: 2)
        let full = try PipelineTests.tempDir(), a = try PipelineTests.tempDir(), b = try PipelineTests.tempDir(), merged = try PipelineTests.tempDir()
        defer { for d in [full, a, b, merged] { try? FileManager.default.removeItem(atPath: d) } }
        try ResearchRun.execute(inputs: input, config: c, outDir: full, progress: .silent)
        c.foldShare = FoldShare(index: 1, count: 2)
        try ResearchRun.execute(inputs: input, config: c, outDir: a, progress: .silent)
        c.foldShare = FoldShare(index: 2, count: 2)
        try ResearchRun.execute(inputs: input, config: c, outDir: b, progress: .silent)
        #expect(Self.contents(a, "benchmark.json") == nil && Self.contents(a, "predictions-seeds.csv") != nil)
        try ResearchRun.merge(directories: [a, b], outDir: merged, progress: .silent)
        for f in ["predictions.csv", "predictions-seeds.csv", "summary.json", "equity.csv", "benchmark.md", "benchmark.json"] {
            #expect(Self.contents(full, f) != nil && Self.contents(full, f) == Self.contents(merged, f), "\(f)")
        }
        // A share run with another --seeds is another run (OLS only: quick).
        let two = try PipelineTests.tempDir(), odd = try PipelineTests.tempDir()
        defer { for d in [two, odd] { try? FileManager.default.removeItem(atPath: d) } }
        var ols = Self.config(seeds: 2)
        ols.models = ["ols"]
        ols.foldShare = FoldShare(index: 1, count: 2)
        try ResearchRun.execute(inputs: input, config: ols, outDir: two, progress: .silent)
        ols.seeds = 3
        ols.foldShare = FoldShare(index: 2, count: 2)
        try ResearchRun.execute(inputs: input, config: ols, outDir: odd, progress: .silent)
        do {
            try ResearchRun.merge(directories: [two, odd], outDir: merged, progress: .silent)
            Issue.record("shares with different --seeds merged")
        } catch let e as PipelineError {
            #expect("\(e)".contains("different parameters"), "\(e)")
        }
    }
}
