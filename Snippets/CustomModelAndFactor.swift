// A model and a factor of your own, registered through the public API and run on the bundled data.
// Run from the package root: swift run CustomModelAndFactor
import FactorLab
import Quant

/// Predicts the decision date's value of the first selected factor.
struct FirstFactorModel: ReturnModel {
    var name: String { "first_factor" }
    mutating func fit(train: WindowBatch, validation: WindowBatch, progress: ProgressReporter) throws -> FitReport {
        FitReport(trainLoss: [0], bestEpoch: 1)
    }
    func predict(_ batch: WindowBatch) throws -> [Double] {
        (0..<batch.count).map { Double(batch.lastStep($0).first ?? .nan) }
    }
}

struct FirstFactorDescriptor: ModelDescriptor {
    var name: String { "first_factor" }
    var label: String { "first factor top-k" }
    var color: String { "#8d6e63" }
    func makeModel(_ config: PipelineConfig, featureCount: Int, foldIndex: Int) throws -> any ReturnModel { FirstFactorModel() }
}

// Causal, aligned, NaN for missing: the high–low range relative to the close.
let range = FactorDefinition(name: "hl_range", fields: [.high, .low, .close], formula: "(H − L) / C") { s in
    s.close.indices.map { (s.high[$0] - s.low[$0]) / s.close[$0] }
}

var catalog = ResearchCatalog.standard
try catalog.models.register(FirstFactorDescriptor())
catalog.factors = try catalog.factors.adding(range)

var config = PipelineConfig()
config.models = ["first_factor", "ols"]
config.tuning = .off
let inputs = try ResearchInputs.load(dataPath: "Data/sp500_top100_2013-2018_ohlcv.csv", indexPath: nil, progress: .silent)
if let e = try ResearchRun.execute(inputs: inputs, config: config, outDir: "factorlab-out/custom", catalog: catalog, progress: .silent) {
    print(ConsoleTables.tables(e, models: config.models, registry: catalog.models), terminator: "")
}
