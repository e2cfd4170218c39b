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
}
