import ArgumentParser
import Foundation
import Quant
import Tensors

/// `factorlab ols`: a linear regression on a CSV file, by formula or by columns, with statsmodels-style output.
struct OLSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ols",
        abstract: "Ordinary (or weighted) least squares with full inference (statsmodels-compatible).",
        discussion: """
        Either --formula 'y ~ x + I(x**2) + log(z) + C(sector)' (a patsy subset: + - : * / ** 0 1, I(), \
        log, exp, sqrt, C(col[, Treatment('level')]), poly(x, k); names as statsmodels prints them), or \
        --y with --x (default: every numeric column except y, the weights and 'date'). Every field used \
        must be a finite number: a missing, non-finite or text value is an error naming its line. \
        A constant response and a singular design are errors. See Docs/Regression.md.
        """
    )

    @Argument(help: "CSV file with a header row.") var file: String
    @Option(name: .customLong("formula"), help: "Model formula, e.g. 'y ~ x + C(sector)'.") var formula: String?
    @Option(name: .customLong("y"), help: "Name of the response column (without --formula).") var response: String?
    @Option(name: .customLong("x"), help: "Comma-separated regressor columns (without --formula).")
    var regressors: String?
    @Flag(name: .customLong("no-intercept"), help: "Do not add a constant (with --x; in a formula write '0 +').")
    var noIntercept = false
    @Option(name: .customLong("weights"), help: "Column of WLS weights (finite, > 0).") var weights: String?
    @Option(name: .customLong("cov"), help: "Covariance: classical, HC0, HC1, HC2, HC3 or HAC.") var cov = "classical"
    @Option(name: .customLong("lags"), help: "HAC (Newey–West) lag count, 0 ≤ L < rows (with --cov HAC).") var lags: Int?
    @Flag(name: .customLong("json"), help: "Print one JSON object instead of the summary table.") var json = false

    func validate() throws {
        guard !file.isEmpty else { throw ValidationError("FILE must not be empty") }
        if let formula {
            guard response == nil, regressors == nil else { throw ValidationError("--formula cannot be combined with --y or --x") }
            guard !noIntercept else { throw ValidationError("--no-intercept applies to --x; in a formula write '0 + …' or '… - 1'") }
            do { _ = try RegressionFormula(formula) } catch { throw ValidationError("--formula: \(error)") }
        } else {
            guard let response, !response.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("give --formula, or --y with optional --x")
            }
        }
        if let regressors {
            let names = regressors.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard !names.contains("") else { throw ValidationError("--x: empty column name in '\(regressors)'") }
            guard Set(names).count == names.count else { throw ValidationError("--x: a column is listed twice in '\(regressors)'") }
            if let response, names.contains(response) { throw ValidationError("--x: '\(response)' is the response") }
        }
        if let weights, weights.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--weights: empty column name") }
        guard let covariance = CovarianceType(name: cov, lags: lags ?? 0) else {
            throw ValidationError("--cov: unknown covariance type '\(cov)' (use classical, HC0, HC1, HC2, HC3 or HAC)")
        }
        if case .hac = covariance {
            guard let lags else { throw ValidationError("--cov HAC needs --lags L") }
            guard lags >= 0 else { throw ValidationError("--lags must be ≥ 0, got \(lags)") }
        } else if lags != nil {
            throw ValidationError("--lags applies only to --cov HAC")
        }
    }

    func run() throws {
        do {
            let specification = OLSSpecification(
                formula: formula, response: response,
                regressors: regressors.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
                intercept: !noIntercept, covariance: CovarianceType(name: cov, lags: lags ?? 0)!, weights: weights)
            print(try specification.report(try Self.load(file), json: json))
        } catch {
            FileHandle.standardError.write(Data("factorlab ols: error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// The CSV file as a regression table (column types inferred, file lines kept for messages).
    static func load(_ path: String) throws -> RegressionData {
        let table = try CSVTable(contentsOf: path)
        return try RegressionData(header: table.header, fields: try table.header.map { try table.column($0) },
                                  source: path, lines: (0..<table.rowCount).map { table.lineNumber(ofRow: $0) })
    }
}
