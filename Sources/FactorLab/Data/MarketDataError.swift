import Quant

/// A defect in a market-data file that makes it unusable; nothing is loaded when one is thrown.
///
/// Every case names the file and the 1-based line (the header is line 1).
public enum MarketDataError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The CSV layer failed (missing file, empty file, ragged row, unparsable number, missing column).
    case csv(CSVTableError)
    /// A `date` field is not an ISO `yyyy-MM-dd` date.
    case invalidDate(path: String, line: Int, text: String)
    /// A `ticker` field is empty.
    case emptyTicker(path: String, line: Int)
    /// The same (date, ticker) pair appears twice.
    case duplicateRow(path: String, line: Int, firstLine: Int, date: String, ticker: String)
    /// A ticker's dates go backwards.
    case unsortedDates(path: String, line: Int, ticker: String, date: String, previous: String)
    /// A price field is zero or negative.
    case nonPositivePrice(path: String, line: Int, column: String, value: Double)
    /// Volume is negative.
    case negativeVolume(path: String, line: Int, value: Double)
    /// The file has no usable close prices for any asset.
    case noPrices(path: String)

    public var description: String {
        switch self {
        case let .csv(e): return e.description
        case let .invalidDate(p, l, t): return "\(p):\(l): '\(t)' is not a yyyy-MM-dd date"
        case let .emptyTicker(p, l): return "\(p):\(l): empty ticker"
        case let .duplicateRow(p, l, f, d, t): return "\(p):\(l): duplicate row for \(t) on \(d) (first at line \(f))"
        case let .unsortedDates(p, l, t, d, prev): return "\(p):\(l): dates of \(t) are not increasing (\(d) after \(prev))"
        case let .nonPositivePrice(p, l, c, v): return "\(p):\(l): column '\(c)': non-positive price \(v)"
        case let .negativeVolume(p, l, v): return "\(p):\(l): negative volume \(v)"
        case let .noPrices(p): return "\(p): no close prices"
        }
    }
}

/// Defects that are reported but do not stop loading (see Docs/Pipeline.md, "Data").
public struct DataQualityReport: Sendable, Equatable, Codable {
    /// One kind of defect: how many rows have it and a few examples (`file:line ticker date`).
    public struct Issue: Sendable, Equatable, Codable {
        /// What the defect is.
        public var kind: String
        /// How many rows (or assets) have it.
        public var count: Int
        /// Up to five examples.
        public var examples: [String]
    }
    /// The issues found, in a fixed order.
    public var issues: [Issue] = []
    /// Columns present in the file but not used (not numeric).
    public var ignoredColumns: [String] = []

    /// Whether nothing was found.
    public var isClean: Bool { issues.allSatisfy { $0.count == 0 } && ignoredColumns.isEmpty }

    /// A multi-line human summary (one line per non-empty issue).
    public var summary: String {
        var lines: [String] = []
        for i in issues where i.count > 0 {
            lines.append("warning: \(i.count) \(i.kind)" + (i.examples.isEmpty ? "" : " (e.g. \(i.examples.joined(separator: "; ")))"))
        }
        if !ignoredColumns.isEmpty { lines.append("notice: ignored non-numeric columns: \(ignoredColumns.joined(separator: ", "))") }
        return lines.joined(separator: "\n")
    }

    mutating func add(_ kind: String, _ example: String?) {
        if let i = issues.firstIndex(where: { $0.kind == kind }) {
            issues[i].count += 1
            if let e = example, issues[i].examples.count < 5 { issues[i].examples.append(e) }
        } else {
            issues.append(Issue(kind: kind, count: 1, examples: example.map { [$0] } ?? []))
        }
    }
}
