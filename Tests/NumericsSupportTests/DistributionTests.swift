import NumericsSupport
import TestSupport
import Testing

/// Distributions against scipy (Resources/numerics_reference.json), including extreme tails,
/// plus identities and edge cases that hold exactly.
@Suite struct DistributionTests {
    /// Relative difference from the scipy value within `tol`, reporting both values on failure.
    func check(_ got: Double, _ want: Double, tol: Double, _ label: String,
               sourceLocation: SourceLocation = #_sourceLocation) {
        let d = relativeDifference(got, want)
        #expect(d <= tol, "\(label): got \(got), scipy \(want), relative difference \(d)", sourceLocation: sourceLocation)
    }

    @Test func incompleteBetaMatchesScipy() throws {
        for row in try ReferenceValues.rows("incomplete_beta") {
            let a = try ReferenceValues.number(row, "a"), b = try ReferenceValues.number(row, "b")
            let x = try ReferenceValues.number(row, "x")
            let i = try ReferenceValues.number(row, "i"), ic = try ReferenceValues.number(row, "ic")
            let label = "I_\(x)(\(a), \(b))"
            // log B(a, b) from three log Γ values loses digits to cancellation once a or b is large.
            let tol = max(a, b) >= 1000 ? 1e-10 : 1e-12
            check(IncompleteBeta.regularized(a: a, b: b, x: x), i, tol: tol, "\(label)")
            check(IncompleteBeta.regularizedComplement(a: a, b: b, x: x, complement: 1 - x), ic, tol: tol, "1 − \(label)")
        }
    }

    @Test func incompleteBetaEdges() {
        #expect(IncompleteBeta.regularized(a: 2, b: 3, x: 0) == 0)
        #expect(IncompleteBeta.regularized(a: 2, b: 3, x: 1) == 1)
        #expect(IncompleteBeta.regularized(a: 0, b: 3, x: 0.5).isNaN)
        #expect(IncompleteBeta.regularized(a: 2, b: -1, x: 0.5).isNaN)
        #expect(IncompleteBeta.regularized(a: 2, b: 3, x: 1.5).isNaN)
        #expect(IncompleteBeta.regularized(a: 2, b: 3, x: -0.1).isNaN)
        #expect(IncompleteBeta.regularized(a: 2, b: 3, x: .nan).isNaN)
        // I_x(1, 1) = x and I_x(a, 1) = xᵃ, exactly known.
        #expect(close(IncompleteBeta.regularized(a: 1, b: 1, x: 0.3), 0.3, rtol: 1e-15))
        #expect(close(IncompleteBeta.regularized(a: 3, b: 1, x: 0.5), 0.125, rtol: 1e-15))
    }

    @Test func studentTMatchesScipy() throws {
        for row in try ReferenceValues.rows("student_t") {
            let t = try ReferenceValues.number(row, "t"), df = try ReferenceValues.number(row, "df")
            let label = "t=\(t) df=\(df)"
            // Same log Γ cancellation for huge ν (documented on ``StudentT``): 2e-10 at ν = 10⁶.
            let tol = df >= 1e5 ? 1e-9 : 1e-11
            check(StudentT.cdf(t, df: df), try ReferenceValues.number(row, "cdf"), tol: tol, "cdf \(label)")
            check(StudentT.sf(t, df: df), try ReferenceValues.number(row, "sf"), tol: tol, "sf \(label)")
            check(StudentT.twoSidedP(t, df: df), try ReferenceValues.number(row, "two_sided"), tol: tol, "two-sided \(label)")
            check(StudentT.pdf(t, df: df), try ReferenceValues.number(row, "pdf"), tol: tol, "pdf \(label)")
        }
        for row in try ReferenceValues.rows("student_t_quantile") {
            let p = try ReferenceValues.number(row, "p"), df = try ReferenceValues.number(row, "df")
            check(StudentT.quantile(p, df: df), try ReferenceValues.number(row, "q"), tol: 1e-11, "ppf p=\(p) df=\(df)")
        }
    }

