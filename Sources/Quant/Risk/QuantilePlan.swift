import Foundation

// `QuantileMethod` (numpy's method names) is defined in Sources/Quant/Statistics/Quantile.swift.
// The risk metrics add the exact numpy position arithmetic below, so that discontinuous methods
// pick the same order statistic as numpy at boundary cases (verified on every numpy method in
// quant_reference.json).

/// The positions (0-based order statistics) and weight a quantile needs.
struct QuantilePlan {
    var lower: Int
    var upper: Int
    /// Weight of `upper`; the quantile is `lerp(x[lower], x[upper], gamma)`.
    var gamma: Double
}

extension QuantileMethod {
    /// numpy's `_compute_virtual_index`.
    private static func virtualIndex(_ n: Double, _ q: Double, _ alpha: Double, _ beta: Double) -> Double {
        n * q + (alpha + q * (1 - alpha - beta)) - 1
    }

    /// The order statistics and interpolation weight for probability `q` in a sample of `n ≥ 1` values.
    func plan(count n: Int, probability q: Double) -> QuantilePlan {
        let nd = Double(n)
        func discrete(_ index: Double, _ takePrevious: (Double, Double) -> Bool) -> QuantilePlan {
            let previous = index.rounded(.down)
            let gamma = index - previous
            var i = takePrevious(gamma, index) ? Int(previous) : Int(previous) + 1
            i = min(max(i, 0), n - 1)
            return QuantilePlan(lower: i, upper: i, gamma: 0)
        }
        func integer(_ i: Int) -> QuantilePlan {
            let j = min(max(i, 0), n - 1)
            return QuantilePlan(lower: j, upper: j, gamma: 0)
        }
        func continuous(_ v: Double, fixGamma: (Double, Double) -> Double = { g, _ in g }) -> QuantilePlan {
            if v.isNaN || v >= nd - 1 { return QuantilePlan(lower: n - 1, upper: n - 1, gamma: 0) }
            if v < 0 { return QuantilePlan(lower: 0, upper: 0, gamma: 0) }
            let previous = v.rounded(.down)
            let i = Int(previous)
            return QuantilePlan(lower: i, upper: i + 1, gamma: fixGamma(v - previous, v))
        }
        switch self {
        case .linear: return continuous((nd - 1) * q)
        case .lower: return integer(Int(((nd - 1) * q).rounded(.down)))
        case .higher: return integer(Int(((nd - 1) * q).rounded(.up)))
        case .nearest: return integer(Int(((nd - 1) * q).rounded(.toNearestOrEven)))
        case .midpoint:
            let h = (nd - 1) * q
            let v = 0.5 * (h.rounded(.down) + h.rounded(.up))
            return continuous(v) { g, idx in idx.truncatingRemainder(dividingBy: 1) == 0 ? 0 : 0.5 }
        case .invertedCDF:
            return discrete(nd * q - 1) { g, _ in g == 0 }
        case .averagedInvertedCDF:
            return continuous(nd * q - 1) { g, _ in g == 0 ? 0.5 : 1 }
        case .closestObservation:
            return discrete(nd * q - 1 - 0.5) { g, idx in g == 0 && idx.rounded(.down).truncatingRemainder(dividingBy: 2) == 0 }
        case .interpolatedInvertedCDF: return continuous(Self.virtualIndex(nd, q, 0, 1))
        case .hazen: return continuous(Self.virtualIndex(nd, q, 0.5, 0.5))
        case .weibull: return continuous(Self.virtualIndex(nd, q, 0, 0))
        case .medianUnbiased: return continuous(Self.virtualIndex(nd, q, 1.0 / 3.0, 1.0 / 3.0))
        case .normalUnbiased: return continuous(Self.virtualIndex(nd, q, 3.0 / 8.0, 3.0 / 8.0))
        }
    }
}

/// numpy's `_lerp`: exact at both ends, symmetric rounding around `t = 0.5`.
@inline(__always)
func numpyLerp(_ a: Double, _ b: Double, _ t: Double) -> Double {
    let d = b - a
    return t >= 0.5 ? b - d * (1 - t) : a + d * t
}

/// Sample quantile of NaN-free `values` at probability `q` (no validation; `values` non-empty).
func sampleQuantile(sorted values: UnsafeBufferPointer<Double>, probability q: Double, method: QuantileMethod) -> Double {
    let p = method.plan(count: values.count, probability: q)
    return p.lower == p.upper ? values[p.lower] : numpyLerp(values[p.lower], values[p.upper], p.gamma)
}

/// The non-NaN values of `x`, sorted ascending.
func sortedValid(_ x: [Double]) -> [Double] {
    var v = x.filter { !$0.isNaN }
    v.sort()
    return v
}
