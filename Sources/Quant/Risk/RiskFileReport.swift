import Foundation

/// Risk metrics of the return columns of a CSV file — what `factorlab risk` prints — with every
/// value checked for what it claims to be.
///
/// The file has a date column and columns of simple per-period returns (0.01 = +1 %); empty, NaN
/// or NA fields are missing periods. Rejected with ``RiskFileError`` naming file, line and column:
/// a non-numeric field, a ±inf return, a return below −100 % (a loss beyond the whole capital is
/// not a simple return), ISO dates that do not increase. Reported as warnings: columns that look
/// like percent (median |r| > 1, i.e. typical moves above 100 %).
public struct RiskFileReport: Sendable {
    /// The metric settings.
    public struct Options: Sendable, Equatable {
        /// Periods per year A (252 daily, 52 weekly, 12 monthly).
        public var periodsPerYear: Double = 252
        /// Risk-free rate per period, subtracted before the Sharpe ratio.
        public var riskFree: Double = 0
        /// Tail probability of VaR/CVaR (0.05 = 95 %).
        public var tail: Double = 0.05
        /// VaR over non-missing returns instead of NaN when any is missing.
        public var omitNaNVaR: Bool = false

        /// The defaults above.
        public init(periodsPerYear: Double = 252, riskFree: Double = 0, tail: Double = 0.05, omitNaNVaR: Bool = false) {
            self.periodsPerYear = periodsPerYear
            self.riskFree = riskFree
            self.tail = tail
            self.omitNaNVaR = omitNaNVaR
        }

        /// Checks the settings' domains.
        public func validate() throws(RiskFileError) {
            guard periodsPerYear.isFinite, periodsPerYear > 0 else {
                throw .invalidOption("--periods-per-year must be finite and > 0 (got \(periodsPerYear))")
            }
            guard tail >= 0, tail <= 1 else { throw .invalidOption("--tail must be in [0, 1] (got \(tail))") }
            guard riskFree.isFinite else { throw .invalidOption("--risk-free must be finite (got \(riskFree))") }
        }
    }

    /// The metrics per column, in file (or requested) order.
    public var columns: [(name: String, summary: RiskSummary)]
    /// Warnings about plausible but suspicious values.
    public var warnings: [String]
    /// The settings used.
    public var options: Options

    /// Reads `path` and computes the metrics of `columns` (default: every column but the date column).
    public init(path: String, columns requested: [String] = [], dateColumn: String? = nil, options: Options = Options()) throws {
        try options.validate()
        self.options = options
        let table = try CSVTable(contentsOf: path)
        let date = try dateColumn ?? Self.guessDateColumn(table.header, path: path)
        _ = try table.columnIndex(date)
        try Self.checkDates(table, column: date)
        let names = requested.isEmpty ? table.header.filter { $0 != date } : requested
        guard !names.isEmpty else { throw RiskFileError.invalidFile(path: path, reason: "no return columns besides the date column '\(date)'") }
        var out: [(String, RiskSummary)] = [], warnings: [String] = []
        for name in names {
            let values = try table.numericColumn(name)
            for (row, r) in values.enumerated() {
                if r.isInfinite {
                    throw RiskFileError.badValue(path: path, line: table.lineNumber(ofRow: row), column: name,
                                                 reason: "return \(r) is infinite; returns must be finite")
                }
                if r < -1 {
                    throw RiskFileError.badValue(path: path, line: table.lineNumber(ofRow: row), column: name,
                                                 reason: "return \(r) is below −100 % (simple returns are ≥ −1; is the column in percent or a price?)")
                }
            }
            let moves = values.filter { $0.isFinite }.map { abs($0) }.sorted()
            if !moves.isEmpty, moves[moves.count / 2] > 1 {
                warnings.append("\(path): column '\(name)': median |return| is \(moves[moves.count / 2]) (over 100 % per period): percent values or prices rather than simple returns?")
            }
            out.append((name, try RiskMetrics.summary(values, periodsPerYear: options.periodsPerYear, riskFree: options.riskFree,
                                                       requiredReturn: 0, tailProbability: options.tail,
                                                       varNaNPolicy: options.omitNaNVaR ? .omit : .propagate)))
        }
        columns = out
        self.warnings = warnings
    }

