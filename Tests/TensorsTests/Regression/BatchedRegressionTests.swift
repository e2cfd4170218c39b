import Foundation
import Testing
@testable import Tensors

/// Cross-sectional batches, Fama–MacBeth and rolling windows against individual fits.
@Suite(.serialized) struct BatchedRegressionTests {
    @Test func crossSectionsMatchIndividualFitsWithNaNRowsDropped() throws {
        var g = TestData(state: 21)
        var sections: [RegressionCrossSection] = []
        var expected: [RegressionResult] = []
        for t in 0..<12 {
            let n = 20 + t * 3
            var y = g.vector(n), x1 = g.vector(n), x2 = g.vector(n)
            for i in 0..<n { y[i] += 0.5 * x1[i] - Double(t) * 0.1 * x2[i] }
            if t % 3 == 0 { y[2] = .nan; x2[5] = .nan }
            sections.append(RegressionCrossSection(y: y, design: try RegressionDesign(columns: [x1, x2], names: ["b", "s"])))
            let keep = (0..<n).filter { !y[$0].isNaN && !x2[$0].isNaN }
            expected.append(try LinearRegression().fit(y: keep.map { y[$0] }, columns: [keep.map { x1[$0] }, keep.map { x2[$0] }]))
        }
        // Dates that cannot be fitted: too few rows, and an empty date.
        sections.append(RegressionCrossSection(y: [1, 2], design: try RegressionDesign(columns: [[1, 2], [3, 1]])))
        sections.append(RegressionCrossSection(y: [], design: try RegressionDesign(columns: [[], []])))
        let threadsBefore = BLAS.threads
        let fits = CrossSectionalRegression().fit(sections)
        #expect(BLAS.threads == threadsBefore)
        #expect(fits.count == 14)
        for t in 0..<12 {
            let fit = try fits[t].get()
            #expect(fit.nobs == expected[t].nobs)
            // The batch solves well-conditioned dates by corrected seminormal equations, the
            // single fit by QR: equal to rounding, not bit for bit.
            for j in 0..<3 {
                #expect(relativeDifference(fit.coefficients[j], expected[t].coefficients[j]) < 1e-12)
                #expect(relativeDifference(fit.standardErrors[j], expected[t].standardErrors[j]) < 1e-12)
                #expect(relativeDifference(fit.pValues[j], expected[t].pValues[j]) < 1e-10)
            }
            #expect(abs(fit.rSquared - expected[t].rSquared) < 1e-13)
        }
        if case .failure(.tooFewObservations) = fits[12] {} else { Issue.record("expected tooFewObservations") }
        if case .failure(.emptyInput) = fits[13] {} else { Issue.record("expected emptyInput") }

        let ok = fits.compactMap { try? $0.get() }
        let fm = CrossSectionalRegression.famaMacBeth(ok, lags: 0)
        let series = ok.map { $0.coefficients[2] }
        let mean = series.reduce(0, +) / Double(series.count)
        #expect(abs(fm.meanCoefficients[2] - mean) < 1e-15)
        let sd = (series.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(series.count)).squareRoot()
        #expect(relativeDifference(fm.standardErrors[2], sd / Double(series.count).squareRoot()) < 1e-12)
        #expect(fm.periods == [12, 12, 12])
    }

    @Test func gramFastPathOnlyForWellConditionedDesigns() throws {
        var g = TestData(state: 5)
        let n = 400
        let x1 = g.vector(n), noise = g.vector(n), e = g.vector(n)
        let x2 = (0..<n).map { x1[$0] + 1e-5 * noise[$0] }  // κ ≈ 1e5: must take the QR path
        let x3 = g.vector(n)
        var y = e
        for i in 0..<n { y[i] += 1 + 0.3 * x1[i] - 0.2 * x3[i] }
        let good = try RegressionDesign(columns: [x1, x3], names: ["a", "b"])
        let bad = try RegressionDesign(columns: [x1, x2, x3], names: ["a", "c", "b"])
        func solver(_ d: RegressionDesign) throws -> LeastSquaresSolver {
            let cols = DesignColumns(rows: n, count: d.columns + 1, storage: d.values, ones: [Double](repeating: 1, count: n))
            return try LeastSquaresSolver(n: n, p: d.columns + 1, xHi: cols, xLo: nil, tolerance: nil, normalEquations: true)
        }
        #expect(try solver(good).fromGram)
        #expect(try !solver(bad).fromGram)
        let fits = CrossSectionalRegression().fit([RegressionCrossSection(y: y, design: good), RegressionCrossSection(y: y, design: bad)])
        let single = [try LinearRegression().fit(y: y, design: good), try LinearRegression().fit(y: y, design: bad)]
        let fast = try fits[0].get(), fallback = try fits[1].get()
        for j in 0..<3 {
            #expect(relativeDifference(fast.coefficients[j], single[0].coefficients[j]) < 1e-13)
            #expect(relativeDifference(fast.standardErrors[j], single[0].standardErrors[j]) < 1e-13)
        }
        // The fallback is the single-fit QR path itself.
        #expect(fallback.coefficients == single[1].coefficients)
        #expect(fallback.standardErrors == single[1].standardErrors)
    }

