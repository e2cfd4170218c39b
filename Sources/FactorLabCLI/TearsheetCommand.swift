import ArgumentParser
import FactorLab
import Foundation
import Quant

/// `factorlab tearsheet`: an alphalens-style tear sheet of one factor or one model's predictions.
struct TearsheetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tearsheet",
        abstract: "Factor tear sheet (alphalens conventions): quantile returns, spread, turnover, IC.",
        discussion: """
        The signal is a factor of the registry (--factor, e.g. mom20) or one model column of a
        predictions.csv written by 'factorlab run' (--predictions FILE or the run directory, --model NAME).
        Forward returns are close[t+h]/close[t] - 1. Writes tearsheet.json and tearsheet.html to --out
        (default: the current directory). Definitions: Docs/TearSheet.md.
        """
    )

    @Option(help: "Daily OHLCV CSV (date, ticker, close, ...).") var data: String
    @Option(help: "Factor name from the registry (e.g. mom20).") var factor: String?
    @Option(help: "predictions.csv of a run, or the run directory.") var predictions: String?
    @Option(help: "Model column of the predictions (needed when there are several).") var model: String?
    @Option(help: "Sector map CSV (ticker,sector[,industry] or dated): adds IC by sector.") var sectors: String?
    @Option(help: "Quantiles per date (2…1000).") var quantiles: Int = 5
    @Option(help: "Forward-return horizons in days, comma-separated.") var horizons: String = "1,5,10"
    @Option(help: "Output directory.") var out: String = "."
    @Flag(help: "Print tearsheet.json to stdout instead of the summary.") var json = false

    func validate() throws {
        guard (factor == nil) != (predictions == nil) else { throw ValidationError("give exactly one of --factor NAME or --predictions FILE") }
        if model != nil && predictions == nil { throw ValidationError("--model applies to --predictions only") }
        guard (2...1000).contains(quantiles) else { throw ValidationError("--quantiles must be in 2…1000 (got \(quantiles))") }
        _ = try parsedHorizons()
    }

    func parsedHorizons() throws -> [Int] {
        let parts = horizons.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.map { Int($0) }
        guard !parts.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw ValidationError("--horizons must be positive whole numbers separated by commas (got '\(horizons)')")
        }
        let h = values.map { $0! }
        guard Set(h).count == h.count else { throw ValidationError("--horizons repeats a value ('\(horizons)')") }
        return h
    }

    func run() throws {
        let signal: FactorTearSheetRun.Signal = factor.map { .factor($0) } ?? .predictions(path: predictions!, model: model)
        var run = FactorTearSheetRun(dataPath: data, signal: signal,
                                     options: TearSheetOptions(quantiles: quantiles, horizons: try parsedHorizons()))
        run.sectorsPath = sectors
        let o = try run.write(to: out)
        if json { print(o.document.render(indent: 1)); return }
        let s = o.sheet
        print("tear sheet of \(o.signalLabel): \(o.assetCount) assets x \(o.dateCount) dates, \(s.coverage.usedRows) rows used, "
              + "\(s.quantileCount) quantiles (\(String(format: "%.3f", o.computeSeconds)) s)")
        print("horizon  IC mean  ICIR    t      spread bps/day  top-Q turnover  rank autocorr")
        for h in s.horizons {
            print(String(format: "%5dD  %7.4f  %6.3f  %6.2f  %10.2f  %14.3f  %13.3f", h.horizon, h.ic.summary.mean, h.ic.summary.icir,
                         h.ic.summary.tStat, h.spread.meanByDate * 1e4, h.meanTurnover[s.quantileCount - 1], h.meanRankAutocorrelation))
        }
        print("wrote \((out as NSString).appendingPathComponent(FactorTearSheetRun.jsonName)), \((out as NSString).appendingPathComponent(FactorTearSheetRun.htmlName))")
    }
}
