import Foundation
import Quant

/// Risk arithmetic used by the pipeline: Quant's `RiskMetrics` (empyrical 0.7.1 defaults, tested
/// against shared/refdata/quant) at 252 days a year; wealth and drawdown paths for charts.
///
/// Missing days (NaN) follow Quant's documented conventions (NaN metrics for an empty series, NaN
/// VaR when any return is missing); anything Quant rejects — a ±inf return — is thrown as its
/// `RiskError`, never turned into a silent NaN.
public enum RiskMath {
    /// Trading days per year.
    public static let periodsPerYear = 252.0

    /// CAGR `(∏(1+r))^(252/n) − 1`; NaN for an empty series or wealth ≤ 0.
    public static func annualReturn(_ r: [Double]) throws(RiskError) -> Double {
        try RiskMetrics.annualReturn(r, periodsPerYear: periodsPerYear)
    }

    /// Annualised Sharpe ratio (zero risk-free rate); ±inf for exactly constant non-zero returns.
    public static func sharpe(_ r: [Double]) throws(RiskError) -> Double {
        try RiskMetrics.sharpeRatio(r, periodsPerYear: periodsPerYear)
    }

    /// Maximum drawdown of compounded wealth (≤ 0); NaN for an empty series.
    public static func maxDrawdown(_ r: [Double]) throws(RiskError) -> Double {
        try RiskMetrics.maxDrawdown(r)
    }

    /// Drawdown series `W_t / max(1, W_1…W_t) − 1` (Quant's `drawdownSeries`); NaN days keep the
    /// previous value.
    public static func drawdownSeries(_ r: [Double]) throws(RiskError) -> [Double] {
        try RiskMetrics.drawdownSeries(r)
    }

    /// Cumulative wealth `∏(1+r)` starting from 1 (Quant's `cumulativeReturns` + 1); NaN days count
    /// as 0 %.
    public static func wealth(_ r: [Double]) throws(RiskError) -> [Double] {
        try RiskMetrics.cumulativeReturns(r).map { 1 + $0 }
    }

    /// Historical VaR: the `tail` quantile of the returns (numpy `linear`); NaN if any value is NaN or none.
    public static func valueAtRisk(_ r: [Double], tail: Double) throws(RiskError) -> Double {
        try RiskMetrics.valueAtRisk(r, tailProbability: tail)
    }
}
