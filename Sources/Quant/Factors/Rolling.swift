/// O(n) rolling-window kernels on a time series. A window that contains a missing value
/// (NaN), or that is not yet full, gives NaN — never a crash and never a partial window.
public enum Rolling {
    /// Sum of the last `window` values (inclusive of t).
    public static func sum(_ x: [Double], window n: Int) -> [Double] {
        precondition(n >= 1, "Rolling.sum: window \(n) must be ≥ 1")
        var out = [Double](repeating: .nan, count: x.count)
        var s = 0.0, c = 0.0, missing = 0
        for t in x.indices {
            let v = x[t]
            if v.isFinite { add(&s, &c, v) } else { missing += 1 }
            if t >= n {
                let u = x[t - n]
                if u.isFinite { add(&s, &c, -u) } else { missing -= 1 }
            }
            if t >= n - 1 && missing == 0 { out[t] = s + c }
        }
        return out
    }

    /// Kahan–Neumaier compensated accumulation, so adding and removing values for thousands
    /// of steps does not drift.
    @inline(__always)
    static func add(_ s: inout Double, _ c: inout Double, _ v: Double) {
        let t = s + v
        if abs(s) >= abs(v) { c += (s - t) + v } else { c += (v - t) + s }
        s = t
    }

    /// Simple moving average MA(x, n).
    public static func mean(_ x: [Double], window n: Int) -> [Double] {
        let inv = 1 / Double(n)
        return sum(x, window: n).map { $0 * inv }
    }

    /// Rolling standard deviation with `ddof` (1 = sample, as TDX `STD`; 0 = population `STDP`).
    /// Computed from sums of deviations about a per-series shift, so price levels do not cancel.
    /// NaN (never a false 0) where a squared deviation overflows `Double` (deviations beyond ~1e154).
    public static func std(_ x: [Double], window n: Int, ddof: Int = 1) -> [Double] {
        precondition(n > ddof, "Rolling.std: window \(n) must exceed ddof \(ddof)")
        let shift = x.first(where: { $0.isFinite }) ?? 0
        let d = x.map { $0 - shift }
        let s1 = sum(d, window: n), s2 = sum(d.map { $0 * $0 }, window: n)
        let nn = Double(n)
        return zip(s1, s2).map { a, b in
            guard !a.isNaN else { return .nan }
            let v = (b - a * a / nn) / (nn - Double(ddof))
            // A square beyond Double's range makes `v` NaN: say so rather than report a spread of 0.
            guard !v.isNaN else { return .nan }
            return v > 0 ? v.squareRoot() : 0
        }
    }

    /// x_t shifted by `k` periods (x_{t−k}); the first k values are NaN (k < 0 shifts forward).
    public static func lag(_ x: [Double], _ k: Int) -> [Double] {
        var out = [Double](repeating: .nan, count: x.count)
        for t in x.indices where t - k >= 0 && t - k < x.count { out[t] = x[t - k] }
        return out
    }

    /// Exponential moving average with smoothing `alpha`: y_t = α·x_t + (1 − α)·y_{t−1}, seeded
    /// with the first valid value (TDX `EMA`/`EXPMA`: α = 2/(n+1)). A missing value gives NaN
    /// and restarts the average at the next valid value.
    public static func ema(_ x: [Double], alpha: Double) -> [Double] {
        var out = [Double](repeating: .nan, count: x.count)
        var y = Double.nan
        for t in x.indices {
            let v = x[t]
            guard v.isFinite else { y = .nan; continue }
            y = y.isNaN ? v : alpha * v + (1 - alpha) * y
            out[t] = y
        }
        return out
    }

    /// EMA with span n: α = 2/(n + 1).
    public static func ema(_ x: [Double], span n: Int) -> [Double] { ema(x, alpha: 2 / Double(n + 1)) }

    /// Wilder smoothing (RSI, ATR): the first output is the simple mean of the first `n` valid
    /// values, then y_t = (y_{t−1}·(n − 1) + x_t)/n. A missing value gives NaN and restarts
    /// the seed.
    public static func wilder(_ x: [Double], period n: Int) -> [Double] {
        precondition(n >= 1, "Rolling.wilder: period \(n) must be ≥ 1")
        var out = [Double](repeating: .nan, count: x.count)
        var y = Double.nan, seedSum = 0.0, seedCount = 0
        let nn = Double(n)
        for t in x.indices {
            let v = x[t]
            guard v.isFinite else { y = .nan; seedSum = 0; seedCount = 0; continue }
            if y.isNaN {
                seedSum += v; seedCount += 1
                if seedCount == n { y = seedSum / nn; out[t] = y }
            } else {
                y = (y * (nn - 1) + v) / nn
                out[t] = y
            }
        }
        return out
    }
}
