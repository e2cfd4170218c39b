import Foundation

/// Technical indicators on one asset's series, as Chinese TA software (TDX/JoinQuant) defines
/// them. Formulas and defaults are listed in Docs/Factors.md. All outputs have the input
/// length; warm-up periods and windows touching missing data are NaN.
public enum Indicators {
    /// MA(C, n).
    public static func ma(_ c: [Double], _ n: Int = 5) -> [Double] { Rolling.mean(c, window: n) }

    /// EXPMA(C, n) = EMA with α = 2/(n + 1), seeded with the first close.
    public static func expma(_ c: [Double], _ n: Int = 12) -> [Double] { Rolling.ema(c, span: n) }

    /// BBI = (MA(C,3) + MA(C,6) + MA(C,12) + MA(C,24)) / 4.
    public static func bbi(_ c: [Double], _ m: (Int, Int, Int, Int) = (3, 6, 12, 24)) -> [Double] {
        let a = ma(c, m.0), b = ma(c, m.1), d = ma(c, m.2), e = ma(c, m.3)
        return c.indices.map { (a[$0] + b[$0] + d[$0] + e[$0]) / 4 }
    }

    /// BBIBOLL bands: BBI ± m·STD(BBI, n) (TDX STD: ddof 1). Defaults n = 11, m = 6.
    public static func bbiboll(_ c: [Double], n: Int = 11, m: Double = 6) -> (upper: [Double], lower: [Double]) {
        bbiboll(bbi: bbi(c), n: n, m: m)
    }

    /// BBIBOLL bands from an already computed BBI series.
    public static func bbiboll(bbi b: [Double], n: Int = 11, m: Double = 6) -> (upper: [Double], lower: [Double]) {
        let s = Rolling.std(b, window: n, ddof: 1)
        return (b.indices.map { b[$0] + m * s[$0] }, b.indices.map { b[$0] - m * s[$0] })
    }

    /// BOLL: MID = MA(C, n), UPPER/LOWER = MID ± k·STD(C, n) (ddof 1 as TDX; 0 as TA-Lib).
    public static func boll(_ c: [Double], n: Int = 20, k: Double = 2, ddof: Int = 1)
    -> (mid: [Double], upper: [Double], lower: [Double]) {
        let mid = ma(c, n), s = Rolling.std(c, window: n, ddof: ddof)
        return (mid, c.indices.map { mid[$0] + k * s[$0] }, c.indices.map { mid[$0] - k * s[$0] })
    }

    /// WVAD(n) = Σ_{last n} (C − O)/(H − L)·V. A day with H = L contributes 0 (no range, no
    /// pressure). TDX divides by 10 000; that scale is omitted (it does not change an IC).
    public static func wvad(open o: [Double], high h: [Double], low l: [Double], close c: [Double],
                            volume v: [Double], n: Int = 24) -> [Double] {
        let term = c.indices.map { t -> Double in
            let range = h[t] - l[t]
            let x = range == 0 ? 0 * (c[t] - o[t]) * v[t] : (c[t] - o[t]) / range * v[t]
            return x
        }
        return Rolling.sum(term, window: n)
    }

    /// CDP (TDX 逆势操作) from the previous day's H, L, C:
    /// CDP = (H + L + C)/3, AH = 2·CDP + H − 2L, NH = 2·CDP − L, NL = 2·CDP − H, AL = 2·CDP − 2H + L.
    public static func cdp(high h: [Double], low l: [Double], close c: [Double])
    -> (cdp: [Double], ah: [Double], nh: [Double], nl: [Double], al: [Double]) {
        let ph = Rolling.lag(h, 1), pl = Rolling.lag(l, 1), pc = Rolling.lag(c, 1)
        let p = c.indices.map { (ph[$0] + pl[$0] + pc[$0]) / 3 }
        return (p,
                c.indices.map { 2 * p[$0] + ph[$0] - 2 * pl[$0] },
                c.indices.map { 2 * p[$0] - pl[$0] },
                c.indices.map { 2 * p[$0] - ph[$0] },
                c.indices.map { 2 * p[$0] - 2 * ph[$0] + pl[$0] })
    }

