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
        Returns below −100 %, ±inf and non-increasing dates are errors naming the line. \
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

    var options: RiskFileReport.Options {
        RiskFileReport.Options(periodsPerYear: periodsPerYear, riskFree: riskFree, tail: tail, omitNaNVaR: omitNaNVaR)
    }

    func validate() throws {
        do { try options.validate() } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        let report = try RiskFileReport(path: file, columns: columns, dateColumn: dateColumn, options: options)
        for w in report.warnings { FileHandle.standardError.write(Data("factorlab risk: warning: \(w)\n".utf8)) }
        print(json ? report.json : report.text, terminator: "")
    }
}
