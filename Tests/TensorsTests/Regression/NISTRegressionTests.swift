import Foundation
import Testing
@testable import Tensors

/// NIST StRD linear regression: certified values to ≥ 13 significant digits (LRE) for
/// coefficients, standard deviations, residual SD and R² on all 11 datasets.
@Suite struct NISTRegressionTests {
    struct Case {
        let name: String
        let y: [Double]
        let design: RegressionDesign
        let intercept: Bool
        let coefficients: [Double], sds: [Double]
        let residualSD: Double, rSquared: Double
    }

    static func cases() throws -> [Case] {
        let root = try regressionResource("nist_strd") as! [String: Any]
        return try (root["datasets"] as! [[String: Any]]).map { ds in
            let cert = ds["certified"] as! [String: Any]
            let y = (ds["y"] as! [NSNumber]).map(\.doubleValue)
            let intercept = ds["intercept"] as! Bool
            let design: RegressionDesign
            if ds["model_kind"] as! String == "polynomial" {
                let x = (ds["x"] as! [NSNumber]).map(\.doubleValue)
                design = try .polynomial(x, degree: ds["polynomial_degree"] as! Int)
            } else {
                let rows = (ds["x"] as! [[NSNumber]]).map { $0.map(\.doubleValue) }
                let names = ds["x_columns"] as! [String]
                design = try RegressionDesign(columns: names.indices.map { j in rows.map { $0[j] } }, names: names)
            }
            return Case(name: ds["name"] as! String, y: y, design: design, intercept: intercept,
                        coefficients: (cert["coefficients"] as! [NSNumber]).map(\.doubleValue),
                        sds: (cert["coefficient_sd"] as! [NSNumber]).map(\.doubleValue),
                        residualSD: (cert["residual_sd"] as! NSNumber).doubleValue,
                        rSquared: (cert["r_squared"] as! NSNumber).doubleValue)
        }
    }

    @Test func allElevenDatasetsReachThirteenDigits() throws {
        let cases = try Self.cases()
        #expect(cases.count == 11)
        for c in cases {
            let fit = try LinearRegression(intercept: c.intercept).fit(y: c.y, design: c.design)
            #expect(fit.rank == c.coefficients.count, "\(c.name): rank \(fit.rank)")
            var worst = 15.0
            for j in c.coefficients.indices {
                let lb = logRelativeError(fit.coefficients[j], c.coefficients[j])
                let ls = logRelativeError(fit.standardErrors[j], c.sds[j])
                #expect(lb >= 13, "\(c.name) B\(j): LRE \(lb)")
                #expect(ls >= 13, "\(c.name) SD(B\(j)): LRE \(ls)")
                worst = min(worst, lb, ls)
            }
            let lsd = logRelativeError(fit.residualStandardError, c.residualSD)
            let lr2 = logRelativeError(fit.rSquared, c.rSquared)
            #expect(lsd >= 13, "\(c.name) residual SD: LRE \(lsd)")
            #expect(lr2 >= 13, "\(c.name) R²: LRE \(lr2)")
            print("NIST \(c.name): min LRE coef/sd \(worst), resSD \(lsd), R² \(lr2), refined \(fit.refined) in \(fit.refinementIterations), κ̂ \(fit.equilibratedConditionEstimate)")
        }
    }

    /// Without refinement Filip loses about half its digits: the test above is not vacuous.
    @Test func plainQRIsNotEnoughOnFilip() throws {
        let filip = try Self.cases().first { $0.name == "Filip" }!
        let fit = try LinearRegression(refinement: .never).fit(y: filip.y, design: filip.design)
        let lre = zip(fit.coefficients, filip.coefficients).map { logRelativeError($0, $1) }.min()!
        #expect(lre < 11)
    }
}