    /// A column named like a date, else the first column.
    static func guessDateColumn(_ header: [String], path: String) throws -> String {
        for name in header where ["date", "datetime", "timestamp", "time", "day"].contains(name.lowercased()) { return name }
        guard let first = header.first, header.count >= 2 else {
            throw RiskFileError.invalidFile(path: path, reason: "expected a date column and at least one return column")
        }
        return first
    }

    /// ISO dates (yyyy-mm-dd…) must be real calendar dates and strictly increasing: metrics assume time order.
    static func checkDates(_ table: CSVTable, column: String) throws {
        let dates = try table.column(column)
        let iso = dates.allSatisfy { d in
            let u = Array(d.utf8)
            return u.count >= 10 && u[4] == UInt8(ascii: "-") && u[7] == UInt8(ascii: "-")
        }
        guard iso else { return }
        for (i, d) in dates.enumerated() where !ISODate.isValid(d.prefix(10)) {
            throw RiskFileError.badValue(path: table.path, line: table.lineNumber(ofRow: i), column: column,
                                         reason: "'\(d)' is not a calendar date")
        }
        for i in 1..<max(dates.count, 1) where dates[i] <= dates[i - 1] {
            throw RiskFileError.badValue(path: table.path, line: table.lineNumber(ofRow: i), column: column,
                                         reason: "date \(dates[i]) is not after \(dates[i - 1]); rows must be in increasing date order")
        }
    }

    /// The metric fields in output order.
    public static func fields(_ s: RiskSummary) -> [(String, Double)] {
        [("annual_return", s.annualReturn), ("annual_volatility", s.annualVolatility), ("sharpe", s.sharpeRatio),
         ("sortino", s.sortinoRatio), ("calmar", s.calmarRatio), ("max_drawdown", s.maxDrawdown),
         ("var", s.valueAtRisk), ("cvar", s.conditionalValueAtRisk)]
    }

    /// Object keyed by column (file order); numbers round-trip, non-finite as "NaN"/"Infinity"/"-Infinity".
    public var json: String {
        JSONValue.object(columns.map { ($0.name, $0.summary.jsonObject) }).render(indent: 2) + "\n"
    }

    /// One block per column: the metrics and the drawdown's rows.
    public var text: String {
        var out = ""
        for (name, s) in columns {
            out += "\(name)  (n = \(s.validCount) of \(s.count) rows, A = \(Self.format(options.periodsPerYear)), tail = \(Self.format(options.tail)))\n"
            let labels = ["annual return", "annual volatility", "Sharpe", "Sortino", "Calmar", "max drawdown", "VaR", "CVaR"]
            for (label, (_, v)) in zip(labels, Self.fields(s)) {
                out += "  " + label.padding(toLength: 18, withPad: " ", startingAt: 0) + Self.format(v) + "\n"
            }
            if let p = s.drawdown.peakIndex, let t = s.drawdown.troughIndex {
                out += "  " + "drawdown rows".padding(toLength: 18, withPad: " ", startingAt: 0)
                out += "peak \(p < 0 ? "start" : "\(p)"), trough \(t), recovery \(s.drawdown.recoveryIndex.map(String.init) ?? "none")\n"
            }
            out += "\n"
        }
        return out
    }

    static func format(_ x: Double) -> String {
        if !x.isFinite { return x.isNaN ? "NaN" : (x > 0 ? "inf" : "-inf") }
        return String(format: "%.6g", x)
    }
}

/// A returns file or option that `RiskFileReport` cannot use.
public enum RiskFileError: Error, Equatable, CustomStringConvertible, Sendable {
    /// An option is outside its domain.
    case invalidOption(String)
    /// The file as a whole is unusable.
    case invalidFile(path: String, reason: String)
    /// One value is wrong: file, line, column and why.
    case badValue(path: String, line: Int, column: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidOption(r): return r
        case let .invalidFile(p, r): return "\(p): \(r)"
        case let .badValue(p, l, c, r): return "\(p):\(l): column '\(c)': \(r)"
        }
    }
}
