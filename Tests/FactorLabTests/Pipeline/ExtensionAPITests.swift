import Foundation
import Quant
import Testing
import FactorLab  // public API only: what a user's own package sees

/// A model and a factor defined outside FactorLab, registered through the public API and run
/// through the pipeline exactly as a user's package would.
@Suite(.serialized) struct ExtensionAPITests {
    /// Predicts the decision date's value of the first feature (a "follow the factor" model).
    struct FirstFactorModel: ReturnModel {
        var name: String { "first_factor" }
        var fitted = false
        mutating func fit(train: WindowBatch, validation: WindowBatch, progress: ProgressReporter) throws -> FitReport {
            guard train.count > 0 else { throw ModelError.notEnoughSamples(model: name, samples: 0, needed: 1) }
            fitted = true
            return FitReport(trainLoss: [0], bestEpoch: 1)
        }
        func predict(_ batch: WindowBatch) throws -> [Double] {
            guard fitted else { throw ModelError.unavailable(model: name, reason: "not fitted") }
            return (0..<batch.count).map { Double(batch.lastStep($0).first!) }
        }
    }

    struct FirstFactorDescriptor: ModelDescriptor {
        var name: String { "first_factor" }
        var label: String { "first factor top-k" }
        var color: String { "#000000" }
        func makeModel(_ config: PipelineConfig, featureCount: Int, foldIndex: Int) throws -> any ReturnModel { FirstFactorModel() }
    }

    /// A causal, aligned factor: the 3-day close change in percent.
    static let change3 = FactorDefinition(name: "user_change3", fields: [.close], formula: "100·(C/C[-3] − 1)") { s in
        s.close.indices.map { t in t >= 3 ? 100 * (s.close[t] / s.close[t - 3] - 1) : .nan }
    }

    @Test func userModelAndFactorRunThroughThePipeline() throws {
        var catalog = ResearchCatalog.standard
        try catalog.models.register(FirstFactorDescriptor())
        catalog.factors = try catalog.factors.adding(Self.change3)
        #expect(catalog.models.names.last == "first_factor")
        var config = PipelineTests.config()
        config.models = ["first_factor", "ols"]
        config.tuning = .off
        let inputs = try PipelineTests.inputs()
        let run = try ResearchPipeline.predict(panel: inputs.panel, indexClose: inputs.indexClose, config: config, catalog: catalog)
        #expect(run.folds.first!.screen.table.contains { $0.factor == "user_change3" })
        #expect(run.predictions["first_factor"]!.contains { $0.isFinite })
        #expect(run.folds.allSatisfy { $0.unavailable.isEmpty })
        let dir = try PipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let e = try #require(try ResearchRun.execute(inputs: inputs, config: config, outDir: dir, catalog: catalog, progress: .silent))
        #expect(e.strategies["first_factor"] != nil)
        let summary = try String(contentsOfFile: dir + "/summary.json", encoding: .utf8)
        #expect(summary.contains("\"first_factor\": {"))
        #expect(ConsoleTables.tables(e, models: config.models, registry: catalog.models).contains("first_factor"))
        // The standard registry does not know it: a run without the catalog names the problem.
        #expect(throws: ModelError.unknownModel("first_factor", known: ModelRegistry.standard.names)) {
            try ResearchPipeline.predict(panel: inputs.panel, indexClose: inputs.indexClose, config: config)
        }
    }

    @Test func registryRejectsTakenReservedAndMalformedNames() throws {
        var r = ModelRegistry.standard
        #expect(throws: ModelError.self) { try r.register(PooledLSTMDescriptor()) }
        struct Named: ModelDescriptor {
            var name: String
            var label: String { name }
            var color: String { "#000" }
            func makeModel(_ config: PipelineConfig, featureCount: Int, foldIndex: Int) throws -> any ReturnModel { OLSBenchmark() }
        }
        for bad in ["random", "universe", "", "Bad Name", "a,b"] {
            #expect(throws: ModelError.self, "\(bad)") { try r.register(Named(name: bad)) }
        }
        #expect(throws: FactorError.duplicateFactor("ma5")) { try FactorRegistry.standard.adding(FactorRegistry.standard.definition("ma5")!) }
        #expect(throws: ModelError.self) { try ModelRegistry.standard.validate(["lstm", "lstm"]) }
    }

    /// A factor that breaks the alignment contract is a typed error, not a crash.
    @Test func misalignedUserFactorIsAnError() throws {
        let bad = FactorDefinition(name: "short", fields: [.close], formula: "one value") { _ in [1] }
        let registry = try FactorRegistry.standard.adding(bad)
        let inputs = try PipelineTests.inputs()
        #expect(throws: FactorError.self) { try FactorSource.compute(inputs.panel, registry: registry) }
    }

    /// Every standard model's descriptor is the one place its name, label, colour and paper status live.
    @Test func standardRegistryDrivesSummaryAndDisplayOrder() {
        let r = ModelRegistry.standard
        #expect(r.names == ["lstm", "ols", "ols_asset", "ols_ridge", "lstm_asset"])
        #expect(r.summaryStrategies(models: ModelRegistry.defaultModels)
                == ["lstm", "ols", "ols_asset", "random", "universe", "lstm_asset", "ols_ridge"])
        #expect(r.strategies.map(\.key) == r.names + ["random", "universe"])
        #expect(Set(r.strategies.map(\.color)).count == r.strategies.count)
    }
}
