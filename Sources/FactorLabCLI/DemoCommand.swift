import ArgumentParser
import FactorLab
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Reproduce both papers on the bundled data (100 S&P 500 stocks, 2013–2018) and write the report.",
        discussion: "Finds Data/ under the current directory (run it from the package root). Options as for `run`; the demo uses a lighter LSTM (hidden 32, at most 12 epochs), the small tuning grid (--tune small) and a 5-point sweep on every 4th training date (points 4:1 … 64:12) so it finishes in about 3 minutes on 2 cores.")

    @Option(help: "Override the bundled stock file.") var data: String?
    @Option(help: "Override the bundled index file.") var index: String?
    @Option(help: "Output directory.") var out: String = "factorlab-out"
    @Flag(help: "Skip the over-fitting sweep.") var noSweep = false
    @OptionGroup var options: PipelineOptions

    func run() throws {
        let progress = options.prepare()
        guard let dir = BundledData.directory() ?? (data != nil ? "." : nil) else {
            throw ValidationError("bundled Data/ not found; run from the package root or pass --data and --index")
        }
        let dataPath = data ?? dir + "/" + BundledData.stocks
        let indexPath = index ?? (data == nil ? dir + "/" + BundledData.index : nil)
        var config = options.config(defaultTune: "small")
        // Demo defaults (only where the user kept the run defaults): a lighter LSTM for the time budget.
        if options.hidden == nil { config.lstm.hidden = 32 }
        if options.epochs == 20 { config.lstm.epochs = 12 }
        let inputs = try ResearchRun.load(dataPath: dataPath, indexPath: indexPath, progress: progress)
        var sweep: [SweepOutcome]? = nil
        if !noSweep && config.models.contains("lstm") {
            var sc = config
            if options.trainStride == 2 { sc.lstm.trainStride = 4 }  // sweep on every 4th date: 5 trainings in the budget
            sweep = try ResearchRun.sweep(inputs: inputs, config: sc, points: SweepPoint.demo, foldIndex: 0, outDir: out, progress: progress)
            print(OverfitSweep.table(sweep!))
        }
        let e = try ResearchRun.execute(inputs: inputs, config: config, outDir: out, sweep: sweep, progress: progress)
        if let e { printTables(e, models: config.models) }
        print("report: \(out)/report.html")
    }
}
