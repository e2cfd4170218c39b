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

    /// Computes the metrics of `returns` (NaN days count as 0 % for compounding, skipped for moments).
    public init(returns: [Double]) {
        days = returns.count
        annualReturn = RiskMath.annualReturn(returns)
        sharpe = RiskMath.sharpe(returns)
        maxDrawdown = RiskMath.maxDrawdown(returns)
        var95 = RiskMath.valueAtRisk(returns, tail: 0.05)
        averageDailyReturn = Statistics.mean(returns)
    }
}

/// Risk arithmetic used by the pipeline: Quant's `RiskMetrics` (empyrical 0.7.1 defaults, tested
/// against shared/refdata/quant) with NaN for inputs it rejects; wealth and drawdown paths for charts.
public enum RiskMath {
    /// Trading days per year.
    public static let periodsPerYear = 252.0

    /// CAGR `(∏(1+r))^(252/n) − 1`; NaN for an empty series or wealth ≤ 0.
    public static func annualReturn(_ r: [Double]) -> Double {
        (try? RiskMetrics.annualReturn(r, periodsPerYear: periodsPerYear)) ?? .nan
    }

    /// Annualised Sharpe ratio (zero risk-free rate); ±inf for exactly constant non-zero returns.
    public static func sharpe(_ r: [Double]) -> Double {
        (try? RiskMetrics.sharpeRatio(r, periodsPerYear: periodsPerYear)) ?? .nan
    }

    /// Maximum drawdown of compounded wealth (≤ 0); NaN for an empty series.
    public static func maxDrawdown(_ r: [Double]) -> Double {
        (try? RiskMetrics.maxDrawdown(r)) ?? .nan
    }

    /// Drawdown series `W_t / max(1, W_1…W_t) − 1` (Quant's `drawdownSeries`); NaN days keep the
    /// previous value; all NaN when the series holds ±inf.
    public static func drawdownSeries(_ r: [Double]) -> [Double] {
        (try? RiskMetrics.drawdownSeries(r)) ?? [Double](repeating: .nan, count: r.count)
    }

    /// Cumulative wealth `∏(1+r)` starting from 1 (Quant's `cumulativeReturns` + 1); NaN days count
    /// as 0 %; all NaN when the series holds ±inf.
    public static func wealth(_ r: [Double]) -> [Double] {
        (try? RiskMetrics.cumulativeReturns(r).map { 1 + $0 }) ?? [Double](repeating: .nan, count: r.count)
    }

    /// Historical VaR: the `tail` quantile of the returns (numpy `linear`); NaN if any value is NaN or none.
    public static func valueAtRisk(_ r: [Double], tail: Double) -> Double {
        (try? RiskMetrics.valueAtRisk(r, tailProbability: tail)) ?? .nan
    }
}