    @Test func famaMacBethNeweyWestMatchesStatsmodels() throws {
        let root = try regressionResource("ols_statsmodels_reference") as! [String: Any]
        let fmRef = root["fama_macbeth"] as! [String: Any]
        let series = (fmRef["series"] as! [NSNumber]).map(\.doubleValue)
        // Wrap the series as fitted coefficients of a one-regressor model.
        let fits = try series.map { b in
            CrossSectionFit(try LinearRegression(intercept: false).fit(y: [b, 2 * b], columns: [[1, 2]]))
        }
        for ref in fmRef["results"] as! [[String: Any]] {
            let lags = ref["lags"] as! Int
            let fm = CrossSectionalRegression.famaMacBeth(fits, lags: lags)
            #expect(relativeDifference(fm.meanCoefficients[0], (ref["mean"] as! NSNumber).doubleValue) < 1e-12)
            #expect(relativeDifference(fm.standardErrors[0], (ref["bse"] as! NSNumber).doubleValue) < 1e-10, "lags \(lags)")
            #expect(relativeDifference(fm.tValues[0], (ref["tvalue"] as! NSNumber).doubleValue) < 1e-10, "lags \(lags)")
        }
    }

    @Test func rollingAndExpandingWindowsMatchIndividualFits() throws {
        var g = TestData(state: 8)
        let n = 90, w = 25
        let x1 = g.vector(n).map { $0 * 100 }, x2 = g.vector(n)
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let drift: Double = Double(i) * 0.01 * x2[i]
            y[i] = 3 + 0.02 * x1[i] + drift + g.next()
        }
        let design = try RegressionDesign(columns: [x1, x2], names: ["a", "b"])
        for expanding in [false, true] {
            for method in [RollingRegression.Method.updating, .refit] {
                let roll = try RollingRegression(window: w, expanding: expanding, method: method).fit(y: y, design: design)
                #expect(roll.coefficients.count == n - w + 1)
                for k in stride(from: 0, to: n - w + 1, by: 7) {
                    let end = w + k, start = expanding ? 0 : end - w
                    let rows = Array(start..<end)
                    let fit = try LinearRegression().fit(y: rows.map { y[$0] }, design: design.selectingRows(rows))
                    for j in 0..<3 {
                        #expect(relativeDifference(roll.coefficients[k][j], fit.coefficients[j]) < 1e-9, "\(method) \(expanding) w\(k) b\(j)")
                        #expect(relativeDifference(roll.standardErrors[k][j], fit.standardErrors[j]) < 1e-9)
                    }
                    #expect(abs(roll.rSquared[k] - fit.rSquared) < 1e-10)
                    #expect(roll.windowEnds[k] == end - 1)
                }
            }
        }
        #expect(throws: RegressionError.self) { try RollingRegression(window: 2).fit(y: y, design: design) }
    }

    @Test func rollingFallsBackToQRForIllConditionedWindows() throws {
        let n = 40
        let x1 = (0..<n).map { Double($0) }
        let x2: [Double] = x1.map { v in
            let wiggle: Double = 1e-9 * Double(Int(v) % 3)
            return v * (1 + 1e-11) + wiggle  // κ(XᵀX) ≫ 1e8
        }
        let y = (0..<n).map { Double($0 % 5) }
        let roll = try RollingRegression(window: 20).fit(y: y, design: try RegressionDesign(columns: [x1, x2]))
        #expect(roll.qrRefits > 0)
    }
}
