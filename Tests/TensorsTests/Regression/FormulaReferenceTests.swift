import Foundation
import Testing
@testable import Tensors

/// Formula fits against statsmodels' `ols/wls(formula=…)` (Scripts/reference/ols_formula_reference.py):
/// the same column names, and every inference quantity to 1e-9 relative.
@Suite struct FormulaReferenceTests {
    static var root: [String: Any] { try! regressionResource("ols_formula_reference") as! [String: Any] }

    /// The reference table as `factorlab ols` sees a CSV: text fields, types inferred.
    static func table() throws -> RegressionData {
        let header = root["header"] as! [String]
        let columns = root["columns"] as! [String: [String]]
        return try RegressionData(header: header, fields: header.map { columns[$0]! }, source: "reference.csv")
    }

    static func doubles(_ any: Any?) -> [Double] { (any as! [NSNumber]).map(\.doubleValue) }

    static func covariance(_ run: [String: Any]) -> CovarianceType {
        switch run["cov"] as! String {
        case "HC0": return .hc0
        case "HC1": return .hc1
        case "HC2": return .hc2
        case "HC3": return .hc3
        case "HAC": return .hac(lags: run["maxlags"] as! Int)
        default: return .classical
        }
    }

    @Test func everyFormulaMatchesStatsmodels() throws {
        let data = try Self.table()
        let runs = Self.root["runs"] as! [[String: Any]]
        #expect(runs.count >= 20)
        for run in runs {
            let formula = run["formula"] as! String
            let weightsColumn = run["weights"] as? String
            let label = "\(formula) [\(run["cov"]!)\(weightsColumn.map { ", weights \($0)" } ?? "")]"
            let weights = try weightsColumn.map { try data.numbers($0) }
            let fit = try LinearRegression(covariance: Self.covariance(run), weights: weights).fit(formula: formula, data: data)
            #expect(fit.names == run["names"] as! [String], "\(label): names")
            #expect(try RegressionFormula(formula).responseName == run["endog_name"] as! String)
            guard fit.names.count == (run["names"] as! [String]).count else { continue }
            for (key, got) in [("params", fit.coefficients), ("bse", fit.standardErrors), ("tvalues", fit.tValues),
                               ("pvalues", fit.pValues)] {
                for (j, (g, w)) in zip(got, Self.doubles(run[key])).enumerated() {
                    let d = relativeDifference(g, w, floor: 1e-300)
                    #expect(d <= 1e-9, "\(label) \(key)[\(fit.names[j])]: \(g) vs statsmodels \(w) (\(d))")
                }
            }
            for (key, got) in [("rsquared", fit.rSquared), ("rsquared_adj", fit.adjustedRSquared), ("fvalue", fit.fStatistic),
                               ("f_pvalue", fit.fPValue), ("llf", fit.logLikelihood), ("ssr", fit.ssr),
                               ("df_resid", fit.dfResid), ("nobs", Double(fit.nobs))] {
                let w = (run[key] as! NSNumber).doubleValue
                let d = relativeDifference(got, w, floor: 1e-300)
                #expect(d <= 1e-9, "\(label) \(key): \(got) vs statsmodels \(w)")
            }
        }
    }

    /// The command's library call (`OLSSpecification`) gives the same fit and names the response.
    @Test func specificationPathMatchesTheLibraryCall() throws {
        let data = try Self.table()
        let spec = OLSSpecification(formula: "y ~ x + I(x**2) + np.log(z) + C(sector)", covariance: .hc1, weights: "w")
        let (dependent, viaSpec) = try spec.fit(data)
        let direct = try LinearRegression(covariance: .hc1, weights: data.numbers("w"))
            .fit(formula: "y ~ x + I(x**2) + np.log(z) + C(sector)", data: data)
        #expect(dependent == "y")
        #expect(viaSpec.coefficients == direct.coefficients && viaSpec.standardErrors == direct.standardErrors)
        let json = try spec.report(data, json: true)
        #expect(json.contains("\"C(sector)[T.b]\"") && json.contains("\"I(x ** 2)\""))
    }
}
