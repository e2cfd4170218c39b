/// A defect in a sector-map file that makes it unusable; nothing is loaded when one is thrown.
///
/// Row-level cases name the file and the 1-based line (the header is line 1), in the style of
/// ``MarketDataError``. A ticker outside the price panel is not an error but a warning
/// (``SectorMap/warnings``): vendors' classifications cover wider universes than any one panel.
public enum SectorMapError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The CSV layer failed: missing or empty file, ragged row, a required column absent
    /// (`ticker`, `sector`; `start` and `end` together in the dated format).
    case csv(CSVTableError)
    /// A `ticker` cell is empty.
    case emptyTicker(path: String, line: Int)
    /// A `sector` cell is empty.
    case emptySector(path: String, line: Int, ticker: String)
    /// A `start` or `end` cell is not a valid `yyyy-MM-dd` date (`start` must not be empty).
    case invalidDate(path: String, line: Int, column: String, text: String)
    /// `end` is before `start`.
    case endBeforeStart(path: String, line: Int, ticker: String, start: String, end: String)
    /// A static map (no dates) lists the same ticker twice.
    case duplicateTicker(path: String, line: Int, firstLine: Int, ticker: String)
    /// Two dated rows of one ticker share a date (ranges are inclusive at both ends).
    case overlappingRanges(path: String, line: Int, otherLine: Int, ticker: String)

    /// One line naming the file (and line, for row-level cases) and the problem.
    public var description: String {
        switch self {
        case let .csv(e): return e.description
        case let .emptyTicker(p, l): return "\(p):\(l): empty ticker"
        case let .emptySector(p, l, t): return "\(p):\(l): \(t): empty sector"
        case let .invalidDate(p, l, c, t): return "\(p):\(l): column '\(c)': '\(t)' is not a yyyy-MM-dd date"
        case let .endBeforeStart(p, l, t, s, e): return "\(p):\(l): \(t): end \(e) is before start \(s)"
        case let .duplicateTicker(p, l, f, t): return "\(p):\(l): \(t) is listed twice (first at line \(f))"
        case let .overlappingRanges(p, l, o, t): return "\(p):\(l): \(t): date range overlaps the one at line \(o)"
        }
    }
}
