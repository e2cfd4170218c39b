/// A defect in a fundamentals file that makes it unusable; nothing is loaded when one is thrown.
///
/// Every row-level case names the file and the 1-based line (the header is line 1), in the style
/// of ``MarketDataError``.
public enum FundamentalsError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The CSV layer failed: missing or empty file, ragged row, a required column
    /// (`ticker`, `announce_date`, `period_end`) absent, or a field cell that is not a number.
    case csv(CSVTableError)
    /// The header has `ticker`, `announce_date` and `period_end` but no field column.
    case noFields(path: String)
    /// A `ticker` cell is empty.
    case emptyTicker(path: String, line: Int)
    /// The ticker is not among the price panel's tickers.
    case unknownTicker(path: String, line: Int, ticker: String)
    /// An `announce_date` or `period_end` cell is not a valid `yyyy-MM-dd` calendar date.
    case invalidDate(path: String, line: Int, column: String, text: String)
    /// `announce_date` is earlier than `period_end`: figures cannot be published before their period ends.
    case announcedBeforePeriodEnd(path: String, line: Int, ticker: String, announceDate: String, periodEnd: String)
    /// The same (ticker, period_end, announce_date) appears twice.
    case duplicateRecord(path: String, line: Int, firstLine: Int, ticker: String, periodEnd: String, announceDate: String)
    /// A field cell is `inf` or `-inf`.
    case nonFiniteValue(path: String, line: Int, column: String, text: String)

    /// One line naming the file (and line, for row-level cases) and the problem.
    public var description: String {
        switch self {
        case let .csv(e): return e.description
        case let .noFields(p): return "\(p): no field columns besides ticker, announce_date, period_end"
        case let .emptyTicker(p, l): return "\(p):\(l): empty ticker"
        case let .unknownTicker(p, l, t): return "\(p):\(l): ticker '\(t)' is not in the price panel"
        case let .invalidDate(p, l, c, t): return "\(p):\(l): column '\(c)': '\(t)' is not a yyyy-MM-dd date"
        case let .announcedBeforePeriodEnd(p, l, t, a, e):
            return "\(p):\(l): \(t): announce_date \(a) is before period_end \(e)"
        case let .duplicateRecord(p, l, f, t, e, a):
            return "\(p):\(l): duplicate record for \(t), period_end \(e), announce_date \(a) (first at line \(f))"
        case let .nonFiniteValue(p, l, c, t): return "\(p):\(l): column '\(c)': '\(t)' is not finite"
        }
    }
}
