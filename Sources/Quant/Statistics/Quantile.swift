import Foundation

/// How a sample quantile is interpolated between order statistics; the names and
/// definitions are numpy's (`np.quantile(method=…)`), with Hyndman & Fan types in parentheses.
public enum QuantileMethod: String, CaseIterable, Sendable {
    /// H&F 1: the smallest value whose empirical CDF is ≥ p.
    case invertedCDF = "inverted_cdf"
    /// H&F 2: like `invertedCDF`, averaging at discontinuities.
    case averagedInvertedCDF = "averaged_inverted_cdf"
    /// H&F 3: nearest even order statistic.
    case closestObservation = "closest_observation"
    /// H&F 4: linear interpolation of the empirical CDF.
    case interpolatedInvertedCDF = "interpolated_inverted_cdf"
    /// H&F 5: piecewise linear with knots at (k − ½)/n.
    case hazen
    /// H&F 6: knots at k/(n + 1).
    case weibull
    /// H&F 7 (numpy and R default): knots at (k − 1)/(n − 1).
    case linear
    /// H&F 8: approximately median-unbiased.
    case medianUnbiased = "median_unbiased"
    /// H&F 9: approximately unbiased for normal data.
    case normalUnbiased = "normal_unbiased"
    /// `linear`'s index rounded down.
    case lower
    /// `linear`'s index rounded up.
    case higher
    /// `linear`'s index rounded half to even.
    case nearest
    /// Mean of `lower` and `higher`.
    case midpoint
}

extension Statistics {
    /// The `p`-quantile (0 ≤ p ≤ 1) of the non-NaN values of `x` with numpy's `method`.
    ///
    /// NaN when there are no values. `p` outside [0, 1] or NaN is a programmer error
    /// (validate user input first); it traps with a message naming the value.
    public static func quantile<C: Collection>(_ x: C, _ p: Double, method: QuantileMethod = .linear) -> Double
    where C.Element == Double {
        var v = dropNaN(x)
        v.sort()
        return quantile(sorted: v, p, method: method)
    }

    /// As ``quantile(_:_:method:)`` on values already sorted ascending with no NaN.
    public static func quantile(sorted v: [Double], _ p: Double, method: QuantileMethod = .linear) -> Double {
        precondition(p >= 0 && p <= 1, "quantile probability \(p) is outside [0, 1]")
        let n = v.count
        guard n > 0 else { return .nan }
        let nd = Double(n)
        func at(_ i: Double) -> Double { v[Swift.min(Swift.max(Int(i), 0), n - 1)] }
        func interpolate(_ h: Double) -> Double {
            // numpy: virtual index h (0-based), clipped to [0, n−1], gamma = h − ⌊h⌋.
            if h <= 0 { return v[0] }
            if h >= nd - 1 { return v[n - 1] }
            let lo = h.rounded(.down)
            let g = h - lo
            let a = at(lo), b = at(lo + 1)
            return g == 0 ? a : a + g * (b - a)
        }
        func continuous(alpha: Double, beta: Double) -> Double {
            interpolate(nd * p + (alpha + p * (1 - alpha - beta)) - 1)
        }
        switch method {
        case .linear: return interpolate((nd - 1) * p)
        case .interpolatedInvertedCDF: return continuous(alpha: 0, beta: 1)
        case .hazen: return continuous(alpha: 0.5, beta: 0.5)
        case .weibull: return continuous(alpha: 0, beta: 0)
        case .medianUnbiased: return continuous(alpha: 1.0 / 3, beta: 1.0 / 3)
        case .normalUnbiased: return continuous(alpha: 3.0 / 8, beta: 3.0 / 8)
        case .invertedCDF:
            let h = nd * p - 1
            let lo = h.rounded(.down)
            return at(h - lo == 0 ? lo : lo + 1)
        case .averagedInvertedCDF:
            let h = nd * p - 1
            let lo = h.rounded(.down)
            if h - lo == 0 { return 0.5 * (at(lo) + at(lo + 1)) }
            return at(lo + 1)
        case .closestObservation:
            let h = nd * p - 1 - 0.5
            let lo = h.rounded(.down)
            let useLower = (h - lo == 0) && Int(lo) % 2 == 1
            return at(useLower ? lo : lo + 1)
        case .lower: return at(((nd - 1) * p).rounded(.down))
        case .higher: return at(((nd - 1) * p).rounded(.up))
        case .nearest: return at(((nd - 1) * p).rounded(.toNearestOrEven))
        case .midpoint:
            let h = (nd - 1) * p
            return 0.5 * (at(h.rounded(.down)) + at(h.rounded(.up)))
        }
    }
}
