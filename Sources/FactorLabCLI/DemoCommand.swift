import ArgumentParser
import FactorLab
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Reproduce both papers on the bundled data (100 S&P 500 stocks, 2013–2018) and write the report.",
        discussion: "Finds Data/ under the current directory (run it from the package root). Options as for `run`; the demo uses a lighter LSTM (hidden 32, at most 12 epochs, unless given), the small tuning grid (--tune small) and a 5-point sweep on every 4th training date (points 4:1 … 64:12) so it finishes in about 3 minutes on 2 cores.")

    @Option(help: "Override the bundled stock file.") var data: String?
    @Option(help: "Override the bundled index file.") var index: String?
    @Option(help: "Override the bundled sector map (Data/\(BundledData.sectors)).") var sectors: String?
    @Option(help: "Point-in-time fundamentals CSV (none bundled; see Docs/Fundamentals.md).") var fundamentals: String?
    @Option(help: "Output directory.") var out: String = "factorlab-out"
    @Flag(help: "Skip the over-fitting sweep.") var noSweep = false
    @OptionGroup var options: PipelineOptions

    func validate() throws {
        guard !out.isEmpty else { throw ValidationError("--out must not be empty") }
    }

    func run() throws {
        let config = options.config(.demo)
        let progress = options.prepare(config)
        guard let dir = BundledData.directory() ?? (data != nil ? "." : nil) else {
            throw ValidationError("bundled Data/ not found; run from the package root or pass --data and --index")
        }
        let dataPath = data ?? dir + "/" + BundledData.stocks
        let indexPath = index ?? (data == nil ? dir + "/" + BundledData.index : nil)
        let sectorsPath = sectors ?? (data == nil ? dir + "/" + BundledData.sectors : nil)
        let inputs = try ResearchInputs.load(dataPath: dataPath, indexPath: indexPath, fundamentalsPath: fundamentals, sectorsPath: sectorsPath,
                                             progress: progress)
        var sweep: [SweepOutcome]? = nil
        if !noSweep && config.models.contains("lstm") {
            var sweepConfig = config
            sweepConfig.lstm.trainStride = options.trainStride ?? PipelinePreset.demo.sweepTrainStride ?? config.lstm.trainStride
            let outcomes = try ResearchRun.sweep(inputs: inputs, config: sweepConfig, points: SweepPoint.demo, foldIndex: 0, outDir: out,
                                                 progress: progress)
            print(OverfitSweep.table(outcomes))
            sweep = outcomes
        }
        if let e = try ResearchRun.execute(inputs: inputs, config: config, outDir: out, sweep: sweep, progress: progress) {
            print(ConsoleTables.tables(e, models: config.models), terminator: "")
        }
        print("report: \(out)/report.html")
    }
}
