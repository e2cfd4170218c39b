import Foundation

/// A loaded panel with its data-quality report.
public struct LoadedMarketData: Sendable {
    /// The panel (asset-major, `NaN` where a value is missing).
    public var panel: MarketPanel
    /// Row-level defects that were tolerated.
    public var quality: DataQualityReport
    /// Number of data rows read.
    public var rowCount: Int
    /// Seconds spent in `CSVTable` (text → fields), the rest being validation and layout.
    public var parseSeconds: Double = 0
}

/// Reads a long-format daily OHLCV CSV (`date,ticker,open,high,low,close,volume`, optional `vwap`,
/// extra numeric columns allowed, only `date,ticker,close` required) through Quant's `CSVTable`.
///
/// Errors (throw ``MarketDataError``, nothing half-loaded): unreadable/empty file, ragged row,
/// unparsable number, bad date, empty ticker, duplicate (date, ticker), decreasing dates within a
/// ticker, a price ≤ 0, negative volume, a price or volume outside ``representableRange``.
/// Warnings (``DataQualityReport``): empty fields (missing values), prices outside
/// ``plausiblePriceRange``, bars whose low/high do not bracket open/close, daily close moves beyond
/// ``jumpThreshold`` in log terms (bad bars, unadjusted splits or spin-offs), assets with missing
/// days, non-numeric extra columns (ignored).
public enum MarketDataLoader {
    /// |log(close_t / close_{t-1})| above this is reported as a suspect jump (default ln 1.5 ≈ 0.405).
    public static let jumpThreshold = Foundation.log(1.5)
    /// Price columns that must be positive when present (`vwap` is a price too).
    public static let priceColumns = ["open", "high", "low", "close", "vwap"]
    /// Prices outside this range are reported as implausible (a unit or scaling error is likelier
    /// than a real quote); they are kept.
    public static let plausiblePriceRange = 1e-6...1e12
    /// Prices and (non-zero) volumes outside this range are an error: factor arithmetic squares and
    /// multiplies them over windows and across assets (rolling variance, correlation, z-score), and
    /// beyond ±100 decades that overflows or underflows `Double` and turns factors NaN or zero.
    public static let representableRange = 1e-100...1e100

    /// Loads the file at `path`.
    public static func load(path: String) throws -> LoadedMarketData {
        let start = Date()
        let table = try CSVFile.read(path)
        let parsed = Date()
        var out = try load(table: table)
        out.parseSeconds = parsed.timeIntervalSince(start)
        return out
    }

    /// Loads CSV text (`path` only labels errors); used by tests.
    public static func load(text: String, path: String = "<text>") throws -> LoadedMarketData {
        let table: CSVTable
        do { table = try CSVTable(text: text, path: path) } catch let e as CSVTableError { throw MarketDataError.csv(e) }
        return try load(table: table)
    }

