import Foundation
import Quant

/// A strategy's daily returns against the equal-weight universe, as qlib's `risk_analysis` reports
/// excess returns (its benchmark tables' Annualized Return, Information Ratio and Max Drawdown):
/// excess `e_t = r_t − u_t` (both net daily simple returns; days where either is NaN are skipped),
/// annualised return `252 · mean(e)` (arithmetic, not compounded), tracking error
/// `√252 · std(e)` (ddof 1), information ratio = annualised return / tracking error, and max
/// drawdown of the *summed* excess `min_t (S_t − max_{s≤t} S_s)` with `S_t = Σ_{s≤t} e_s` and 0 as the
/// first peak (qlib's `mode="sum"`; ≤ 0).
public struct ExcessReturnMetrics: Sendable, Equatable, Codable {
    /// `252 · mean(e)`.
    public var annualReturn: Double
    /// `√252 · std(e)`, ddof 1.
    public var trackingError: Double
    /// `annualReturn / trackingError` (NaN with fewer than 2 days or no dispersion).
    public var informationRatio: Double
    /// Max drawdown of the cumulative sum of excess returns (≤ 0).
    public var maxDrawdown: Double

    /// The metrics of `returns` against `benchmark` (same days, same length; a programmer error otherwise).
    public init(returns: [Double], benchmark: [Double]) {
        precondition(returns.count == benchmark.count, "ExcessReturnMetrics: \(returns.count) returns vs \(benchmark.count) benchmark days")
        var e: [Double] = []
        e.reserveCapacity(returns.count)
        var sum = 0.0, peak = 0.0, mdd = 0.0
        for (r, u) in zip(returns, benchmark) where r.isFinite && u.isFinite {
            e.append(r - u)
            sum += r - u
            peak = max(peak, sum)
            mdd = min(mdd, sum - peak)
        }
        let n = RiskMath.periodsPerYear
        annualReturn = e.isEmpty ? .nan : Statistics.mean(e) * n
        trackingError = e.count < 2 ? .nan : Statistics.standardDeviation(e, ddof: 1) * n.squareRoot()
        informationRatio = trackingError > 0 ? annualReturn / trackingError : .nan
        maxDrawdown = e.isEmpty ? .nan : mdd
    }
}
