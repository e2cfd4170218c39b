import Foundation
import Quant
/// Daily returns of the strategies over one evaluation period.
public struct StrategyBacktest: Sendable {
    /// Date index of each return (the day the return is earned).
    public var days: [Int]
    /// Net daily simple returns per strategy name (`lstm`, `ols`, …, `universe`).
    public var returns: [String: [Double]]
    /// Net daily returns of each random-k portfolio.
    public var random: [[Double]]
    /// The median random portfolio's daily returns (the portfolio with the median final wealth).
    public var randomMedian: [Double]
    /// Average one-way turnover per rebalance, per strategy.
    public var turnover: [String: Double]
    /// Per model strategy, what each rebalance traded (rows are panel date indices).
    public var trades: [String: [RebalanceTrade]]
    /// Per strategy, the sum of the costs charged (fractions of NAV, before any risk overlay);
    /// `random`: the median over the random portfolios; `universe`: 0.
    public var totalCost: [String: Double]
    /// Per model strategy, the weights held over each holding day: (date index of the close the
    /// weights are held from, weight per asset), before any risk overlay scales them.
    public var holdings: [String: [(date: Int, weights: [Double])]] = [:]
}