    /// Loads an already parsed table (`table.path` labels errors).
    public static func load(table: CSVTable) throws -> LoadedMarketData {
        let path = table.path
        func col(_ n: String) throws -> Int {
            do { return try table.columnIndex(n) } catch let e as CSVTableError { throw MarketDataError.csv(e) }
        }
        let dateCol = try col("date"), tickerCol = try col("ticker"), closeCol = try col("close")
        var quality = DataQualityReport()
        // Numeric columns: the standard ones must parse; extra ones are kept only if they all parse.
        // Columns are parsed once from the table's bytes (`nil` = not a number); errors are raised
        // below in file order, exactly as a row-by-row read would.
        var numeric: [(name: String, index: Int)] = [("close", closeCol)]
        for name in ["open", "high", "low", "volume", "vwap"] {
            if let i = table.header.firstIndex(of: name) { numeric.append((name, i)) }
        }
        var parsed = numeric.map { table.numbers(atColumn: $0.index) }
        for (i, name) in table.header.enumerated()
        where ![dateCol, tickerCol].contains(i) && !numeric.contains(where: { $0.index == i }) {
            let column = table.numbers(atColumn: i)
            if column.allSatisfy({ $0 != nil }) { numeric.append((name, i)); parsed.append(column) }
            else { quality.ignoredColumns.append(name) }
        }
        let n = table.rowCount
        // Dates and tickers repeat: work on codes into their distinct values.
        let dateColumn = table.internedColumn(atColumn: dateCol), tickerColumn = table.internedColumn(atColumn: tickerCol)
        let dateValues = dateColumn.values, dateCodes = dateColumn.codes
        let dateValid = dateValues.map(isISODate)
        // Rank of each distinct date in sorted order (valid ISO dates are ASCII, so rank order is `String` order).
        let dateOrder = dateValues.indices.sorted { dateValues[$0] < dateValues[$1] }
        var dateRank = [Int](repeating: 0, count: dateValues.count)
        for (rank, code) in dateOrder.enumerated() { dateRank[code] = rank }
        var assetOfTicker = [Int](repeating: -1, count: tickerColumn.values.count)
        var values = [[Double]](repeating: [Double](repeating: .nan, count: n), count: numeric.count)
        var tickers: [String] = []
        var rowAsset = [Int](repeating: 0, count: n)
        var lastDate: [Int] = []  // date code of the asset's previous row, -1 before its first
        var lastLine: [Int] = []
        let isPrice = numeric.map { priceColumns.contains($0.name) }, isVolume = numeric.map { $0.name == "volume" }
        for r in 0..<n {
            let line = table.lineNumber(ofRow: r)
            let dateCode = dateCodes[r]
            let date = dateValues[dateCode]
            guard dateValid[dateCode] else { throw MarketDataError.invalidDate(path: path, line: line, text: date) }
            let tickerCode = tickerColumn.codes[r]
            let ticker = tickerColumn.values[tickerCode]
            guard !ticker.isEmpty else { throw MarketDataError.emptyTicker(path: path, line: line) }
            let a: Int
            if assetOfTicker[tickerCode] >= 0 { a = assetOfTicker[tickerCode] } else {
                a = tickers.count; assetOfTicker[tickerCode] = a; tickers.append(ticker)
                lastDate.append(-1); lastLine.append(0)
            }
            rowAsset[r] = a
            if dateCode == lastDate[a] {
                throw MarketDataError.duplicateRow(path: path, line: line, firstLine: lastLine[a], date: date, ticker: ticker)
            }
            if lastDate[a] >= 0 && dateRank[dateCode] < dateRank[lastDate[a]] {
                throw MarketDataError.unsortedDates(path: path, line: line, ticker: ticker, date: date, previous: dateValues[lastDate[a]])
            }
            lastDate[a] = dateCode; lastLine[a] = line
            var missing: [String] = [], implausible: [String] = []
            for (k, c) in numeric.enumerated() {
                guard let v = parsed[k][r] else {
                    throw MarketDataError.csv(.unparsableNumber(path: path, line: line, column: c.name,
                                                                text: table.field(row: r, column: c.index)))
                }
                if v.isNaN { missing.append(c.name); continue }
                if !v.isFinite {
                    throw MarketDataError.csv(.unparsableNumber(path: path, line: line, column: c.name,
                                                                text: table.field(row: r, column: c.index)))
                }
                if isPrice[k], v <= 0 {
                    throw MarketDataError.nonPositivePrice(path: path, line: line, column: c.name, value: v)
                }
                if isVolume[k], v < 0 { throw MarketDataError.negativeVolume(path: path, line: line, value: v) }
                if (isPrice[k] || isVolume[k]) && v != 0 && !representableRange.contains(v) {
                    throw MarketDataError.unrepresentableValue(path: path, line: line, column: c.name, value: v)
                }
                if isPrice[k] && !plausiblePriceRange.contains(v) { implausible.append(c.name) }
                values[k][r] = v
            }
            if !missing.isEmpty {
                quality.add("rows with empty fields (treated as missing)", "\(path):\(line) \(ticker) \(date) [\(missing.joined(separator: ","))]")
            }
            if !implausible.isEmpty {
                quality.add("rows with implausible prices, outside 1e-6…1e12 (unit or scaling error?)",
                            "\(path):\(line) \(ticker) \(date) [\(implausible.joined(separator: ","))]")
            }
        }
        // Dense panel (every distinct date occurs on some row that passed the checks above).
        let dates = dateOrder.map { dateValues[$0] }
        let T = dates.count, A = tickers.count
        var fields: [String: [Double]] = [:]
        var rowOf = [Int](repeating: -1, count: A * T)
        for r in 0..<n { rowOf[rowAsset[r] * T + dateRank[dateCodes[r]]] = r }
        for (k, c) in numeric.enumerated() {
            var v = [Double](repeating: .nan, count: A * T)
            for i in 0..<(A * T) where rowOf[i] >= 0 { v[i] = values[k][rowOf[i]] }
            fields[c.name] = v
        }
        let panel = MarketPanel(dates: dates, tickers: tickers, fields: fields)
        guard panel.has("close") else { throw MarketDataError.noPrices(path: path) }
        // Warnings that need the dense layout.
        let close = fields["close"]!
        let open = fields["open"], high = fields["high"], low = fields["low"]
        for a in 0..<A {
            var rows = 0, prev = Double.nan
            for t in 0..<T {
                let i = a * T + t
                guard rowOf[i] >= 0 else { continue }
                rows += 1
                let line = table.lineNumber(ofRow: rowOf[i])
                let c = close[i]
                if let o = open?[i], let h = high?[i], let l = low?[i], o.isFinite, h.isFinite, l.isFinite, c.isFinite,
                   l > min(o, c) + 1e-9 || h < max(o, c) - 1e-9 || l > h {
                    quality.add("bars whose low/high do not bracket open/close", "\(path):\(line) \(tickers[a]) \(dates[t])")
                }
                if c.isFinite, prev.isFinite, abs(Foundation.log(c / prev)) > jumpThreshold {
                    quality.add("suspect close-to-close jumps, |log return| > ln 1.5 (bad bar, unadjusted split or spin-off)",
                                "\(path):\(line) \(tickers[a]) \(dates[t])")
                }
                if c.isFinite { prev = c }
            }
            if rows < T {
                quality.add("assets missing some dates (values left missing)", "\(tickers[a]): \(T - rows) of \(T) dates")
            }
        }
        return LoadedMarketData(panel: panel, quality: quality, rowCount: n)
    }

    static func isISODate(_ s: String) -> Bool { ISODate.isValid(s) }
}
