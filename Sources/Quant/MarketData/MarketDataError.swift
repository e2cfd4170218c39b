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
    /// A price or volume is outside ``MarketDataLoader/representableRange``: its squares and products
    /// in rolling variances, correlations and z-scores would overflow or underflow `Double`, turning
    /// factors NaN or zero silently. Usually a unit or scaling error in the file.
    case unrepresentableValue(path: String, line: Int, column: String, value: Double)

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
        case let .unrepresentableValue(p, l, c, v):
            return "\(p):\(l): column '\(c)': value \(v) is outside 1e-100…1e100 (factor arithmetic on it would overflow or underflow; "
                + "check the file's units)"
        }
    }
}
