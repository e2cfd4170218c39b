import RealModule

/// Distribution functions used for regression inference (Student t, F, normal).
///
/// Tail probabilities are computed directly (never as `1 − cdf`) so tiny p-values keep
/// their relative accuracy. The regularised incomplete beta uses the continued fraction
/// of Numerical Recipes §6.4 evaluated by the modified Lentz method.
public enum StatisticalDistributions {
    /// log B(a, b).
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        Double.logGamma(a) + Double.logGamma(b) - Double.logGamma(a + b)
    }

    /// Continued fraction for I_x(a,b) (converges fast for x < (a+1)/(a+b+2)).
    private static func betaContinuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) <= 1e-16 { break }
        }
        return h
    }

    /// The regularised incomplete beta I_x(a, b), given `x` and `y = 1 − x` (both, to avoid cancellation).
    public static func regularizedIncompleteBeta(a: Double, b: Double, x: Double, y: Double) -> Double {
        precondition(a > 0 && b > 0, "regularizedIncompleteBeta: a, b must be positive")
        if x <= 0 { return 0 }
        if y <= 0 { return 1 }
        let logFront = a * Double.log(x) + b * Double.log(y) - logBeta(a, b)
        if x < (a + 1) / (a + b + 2) {
            return Double.exp(logFront) * betaContinuedFraction(a, b, x) / a
        } else {
            return 1 - Double.exp(logFront) * betaContinuedFraction(b, a, y) / b
        }
    }

    /// The complement 1 − I_x(a, b) = I_y(b, a), computed without cancellation.
    public static func regularizedIncompleteBetaComplement(a: Double, b: Double, x: Double, y: Double) -> Double {
        regularizedIncompleteBeta(a: b, b: a, x: y, y: x)
    }

    // MARK: Student t

    /// P(|T| > |t|) for T ~ t(ν): `I_{ν/(ν+t²)}(ν/2, 1/2)`.
    public static func studentTTwoSidedPValue(_ t: Double, df: Double) -> Double {
        if t.isNaN || df.isNaN || df <= 0 { return .nan }
        if t.isInfinite { return 0 }
        if df.isInfinite { return normalTwoSidedPValue(t) }
        let t2 = t * t
        let x = df / (df + t2), y = t2 / (df + t2)
        return regularizedIncompleteBeta(a: df / 2, b: 0.5, x: x, y: y)
    }

    /// P(T > t) for T ~ t(ν).
    public static func studentTSurvival(_ t: Double, df: Double) -> Double {
        let half = 0.5 * studentTTwoSidedPValue(t, df: df)
        return t >= 0 ? half : 1 - half
    }

    /// The density of t(ν).
    static func studentTDensity(_ t: Double, df: Double) -> Double {
        let logNorm = Double.logGamma((df + 1) / 2) - Double.logGamma(df / 2) - 0.5 * Double.log(df * Double.pi)
        return Double.exp(logNorm - (df + 1) / 2 * Double.log(onePlus: t * t / df))
    }

    /// The `p` quantile of t(ν) (inverse CDF), by safeguarded Newton iteration on the upper tail.
    public static func studentTQuantile(_ p: Double, df: Double) -> Double {
        if p.isNaN || df.isNaN || df <= 0 || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if df.isInfinite { return normalQuantile(p) }
        // Solve S(t) = q with q the smaller tail, t > 0, then restore the sign.
        let q = min(p, 1 - p)
        var t = abs(normalQuantile(q))
        if df < 5 || t > 5 {  // heavy tails: start from the tail asymptote, safe for Newton in log space
            let logC = Double.logGamma((df + 1) / 2) - Double.logGamma(df / 2) - 0.5 * Double.log(df * .pi)
            // S(t) ≈ C ν^((ν−1)/2) t^(−ν) for large t
            let start = Double.exp((logC + (df - 1) / 2 * Double.log(df) - Double.log(q * df)) / df)
            t = max(t, start)
        }
        var lo = 0.0, hi = Double.infinity
        for _ in 0..<200 {
            let s = 0.5 * studentTTwoSidedPValue(t, df: df)
            if s > q { lo = t } else { hi = t }
            // Newton on log S(t): f = log S − log q, f' = −pdf/S.
            let dens = studentTDensity(t, df: df)
            var next = t + (Double.log(s) - Double.log(q)) * s / dens
            if !(next > lo && next < hi) || !next.isFinite {
                next = hi.isFinite ? 0.5 * (lo + hi) : 2 * max(t, 1)
            }
            if abs(next - t) <= 4 * Double.ulpOfOne * t { t = next; break }
            t = next
        }
        return p < 0.5 ? -t : t
    }

    // MARK: F

    /// P(F > f) for F ~ F(d₁, d₂): `I_{d₂/(d₂+d₁f)}(d₂/2, d₁/2)`.
    public static func fSurvival(_ f: Double, df1: Double, df2: Double) -> Double {
        if f.isNaN || df1.isNaN || df2.isNaN || df1 <= 0 || df2 <= 0 { return .nan }
        if f <= 0 { return 1 }
        if f.isInfinite { return 0 }
        let denom = df2 + df1 * f
        return regularizedIncompleteBeta(a: df2 / 2, b: df1 / 2, x: df2 / denom, y: df1 * f / denom)
    }

    // MARK: Normal

    /// P(|Z| > |z|) for Z ~ N(0, 1).
    public static func normalTwoSidedPValue(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        return Double.erfc(abs(z) / 2.0.squareRoot())
    }

    /// Φ(z).
    public static func normalCDF(_ z: Double) -> Double { 0.5 * Double.erfc(-z / 2.0.squareRoot()) }

    /// Φ⁻¹(p): Acklam's rational approximation polished by Halley steps on erfc.
    public static func normalQuantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
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
            let q = (-2 * Double.log(p)).squareRoot()
            x = (((((c[0]*q+c[1])*q+c[2])*q+c[3])*q+c[4])*q+c[5]) / ((((d[0]*q+d[1])*q+d[2])*q+d[3])*q+1)
        } else if p <= 1 - pLow {
            let q = p - 0.5, r = q * q
            x = (((((a[0]*r+a[1])*r+a[2])*r+a[3])*r+a[4])*r+a[5])*q / (((((b[0]*r+b[1])*r+b[2])*r+b[3])*r+b[4])*r+1)
        } else {
            let q = (-2 * Double.log(onePlus: -p)).squareRoot()
            x = -(((((c[0]*q+c[1])*q+c[2])*q+c[3])*q+c[4])*q+c[5]) / ((((d[0]*q+d[1])*q+d[2])*q+d[3])*q+1)
        }
        for _ in 0..<3 {
            // Work with the smaller tail to keep relative accuracy.
            let e: Double
            if x < 0 { e = 0.5 * Double.erfc(-x / 2.0.squareRoot()) - p }
            else { e = (1 - p) - 0.5 * Double.erfc(x / 2.0.squareRoot()) }
            let u = e * (2 * Double.pi).squareRoot() * Double.exp(x * x / 2)
            x -= u / (1 + x * u / 2)
        }
        return x
    }
}
