import ArgumentParser
import Foundation
import Quant

/// The factor tear sheet (20-day momentum, 5 quantiles, horizons 1/5/10) on an OHLCV file: the
/// same computation as Scripts/bench/tearsheet_alphalens.py, timed from the factor and close panels.
struct TearSheetTiming: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tearsheet", abstract: "Factor tear sheet timing.")

    @Option(help: "OHLCV long-format CSV.")
    var file: String = "../shared/refdata/market/sp500_stocks_2013-02-08_2018-02-07_ohlcv.csv"
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Option(help: "Timed repetitions.") var repeats: Int = 7
    @Option(help: "Group count: asset index mod k (0 = no groups).") var groups: Int = 11

    func run() throws {
        let loaded = try MarketDataLoader.load(path: file)
        let panel = loaded.panel
        let close = panel.fields["close"]!
        let L = panel.layout
        var factor = L.filled(.nan)
        for a in 0..<L.assetCount {
            for t in 20..<L.dateCount { factor[L.index(asset: a, date: t)] = close[L.index(asset: a, date: t)] / close[L.index(asset: a, date: t - 20)] - 1 }
        }
        var codes: [Int]?
        if groups > 0 { codes = (0..<L.count).map { L.position($0).asset % groups } }
        let input = TearSheetInput(layout: L, factor: factor, prices: .closes(close), dates: panel.dates,
                                   groups: codes, groupNames: (0..<max(groups, 0)).map { "G\($0)" })
        var sheet: FactorTearSheet?
        let t = try medianSeconds(repeats: repeats) { sheet = try FactorTearSheet.compute(input, options: TearSheetOptions(threads: threads)) }
        let avg = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first ?? "?"
        print("tearsheet: mom20, 5 quantiles, horizons 1,5,10, \(groups) groups, \(L.assetCount) assets x \(L.dateCount) dates, threads \(threads ?? ProcessInfo.processInfo.activeProcessorCount), load \(avg)")
        print(String(format: "median %.4f s over %d runs (all: %@); median process CPU %.4f s", t.median, repeats,
                     t.all.map { String(format: "%.4f", $0) }.joined(separator: " "), t.cpu))
        if let s = sheet {
            print("used rows \(s.coverage.usedRows); IC mean 1D \(s.horizons[0].ic.summary.mean); mean spread 1D \(s.horizons[0].spread.meanByDate)")
        }
    }
}
