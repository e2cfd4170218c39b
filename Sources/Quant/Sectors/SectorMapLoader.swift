import Foundation

/// Reads a sector-map CSV: static `ticker,sector[,industry]` or dated
/// `ticker,start,end,sector[,industry]` (the format follows from the header: a `start` or `end`
/// column makes it dated, and then both are required).
///
/// Dated ranges are inclusive at both ends; an empty `end` is open-ended. Errors
/// (``SectorMapError``, naming file and line, first bad row in file order): unreadable or
/// empty file, ragged row, missing column, empty ticker or sector, bad date, `end` before
/// `start`, a ticker listed twice in a static map, overlapping ranges of one ticker in a dated
/// map. A ticker outside `tickers` is a warning (``SectorMap/warnings``) and matches no asset;
/// an empty `industry` cell is an unknown industry.
public enum SectorMapLoader {
    /// Loads the file at `path`; `tickers` (the price panel's universe) only drives the
    /// unknown-ticker warnings (`nil`: no check).
    public static func load(path: String, tickers: [String]? = nil) throws -> SectorMap {
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           (attributes[.size] as? NSNumber)?.intValue == 0 {
            throw SectorMapError.csv(.empty(path: path))
        }
        let table: CSVTable
        do { table = try CSVTable(contentsOf: path) } catch let e as CSVTableError { throw SectorMapError.csv(e) }
        return try load(table: table, tickers: tickers)
    }

    /// Loads CSV text (`path` only labels errors).
    public static func load(text: String, path: String = "<text>", tickers: [String]? = nil) throws -> SectorMap {
        let table: CSVTable
        do { table = try CSVTable(text: text, path: path) } catch let e as CSVTableError { throw SectorMapError.csv(e) }
        return try load(table: table, tickers: tickers)
    }

    /// Loads an already parsed table (`table.path` labels errors).
    public static func load(table: CSVTable, tickers: [String]? = nil) throws -> SectorMap {
        let path = table.path
        func col(_ n: String) throws -> Int {
            do { return try table.columnIndex(n) } catch let e as CSVTableError { throw SectorMapError.csv(e) }
        }
        let tickerCol = try col("ticker"), sectorCol = try col("sector")
        let isDated = table.header.contains("start") || table.header.contains("end")
        let startCol: Int? = try isDated ? col("start") : nil, endCol: Int? = try isDated ? col("end") : nil
        let industryCol = table.header.firstIndex(of: "industry")
        let universe = tickers.map { Set($0) }
        var rowsOf: [String: [Int]] = [:]  // ticker → indices into `assignments`
        var assignments: [SectorAssignment] = [], warnings: [String] = []
        for r in 0..<table.rowCount {
            let line = table.lineNumber(ofRow: r)
            let ticker = table.field(row: r, column: tickerCol)
            guard !ticker.isEmpty else { throw SectorMapError.emptyTicker(path: path, line: line) }
            let sector = table.field(row: r, column: sectorCol)
            guard !sector.isEmpty else { throw SectorMapError.emptySector(path: path, line: line, ticker: ticker) }
            var start: String?, end: String?
            if let startCol, let endCol {
                let s = table.field(row: r, column: startCol), e = table.field(row: r, column: endCol)
                guard ISODate.isValid(s) else { throw SectorMapError.invalidDate(path: path, line: line, column: "start", text: s) }
                guard e.isEmpty || ISODate.isValid(e) else {
                    throw SectorMapError.invalidDate(path: path, line: line, column: "end", text: e)
                }
                start = s
                end = e.isEmpty ? nil : e
                if let end, end < s { throw SectorMapError.endBeforeStart(path: path, line: line, ticker: ticker, start: s, end: end) }
            }
            let industry = industryCol.map { table.field(row: r, column: $0) }.flatMap { $0.isEmpty ? nil : $0 }
            let row = SectorAssignment(ticker: ticker, start: start, end: end, sector: sector, industry: industry, line: line)
            for i in rowsOf[ticker] ?? [] {
                let other = assignments[i]
                if !isDated { throw SectorMapError.duplicateTicker(path: path, line: line, firstLine: other.line, ticker: ticker) }
                if overlaps(row, other) {
                    throw SectorMapError.overlappingRanges(path: path, line: line, otherLine: other.line, ticker: ticker)
                }
            }
            if let universe, !universe.contains(ticker), rowsOf[ticker] == nil {
                warnings.append("\(path):\(line): ticker '\(ticker)' is not in the price panel (ignored)")
            }
            rowsOf[ticker, default: []].append(assignments.count)
            assignments.append(row)
        }
        return SectorMap(path: path, isDated: isDated, hasIndustry: industryCol != nil, assignments: assignments, warnings: warnings)
    }

    /// Whether two inclusive ranges share a date (`nil` end = open).
    static func overlaps(_ x: SectorAssignment, _ y: SectorAssignment) -> Bool {
        let xs = x.start ?? "", ys = y.start ?? ""
        let xBeforeYEnds = y.end.map { xs <= $0 } ?? true
        let yBeforeXEnds = x.end.map { ys <= $0 } ?? true
        return xBeforeYEnds && yBeforeXEnds
    }
}
