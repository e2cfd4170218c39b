import Foundation
import Quant

/// `predictions-seeds.csv` (runs with `--seeds N` > 1): `date,ticker,model,replicate,seed,prediction`
/// for every prediction of every seed replicate (replicate 0 — the base seed, also in
/// `predictions.csv` — included, so one file holds them all), sorted by date, ticker, model and
/// replicate. `seed` is the replicate's base seed (``PipelineConfig/replicateSeed(_:)``; each fold
/// adds its index as without `--seeds`). `merge` reads it to join the replicates of fold shares.
public enum SeedPredictionsFile {
    /// The CSV text of `seedPredictions` (replicate k's predictions per model, `NaN` = none).
    public static func csv(panel: MarketPanel, config: PipelineConfig, seedPredictions: [[String: [Double]]]) -> String {
        var out = "date,ticker,model,replicate,seed,prediction\n"
        let layout = panel.layout
        let models = Set(seedPredictions.flatMap { $0.keys }).sorted()
        let order = panel.tickers.indices.sorted { panel.tickers[$0] < panel.tickers[$1] }
        let seeds = seedPredictions.indices.map { config.replicateSeed($0) }
        for t in 0..<panel.dateCount {
            for a in order {
                for m in models {
                    for (k, replicate) in seedPredictions.enumerated() {
                        guard let v = replicate[m]?[layout.index(asset: a, date: t)], v.isFinite else { continue }
                        out += "\(panel.dates[t]),\(CSVField.quoted(panel.tickers[a])),\(CSVField.quoted(m)),\(k),\(seeds[k]),\(v)\n"
                    }
                }
            }
        }
        return out
    }

    /// Reads the text written by ``csv(panel:config:seedPredictions:)`` into `seeds` replicates of
    /// per-model arrays in `panel.layout`; throws ``PipelineError/badOutput(path:reason:)`` for an
    /// unknown date or ticker, a bad number or a replicate outside `0..<seeds`.
    public static func read(text: String, path: String, panel: MarketPanel, seeds: Int) throws -> [[String: [Double]]] {
        let table: CSVTable
        do { table = try CSVTable(text: text, path: path) } catch let e as CSVTableError {
            throw PipelineError.badOutput(path: path, reason: "\(e)")
        }
        let layout = panel.layout
        var dateIndex: [String: Int] = [:], tickerIndex: [String: Int] = [:]
        for (i, d) in panel.dates.enumerated() { dateIndex[d] = i }
        for (i, t) in panel.tickers.enumerated() { tickerIndex[t] = i }
        var out = [[String: [Double]]](repeating: [:], count: seeds)
        let dc = try table.columnIndex("date"), tc = try table.columnIndex("ticker"), mc = try table.columnIndex("model")
        let rc = try table.columnIndex("replicate"), pc = try table.columnIndex("prediction")
        for (r, row) in table.rows.enumerated() {
            guard let t = dateIndex[row[dc]], let a = tickerIndex[row[tc]], let k = Int(row[rc]), (0..<seeds).contains(k),
                  let v = Double(row[pc]) else {
                throw PipelineError.badOutput(path: path, reason: "line \(table.lineNumber(ofRow: r)): unknown date/ticker, replicate outside 0..<\(seeds) or bad number")
            }
            out[k][row[mc], default: layout.filled(.nan)][layout.index(asset: a, date: t)] = v
        }
        return out
    }
}
