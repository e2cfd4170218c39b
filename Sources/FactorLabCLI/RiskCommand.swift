import ArgumentParser
import Foundation
import Quant

/// `factorlab risk FILE.csv`: risk and performance metrics of each return column.
struct RiskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "risk",
        abstract: "Risk and performance metrics (empyrical conventions) of return columns in a CSV file.",
        discussion: """
        FILE has a date column and one or more columns of simple per-period returns (0.01 = +1 %); \
        empty, NaN or NA fields are missing periods. Metrics: annual return (CAGR), annual volatility, \
        Sharpe, Sortino, Calmar, max drawdown (≤ 0), historical VaR and CVaR at --tail (negative = loss). \
        See Docs/Metrics.md for the exact definitions.
        """)

    @Argument(help: "CSV file with a date column and return columns.")
    var file: String

    @Option(name: .customLong("column"), help: "Return column to analyse (repeatable; default: every column except the date column).")
    var columns: [String] = []

    @Option(name: .customLong("date-column"), help: "Name of the date column (default: a column named date/Date/DATE/datetime/timestamp, else the first column).")
    var dateColumn: String?

    @Option(name: .customLong("periods-per-year"), help: "Periods per year A (252 daily, 52 weekly, 12 monthly).")
    var periodsPerYear: Double = 252

    @Option(name: .customLong("risk-free"), help: "Risk-free rate per period, subtracted before the Sharpe ratio.")
    var riskFree: Double = 0

    @Option(name: .customLong("tail"), help: "Tail probability of VaR/CVaR (0.05 = 95 %).")
    var tail: Double = 0.05

    @Flag(name: .customLong("omit-nan-var"), help: "Compute VaR over non-missing returns (default: NaN when any return is missing, as empyrical).")
    var omitNaNVaR = false

    @Flag(help: "Print JSON (object keyed by column) instead of tables.")
    var json = false

    func run() throws {
        do {
            let report = try compute()
            print(json ? Self.renderJSON(report) : Self.renderTables(report, periodsPerYear: periodsPerYear, tail: tail), terminator: "")
        } catch let error as CSVTableError {
            Self.fail("\(error)")
        } catch let error as RiskFileError {
            Self.fail("\(file): \(error.message)")
        } catch let error as RiskError {
            Self.fail("\(file): \(error)")
        }
    }

    struct RiskFileError: Error { let message: String }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("factorlab risk: error: \(message)\n".utf8))
        Foundation.exit(1)
    }

    func compute() throws -> [(String, RiskSummary)] {
        guard periodsPerYear.isFinite, periodsPerYear > 0 else {
            throw RiskFileError(message: "--periods-per-year must be finite and > 0 (got \(periodsPerYear))")
        }
        guard tail >= 0, tail <= 1 else { throw RiskFileError(message: "--tail must be in [0, 1] (got \(tail))") }
        guard riskFree.isFinite else { throw RiskFileError(message: "--risk-free must be finite (got \(riskFree))") }
        let table = try CSVTable(contentsOf: file)
        let date = try dateColumn ?? Self.guessDateColumn(table.header)
        _ = try table.columnIndex(date)
        try Self.checkDates(table, column: date)
        let names = columns.isEmpty ? table.header.filter { $0 != date } : columns
        guard !names.isEmpty else { throw RiskFileError(message: "no return columns besides the date column '\(date)'") }
        return try names.map { name in
            let values = try table.numericColumn(name)
            do {
                return (name, try RiskMetrics.summary(values, periodsPerYear: periodsPerYear, riskFree: riskFree,
                                                      requiredReturn: 0, tailProbability: tail,
                                                      varNaNPolicy: omitNaNVaR ? .omit : .propagate))
            } catch let e as RiskError {
                if case let .nonFiniteInput(_, index) = e {
                    throw RiskFileError(message: "line \(table.lineNumber(ofRow: index)): column '\(name)' is infinite; returns must be finite")
                }
                throw e
            }
        }
    }

    static func guessDateColumn(_ header: [String]) throws -> String {
        for name in header where ["date", "datetime", "timestamp", "time", "day"].contains(name.lowercased()) { return name }
        guard let first = header.first, header.count >= 2 else {
            throw RiskFileError(message: "expected a date column and at least one return column")
        }
        return first
    }

    /// ISO dates (yyyy-mm-dd…) must be strictly increasing: metrics assume time order.
    static func checkDates(_ table: CSVTable, column: String) throws {
        let dates = try table.column(column)
        let iso = dates.allSatisfy { ISODate.isValid($0.prefix(10)) }
        guard iso else { return }
        for i in 1..<max(dates.count, 1) where dates[i] <= dates[i - 1] {
            throw RiskFileError(message: "line \(table.lineNumber(ofRow: i)): date \(dates[i]) is not after \(dates[i - 1]); rows must be in increasing date order")
        }
    }

    static func fields(_ s: RiskSummary) -> [(String, Double)] {
        [("annual_return", s.annualReturn), ("annual_volatility", s.annualVolatility), ("sharpe", s.sharpeRatio),
         ("sortino", s.sortinoRatio), ("calmar", s.calmarRatio), ("max_drawdown", s.maxDrawdown),
         ("var", s.valueAtRisk), ("cvar", s.conditionalValueAtRisk)]
    }

    /// Object keyed by column (file order); numbers round-trip, non-finite as "NaN"/"Infinity"/"-Infinity".
    static func renderJSON(_ report: [(String, RiskSummary)]) -> String {
        JSONValue.object(report.map { ($0.0, $0.1.jsonObject) }).render(indent: 2) + "\n"
    }

    static func renderTables(_ report: [(String, RiskSummary)], periodsPerYear: Double, tail: Double) -> String {
        var out = ""
        for (name, s) in report {
            out += "\(name)  (n = \(s.validCount) of \(s.count) rows, A = \(fmt(periodsPerYear)), tail = \(fmt(tail)))\n"
            let labels = ["annual return", "annual volatility", "Sharpe", "Sortino", "Calmar", "max drawdown",
                          "VaR", "CVaR"]
            for (label, (_, v)) in zip(labels, fields(s)) {
                out += "  " + label.padding(toLength: 18, withPad: " ", startingAt: 0) + fmt(v) + "\n"
            }
            if let p = s.drawdown.peakIndex, let t = s.drawdown.troughIndex {
                out += "  " + "drawdown rows".padding(toLength: 18, withPad: " ", startingAt: 0)
                out += "peak \(p < 0 ? "start" : "\(p)"), trough \(t), recovery \(s.drawdown.recoveryIndex.map(String.init) ?? "none")\n"
            }
            out += "\n"
        }
        return out
    }

    static func fmt(_ x: Double) -> String {
        if !x.isFinite { return x.isNaN ? "NaN" : (x > 0 ? "inf" : "-inf") }
        return String(format: "%.6g", x)
    }
}
