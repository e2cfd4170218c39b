import Foundation

/// Returns computed from **prices**. Every function here takes prices and says so in its
/// name; nothing guesses whether a series holds prices or returns (CONVENTIONS §3).
///
/// Missing or non-positive prices give NaN for every return that uses them (no skipping
/// over gaps: a return across a gap would silently span several periods).
public enum Returns {
    /// How a return is measured.
    public enum Kind: String, Sendable, CaseIterable {
        /// P_t / P_{t−k} − 1.
        case simple
        /// ln(P_t / P_{t−k}).
        case log
    }

    /// Backward-looking one-period returns of a price series: R_t = P_t/P_{t−1} − 1 (or the
    /// log); R_0 = NaN. Output has the input's length.
    public static func fromPrices<C: Collection>(_ prices: C, kind: Kind = .simple) -> [Double]
    where C.Element == Double {
        let p = Array(prices)
        var out = [Double](repeating: .nan, count: p.count)
        if p.count > 1 { for t in 1..<p.count { out[t] = ratio(p[t], p[t - 1], kind) } }
        return out
    }

    /// Forward returns over `horizon` periods: F_t = P_{t+h}/P_t − 1 (or ln(P_{t+h}/P_t));
    /// the last `horizon` entries are NaN. This is the target aligned at the factor date t.
    public static func forwardFromPrices<C: Collection>(_ prices: C, horizon: Int, kind: Kind = .simple) -> [Double]
    where C.Element == Double {
        precondition(horizon >= 1, "forwardFromPrices: horizon \(horizon) must be ≥ 1")
        let p = Array(prices)
        var out = [Double](repeating: .nan, count: p.count)
        if p.count > horizon { for t in 0..<(p.count - horizon) { out[t] = ratio(p[t + horizon], p[t], kind) } }
        return out
    }

    /// Forward compounded return over `horizon` periods from **per-period simple returns**
    /// R_t (realised over (t−1, t]): F_t = ∏_{k=1..h}(1 + R_{t+k}) − 1 (or its log).
    /// NaN if any of the h returns is missing or the window runs past the end.
    public static func forwardFromReturns<C: Collection>(_ returns: C, horizon: Int, kind: Kind = .simple) -> [Double]
    where C.Element == Double {
        precondition(horizon >= 1, "forwardFromReturns: horizon \(horizon) must be ≥ 1")
        let r = Array(returns)
        var out = [Double](repeating: .nan, count: r.count)
        guard r.count > horizon else { return out }
        for t in 0..<(r.count - horizon) {
            var g = 1.0
            for k in 1...horizon { g *= 1 + r[t + k] }
            out[t] = g.isNaN ? .nan : (kind == .simple ? g - 1 : (g > 0 ? Foundation.log(g) : .nan))
        }
        return out
    }

    /// Excess returns r_t − b_t against an aligned benchmark (or risk-free) series.
    public static func excess(_ returns: [Double], over benchmark: [Double]) -> [Double] {
        precondition(returns.count == benchmark.count,
                     "excess: \(returns.count) returns vs \(benchmark.count) benchmark values")
        return zip(returns, benchmark).map { $0 - $1 }
    }

    @inline(__always)
    static func ratio(_ now: Double, _ then: Double, _ kind: Kind) -> Double {
        guard now > 0, then > 0, now.isFinite, then.isFinite else { return .nan }
        return kind == .simple ? now / then - 1 : Foundation.log(now / then)
    }

    // MARK: Panels

    /// ``fromPrices(_:kind:)`` for every asset of a price panel.
    public static func fromPrices(_ prices: Panel, kind: Kind = .simple) -> Panel {
        prices.mapSeries { fromPrices($0, kind: kind) }
    }

    /// ``forwardFromPrices(_:horizon:kind:)`` for every asset of a price panel.
    public static func forwardFromPrices(_ prices: Panel, horizon: Int, kind: Kind = .simple) -> Panel {
        prices.mapSeries { forwardFromPrices($0, horizon: horizon, kind: kind) }
    }

    /// ``forwardFromReturns(_:horizon:kind:)`` for every asset of a per-period return panel.
    public static func forwardFromReturns(_ returns: Panel, horizon: Int, kind: Kind = .simple) -> Panel {
        returns.mapSeries { forwardFromReturns($0, horizon: horizon, kind: kind) }
    }

    /// Each asset's returns minus the benchmark return of the same date (`benchmark.count == dateCount`).
    public static func excess(_ returns: Panel, over benchmark: [Double]) -> Panel {
        returns.mapSeries { excess(Array($0), over: benchmark) }
    }
}