    /// ENV (JoinQuant): UPPER = MA(C, n)·(1 + p), LOWER = MA(C, n)·(1 − p); n = 25, p = 6 %.
    public static func env(_ c: [Double], n: Int = 25, p: Double = 0.06) -> (upper: [Double], lower: [Double]) {
        let m = ma(c, n)
        return (m.map { $0 * (1 + p) }, m.map { $0 * (1 - p) })
    }

    /// STD(C, n), sample (ddof 1) as TDX.
    public static func std(_ c: [Double], _ n: Int = 20) -> [Double] { Rolling.std(c, window: n, ddof: 1) }

    /// Momentum: C_t / C_{t−n} − 1.
    public static func momentum(_ c: [Double], _ n: Int = 20) -> [Double] {
        c.indices.map { t in t >= n ? Returns.ratio(c[t], c[t - n], .simple) : .nan }
    }

    /// Short-term reversal: −(C_t / C_{t−n} − 1).
    public static func reversal(_ c: [Double], _ n: Int = 5) -> [Double] { momentum(c, n).map { -$0 } }

    /// Volatility: sample std (ddof 1) of the last n daily log returns (not annualised).
    public static func volatility(_ c: [Double], _ n: Int = 20) -> [Double] {
        Rolling.std(Returns.fromPrices(c, kind: .log), window: n, ddof: 1)
    }

    /// Volume ratio (量比): V_t / mean(V_{t−n} … V_{t−1}); NaN when that mean is 0.
    public static func volumeRatio(_ v: [Double], _ n: Int = 5) -> [Double] {
        let m = Rolling.lag(Rolling.mean(v, window: n), 1)
        return v.indices.map { m[$0] > 0 ? v[$0] / m[$0] : .nan }
    }

    /// RSI (Wilder, n = 14): 100·G/(G + L) with G, L the Wilder averages of gains and losses of
    /// close-to-close changes (first value at index n). NaN when G + L = 0.
    public static func rsi(_ c: [Double], _ n: Int = 14) -> [Double] {
        let d = c.indices.map { $0 > 0 ? c[$0] - c[$0 - 1] : .nan }
        let g = Rolling.wilder(d.map { $0.isNaN ? .nan : max($0, 0) }, period: n)
        let l = Rolling.wilder(d.map { $0.isNaN ? .nan : max(-$0, 0) }, period: n)
        return c.indices.map { g[$0] + l[$0] > 0 ? 100 * g[$0] / (g[$0] + l[$0]) : .nan }
    }

    /// MACD (12, 26, 9): DIF = EMA(C,12) − EMA(C,26), DEA = EMA(DIF, 9), HIST = 2·(DIF − DEA)
    /// (the Chinese convention doubles the histogram; TA-Lib does not).
    public static func macd(_ c: [Double], fast: Int = 12, slow: Int = 26, signal: Int = 9)
    -> (dif: [Double], dea: [Double], hist: [Double]) {
        let f = Rolling.ema(c, span: fast), s = Rolling.ema(c, span: slow)
        let dif = c.indices.map { f[$0] - s[$0] }
        let dea = Rolling.ema(dif, span: signal)
        return (dif, dea, c.indices.map { 2 * (dif[$0] - dea[$0]) })
    }

    /// ATR (Wilder, n = 14): TR_t = max(H − L, |H − C_{t−1}|, |L − C_{t−1}|) for t ≥ 1, smoothed
    /// with ``Rolling/wilder(_:period:)`` (first value at index n, as TA-Lib).
    public static func atr(high h: [Double], low l: [Double], close c: [Double], _ n: Int = 14) -> [Double] {
        let tr = c.indices.map { t -> Double in
            guard t > 0, !h[t].isNaN, !l[t].isNaN, !c[t - 1].isNaN else { return .nan }
            return max(h[t] - l[t], abs(h[t] - c[t - 1]), abs(l[t] - c[t - 1]))
        }
        return Rolling.wilder(tr, period: n)
    }
}
