import Foundation
import Quant

/// Forward targets: the mean daily log return over the `horizon` days after each date.
public enum ForwardTarget {
    /// `target(a, t) = mean(r[t+1…t+h])` of daily log returns `r` in `layout`; `NaN` when any of
    /// those returns is missing or lies beyond the last date. With `h = 1` it is the log return at T+1.
    public static func meanLogReturn(logReturns r: [Double], layout: PanelLayout, horizon h: Int) -> [Double] {
        precondition(h >= 1, "horizon must be ≥ 1")
        let T = layout.dateCount
        var out = [Double](repeating: .nan, count: r.count)
        for a in 0..<layout.assetCount {
            let base = layout.index(asset: a, date: 0)
            for t in 0..<T where t + h < T {
                var s = 0.0, ok = true
                for k in 1...h { let v = r[base + t + k]; if !v.isFinite { ok = false; break }; s += v }
                if ok { out[base + t] = s / Double(h) }
            }
        }
        return out
    }
}
