import Foundation

/// A benchmark index close series aligned to a panel's dates.
public struct IndexSeries: Sendable {
    /// The ticker read (e.g. `^GSPC`).
    public var ticker: String
    /// Close per panel date (`NaN` where the index has no value).
    public var close: [Double]

    /// Reads `date,ticker,…,close[,adj_close]` (or `date,close`) and aligns it to `dates`.
    /// With several tickers in the file, `ticker` picks one (default: `^GSPC` if present, else the first).
    public static func load(path: String, alignedTo dates: [String], ticker: String? = nil) throws -> IndexSeries {
        let table: CSVTable
        table = try CSVFile.read(path)
        let dc: Int, cc: Int
        do {
            dc = try table.columnIndex("date")
            cc = try table.columnIndex(table.header.contains("adj_close") ? "adj_close" : "close")
        } catch let e as CSVTableError { throw MarketDataError.csv(e) }
        let tc = table.header.firstIndex(of: "ticker")
        let available = tc.map { c in table.rows.map { $0[c] } } ?? []
        let chosen = ticker ?? (available.contains("^GSPC") ? "^GSPC" : available.first ?? "index")
        var byDate: [String: Double] = [:]
        for (r, row) in table.rows.enumerated() {
            if let tc, row[tc] != chosen { continue }
            let line = table.lineNumber(ofRow: r)
            guard MarketDataLoader.isISODate(row[dc]) else { throw MarketDataError.invalidDate(path: table.path, line: line, text: row[dc]) }
            guard let v = CSVTable.parseNumber(row[cc]) else {
                throw MarketDataError.csv(.unparsableNumber(path: table.path, line: line, column: table.header[cc], text: row[cc]))
            }
            if v.isFinite && v <= 0 { throw MarketDataError.nonPositivePrice(path: table.path, line: line, column: table.header[cc], value: v) }
            if byDate[row[dc]] != nil {
                throw MarketDataError.duplicateRow(path: table.path, line: line, firstLine: 0, date: row[dc], ticker: chosen)
            }
            byDate[row[dc]] = v
        }
        return IndexSeries(ticker: chosen, close: dates.map { byDate[$0] ?? .nan })
    }
}
