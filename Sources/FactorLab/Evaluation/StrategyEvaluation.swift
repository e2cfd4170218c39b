import Foundation
import Quant

/// The evaluation of one strategy.
public struct StrategyEvaluation: Sendable {
    /// IC family of the model's predictions (`nil` for random and universe).
    public var ic: PredictionIC?
    /// Table I metrics over the whole test period.
    public var performance: PerformanceMetrics
    /// Table II metrics per regime.
    public var regimes: [MarketRegime: RegimePerformance]
    /// Daily net returns.
    public var returns: [Double]
    /// Average one-way turnover per rebalance.
    public var turnover: Double
    /// Returns in excess of the equal-weight universe (models only; `nil` for random and universe).
    public var excess: ExcessReturnMetrics? = nil
    /// Sum of the costs paid over the rebalances, as fractions of NAV (``StrategyBacktest/totalCost``).
    public var totalCost: Double = 0
}
