import Foundation
import Quant

/// The risk/return figures of one daily simple-return series (the second paper's Table I columns
/// plus annual return), with the empyrical conventions of shared/refdata/quant/CONVENTIONS.md:
/// 252 periods a year, Sharpe = mean/std(ddof 1)·√252 with zero risk-free rate, max drawdown ≤ 0 on
/// compounded wealth with the initial capital as first peak, VaR95 = the 5 % return quantile
/// (numpy `linear`, negative = loss), annual return = CAGR.
public struct PerformanceMetrics: Sendable, Equatable, Codable {
    /// Compound annual growth rate.
    public var annualReturn: Double
    /// Annualised Sharpe ratio.
    public var sharpe: Double
    /// Maximum drawdown (≤ 0).
    public var maxDrawdown: Double
    /// Historical 95 % value at risk as a daily return quantile (negative = loss).
    public var var95: Double
    /// Mean daily simple return.
    public var averageDailyReturn: Double
    /// Number of days.
    public var days: Int

    /// Computes the metrics of `returns` (NaN days count as 0 % for compounding, skipped for moments;
    /// an empty series gives NaN metrics). Throws `RiskError.nonFiniteInput` for a ±inf return.
    public init(returns: [Double]) throws(RiskError) {
        days = returns.count
        annualReturn = try RiskMath.annualReturn(returns)
        sharpe = try RiskMath.sharpe(returns)
        maxDrawdown = try RiskMath.maxDrawdown(returns)
        var95 = try RiskMath.valueAtRisk(returns, tail: 0.05)
        averageDailyReturn = Statistics.mean(returns)
    }
}
