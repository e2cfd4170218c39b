import Foundation
import Quant

/// `predictions.csv`: `date,ticker,model,prediction` for every prediction made, sorted by date,
/// ticker and model.
public enum PredictionsFile {
    /// `date,ticker,model,prediction` for every prediction, sorted by date, ticker, model.
    /// `prediction` is the forecast of the training label made at the close of `date`: the mean daily
    /// log return over the next h days with `--label raw`, a cross-sectional score with `cs-zscore`/`cs-rank`.
    /// Tickers and model names are quoted as RFC 4180 requires (only when they hold a comma, a quote
    /// or a line break), so any ticker round-trips.
    public static func csv(panel: MarketPanel, predictions: [String: [Double]]) -> String {
        var out = "date,ticker,model,prediction\n"
        let T = panel.dateCount, layout = panel.layout
        let models = predictions.keys.sorted()
        let order = panel.tickers.indices.sorted { panel.tickers[$0] < panel.tickers[$1] }
        for t in 0..<T {
            for a in order {
                for m in models {
                    let v = predictions[m]![layout.index(asset: a, date: t)]
                    if v.isFinite { out += "\(panel.dates[t]),\(CSVField.quoted(panel.tickers[a])),\(CSVField.quoted(m)),\(v)\n" }
                }
            }
        }
        return out
    }

    /// Reads the text of a `predictions.csv` written by ``csv(panel:predictions:)`` back into arrays in
    /// `panel.layout` (`path` labels errors). ``RunDirectory/predictions(panel:)`` reads it verified.
    public static func read(text: String, path: String, panel: MarketPanel) throws -> [String: [Double]] {
        let table: CSVTable
        do { table = try CSVTable(text: text, path: path) } catch let e as CSVTableError {
            throw PipelineError.badOutput(path: path, reason: "\(e)")
        }
        return try read(table: table, path: path, panel: panel)
    }

    private static func read(table: CSVTable, path: String, panel: MarketPanel) throws -> [String: [Double]] {
        let layout = panel.layout
        var dateIndex: [String: Int] = [:], tickerIndex: [String: Int] = [:]
        for (i, d) in panel.dates.enumerated() { dateIndex[d] = i }
        for (i, t) in panel.tickers.enumerated() { tickerIndex[t] = i }
        var out: [String: [Double]] = [:]
        let dc = try table.columnIndex("date"), tc = try table.columnIndex("ticker")
        let mc = try table.columnIndex("model"), pc = try table.columnIndex("prediction")
        for (r, row) in table.rows.enumerated() {
            guard let t = dateIndex[row[dc]], let a = tickerIndex[row[tc]], let v = Double(row[pc]) else {
                throw PipelineError.badOutput(path: path, reason: "line \(table.lineNumber(ofRow: r)): unknown date/ticker or bad number")
            }
            out[row[mc], default: layout.filled(.nan)][layout.index(asset: a, date: t)] = v
        }
        return out
    }
}
