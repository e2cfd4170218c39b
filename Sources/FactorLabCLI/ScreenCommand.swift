import ArgumentParser
import FactorLab
import Foundation

struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Factor IC table and the first paper's selection on the first fold's training dates.")

    @Option(help: "Daily OHLCV CSV.") var data: String
    @Option(help: "Benchmark index CSV (adds the market-return factor).") var index: String?
    @Option(help: "Also write the table as JSON to this file.") var json: String?
    @OptionGroup var options: PipelineOptions

    func run() throws {
        let progress = options.prepare()
        let inputs = try ResearchRun.load(dataPath: data, indexPath: index, progress: progress)
        let config = options.config()
        let panel = inputs.data.panel
        let factors = FactorSource.compute(panel, indexClose: inputs.indexClose)
        let folds = ResearchPipeline.folds(features: factors.panel, config: config)
        guard let fold = folds.first else {
            throw PipelineError.tooFewDates(dates: panel.dateCount, needed: config.split.trainDays + config.split.validationDays + 2 * config.horizon + config.window)
        }
        let next = ForwardTarget.meanLogReturn(logReturns: panel.logReturns(), assetCount: panel.assetCount, dateCount: panel.dateCount, horizon: 1)
        let r = FactorScreener.screen(factors.panel, nextReturn: next, train: fold.train, config: config.screen)
        print("factors: \(factors.origin); training dates \(panel.dates[fold.train.lowerBound]) … \(panel.dates[fold.train.upperBound - 1])")
        if !factors.skipped.isEmpty { print("skipped (missing fields): \(factors.skipped.keys.sorted().joined(separator: ", "))") }
        print("factor                  IC       rankIC   ICIR     asset IC  significant  selected")
        for row in r.table {
            print(row.factor.padding(toLength: 22, withPad: " ", startingAt: 0)
                  + String(format: " %7.4f  %7.4f  %7.3f  %7.4f   %4d/%-4d    %@", row.meanIC, row.meanRankIC, row.icir, row.meanAssetIC,
                           row.significantAssets, row.testedAssets, row.selected ? "yes" : ""))
        }
        print("selected: \(r.selected.joined(separator: ", "))\(r.relaxed ? " (relaxed: fewer than \(config.screen.minFactors) passed the paper's threshold)" : "")")
        if let json {
            let e = JSONEncoder()
            e.outputFormatting = [.sortedKeys, .prettyPrinted]
            e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
            try AtomicFile.write(e.encode(r), to: json)
        }
    }
}
