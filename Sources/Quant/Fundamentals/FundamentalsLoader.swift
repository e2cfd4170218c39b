import Foundation

/// Reads a fundamentals CSV `ticker,announce_date,period_end,<field>…` into a ``FundamentalsTable``.
///
/// Every column other than the three key columns is a numeric field; an empty cell (or
/// `NaN`/`NA`/`null`) is a missing value. Errors (``FundamentalsError``, naming file and line,
/// first bad row in file order, nothing half-loaded): unreadable or empty file, ragged row, a
/// missing key column, no field column, empty or unknown ticker, a date that is not
/// `yyyy-MM-dd`, `announce_date` before `period_end`, a repeated (ticker, period_end,
/// announce_date), a cell that is not a number, `±inf`.
public enum FundamentalsLoader {
    /// The key columns every file must have.
    public static let keyColumns = ["ticker", "announce_date", "period_end"]

    /// Loads the file at `path`; `tickers` is the price panel's universe (other tickers are an error).
    public static func load(path: String, tickers: [String]) throws -> FundamentalsTable {
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           (attributes[.size] as? NSNumber)?.intValue == 0 {
            throw FundamentalsError.csv(.empty(path: path))
        }
        let table: CSVTable
        do { table = try CSVTable(contentsOf: path) } catch let e as CSVTableError { throw FundamentalsError.csv(e) }
        return try load(table: table, tickers: tickers)
    }

    /// Loads CSV text (`path` only labels errors).
    public static func load(text: String, path: String = "<text>", tickers: [String]) throws -> FundamentalsTable {
        let table: CSVTable
        do { table = try CSVTable(text: text, path: path) } catch let e as CSVTableError { throw FundamentalsError.csv(e) }
        return try load(table: table, tickers: tickers)
    }

    /// Loads an already parsed table (`table.path` labels errors).
    public static func load(table: CSVTable, tickers: [String]) throws -> FundamentalsTable {
        let path = table.path
        func col(_ n: String) throws -> Int {
            do { return try table.columnIndex(n) } catch let e as CSVTableError { throw FundamentalsError.csv(e) }
        }
        let tickerCol = try col("ticker"), announceCol = try col("announce_date"), periodCol = try col("period_end")
        let fieldColumns = table.header.indices.filter { ![tickerCol, announceCol, periodCol].contains($0) }
        guard !fieldColumns.isEmpty else { throw FundamentalsError.noFields(path: path) }
        let fields = fieldColumns.map { table.header[$0] }
        let parsed = fieldColumns.map { table.numbers(atColumn: $0) }
        let universe = Set(tickers)
        var firstLine: [String: Int] = [:]  // "ticker\u{0}period\u{0}announce" → line
        var records: [FundamentalRecord] = []
        records.reserveCapacity(table.rowCount)
        for r in 0..<table.rowCount {
            let line = table.lineNumber(ofRow: r)
            let ticker = table.field(row: r, column: tickerCol)
            guard !ticker.isEmpty else { throw FundamentalsError.emptyTicker(path: path, line: line) }
            guard universe.contains(ticker) else { throw FundamentalsError.unknownTicker(path: path, line: line, ticker: ticker) }
            let announce = table.field(row: r, column: announceCol), period = table.field(row: r, column: periodCol)
            guard ISODate.isValid(announce) else {
                throw FundamentalsError.invalidDate(path: path, line: line, column: "announce_date", text: announce)
            }
            guard ISODate.isValid(period) else {
                throw FundamentalsError.invalidDate(path: path, line: line, column: "period_end", text: period)
            }
            // Valid ISO dates order chronologically as text.
            guard announce >= period else {
                throw FundamentalsError.announcedBeforePeriodEnd(path: path, line: line, ticker: ticker,
                                                                 announceDate: announce, periodEnd: period)
            }
            let key = ticker + "\u{0}" + period + "\u{0}" + announce
            if let first = firstLine[key] {
                throw FundamentalsError.duplicateRecord(path: path, line: line, firstLine: first, ticker: ticker,
                                                        periodEnd: period, announceDate: announce)
            }
            firstLine[key] = line
            var values = [Double](repeating: .nan, count: fields.count)
            for k in fields.indices {
                guard let v = parsed[k][r] else {
                    throw FundamentalsError.csv(.unparsableNumber(path: path, line: line, column: fields[k],
                                                                  text: table.field(row: r, column: fieldColumns[k])))
                }
                if v.isInfinite {
                    throw FundamentalsError.nonFiniteValue(path: path, line: line, column: fields[k],
                                                           text: table.field(row: r, column: fieldColumns[k]))
                }
                values[k] = v
            }
            records.append(FundamentalRecord(ticker: ticker, announceDate: announce, periodEnd: period, values: values, line: line))
        }
        return FundamentalsTable(path: path, fields: fields, records: records)
    }
}
