import Foundation

/// Shared intermediates of the qlib feature sets, memoised per asset under `qlib#…` keys (which
/// never clash with factor names).
enum QlibSeries {
    /// The input series of `field` (empty when absent).
    static func series(_ s: SeriesInput, _ field: MarketField) -> [Double] {
        switch field {
        case .open: return s.open
        case .high: return s.high
        case .low: return s.low
        case .close: return s.close
        case .volume: return s.volume
        case .vwap: return s.vwap
        case .indexClose: return s.index
        }
    }

    /// qlib `Greater` (numpy `maximum`): NaN when either is NaN, unlike `Swift.max`, which drops it.
    static func greater(_ a: Double, _ b: Double) -> Double { a.isNaN || b.isNaN ? .nan : Swift.max(a, b) }

    /// qlib `Less` (numpy `minimum`): NaN when either is NaN.
    static func less(_ a: Double, _ b: Double) -> Double { a.isNaN || b.isNaN ? .nan : Swift.min(a, b) }

    /// a / b elementwise.
    static func ratio(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 / $1 } }

    /// a / (b + eps) elementwise (qlib's guarded division).
    static func over(_ a: [Double], _ b: [Double], _ eps: Double) -> [Double] { zip(a, b).map { $0 / ($1 + eps) } }

    /// x / n elementwise.
    static func scaled(_ x: [Double], _ n: Int) -> [Double] { x.map { $0 / Double(n) } }

    /// f applied elementwise.
    static func map(_ a: [Double], _ b: [Double], _ f: (Double, Double) -> Double) -> [Double] {
        a.indices.map { f(a[$0], b[$0]) }
    }

    /// f applied elementwise.
    static func map(_ a: [Double], _ b: [Double], _ c: [Double],
                    _ f: (Double, Double, Double) -> Double) -> [Double] {
        a.indices.map { f(a[$0], b[$0], c[$0]) }
    }

    /// f applied elementwise.
    static func map(_ a: [Double], _ b: [Double], _ c: [Double], _ d: [Double],
                    _ f: (Double, Double, Double, Double) -> Double) -> [Double] {
        a.indices.map { f(a[$0], b[$0], c[$0], d[$0]) }
    }

    /// Slope, R² and today's residual of close on time over `n` days, computed once per window size.
    static func regression(_ s: SeriesInput, _ n: Int) -> (slope: [Double], rsquare: [Double], resi: [Double]) {
        let k = "qlib#reg\(n)"
        _ = s.memo(k) {
            let r = Rolling.windowRegression(s.close, n)
            _ = s.memo(k + "s") { r.slope }; _ = s.memo(k + "r") { r.rsquare }; _ = s.memo(k + "e") { r.resi }
            return []
        }
        return (s.memo(k + "s") { [] }, s.memo(k + "r") { [] }, s.memo(k + "e") { [] })
    }

    /// The window's 0.8 and 0.2 quantiles of close (QTLU, QTLD), from one sliding sorted window.
    static func quantiles(_ s: SeriesInput, _ n: Int) -> (upper: [Double], lower: [Double]) {
        let k = "qlib#qtl\(n)"
        _ = s.memo(k) {
            let q = Rolling.windowQuantiles(s.close, n, [0.8, 0.2])
            _ = s.memo(k + "u") { q[0] }; _ = s.memo(k + "d") { q[1] }
            return []
        }
        return (s.memo(k + "u") { [] }, s.memo(k + "d") { [] })
    }

    /// Window sum of the intermediate `key` (made by `x` once), memoised: SUMP, SUMN and SUMD
    /// share their denominators.
    static func sum(_ s: SeriesInput, _ key: String, _ n: Int, _ x: () -> [Double]) -> [Double] {
        s.memo("qlib#sum.\(key).\(n)") { Rolling.windowSum(x(), n) }
    }

    /// Window mean of the intermediate `key`, memoised (CNTD reuses CNTP's and CNTN's).
    static func mean(_ s: SeriesInput, _ key: String, _ n: Int, _ x: () -> [Double]) -> [Double] {
        s.memo("qlib#mean.\(key).\(n)") { Rolling.windowMean(x(), n) }
    }

    static func maxHigh(_ s: SeriesInput, _ n: Int) -> [Double] { s.memo("qlib#maxh\(n)") { Rolling.windowMax(s.high, n) } }
    static func minLow(_ s: SeriesInput, _ n: Int) -> [Double] { s.memo("qlib#minl\(n)") { Rolling.windowMin(s.low, n) } }
    static func argMaxHigh(_ s: SeriesInput, _ n: Int) -> [Double] { s.memo("qlib#imaxh\(n)") { Rolling.windowArgMax(s.high, n) } }
    static func argMinLow(_ s: SeriesInput, _ n: Int) -> [Double] { s.memo("qlib#iminl\(n)") { Rolling.windowArgMin(s.low, n) } }

    /// 1 where close rose from the previous day, else 0; NaN where either close is missing
    /// (qlib's comparison gives 0 there: see Docs/Factors.md).
    static func up(_ s: SeriesInput) -> [Double] {
        s.memo("qlib#up") { move(s.close) { $0 > 0 ? 1 : 0 } }
    }

    /// 1 where close fell from the previous day, else 0; NaN where either close is missing.
    static func down(_ s: SeriesInput) -> [Double] {
        s.memo("qlib#down") { move(s.close) { $0 < 0 ? 1 : 0 } }
    }

    /// f(x_t − x_{t−1}), NaN where either is missing.
    static func move(_ x: [Double], _ f: (Double) -> Double) -> [Double] {
        x.indices.map { t in
            guard t > 0, x[t].isFinite, x[t - 1].isFinite else { return .nan }
            return f(x[t] - x[t - 1])
        }
    }

    /// Day-on-day gains max(Δx, 0), losses max(−Δx, 0) and |Δx| of `field`.
    static func moves(_ s: SeriesInput, _ field: MarketField) -> (gain: [Double], loss: [Double], abs: [Double]) {
        let x = series(s, field), k = "qlib#mv.\(field.rawValue)"
        return (s.memo(k + "g") { move(x) { Swift.max($0, 0) } },
                s.memo(k + "l") { move(x) { Swift.max(-$0, 0) } },
                s.memo(k + "a") { move(x) { Swift.abs($0) } })
    }
}
