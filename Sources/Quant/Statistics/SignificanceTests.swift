import NumericsSupport

/// Significance tests on samples (the distributions themselves live in NumericsSupport).
extension Statistics {
    /// One-sample t-test of mean 0 on the non-NaN values (scipy `ttest_1samp` after dropping NaN):
    /// t = mean / (s / √n) with s of ddof 1, two-sided p with n − 1 degrees of freedom.
    /// NaN for fewer than 2 values; ±inf (p = 0) for zero dispersion with a non-zero mean.
    public static func oneSampleTTest<C: Collection>(_ x: C) -> (t: Double, p: Double) where C.Element == Double {
        let v = dropNaN(x)
        let n = v.count
        guard n >= 2 else { return (.nan, .nan) }
        let m = mean(v), s = standardDeviation(v, ddof: 1)
        let t = m / (s / Double(n).squareRoot())
        return (t, StudentT.twoSidedP(t, df: Double(n - 1)))
    }

    /// Significance of a correlation r from n pairs: t = r·√((n − 2)/(1 − r²)) and its two-sided
    /// p-value with n − 2 degrees of freedom (scipy `pearsonr`/`spearmanr`). NaN for n < 3.
    public static func correlationTTest(r: Double, n: Int) -> (t: Double, p: Double) {
        guard n >= 3, !r.isNaN else { return (.nan, .nan) }
        let df = Double(n - 2)
        if abs(r) >= 1 { return (r > 0 ? .infinity : -.infinity, 0) }
        let t = r * (df / ((1 - r) * (1 + r))).squareRoot()
        return (t, StudentT.twoSidedP(t, df: df))
    }
}