    @Test func studentTEdges() {
        #expect(StudentT.cdf(.infinity, df: 3) == 1 && StudentT.cdf(-.infinity, df: 3) == 0)
        #expect(StudentT.sf(.infinity, df: 3) == 0 && StudentT.twoSidedP(-.infinity, df: 3) == 0)
        #expect(StudentT.twoSidedP(0, df: 7) == 1 && StudentT.cdf(0, df: 7) == 0.5)
        #expect(StudentT.cdf(1, df: 0).isNaN && StudentT.cdf(1, df: -2).isNaN && StudentT.cdf(.nan, df: 3).isNaN)
        #expect(StudentT.quantile(0, df: 4) == -.infinity && StudentT.quantile(1, df: 4) == .infinity)
        #expect(StudentT.quantile(1.2, df: 4).isNaN && StudentT.quantile(0.5, df: 4) == 0)
        // ν = ∞ is the standard normal; ν = 1 is Cauchy: P(T ≤ 1) = 3/4.
        #expect(StudentT.twoSidedP(1.5, df: .infinity) == StandardNormal.twoSidedP(1.5))
        #expect(close(StudentT.cdf(1, df: 1), 0.75, rtol: 1e-15))
        // Symmetry and the quantile inverting the cdf.
        #expect(StudentT.cdf(-2.3, df: 6) == StudentT.sf(2.3, df: 6))
        #expect(close(StudentT.cdf(StudentT.quantile(0.9, df: 6), df: 6), 0.9, rtol: 1e-14))
    }

    @Test func fMatchesScipy() throws {
        for row in try ReferenceValues.rows("f") {
            let f = try ReferenceValues.number(row, "f")
            let d1 = try ReferenceValues.number(row, "df1"), d2 = try ReferenceValues.number(row, "df2")
            let label = "F=\(f) (\(d1), \(d2))"
            check(FDistribution.cdf(f, df1: d1, df2: d2), try ReferenceValues.number(row, "cdf"), tol: 1e-11, "cdf \(label)")
            check(FDistribution.sf(f, df1: d1, df2: d2), try ReferenceValues.number(row, "sf"), tol: 1e-11, "sf \(label)")
        }
    }

    @Test func fEdges() {
        #expect(FDistribution.sf(0, df1: 2, df2: 3) == 1 && FDistribution.cdf(0, df1: 2, df2: 3) == 0)
        #expect(FDistribution.sf(-1, df1: 2, df2: 3) == 1 && FDistribution.cdf(.infinity, df1: 2, df2: 3) == 1)
        #expect(FDistribution.sf(.infinity, df1: 2, df2: 3) == 0)
        #expect(FDistribution.sf(1, df1: 0, df2: 3).isNaN && FDistribution.cdf(.nan, df1: 2, df2: 3).isNaN)
        // F(1, ν) is the square of t(ν): P(F > t²) = P(|T| > t).
        #expect(close(FDistribution.sf(2.5 * 2.5, df1: 1, df2: 9), StudentT.twoSidedP(2.5, df: 9), rtol: 1e-13))
    }

    @Test func normalMatchesScipy() throws {
        for row in try ReferenceValues.rows("normal") {
            let z = try ReferenceValues.number(row, "z")
            check(StandardNormal.cdf(z), try ReferenceValues.number(row, "cdf"), tol: 1e-13, "cdf \(z)")
            check(StandardNormal.sf(z), try ReferenceValues.number(row, "sf"), tol: 1e-13, "sf \(z)")
            check(StandardNormal.pdf(z), try ReferenceValues.number(row, "pdf"), tol: 1e-13, "pdf \(z)")
            check(StandardNormal.twoSidedP(z), try ReferenceValues.number(row, "two_sided"), tol: 1e-13, "2-sided \(z)")
        }
        for row in try ReferenceValues.rows("normal_quantile") {
            let p = try ReferenceValues.number(row, "p")
            check(StandardNormal.quantile(p), try ReferenceValues.number(row, "q"), tol: 1e-13, "ppf \(p)")
        }
        #expect(StandardNormal.quantile(0) == -.infinity && StandardNormal.quantile(1) == .infinity)
        #expect(StandardNormal.quantile(-0.1).isNaN && StandardNormal.twoSidedP(.nan).isNaN)
    }
}
