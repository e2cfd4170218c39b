import Foundation
import Quant

/// Portfolio construction and trading assumptions (the first paper's top-k rule, the second
/// paper's optional risk constraints).
public struct BacktestConfig: Sendable, Equatable, Codable {
    /// Number of assets held (default 10, as in the first paper).
    public var topK: Int = 10
    /// Days between rebalances (default 10 = the horizon h: hold each selection for h days).
    public var rebalanceEvery: Int = 10
    /// Transaction cost per unit of one-way turnover, in basis points (default 10).
    public var costBps: Double = 10
    /// Number of seeded random-k portfolios (default 100).
    public var randomPortfolios: Int = 100
    /// Annualised volatility target for the optional overlay (`nil` = off).
    public var volatilityTarget: Double? = nil
    /// Trailing days used to estimate realised volatility for the overlay (default 20).
    public var volatilityLookback: Int = 20
    /// Drawdown (negative, e.g. −0.10) beyond which exposure is halved (`nil` = off).
    public var drawdownBrake: Double? = nil

    /// Creates a configuration with the defaults above.
    public init(topK: Int = 10, rebalanceEvery: Int = 10, costBps: Double = 10, randomPortfolios: Int = 100,
                volatilityTarget: Double? = nil, volatilityLookback: Int = 20, drawdownBrake: Double? = nil) {
        self.topK = topK
        self.rebalanceEvery = rebalanceEvery
        self.costBps = costBps
        self.randomPortfolios = randomPortfolios
        self.volatilityTarget = volatilityTarget
        self.volatilityLookback = volatilityLookback
        self.drawdownBrake = drawdownBrake
    }

    /// The optional risk overlay as Quant's ``RiskOverlay`` (252 days a year, brake halves exposure).
    public var riskOverlay: RiskOverlay {
        RiskOverlay(volatilityTarget: volatilityTarget, volatilityLookback: volatilityLookback, drawdownBrake: drawdownBrake)
    }
}
