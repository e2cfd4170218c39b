import ArgumentParser
import CBLAS
import Foundation
import Quant
import Tensors

/// `factorlab ols`: a linear regression of one CSV column on others, with statsmodels-style output.
struct OLSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ols",
        abstract: "Ordinary least squares with full inference (statsmodels-compatible).",
        discussion: """
        Regresses --y on the --x columns (default: every numeric column except y and a 'date' column). \
        Rows are used as they are: a missing or non-finite value is an error naming its line.
        """
    )

    @Argument(help: "CSV file with a header row.") var file: String
    @Option(name: .customLong("y"), help: "Name of the response column.") var response: String
    @Option(name: .customLong("x"), help: "Comma-separated regressor columns (default: all numeric columns except y and date).")
    var regressors: String?
    @Flag(name: .customLong("no-intercept"), help: "Do not add a constant column.") var noIntercept = false
    @Option(name: .customLong("cov"), help: "Covariance: classical, HC0, HC1, HC2, HC3 or HAC.") var cov = "classical"
    @Option(name: .customLong("lags"), help: "HAC (Newey–West) lag count.") var lags: Int?
    @Flag(name: .customLong("json"), help: "Print one JSON object instead of the summary table.") var json = false

    func run() throws {
        do {
            print(try Self.report(file: file, response: response, regressors: regressors, intercept: !noIntercept,
                                  cov: cov, lags: lags, json: json))
        } catch {
            let message = "factorlab: error: \(error)\n"
            fputs(message, factorlab_stderr())
            throw ExitCode(1)
        }
    }

    /// The command's output for the given options (separate from `run` for testing).
    static func report(file: String, response: String, regressors: String?, intercept: Bool, cov: String,
                       lags: Int?, json: Bool) throws -> String {
        // CSVTable(contentsOf:) fails on some files through CSV.swift's stream reader in this
        // build ("cannotReadFile"); parsing the text gives the same table and typed errors.
        guard FileManager.default.isReadableFile(atPath: file),
              let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw CSVTableError.cannotOpen(path: file)
        }
        let table = try CSVTable(text: text, path: file)
        guard let covariance = CovarianceType(name: cov, lags: lags ?? 0) else {
            throw ValidationError("unknown covariance type '\(cov)' (use classical, HC0, HC1, HC2, HC3 or HAC)")
        }
        if case .hac = covariance, lags == nil {
            throw ValidationError("--cov HAC needs --lags L")
        }
        let y = try table.numericColumn(response)
        var names: [String]
        if let regressors {
            names = regressors.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !names.isEmpty, !names.contains("") else { throw ValidationError("--x: empty column name") }
        } else {
            names = table.header.filter { name in
                name != response && name.lowercased() != "date" && (try? table.numericColumn(name)) != nil
            }
            guard !names.isEmpty else { throw ValidationError("\(file): no numeric regressor columns besides '\(response)'") }
        }
        let columns = try names.map { try table.numericColumn($0) }
        let fit: RegressionResult
        do {
            fit = try LinearRegression(intercept: intercept, covariance: covariance)
                .fit(y: y, design: RegressionDesign(columns: columns, names: names))
        } catch let RegressionError.nonFiniteResponse(row, value) {
            throw ValidationError("\(file):\(table.lineNumber(ofRow: row)): column '\(response)' has non-finite value \(value)")
        } catch let RegressionError.nonFiniteRegressor(column, row, value) {
            throw ValidationError("\(file):\(table.lineNumber(ofRow: row)): column '\(column)' has non-finite value \(value)")
        }
        return json ? fit.jsonText() : fit.summary(dependent: response)
    }
}
