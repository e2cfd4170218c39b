import Foundation

extension RegressionResult {
    /// The keys of ``jsonText()``, in output order.
    public static let jsonKeys = ["coefficients", "std_errors", "t_values", "p_values", "r_squared", "adj_r_squared",
                                  "f_statistic", "f_p_value", "residual_std_error", "log_likelihood", "aic", "bic",
                                  "nobs", "df_resid", "rank", "condition_number"]

    /// A number as JSON: Swift's round-tripping `description`, non-finite values as the
    /// strings "NaN", "Infinity", "-Infinity".
    public static func jsonNumber(_ x: Double) -> String { JSONNumber.format(x) }


    /// One JSON object with the fit's coefficients and statistics (keys ``jsonKeys``; the
    /// per-regressor entries are objects keyed by name, the intercept named `const`).
    public func jsonText() -> String {
        func object(_ values: [Double]) -> String {
            "{" + zip(names, values).map { "\(JSONText.string($0)): \(Self.jsonNumber($1))" }.joined(separator: ", ") + "}"
        }
        let fields: [(String, String)] = [
            ("coefficients", object(coefficients)), ("std_errors", object(standardErrors)),
            ("t_values", object(tValues)), ("p_values", object(pValues)),
            ("r_squared", Self.jsonNumber(rSquared)), ("adj_r_squared", Self.jsonNumber(adjustedRSquared)),
            ("f_statistic", Self.jsonNumber(fStatistic)), ("f_p_value", Self.jsonNumber(fPValue)),
            ("residual_std_error", Self.jsonNumber(residualStandardError)),
            ("log_likelihood", Self.jsonNumber(logLikelihood)), ("aic", Self.jsonNumber(aic)),
            ("bic", Self.jsonNumber(bic)), ("nobs", String(nobs)), ("df_resid", Self.jsonNumber(dfResid)),
            ("rank", String(rank)), ("condition_number", Self.jsonNumber(conditionNumber)),
        ]
        return "{\n" + fields.map { "  \(JSONText.string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}"
    }

    /// A statsmodels-style text summary.
    public func summary(dependent: String = "y") -> String {
        func f(_ x: Double, _ digits: Int = 4) -> String {
            if !x.isFinite { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
            if x != 0 && (abs(x) >= 1e6 || abs(x) < 1e-4) { return String(format: "%.\(digits - 1)e", x) }
            return String(format: "%.\(digits)f", x)
        }
        // A field as wide as its column (e.g. "-1.97e-290" in 9) still gets one separating space.
        func pad(_ s: String, _ w: Int, left: Bool = false) -> String {
            s.count >= w ? (left ? s + " " : " " + s)
                : (left ? s + String(repeating: " ", count: w - s.count) : String(repeating: " ", count: w - s.count) + s)
        }
        // The label column is as wide as the longest name (formula names such as C(sector)[T.b] are long).
        let labelWidth = max(12, (names.map(\.count).max() ?? 0) + 1)
        let width = max(78, labelWidth + 66)
        let rule = String(repeating: "=", count: width), thin = String(repeating: "-", count: width)
        let title = ridge > 0 ? "Ridge Regression Results" : "OLS Regression Results"
        let left: [(String, String)] = [("Dep. Variable:", dependent), ("Model:", ridge > 0 ? "Ridge" : "OLS"),
            ("Method:", "Least Squares"), ("No. Observations:", "\(nobs)"), ("Df Residuals:", "\(Int(dfResid))"),
            ("Df Model:", "\(Int(dfModel))"), ("Covariance Type:", covarianceType.description)]
        let right: [(String, String)] = [("R-squared:", f(rSquared, 3)), ("Adj. R-squared:", f(adjustedRSquared, 3)),
            ("F-statistic:", f(fStatistic, 4)), ("Prob (F-statistic):", f(fPValue, 3)),
            ("Log-Likelihood:", f(logLikelihood, 3)), ("AIC:", f(aic, 1)), ("BIC:", f(bic, 1))]
        var lines = [String(repeating: " ", count: (width - title.count) / 2) + title, rule]
        for (l, r) in zip(left, right) {
            lines.append(pad(l.0, 20, left: true) + pad(l.1, 18) + " " + pad(r.0, 20, left: true) + pad(r.1, 18))
        }
        lines.append(rule)
        let stat = usesStudentT ? "t" : "z", prob = usesStudentT ? "P>|t|" : "P>|z|"
        lines.append(pad("", labelWidth) + pad("coef", 11) + pad("std err", 11) + pad(stat, 10) + pad(prob, 9)
                     + pad("[0.025", 12) + pad("0.975]", 12))
        lines.append(thin)
        let ci = confidenceIntervals(level: 0.95)
        for j in names.indices {
            lines.append(pad(names[j], labelWidth, left: true) + pad(f(coefficients[j]), 11) + pad(f(standardErrors[j]), 11)
                         + pad(f(tValues[j], 3), 10) + pad(f(pValues[j], 3), 9) + pad(f(ci[j].lower), 12)
                         + pad(f(ci[j].upper), 12))
        }
        lines.append(rule)
        lines.append(pad("Residual std. error:", 22, left: true) + pad(f(residualStandardError), 16)
                     + "   " + pad("Cond. No.:", 20, left: true) + pad(f(conditionNumber, 3), 17))
        lines.append(rule)
        var notes: [String] = []
        if !aliased.isEmpty {
            notes.append("Rank deficient design (rank \(rank) of \(names.count)): aliased columns \(aliased.joined(separator: ", ")) dropped.")
        }
        if refined { notes.append("Iterative refinement (double-double residuals): \(refinementIterations) step(s)\(refinementConverged ? "" : ", did not converge").") }
        if covarianceType.isRobust { notes.append("Standard errors are robust (\(covarianceType)); z statistics use the normal distribution.") }
        for (i, n) in notes.enumerated() { lines.append("[\(i + 1)] \(n)") }
        return lines.joined(separator: "\n")
    }
}
