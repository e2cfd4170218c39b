/// The F distribution with `df1` (numerator) and `df2` (denominator) degrees of freedom.
///
/// Both tails are incomplete-beta values with the complement passed exactly:
/// P(F ≤ f) = I_{d₁f/(d₁f+d₂)}(d₁/2, d₂/2) and P(F > f) = I_{d₂/(d₂+d₁f)}(d₂/2, d₁/2).
/// Every function returns NaN when an argument is NaN or a degree of freedom is ≤ 0.
public enum FDistribution {
    /// The survival function P(F > f): 1 for f ≤ 0, 0 at f = +∞ (the p-value of an F test).
    public static func sf(_ f: Double, df1: Double, df2: Double) -> Double {
        if f.isNaN || df1.isNaN || df2.isNaN || df1 <= 0 || df2 <= 0 { return .nan }
        if f <= 0 { return 1 }
        if f.isInfinite { return 0 }
        let denom = df2 + df1 * f
        return IncompleteBeta.regularized(a: df2 / 2, b: df1 / 2, x: df2 / denom, complement: df1 * f / denom)
    }

    /// The cumulative distribution function P(F ≤ f): 0 for f ≤ 0, 1 at f = +∞.
    public static func cdf(_ f: Double, df1: Double, df2: Double) -> Double {
        if f.isNaN || df1.isNaN || df2.isNaN || df1 <= 0 || df2 <= 0 { return .nan }
        if f <= 0 { return 0 }
        if f.isInfinite { return 1 }
        let denom = df2 + df1 * f
        return IncompleteBeta.regularized(a: df1 / 2, b: df2 / 2, x: df1 * f / denom, complement: df2 / denom)
    }
}
