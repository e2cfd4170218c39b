import Foundation

/// Shared numeric helpers for the quant toolkit: moments, medians, quantiles, ranks,
/// correlations and distribution functions.
///
/// Conventions (see Docs/IC.md and CONVENTIONS.md §2–3): NaN marks a missing value and is
/// skipped by every moment statistic here; an empty sample gives NaN, never a crash.
/// Callers that must reject ±inf (IC, returns) check for it before calling.
public enum Statistics {
    /// The non-NaN values of `x`, in order.
    @inlinable
    public static func dropNaN<C: Collection>(_ x: C) -> [Double] where C.Element == Double {
        x.filter { !$0.isNaN }
    }

    /// Arithmetic mean of the non-NaN values; NaN when there are none.
    public static func mean<C: Collection>(_ x: C) -> Double where C.Element == Double {
        var sum = 0.0, n = 0
        for v in x where !v.isNaN { sum += v; n += 1 }
        guard n > 0 else { return .nan }
        // Second pass removes most of the rounding of a naive sum (as numpy's pairwise sum would).
        let m = sum / Double(n)
        guard m.isFinite else { return m }
        var corr = 0.0
        for v in x where !v.isNaN { corr += v - m }
        return m + corr / Double(n)
    }

    /// Variance of the non-NaN values with `ddof` delta degrees of freedom (divisor n − ddof).
    ///
    /// NaN when fewer than `ddof + 1` values remain. Exactly 0 when all values are equal
    /// (an exact `max == min` test, so a constant series never yields a 1e-34 residue).
    public static func variance<C: Collection>(_ x: C, ddof: Int = 1) -> Double where C.Element == Double {
        var n = 0, lo = Double.infinity, hi = -Double.infinity
        for v in x where !v.isNaN { n += 1; lo = min(lo, v); hi = max(hi, v) }
        guard n > ddof, n > 0 else { return .nan }
        if lo == hi { return lo.isFinite ? 0 : .nan }
        let m = mean(x)
        var ss = 0.0, s = 0.0
        for v in x where !v.isNaN { let d = v - m; ss += d * d; s += d }
        // Corrected two-pass formula (Chan, Golub & LeVeque).
        return (ss - s * s / Double(n)) / Double(n - ddof)
    }

    /// Standard deviation of the non-NaN values with `ddof` (1 = sample, 0 = population).
    public static func standardDeviation<C: Collection>(_ x: C, ddof: Int = 1) -> Double where C.Element == Double {
        variance(x, ddof: ddof).squareRoot()
    }

    /// Skewness of the non-NaN values: biased moment estimator `m3 / m2^1.5`
    /// (scipy.stats.skew default, `bias=True`). NaN for fewer than 1 value or zero dispersion.
    public static func skewness<C: Collection>(_ x: C) -> Double where C.Element == Double {
        let v = dropNaN(x)
        guard !v.isEmpty else { return .nan }
        let m = mean(v)
        var m2 = 0.0, m3 = 0.0
        for e in v { let d = e - m; m2 += d * d; m3 += d * d * d }
        m2 /= Double(v.count); m3 /= Double(v.count)
        if v.min() == v.max() { return .nan }
        return m3 / pow(m2, 1.5)
    }

    /// Excess kurtosis of the non-NaN values: biased `m4 / m2² − 3`
    /// (scipy.stats.kurtosis default, `fisher=True, bias=True`). NaN for zero dispersion.
    public static func excessKurtosis<C: Collection>(_ x: C) -> Double where C.Element == Double {
        let v = dropNaN(x)
        guard !v.isEmpty else { return .nan }
        let m = mean(v)
        var m2 = 0.0, m4 = 0.0
        for e in v { let d = e - m; let d2 = d * d; m2 += d2; m4 += d2 * d2 }
        m2 /= Double(v.count); m4 /= Double(v.count)
        if v.min() == v.max() { return .nan }
        return m4 / (m2 * m2) - 3
    }

    /// Median of the non-NaN values (mean of the two middle values for an even count); NaN if none.
    public static func median<C: Collection>(_ x: C) -> Double where C.Element == Double {
        var v = dropNaN(x)
        return medianInPlace(&v)
    }

    /// Median of `v`, which must hold no NaN; reorders `v`. NaN when empty.
    public static func medianInPlace(_ v: inout [Double]) -> Double {
        let n = v.count
        guard n > 0 else { return .nan }
        v.sort()
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2])
    }

    /// Median absolute deviation about the median of the non-NaN values, unscaled
    /// (multiply by 1.4826 for a normal-consistent estimate). NaN if there are no values.
    public static func medianAbsoluteDeviation<C: Collection>(_ x: C) -> Double where C.Element == Double {
        var v = dropNaN(x)
        let med = medianInPlace(&v)
        guard !med.isNaN else { return .nan }
        var dev = v.map { abs($0 - med) }
        return medianInPlace(&dev)
    }
}
