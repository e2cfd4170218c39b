import Foundation
import Quant

/// Table II of the second paper: the metrics of the days in each regime.
public struct RegimePerformance: Sendable, Equatable, Codable {
    /// Mean daily simple return.
    public var averageDailyReturn: Double
    /// Max drawdown of the regime's days chained together.
    public var maxDrawdown: Double
    /// Annualised Sharpe of those days.
    public var sharpe: Double
    /// Historical VaR95 of those days.
    public var var95: Double
    /// Number of days.
    public var days: Int

    /// Metrics of `returns[i]` for the `i` whose label is `regime` (Quant's `RegimeAnalysis.split`).
    /// Throws `RiskError.lengthMismatch` when `labels` and `returns` are not aligned and
    /// `RiskError.nonFiniteInput` for a ±inf return.
    public init(returns: [Double], labels: [MarketRegime], regime: MarketRegime) throws(RiskError) {
        let r = try RegimeAnalysis.split(returns: returns, labels: labels.map { Optional($0) })[regime] ?? []
        let m = try PerformanceMetrics(returns: r)
        averageDailyReturn = m.averageDailyReturn
        maxDrawdown = m.maxDrawdown
        sharpe = m.sharpe
        var95 = m.var95
        days = r.count
    }
}
