import Foundation
import Testing
@testable import Tensors

/// Deterministic test data.
struct TestData {
    var state: UInt64 = 0x2545F4914F6CDD1D
    mutating func next() -> Double {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return Double(state >> 11) / 9007199254740992.0 - 0.5
    }
    mutating func vector(_ n: Int) -> [Double] { (0..<n).map { _ in next() } }
}

/// Solves a small dense system by Gaussian elimination with partial pivoting (reference only).
func denseSolve(_ a: [[Double]], _ b: [Double]) -> [Double] {
    var a = a, b = b
    let n = b.count
    for c in 0..<n {
        let p = (c..<n).max { abs(a[$0][c]) < abs(a[$1][c]) }!
        a.swapAt(c, p); b.swapAt(c, p)
        for r in (c + 1)..<n {
            let f = a[r][c] / a[c][c]
            for k in c..<n { a[r][k] -= f * a[c][k] }
            b[r] -= f * b[c]
        }
    }
    var x = [Double](repeating: 0, count: n)
    for r in stride(from: n - 1, through: 0, by: -1) {
        var s = b[r]
        for k in (r + 1)..<n { s -= a[r][k] * x[k] }
        x[r] = s / a[r][r]
    }
    return x
}

@Suite struct RegressionBehaviourTests {
    @Test func rankDeficientDesignIsReportedNotFatal() throws {
        var g = TestData()
        let n = 30
        let x1 = g.vector(n), x2 = g.vector(n)
        let x3 = zip(x1, x2).map { 2 * $0 - $1 }  // exactly dependent up to rounding
        let y = (0..<n).map { x1[$0] + 0.5 * x2[$0] + g.next() }
        let fit = try LinearRegression().fit(y: y, columns: [x1, x2, x3], names: ["a", "b", "c"])
        #expect(fit.rank == 3)
        #expect(fit.aliased.count == 1)
        let dropped = fit.aliased[0]
        let j = fit.names.firstIndex(of: dropped)!
        #expect(fit.coefficients[j].isNaN && fit.standardErrors[j].isNaN)
        #expect(fit.dfResid == Double(n - 3))
        // Same fitted values as the fit without the aliased column.
        let keep = ["a", "b", "c"].filter { $0 != dropped }
        let cols = keep.map { ["a": x1, "b": x2, "c": x3][$0]! }
        let reduced = try LinearRegression().fit(y: y, columns: cols, names: keep)
        for i in 0..<n { #expect(abs(fit.fittedValues[i] - reduced.fittedValues[i]) < 1e-10) }
        #expect(abs(fit.rSquared - reduced.rSquared) < 1e-12)
        // A duplicated column and an all-zero column.
        let dup = try LinearRegression().fit(y: y, columns: [x1, x1, [Double](repeating: 0, count: n)])
        #expect(dup.rank == 2)
        #expect(dup.aliased.count == 2)
    }

    @Test func filipIsNotJudgedRankDeficient() throws {
        // Covered with certified values in NISTRegressionTests; here the tolerance margin.
        let tol = LeastSquaresSolver.defaultTolerance(n: 82, p: 11)
        #expect(tol < 1e-13)
    }

    @Test func badInputsThrowTypedErrors() throws {
        let ols = LinearRegression()
        #expect(throws: RegressionError.emptyInput) { try ols.fit(y: [], columns: [[]]) }
        #expect(throws: RegressionError.tooFewObservations(observations: 2, parameters: 3)) {
            try ols.fit(y: [1, 2], columns: [[1, 2], [3, 5]])
        }
        #expect(throws: RegressionError.nonFiniteResponse(row: 1, value: .infinity)) {
            try ols.fit(y: [1, .infinity, 3, 4], columns: [[1, 2, 3, 5]])
        }
        #expect(throws: RegressionError.nonFiniteRegressor(column: "mkt", row: 2, value: -.infinity)) {
            try ols.fit(y: [1, 2, 3, 4], columns: [[1, 2, -.infinity, 5]], names: ["mkt"])
        }
        do {
            _ = try ols.fit(y: [1, 2, 3, 4], columns: [[1, .nan, 2, 5]], names: ["hml"])
            Issue.record("NaN accepted")
        } catch let RegressionError.nonFiniteRegressor(column, row, _) {
            #expect(column == "hml" && row == 1)
        }
        #expect(throws: RegressionError.constantRegressor(column: "k")) {
            try ols.fit(y: [1, 2, 3, 4], columns: [[1, 2, 3, 5], [7, 7, 7, 7]], names: ["x", "k"])
        }
        #expect(throws: RegressionError.mismatchedLengths(what: "design rows", expected: 4, found: 3)) {
            try ols.fit(y: [1, 2, 3, 4], columns: [[1, 2, 3]])
        }
        #expect(throws: RegressionError.mismatchedLengths(what: "column 'x2'", expected: 3, found: 2)) {
            try ols.fit(y: [1, 2, 3], columns: [[1, 2, 3], [1, 2]])
        }
        #expect(throws: RegressionError.duplicateName("a")) {
            try ols.fit(y: [1, 2, 3, 4], columns: [[1, 2, 3, 5], [1, 0, 3, 1]], names: ["a", "a"])
        }
        #expect(throws: RegressionError.invalidWeight(row: 0, value: -1)) {
            try LinearRegression(weights: [-1, 1, 1, 1]).fit(y: [1, 2, 3, 4], columns: [[1, 2, 3, 5]])
        }
        #expect(throws: RegressionError.mismatchedLengths(what: "weights", expected: 4, found: 3)) {
            try LinearRegression(weights: [1, 1, 1]).fit(y: [1, 2, 3, 4], columns: [[1, 2, 3, 5]])
        }
        #expect(throws: RegressionError.invalidPenalty(-1)) {
            try LinearRegression(ridge: -1).fit(y: [1, 2, 3, 4], columns: [[1, 2, 3, 5]])
        }
        #expect(throws: RegressionError.invalidOption("HAC lag count must be ≥ 0 and < the 4 observations, got -2")) {
            try LinearRegression(covariance: .hac(lags: -2)).fit(y: [1, 2, 3, 4], columns: [[1, 2, 3, 5]])
        }
        // L ≥ n has no overlapping pairs for the top lags and would shrink the standard errors.
        #expect(throws: RegressionError.invalidOption("HAC lag count must be ≥ 0 and < the 4 observations, got 4")) {
            try LinearRegression(covariance: .hac(lags: 4)).fit(y: [1, 2, 3, 4], columns: [[1, 2, 3, 5]])
        }
        #expect(throws: Never.self) {
            try LinearRegression(covariance: .hac(lags: 3)).fit(y: [1, 2, 3, 4], columns: [[1, 2, 3, 5]])
        }
        // Without an intercept a constant column is allowed and acts as one (statsmodels k_constant).
        let implicit = try LinearRegression(intercept: false).fit(y: [1, 2, 3, 5], columns: [[1, 1, 1, 1], [1, 2, 3, 5]])
        let explicit = try LinearRegression().fit(y: [1, 2, 3, 5], columns: [[1, 2, 3, 5]])
        #expect(implicit.hasConstant)
        #expect(abs(implicit.rSquared - explicit.rSquared) < 1e-14)
        #expect("\(RegressionError.nonFiniteRegressor(column: "mkt", row: 3, value: .nan))".contains("'mkt'"))
    }

    @Test func interceptOnlyModelIsTheMean() throws {
        let y = [1.0, 2, 4, 7]
        let fit = try LinearRegression().fit(y: y, columns: [])
        #expect(fit.names == ["const"])
        #expect(abs(fit.coefficients[0] - 3.5) < 1e-15)
        #expect(fit.dfModel == 0 && fit.fStatistic.isNaN)
        let sd = (y.map { ($0 - 3.5) * ($0 - 3.5) }.reduce(0, +) / 3).squareRoot()
        #expect(abs(fit.standardErrors[0] - sd / 2) < 1e-14)
        // A single observation: NaN statistics, no crash.
        let one = try LinearRegression().fit(y: [2], columns: [])
        #expect(one.coefficients[0] == 2 && one.standardErrors[0].isNaN)
    }

    @Test func weightedLeastSquaresMatchesNormalEquations() throws {
        var g = TestData(state: 99)
        let n = 40
        let x1 = g.vector(n), x2 = g.vector(n).map { $0 * 10 }
        let w = (0..<n).map { _ in 0.5 + g.next() + 0.5 }
        let y = (0..<n).map { 1 + 2 * x1[$0] - 0.3 * x2[$0] + g.next() }
        let fit = try LinearRegression(weights: w).fit(y: y, columns: [x1, x2])
        let rows = (0..<n).map { [1, x1[$0], x2[$0]] }
        var a = [[Double]](repeating: [0, 0, 0], count: 3), b = [0.0, 0, 0]
        for i in 0..<n { for r in 0..<3 { b[r] += w[i] * rows[i][r] * y[i]; for c in 0..<3 { a[r][c] += w[i] * rows[i][r] * rows[i][c] } } }
        let beta = denseSolve(a, b)
        for j in 0..<3 { #expect(relativeDifference(fit.coefficients[j], beta[j]) < 1e-11) }
        // Residuals are unweighted; SSR is weighted.
        let ssr = (0..<n).reduce(0.0) { $0 + w[$1] * fit.residuals[$1] * fit.residuals[$1] }
        #expect(relativeDifference(fit.ssr, ssr) < 1e-12)
    }

    @Test func ridgeMatchesClosedFormWithUnpenalisedIntercept() throws {
        var g = TestData(state: 7)
        let n = 35, lambda = 3.5
        let x1 = g.vector(n), x2 = g.vector(n), x3 = zip(x1, g.vector(n)).map { $0 + 0.01 * $1 }
        let y = (0..<n).map { 4 + x1[$0] - x2[$0] + g.next() }
        let rows = (0..<n).map { [1, x1[$0], x2[$0], x3[$0]] }
        for penalizeIntercept in [false, true] {
            let fit = try LinearRegression(ridge: lambda, penalizeIntercept: penalizeIntercept).fit(y: y, columns: [x1, x2, x3])
            var a = [[Double]](repeating: [0, 0, 0, 0], count: 4), b = [0.0, 0, 0, 0]
            for i in 0..<n { for r in 0..<4 { b[r] += rows[i][r] * y[i]; for c in 0..<4 { a[r][c] += rows[i][r] * rows[i][c] } } }
            for j in (penalizeIntercept ? 0 : 1)..<4 { a[j][j] += lambda }
            let beta = denseSolve(a, b)
            for j in 0..<4 { #expect(relativeDifference(fit.coefficients[j], beta[j]) < 1e-10, "ridge b\(j)") }
            #expect(fit.residuals.count == n)
            #expect(abs(fit.residuals[0] - (y[0] - zip(rows[0], beta).reduce(0) { $0 + $1.0 * $1.1 })) < 1e-10)
        }
        // λ = 0 is OLS.
        let ols = try LinearRegression().fit(y: y, columns: [x1, x2, x3])
        let zero = try LinearRegression(ridge: 0).fit(y: y, columns: [x1, x2, x3])
        #expect(ols.coefficients == zero.coefficients)
    }

    @Test func floatTensorsArePromoted() throws {
        var g = TestData(state: 3)
        let n = 25
        let xs = (0..<(n * 2)).map { _ in Float(g.next()) }
        let ys = (0..<n).map { i in 1 + 2 * xs[2 * i] - xs[2 * i + 1] + Float(g.next()) * 0.1 }
        let fitF = try LinearRegression().fit(y: Tensor<Float>(shape: [n], scalars: ys),
                                              x: Tensor<Float>(shape: [n, 2], scalars: xs), names: ["a", "b"])
        let fitD = try LinearRegression().fit(y: ys.map(Double.init),
                                              columns: [(0..<n).map { Double(xs[2 * $0]) }, (0..<n).map { Double(xs[2 * $0 + 1]) }],
                                              names: ["a", "b"])
        #expect(fitF.coefficients == fitD.coefficients)
        #expect(fitF.names == ["const", "a", "b"])
    }

    @Test func refinementSwitchIsDocumentedThreshold() throws {
        var g = TestData(state: 11)
        let n = 50
        // .automatic refines every solution; the covariance only above κ̂₁(R) = 100 (or with low parts).
        let easy = try LinearRegression().fit(y: g.vector(n), columns: [g.vector(n), g.vector(n)])
        #expect(easy.refined && easy.refinementConverged && !easy.covarianceRefined)
        #expect(easy.equilibratedConditionEstimate <= 100)
        let x = g.vector(n)
        let hard = try LinearRegression().fit(y: g.vector(n), columns: [x, x.map { $0 + 1e-4 * $0 * $0 }])
        #expect(hard.equilibratedConditionEstimate > 100 && hard.covarianceRefined)
        let always = try LinearRegression(refinement: .always).fit(y: g.vector(n), columns: [g.vector(n)])
        #expect(always.refined && always.refinementConverged && always.covarianceRefined)
        let never = try LinearRegression(refinement: .never).fit(y: g.vector(n), columns: [g.vector(n)])
        #expect(!never.refined && !never.covarianceRefined)
    }

    @Test func jsonReportHasEveryKeyAndRoundTrips() throws {
        var g = TestData(state: 5)
        let n = 30
        let fit = try LinearRegression(covariance: .hc3).fit(y: g.vector(n), columns: [g.vector(n), g.vector(n)], names: ["mkt", "smb"])
        let object = try JSONSerialization.jsonObject(with: Data(fit.jsonText().utf8)) as! [String: Any]
        #expect(Set(object.keys) == Set(RegressionResult.jsonKeys))
        let coefficients = object["coefficients"] as! [String: Double]
        #expect(Set(coefficients.keys) == ["const", "mkt", "smb"])
        #expect(abs(coefficients["mkt"]! - fit.coefficients[1]) <= 1e-15 * abs(fit.coefficients[1]))
        // Full round-trip precision in the text (Foundation's JSON parser on Linux may not round-trip).
        let text = fit.jsonText()
        #expect(text.contains("\"mkt\": \(fit.coefficients[1].description)"))
        #expect(Double(fit.pValues[2].description) == fit.pValues[2])
        #expect(text.contains("\"smb\": \(fit.pValues[2].description)"))
        #expect(object["nobs"] as! Int == n)
        #expect(RegressionResult.jsonNumber(.nan) == "\"NaN\"")
        #expect(RegressionResult.jsonNumber(-.infinity) == "\"-Infinity\"")
        #expect(fit.summary(dependent: "ret").contains("HC3"))
    }
}
