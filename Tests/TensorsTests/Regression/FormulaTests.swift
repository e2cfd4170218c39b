import Foundation
import Testing
@testable import Tensors

/// Formula parsing, patsy term algebra and coding, exact powers, and the errors users see.
@Suite struct FormulaTests {
    static func table(_ csv: String, source: String = "data.csv") throws -> RegressionData {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0], rows = Array(lines.dropFirst())
        return try RegressionData(header: header, fields: header.indices.map { j in rows.map { $0[j] } }, source: source,
                                  lines: rows.indices.map { $0 + 2 })
    }

    static let csv = """
    y,x,z,sector,w
    1.5,1,2.0,a,1
    2.25,2,1.5,b,2
    2.0,3,3.5,a,1
    4.5,4,2.5,c,2
    3.75,5,4.0,b,1
    6.0,6,1.0,c,2
    5.5,7,3.0,a,1
    7.25,8,2.0,b,2
    """

    func names(_ formula: String) throws -> [String] {
        try RegressionFormula(formula).design(Self.table(Self.csv)).design.names
    }

    @Test func termAlgebraAndNamesFollowPatsy() throws {
        #expect(try names("y ~ x") == ["Intercept", "x"])
        #expect(try names("y ~ x + z - 1") == ["x", "z"])
        #expect(try names("y ~ 0 + x") == ["x"])
        #expect(try names("y ~ -1 + x") == ["x"])
        #expect(try names("y ~ x - 1 + 1") == ["Intercept", "x"])
        #expect(try names("y ~ x*z") == ["Intercept", "x", "z", "x:z"])
        #expect(try names("y ~ x + x + z:x - z:x") == ["Intercept", "x"])
        #expect(try names("y ~ (x + z)**2") == ["Intercept", "x", "z", "x:z"])
        #expect(try names("y ~ x/z") == ["Intercept", "x", "x:z"])
        #expect(try names("y ~ I(x**2)+np.log(z) + numpy.exp(z)") == ["Intercept", "I(x ** 2)", "np.log(z)", "numpy.exp(z)"])
        #expect(try names("y ~ x + C(sector)") == ["Intercept", "C(sector)[T.b]", "C(sector)[T.c]", "x"])
        #expect(try names("y ~ C(sector, Treatment('b'))") == ["Intercept", "C(sector, Treatment('b'))[T.a]", "C(sector, Treatment('b'))[T.c]"])
        #expect(try names("y ~ 0 + C(sector)") == ["C(sector)[a]", "C(sector)[b]", "C(sector)[c]"])
        #expect(try names("y ~ sector:x") == ["Intercept", "sector[a]:x", "sector[b]:x", "sector[c]:x"])
        #expect(try names("y ~ poly(x, 2)") == ["Intercept", "poly(x, 2)[0]", "poly(x, 2)[1]"])
        let d = try RegressionFormula("y ~ C(sector)").design(Self.table(Self.csv))
        #expect(d.referenceLevels == ["C(sector)": "a"])
    }

    @Test func powersAndProductsAreExactDoubleDouble() throws {
        // x = 1 + 2⁻³⁰: x¹⁰ needs ~300 bits, its double-double is 1 + 10·2⁻³⁰ + 45·2⁻⁶⁰ + … to ~2⁻¹⁰⁶.
        let x = 1 + 0x1p-30
        let data = try RegressionData(columns: [("y", .numeric([1, 2, 4])), ("x", .numeric([x, 2, 3]))])
        let d = try RegressionFormula("y ~ I(x**10) + poly(x, 10)").design(data)
        let j = d.design.names.firstIndex(of: "I(x ** 10)")!, k = d.design.names.firstIndex(of: "poly(x, 10)[9]")!
        let hi = d.design.values[j * 3], lo = d.design.lowParts![j * 3]
        // hi + lo − 1 − 10·2⁻³⁰ (exact subtractions) must carry 45·2⁻⁶⁰ + 120·2⁻⁹⁰ to ~2⁻¹⁰⁰; a rounded
        // double power would be off by ~2⁻⁵³.
        let tail = ((hi - 1) - 10 * 0x1p-30) + lo
        #expect(abs(tail - (45 * 0x1p-60 + 120 * 0x1p-90)) < 0x1p-100)
        #expect(d.design.values[k * 3] == hi && d.design.lowParts![k * 3] == lo)
        // Quotients too: I(1/x) has the low part of the exact reciprocal.
        let q = try RegressionFormula("y ~ I(1/x)").design(data)
        #expect(abs((q.design.values[3 + 1] + q.design.lowParts![3 + 1]) * 2 - 1) < 1e-30)
    }

    @Test func syntaxErrorsPointAtTheProblem() {
        func position(_ formula: String) -> Int? {
            do { _ = try RegressionFormula(formula); return nil }
            catch let FormulaError.syntax(_, position, _) { return position }
            catch { return -1 }
        }
        #expect(position("y ~ x +") == 7)
        #expect(position("y ~ x + * z") == 8)
        #expect(position("y x") == 2)
        #expect(position("~ x") == 0)
        #expect(position("y ~ (x + z") == 10)
        #expect(position("y ~ x $ z") == 6)
        #expect(position("y ~ 2 + x") == 4)
        #expect(position("y ~ I(x +)") == 9)
        let message = "\(FormulaError.syntax(formula: "y ~ x +", position: 7, message: "expected a term before the end"))"
        #expect(message.hasSuffix("y ~ x +\n           ^"))
    }

    @Test func unknownColumnsFunctionsAndLevelsAreNamed() throws {
        let data = try Self.table(Self.csv)
        #expect(throws: FormulaError.unknownColumn(name: "q", formula: "y ~ x + log(q)", position: 12,
                                                   available: ["y", "x", "z", "sector", "w"])) {
            try LinearRegression().fit(formula: "y ~ x + log(q)", data: data)
        }
        #expect(throws: FormulaError.unknownFunction(name: "tan", formula: "y ~ tan(x)", position: 4)) {
            try LinearRegression().fit(formula: "y ~ tan(x)", data: data)
        }
        #expect(throws: FormulaError.unknownLevel(factor: "C(sector, Treatment('z'))", level: "z", levels: ["a", "b", "c"])) {
            try LinearRegression().fit(formula: "y ~ C(sector, Treatment('z'))", data: data)
        }
        #expect(throws: FormulaError.textColumn(name: "sector")) {
            try LinearRegression().fit(formula: "y ~ I(sector * 2)", data: data)
        }
    }

    @Test func badFieldsNameFileLineAndColumn() throws {
        // One text cell in a numeric column: an error naming it, also for the default regressors.
        let typo = try Self.table(Self.csv.replacingOccurrences(of: "4.5,4,2.5", with: "4.5,4,2.5x"), source: "f.csv")
        let expected = FormulaError.nonNumericValue(column: "z", source: "f.csv", line: 5, text: "2.5x")
        #expect(throws: expected) { try OLSSpecification(response: "y").fit(typo) }
        #expect(throws: expected) { try OLSSpecification(response: "y", regressors: ["x", "z"]).fit(typo) }
        #expect(throws: expected) { try OLSSpecification(formula: "y ~ x + z").fit(typo) }
        let missing = try Self.table(Self.csv.replacingOccurrences(of: "6.0,6,1.0", with: "6.0,,1.0"), source: "f.csv")
        // NaN ≠ NaN, so compare the message.
        #expect(throws: (any Error).self) { try OLSSpecification(formula: "y ~ x").fit(missing) }
        do { _ = try OLSSpecification(formula: "y ~ x").fit(missing) } catch {
            #expect("\(error)" == "f.csv:7: 'x' has non-finite value NaN (missing)")
        }
        #expect(throws: FormulaError.nonFiniteValue(column: "np.log(x - 1)", source: "data.csv", line: 2, value: -.infinity)) {
            try OLSSpecification(formula: "y ~ np.log(x - 1)").fit(Self.table(Self.csv))
        }
    }

    @Test func constantResponseAndSingularDesignsAreReported() throws {
        let data = try Self.table(Self.csv)
        let constant = try RegressionData(columns: [("y", .numeric([2, 2, 2, 2])), ("x", .numeric([1, 2, 3, 5]))])
        #expect(throws: FormulaError.constantResponse(name: "y")) { try OLSSpecification(formula: "y ~ x").fit(constant) }
        #expect(throws: FormulaError.constantResponse(name: "y")) { try OLSSpecification(response: "y").fit(constant) }
        // The library documents NaN for R² and F instead (no −inf, no negative F).
        let fit = try LinearRegression().fit(y: [2, 2, 2, 2], columns: [[1, 2, 3, 5]])
        #expect(fit.rSquared.isNaN && fit.adjustedRSquared.isNaN && fit.fStatistic.isNaN && fit.fPValue.isNaN)
        #expect(abs(fit.coefficients[0] - 2) < 1e-14 && abs(fit.coefficients[1]) < 1e-14)
        #expect(throws: FormulaError.singularDesign(aliased: ["I(2 * x)"])) {
            try OLSSpecification(formula: "y ~ x + I(2 * x)").fit(data)
        }
        #expect(throws: FormulaError.singularDesign(aliased: ["z2"])) {
            let d = try RegressionData(columns: [("y", .numeric([1, 3, 2, 5, 4])), ("z", .numeric([1, 2, 3, 4, 6])),
                                                 ("z2", .numeric([2, 4, 6, 8, 12]))])
            return try OLSSpecification(response: "y").fit(d)
        }
    }

    @Test func summaryFieldsNeverRunTogether() throws {
        // t ≈ 30 on 398 df: a p-value below 1e-99 prints as wide as its column ("1.23e-115").
        let n = 400
        let x = (0..<n).map { Double($0) }
        let y = x.map { $0 + 100 * Foundation_sin(1.7 * $0) }
        let text = try LinearRegression().fit(y: y, columns: [x]).summary()
        let row = text.split(separator: "\n").first { $0.hasPrefix("x1") }!
        let fields = row.split(separator: " ", omittingEmptySubsequences: true)
        #expect(fields.count == 7, "\(row)")
        #expect(fields[4].contains("e-"), "the p-value should print in scientific notation: \(row)")
    }
}
