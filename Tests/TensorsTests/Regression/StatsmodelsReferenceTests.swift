import Foundation
import Testing
@testable import Tensors

/// Every inference quantity and covariance type against statsmodels (1e-10 relative),
/// from Scripts/reference/ols_statsmodels_reference.py.
@Suite struct StatsmodelsReferenceTests {
    static var root: [String: Any] { try! regressionResource("ols_statsmodels_reference") as! [String: Any] }

    static func doubles(_ any: Any?) -> [Double] { (any as! [NSNumber]).map(\.doubleValue) }
    static func double(_ any: Any?) -> Double { (any as! NSNumber).doubleValue }

    static func covariance(_ fit: [String: Any]) -> CovarianceType {
        switch fit["cov_type"] as! String {
        case "nonrobust": return .classical
        case "HC0": return .hc0
        case "HC1": return .hc1
        case "HC2": return .hc2
        case "HC3": return .hc3
        default: return .hac(lags: fit["maxlags"] as! Int, smallSampleCorrection: fit["use_correction"] as! Bool)
        }
    }

    func check(_ name: String, _ got: Double, _ want: Double, tol: Double = 1e-10,
               sourceLocation: SourceLocation = #_sourceLocation) {
        let d = relativeDifference(got, want, floor: 1e-300)
        #expect(d <= tol, "\(name): got \(got), statsmodels \(want) (rel diff \(d))", sourceLocation: sourceLocation)
    }

    @Test(arguments: 0..<4) func caseMatchesStatsmodels(_ index: Int) throws {
        let c = (Self.root["cases"] as! [[String: Any]])[index]
        let caseName = c["name"] as! String
        let y = Self.doubles(c["y"])
        let columns = (c["columns"] as! [[NSNumber]]).map { $0.map(\.doubleValue) }
        let weights = (c["weights"] as? [NSNumber])?.map(\.doubleValue)
        let design = try RegressionDesign(columns: columns, names: c["names"] as? [String])
        for ref in c["fits"] as! [[String: Any]] {
            let cov = Self.covariance(ref)
            let label = "\(caseName)/\(cov)"
            let fit = try LinearRegression(intercept: c["intercept"] as! Bool, covariance: cov, weights: weights)
                .fit(y: y, design: design)
            #expect(fit.usesStudentT == (ref["use_t"] as! Bool), "\(label) use_t")
            for (key, got) in [("params", fit.coefficients), ("bse", fit.standardErrors),
                               ("tvalues", fit.tValues), ("pvalues", fit.pValues),
                               ("resid", fit.residuals), ("fittedvalues", fit.fittedValues)] {
                let want = Self.doubles(ref[key])
                #expect(want.count == got.count)
                // Residuals near zero: compare against the residual scale.
                let floor = key == "resid" || key == "fittedvalues" ? 1e-6 : 1e-300
                for (g, w) in zip(got, want) {
                    let d = relativeDifference(g, w, floor: floor)
                    #expect(d <= 1e-10, "\(label) \(key): \(g) vs \(w) (\(d))")
                }
            }
            for (level, key) in [(0.95, "conf_int_95"), (0.90, "conf_int_90")] {
                let want = (ref[key] as! [[NSNumber]]).map { $0.map(\.doubleValue) }
                for (g, w) in zip(fit.confidenceIntervals(level: level), want) {
                    check("\(label) \(key) lower", g.lower, w[0])
                    check("\(label) \(key) upper", g.upper, w[1])
                }
            }
            let p = fit.names.count
            let refCov = (ref["cov_params"] as! [[NSNumber]]).map { $0.map(\.doubleValue) }
            for a in 0..<p { for b in 0..<p {
                check("\(label) cov[\(a),\(b)]", fit.covariance[a * p + b], refCov[a][b])
            } }
            check("\(label) R²", fit.rSquared, Self.double(ref["rsquared"]))
            check("\(label) adj R²", fit.adjustedRSquared, Self.double(ref["rsquared_adj"]))
            check("\(label) F", fit.fStatistic, Self.double(ref["fvalue"]))
            check("\(label) F p", fit.fPValue, Self.double(ref["f_pvalue"]))
            check("\(label) ssr", fit.ssr, Self.double(ref["ssr"]))
            check("\(label) scale", fit.residualStandardError * fit.residualStandardError, Self.double(ref["scale"]))
            check("\(label) llf", fit.logLikelihood, Self.double(ref["llf"]))
            check("\(label) aic", fit.aic, Self.double(ref["aic"]))
            check("\(label) bic", fit.bic, Self.double(ref["bic"]))
            check("\(label) cond", fit.conditionNumber, Self.double(ref["condition_number"]), tol: 1e-9)
            #expect(fit.dfResid == Self.double(ref["df_resid"]))
            #expect(fit.dfModel == Self.double(ref["df_model"]))
            #expect(Double(fit.nobs) == Self.double(ref["nobs"]))
        }
        let rows = (c["predict_rows"] as! [[NSNumber]]).map { $0.map(\.doubleValue) }
        let fit = try LinearRegression(intercept: c["intercept"] as! Bool, weights: weights).fit(y: y, design: design)
        for (g, w) in zip(try fit.predict(rows: rows), Self.doubles(c["predict_values"])) { check("\(caseName) predict", g, w) }
    }

    @Test func distributionFunctionsMatchScipy() {
        let dist = Self.root["distributions"] as! [String: [[NSNumber]]]
        for row in dist["t_two_sided"]! {
            let v = row.map(\.doubleValue)
            check("t two-sided(\(v[0]), \(v[1]))", StudentT.twoSidedP(v[0], df: v[1]), v[2], tol: 1e-11)
        }
        for row in dist["t_quantile"]! {
            let v = row.map(\.doubleValue)
            check("t ppf(\(v[0]), \(v[1]))", StudentT.quantile(v[0], df: v[1]), v[2], tol: 1e-11)
        }
        for row in dist["f_sf"]! {
            let v = row.map(\.doubleValue)
            check("F sf(\(v[0]), \(v[1]), \(v[2]))", FDistribution.sf(v[0], df1: v[1], df2: v[2]), v[3], tol: 1e-11)
        }
        for row in dist["norm_two_sided"]! {
            let v = row.map(\.doubleValue)
            check("norm 2-sided(\(v[0]))", StandardNormal.twoSidedP(v[0]), v[1], tol: 1e-12)
        }
        for row in dist["norm_quantile"]! {
            let v = row.map(\.doubleValue)
            check("norm ppf(\(v[0]))", StandardNormal.quantile(v[0]), v[1], tol: 1e-12)
        }
    }
}
