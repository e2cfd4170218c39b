import Foundation

/// The largest peak-to-trough decline of a return series and where it happened.
///
/// Indices refer to return periods: wealth after period `t` is `W_t`; `peakIndex == -1` means the
/// initial capital (before period 0) was the peak.
public struct DrawdownInfo: Sendable, Equatable {
    /// `min_t (W_t − P_t)/P_t ≤ 0` (NaN for an empty or all-NaN series).
    public var maxDrawdown: Double
    /// Period whose close set the peak before the trough (−1: initial capital); nil if no drawdown.
    public var peakIndex: Int?
    /// Period of the deepest point; nil if no drawdown.
    public var troughIndex: Int?
    /// First period after the trough whose wealth is back at or above the peak; nil if never recovered.
    public var recoveryIndex: Int?

    /// Periods from peak to trough.
    public var periodsToTrough: Int? {
        guard let p = peakIndex, let t = troughIndex else { return nil }
        return t - p
    }
    /// Periods from peak to recovery (the drawdown's duration); nil if not recovered.
    public var duration: Int? {
        guard let p = peakIndex, let r = recoveryIndex else { return nil }
        return r - p
    }
}

extension RiskMetrics {
    /// Maximum drawdown of compounded wealth from an initial capital of 1 (the first peak); NaN
    /// periods count as 0 %. Reported ≤ 0 by default; `sign: .positive` matches PA `maxDrawdown`,
    /// `compounding: .arithmetic` matches PA `geometric=FALSE` (`W = 1 + Σr`).
    /// NaN for an empty or all-NaN series.
    public static func maxDrawdown(_ returns: [Double], compounding: Compounding = .geometric,
                                   sign: LossSign = .negative) throws(RiskError) -> Double {
        let info = try drawdownInfo(returns, compounding: compounding)
        return sign == .negative ? info.maxDrawdown : -info.maxDrawdown
    }

    /// Maximum drawdown with its peak, trough and recovery periods.
    public static func drawdownInfo(_ returns: [Double],
                                    compounding: Compounding = .geometric) throws(RiskError) -> DrawdownInfo {
        try checkFinite(returns, "returns")
        var tracker = DrawdownTracker(compounding: compounding)
        for (t, r) in returns.enumerated() { _ = tracker.step(r, at: t) }
        return tracker.info
    }

    /// The drawdown `(W_t − P_t)/P_t` after every period (≤ 0); a NaN period repeats the previous value.
    public static func drawdownSeries(_ returns: [Double],
                                      compounding: Compounding = .geometric) throws(RiskError) -> [Double] {
        try checkFinite(returns, "returns")
        var tracker = DrawdownTracker(compounding: compounding)
        return returns.enumerated().map { tracker.step($1, at: $0) }
    }
}

/// One-pass drawdown state machine shared by the metrics and the risk summary.
struct DrawdownTracker {
    let compounding: Compounding
    var wealth = 1.0
    var peak = 1.0
    var peakIndex = -1
    var valid = 0
    var current = 0.0
    var worst = 0.0
    var worstPeak = -1
    var worstTrough = -1
    var recovery: Int? = nil
    var awaitingRecovery = false

    init(compounding: Compounding) { self.compounding = compounding }

    @inline(__always)
    mutating func step(_ r: Double, at t: Int) -> Double {
        guard !r.isNaN else { return current }
        valid += 1
        switch compounding {
        case .geometric:
            wealth *= 1 + r
            // Rescale wealth and peak together (exact in binary) so long series never overflow.
            let a = Swift.abs(wealth)
            if a > Wealth.big || (a < Wealth.small && a != 0 && Swift.abs(peak) < Wealth.small) {
                let f = a > Wealth.big ? Wealth.small : Wealth.big
                wealth *= f; peak *= f
            }
            if wealth >= peak {
                peak = wealth; peakIndex = t; current = 0
            } else {
                current = (wealth - peak) / peak
            }
        case .arithmetic:
            wealth += r
            if wealth >= peak {
                peak = wealth; peakIndex = t; current = 0
            } else {
                current = wealth / peak - 1
            }
        }
        if current < worst {
            worst = current; worstPeak = peakIndex; worstTrough = t
            recovery = nil; awaitingRecovery = true
        } else if awaitingRecovery && current == 0 {
            recovery = t; awaitingRecovery = false
        }
        return current
    }

    var info: DrawdownInfo {
        guard valid > 0 else { return DrawdownInfo(maxDrawdown: .nan) }
        guard worst < 0 else { return DrawdownInfo(maxDrawdown: 0) }
        return DrawdownInfo(maxDrawdown: worst, peakIndex: worstPeak, troughIndex: worstTrough, recoveryIndex: recovery)
    }
}
