import Foundation
import Quant
import Testing
import TestSupport
@testable import FactorLab

/// `--label`, `--factors` and the price file's extra columns as candidate factors.
@Suite struct FeatureConfigTests {
    // MARK: label normalisation

    @Test func csZScoreHasZeroMeanUnitSampleStdPerDate() {
        let layout = PanelLayout(assetCount: 4, dateCount: 2)
        // asset-major: date 0 = 1, 2, 3, NaN; date 1 = 5, 5, 5, 5 (zero spread → no label).
        let y = [1, 5, 2, 5, 3, 5, .nan, 5]
        let z = LabelNormalization.csZScore.apply(y, layout: layout)
        #expect(z[0] == -1 && z[2] == 0 && z[4] == 1)  // mean 2, sample std 1
        #expect(z[6].isNaN && z[1].isNaN && z[3].isNaN)
    }

    @Test func csRankMatchesQlibsFormula() {
        let layout = PanelLayout(assetCount: 5, dateCount: 1)
        let y = [0.3, -0.1, 0.3, 0.0, .nan]
        // pandas rank(pct=True) of [0.3, -0.1, 0.3, 0.0]: [3.5, 1, 3.5, 2] / 4; minus 0.5, times 3.46.
        let r = LabelNormalization.csRank.apply(y, layout: layout)
        let expected = [3.5 / 4, 1.0 / 4, 3.5 / 4, 2.0 / 4].map { ($0 - 0.5) * 3.46 }
        for (k, e) in expected.enumerated() { #expect(abs(r[k] - e) < 1e-15) }
        #expect(r[4].isNaN)
        #expect(LabelNormalization.raw.apply(y, layout: layout).elementsEqual(y) { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }

    @Test func labelTrainsTheModelsButEvaluationKeepsTheRawTarget() throws {
        var config = PipelineTests.config()
        config.features.label = .csRank
        let inputs = try PipelineTests.inputs()
        let d = try ResearchDataset(panel: inputs.panel, indexClose: inputs.indexClose, config: config)
        var rawConfig = PipelineTests.config()
        rawConfig.features.label = .raw
        let raw = try ResearchDataset(panel: inputs.panel, indexClose: inputs.indexClose, config: rawConfig)
        #expect(d.target.elementsEqual(raw.target) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        #expect(d.label.elementsEqual(LabelNormalization.csRank.apply(raw.target, layout: raw.layout)) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        let fold = d.context(for: d.folds[0], config: config)
        let batch = fold.windows.batch(d.folds[0].train)
        #expect(batch.count > 0)
        #expect(config.modelLSTM.targetScale == 1 && rawConfig.modelLSTM.targetScale == 100)
        #expect(PipelineConfig().features.label == .csZScore)  // the default, chosen by walk-forward validation
        for i in 0..<min(batch.count, 50) {
            let y = d.label[d.layout.index(asset: batch.assets[i], date: batch.dates[i])]
            #expect(abs(Double(batch.targets[i]) - y) <= 1e-6 * max(1, abs(y)))
        }
    }

    // MARK: --feature-set

    @Test func alphaFeatureSetsReachTheModels() throws {
        let inputs = try PipelineTests.inputs()
        var config = PipelineTests.config()
        config.features.set = .alpha158
        config.screen.keepAll = true
        config.models = ["ols"]
        let d = try ResearchDataset(panel: inputs.panel, indexClose: inputs.indexClose, config: config)
        // No vwap column: VWAP0 is unavailable, the other 157 are candidates.
        #expect(d.factors.panel.factorCount == 157 && Set(d.factors.sources) == ["alpha158"])
        #expect(d.factors.skipped["VWAP0"] == ["vwap"])
        let context = d.context(for: d.folds[0], config: config)
        #expect(context.features.factorCount > 150 && context.windows.batch(d.folds[0].train).count > 0)
        config.features.set = .all
        let all = try ResearchDataset(panel: inputs.panel, indexClose: inputs.indexClose, config: config)
        #expect(Set(all.factors.sources) == ["paper", "alpha158", "alpha360"])
        // Alpha360's 300 less OPEN0, HIGH0, LOW0, which Alpha158 already has (same formulas).
        #expect(all.factors.panel.factorCount == d.factors.panel.factorCount + 297
                + (try ResearchDataset(panel: inputs.panel, indexClose: inputs.indexClose, config: PipelineTests.config())).factors.panel.factorCount)
    }

    // MARK: --factors

    @Test func filterSelectsByNameAndGlobAndExcludes() throws {
        let names = ["ma5_rel", "ma10_rel", "boll_up_rel", "pe", "KMID"]
        #expect(try FactorFilter(parsing: "ma*_rel, pe").apply(to: names) == ["ma5_rel", "ma10_rel", "pe"])
        #expect(try FactorFilter(parsing: "!ma*").apply(to: names) == ["boll_up_rel", "pe", "KMID"])
        #expect(try FactorFilter(parsing: "*_rel,!ma10*").apply(to: names) == ["ma5_rel", "boll_up_rel"])
        #expect(try FactorFilter(parsing: "K???").apply(to: names) == ["KMID"])
        #expect(throws: FactorFilterError.noMatch(pattern: "pb", candidates: 5)) { try FactorFilter(parsing: "pe,pb").apply(to: names) }
        #expect(throws: FactorFilterError.self) { try FactorFilter(parsing: " , ") }
        var o = PipelineOverrides()
        o.factors = ","
        #expect(throws: PipelineConfigError.self) { try o.validate() }
        o.factors = "ma*"; o.label = "rank"
        #expect(throws: PipelineConfigError.invalid(option: "label", reason: "must be one of raw, cs-zscore, cs-rank (got 'rank')")) { try o.validate() }
        o.label = "cs-rank"; o.featureSet = "alpha158"
        try o.validate()
        let c = PipelineConfig(preset: .run, overrides: o)
        #expect(c.features.label == .csRank && c.features.set == .alpha158 && c.screen.keepAll && c.features.filter.patterns == ["ma*"])
        o.screen = "paper"
        #expect(!PipelineConfig(preset: .run, overrides: o).screen.keepAll)
    }

    // MARK: extra columns

    /// small_ohlcv.csv with three extra columns: `pe` (usable), `flat` (constant), `sparse` (mostly empty).
    static func fileWithColumns() throws -> String {
        let text = try String(contentsOfFile: TestData.path("small_ohlcv.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        lines[0] += ",pe,flat,sparse"
        for i in 1..<lines.count {
            let cells = lines[i].split(separator: ",", omittingEmptySubsequences: false)
            let close = Double(cells[5]) ?? .nan, seed = Double(cells[1].unicodeScalars.first!.value)
            lines[i] += ",\(String(format: "%.4f", close / (1 + seed / 40))),1.5,\(i % 5 == 0 ? "\(i)" : "")"
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fl-columns-\(UUID().uuidString).csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func extraColumnsBecomeCandidatesAndUnusableOnesAreNamed() throws {
        let path = try Self.fileWithColumns()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let inputs = try ResearchInputs.load(dataPath: path, indexPath: nil, progress: .silent)
        let d = try ResearchDataset(panel: inputs.panel, indexClose: nil, config: PipelineTests.config())
        let names = d.factors.panel.factorNames
        #expect(names.last == "pe" && d.factors.sources.last == "column")
        #expect(!names.contains("flat") && !names.contains("sparse"))
        #expect(d.factors.unusable["flat"] == "constant (1.5)")
        #expect(d.factors.unusable["sparse"]?.hasPrefix("finite on 20%") == true)
        #expect(d.factors.notices.count == 2)
        let pe = d.factors.panel.series(factor: names.count - 1)
        #expect(pe.elementsEqual(inputs.panel.fields["pe"]!) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        // Selecting only the column and one paper factor.
        var only = PipelineTests.config()
        only.features.filter = try FactorFilter(parsing: "pe,mom20")
        #expect(try ResearchDataset(panel: inputs.panel, indexClose: nil, config: only).factors.panel.factorNames == ["mom20", "pe"])
    }

    @Test func aColumnNamedLikeAFactorIsAnError() throws {
        var text = "date,ticker,close,mom20\n"
        for t in 0..<30 { text += String(format: "2020-01-%02d,A,%d,%d\n", t + 1, 100 + t, t) }
        let d = try MarketDataLoader.load(text: text, path: "clash.csv")
        #expect(throws: FactorSourceError.duplicateName("mom20", source: "column")) {
            try FactorSource.compute(d.panel, data: DataFactor.columns(of: d.panel))
        }
    }

    /// The path a user takes: `factorlab screen --json` lists the column with its source; the
    /// notice names the skipped ones; a `--factors` typo is refused.
    @Test func screenListsTheUsersColumns() throws {
        let path = try Self.fileWithColumns()
        let json = path + ".screen.json"
        defer { try? FileManager.default.removeItem(atPath: path); try? FileManager.default.removeItem(atPath: json) }
        let args = ["screen", "--data", path, "--train-days", "150", "--validation-days", "40", "--test-days", "40", "--window", "10",
                    "--horizon", "5", "--quiet", "--json", json]
        let r = try ExecutableRunner.run(args)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("notice: factor 'flat' skipped: constant (1.5)"))
        #expect(r.stdout.contains("notice: factor 'sparse' skipped"))
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [String: Any]
        let rows = doc["table"] as! [[String: Any]]
        #expect(rows.contains { $0["factor"] as? String == "pe" && $0["source"] as? String == "column" })
        let typo = try ExecutableRunner.run(args.dropLast(2) + ["--factors", "pe,pbx"])
        #expect(typo.status != 0 && !typo.signalled)
        #expect(typo.stderr.contains("'pbx' matches none of the"))
    }
}
