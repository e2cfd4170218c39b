import ArgumentParser
import FactorLab
import Foundation

struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Factor IC table and the first paper's selection on the first fold's training dates.")

    @Option(help: "Daily OHLCV CSV.") var data: String
    @Option(help: "Benchmark index CSV (adds the market-return factor).") var index: String?
    @Option(help: "Point-in-time fundamentals CSV (ticker,announce_date,period_end,field…; see Docs/Fundamentals.md).") var fundamentals: String?
    @Option(help: "Sector map CSV (ticker,sector[,industry] or ticker,start,end,sector[,industry]).") var sectors: String?
    @Option(help: "Also write the table as JSON to this file.") var json: String?
    @OptionGroup var options: PipelineOptions

    func run() throws {
        let config = options.config()
        let progress = options.prepare(config)
        let inputs = try ResearchInputs.load(dataPath: data, indexPath: index, fundamentalsPath: fundamentals, sectorsPath: sectors,
                                             progress: progress)
        let dataset = try ResearchDataset(inputs: inputs, config: config)
        let fold = dataset.folds[0]
        let screen = dataset.screen(fold, config: config)  // screening only: no preprocessing or windows needed
        print(ConsoleTables.screen(screen, dataset: dataset, fold: fold, config: config.screen), terminator: "")
        if let json { try AtomicFile.write(OutputJSON.encode(screen), to: json) }
    }
}
