import Foundation

/// Distribution functions needed for significance tests and parametric risk.
extension Statistics {
    /// Regularised incomplete beta function I_x(a, b), for a, b > 0 and 0 ≤ x ≤ 1.
    ///
    /// Continued fraction (modified Lentz), evaluated on the side where it converges fast;
    /// accurate to ~1e-14 relative. NaN for arguments outside the domain.
    public static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        guard a > 0, b > 0, x >= 0, x <= 1, !x.isNaN else { return .nan }
        if x == 0 { return 0 }
        if x == 1 { return 1 }
        let lnFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(lnFront) * betaContinuedFraction(x, a, b) / a
        }
        let lnFrontSym = lgamma(a + b) - lgamma(a) - lgamma(b) + b * log1p(-x) + a * log(x)
        return 1 - exp(lnFrontSym) * betaContinuedFraction(1 - x, b, a) / b
    }

    private static func betaContinuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300, eps = 1e-16
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let md = Double(m), m2 = 2 * md
            var aa = md * (b - md) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d; h *= d * c
            aa = -(a + md) * (qab + md) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < eps { break }
        }
        return h
    }

    /// Student-t cumulative distribution function P(T ≤ t) with `df` > 0 degrees of freedom.
    public static func studentTCDF(_ t: Double, df: Double) -> Double {
        guard df > 0, !t.isNaN else { return .nan }
        if t == .infinity { return 1 }
        if t == -.infinity { return 0 }
        let x = df / (df + t * t)
        let tail = 0.5 * regularizedIncompleteBeta(x, a: df / 2, b: 0.5)
        return t > 0 ? 1 - tail : tail
    }

    /// Two-sided p-value P(|T| ≥ |t|) of a Student-t statistic (computed without cancellation).
    public static func studentTTwoSidedP(_ t: Double, df: Double) -> Double {
        guard df > 0, !t.isNaN else { return .nan }
        if t.isInfinite { return 0 }
        return regularizedIncompleteBeta(df / (df + t * t), a: df / 2, b: 0.5)
    }

    /// Standard normal CDF Φ(z).
    public static func normalCDF(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    /// Standard normal density φ(z).
    public static func normalPDF(_ z: Double) -> Double { exp(-0.5 * z * z) / (2 * Double.pi).squareRoot() }

    /// Standard normal quantile Φ⁻¹(p) for 0 < p < 1 (±inf at 0 and 1, NaN outside).
    ///
    /// Acklam's rational approximation refined by one Halley step on `erfc`: ~1e-15 relative.
    public static func normalQuantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        // Work in the lower tail, where p carries full relative precision (1 − p is exact here).
        if p > 0.5 { return -normalQuantile(1 - p) }
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let pLow = 0.02425
        var x: Double
        if p < pLow {
            let q = (-2 * log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
                ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - pLow {
            let q = p - 0.5, r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
                (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * log1p(-p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
                ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        // Halley refinement.
        let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }

    /// One-sample t-test of mean 0 on the non-NaN values (scipy `ttest_1samp` after dropping NaN):
    /// t = mean / (s / √n) with s of ddof 1, two-sided p with n − 1 degrees of freedom.
    /// NaN for fewer than 2 values; ±inf (p = 0) for zero dispersion with a non-zero mean.
    public static func oneSampleTTest<C: Collection>(_ x: C) -> (t: Double, p: Double) where C.Element == Double {
        let v = dropNaN(x)
        let n = v.count
        guard n >= 2 else { return (.nan, .nan) }
        let m = mean(v), s = standardDeviation(v, ddof: 1)
        let t = m / (s / Double(n).squareRoot())
        return (t, studentTTwoSidedP(t, df: Double(n - 1)))
    }

    /// Significance of a correlation r from n pairs: t = r·√((n − 2)/(1 − r²)) and its two-sided
    /// p-value with n − 2 degrees of freedom (scipy `pearsonr`/`spearmanr`). NaN for n < 3.
    public static func correlationTTest(r: Double, n: Int) -> (t: Double, p: Double) {
        guard n >= 3, !r.isNaN else { return (.nan, .nan) }
        let df = Double(n - 2)
        if abs(r) >= 1 { return (r > 0 ? .infinity : -.infinity, 0) }
        let t = r * (df / ((1 - r) * (1 + r))).squareRoot()
        return (t, studentTTwoSidedP(t, df: df))
    }
}
