import Foundation
import NumericsSupport

/// Long-format CSV (`date,ticker|asset,value…`) to and from panels.
extension Panel {
    /// Reads value columns of a long-format table into panels sharing the same labels.
    ///
    /// - `table` needs a `date` column and a `ticker` or `asset` column (ticker wins).
    /// - Dates must start with a valid calendar date `YYYY-MM-DD` (``ISODate``; a time may follow); they are sorted
    ///   ascending. Assets are sorted by name. Missing (date, asset) cells are NaN.
    /// - Throws ``PanelError/duplicateKey(path:line:date:asset:)`` for a repeated pair,
    ///   ``PanelError/unparsableDate(path:line:text:)``, and ``CSVTableError`` for a missing
    ///   column or a non-numeric value.
    public static func readLong(_ table: CSVTable, columns: [String]) throws -> [String: Panel] {
        let dateCol = try table.columnIndex("date")
        let assetCol: Int
        if let i = table.header.firstIndex(of: "ticker") { assetCol = i }
        else if let i = table.header.firstIndex(of: "asset") { assetCol = i }
        else { throw PanelError.missingAssetColumn(path: table.path) }
        let valueCols = try columns.map { try table.columnIndex($0) }

        var dateSet = Set<String>(), assetSet = Set<String>()
        for (r, row) in table.rows.enumerated() {
            let d = row[dateCol]
            if !dateSet.contains(d) {
                guard ISODate.isValid(d.prefix(10)) else {
                    throw PanelError.unparsableDate(path: table.path, line: table.lineNumber(ofRow: r), text: d)
                }
                dateSet.insert(d)
            }
            assetSet.insert(row[assetCol])
        }
        let dates = dateSet.sorted(), assets = assetSet.sorted()
        let di = Dictionary(uniqueKeysWithValues: dates.enumerated().map { ($1, $0) })
        let ai = Dictionary(uniqueKeysWithValues: assets.enumerated().map { ($1, $0) })
        let nd = dates.count, cells = nd * assets.count
        var seen = [Bool](repeating: false, count: cells)
        var out = [[Double]](repeating: [Double](repeating: .nan, count: cells), count: columns.count)
        for (r, row) in table.rows.enumerated() {
            let cell = ai[row[assetCol]]! * nd + di[row[dateCol]]!
            if seen[cell] {
                throw PanelError.duplicateKey(path: table.path, line: table.lineNumber(ofRow: r),
                                              date: row[dateCol], asset: row[assetCol])
            }
            seen[cell] = true
            for (k, c) in valueCols.enumerated() {
                guard let v = CSVTable.parseNumber(row[c]) else {
                    throw CSVTableError.unparsableNumber(path: table.path, line: table.lineNumber(ofRow: r),
                                                         column: columns[k], text: row[c])
                }
                out[k][cell] = v
            }
        }
        var result: [String: Panel] = [:]
        for (k, name) in columns.enumerated() {
            result[name] = try Panel(dates: dates, assets: assets, columnMajor: out[k])
        }
        return result
    }

    /// Long-format CSV text for panels that share labels: header `date,<assetColumn>,name…`,
    /// one row per (date, asset) in date-major order; values with round-trip precision, NaN as
    /// `NaN`. With `dropAllMissing`, rows where every value is NaN are omitted.
    public static func longCSV(_ panels: [(name: String, panel: Panel)], assetColumn: String = "ticker",
                               dropAllMissing: Bool = false) -> String {
        guard let first = panels.first?.panel else { return "date,\(assetColumn)\n" }
        for p in panels {
            precondition(p.panel.dates == first.dates && p.panel.assets == first.assets,
                         "longCSV: panel '\(p.name)' has different labels")
        }
        var out = "date,\(assetColumn)," + panels.map { csvField($0.name) }.joined(separator: ",") + "\n"
        for t in 0..<first.dateCount {
            for a in 0..<first.assetCount {
                let vs = panels.map { $0.panel[t, a] }
                if dropAllMissing && vs.allSatisfy({ $0.isNaN }) { continue }
                out += first.dates[t] + "," + csvField(first.assets[a])
                for v in vs { out += "," + (v.isNaN ? "NaN" : "\(v)") }
                out += "\n"
            }
        }
        return out
    }

    /// Writes ``longCSV(_:assetColumn:dropAllMissing:)`` to `path` atomically (temp file + rename)
    /// and reads it back to validate it parses to the same labels.
    public static func writeLongCSV(_ panels: [(name: String, panel: Panel)], to path: String,
                                    assetColumn: String = "ticker") throws {
        try longCSV(panels, assetColumn: assetColumn).write(toFile: path, atomically: true, encoding: .utf8)
        let back = try readLong(CSVTable(contentsOf: path), columns: panels.map(\.name))
        if let p = panels.first, let q = back[p.name], q.dates != p.panel.dates || q.assets != p.panel.assets.sorted() {
            throw PanelError.labelMismatch("\(path) did not read back with the written labels")
        }
    }

    private static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
