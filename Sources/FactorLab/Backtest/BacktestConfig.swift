import Foundation
import Quant

/// Portfolio construction and trading assumptions (the first paper's top-k rule, the second
/// paper's optional risk constraints, qlib's top-k dropout rule).
public struct BacktestConfig: Sendable, Equatable, Codable {
    /// Number of assets held (default 10, as in the first paper).
    public var topK: Int = 10
    /// Days between rebalances (default 10 = the horizon h: hold each selection for h days).
    public var rebalanceEvery: Int = 10
    /// Transaction cost in basis points per unit of traded weight `Σ|Δw|` (buys and sells each pay
    /// it; default 10).
    public var costBps: Double = 10
    /// Number of seeded random-k portfolios (default 100).
    public var randomPortfolios: Int = 100
    /// Annualised volatility target for the optional overlay (`nil` = off).
    public var volatilityTarget: Double? = nil
    /// Trailing days used to estimate realised volatility for the overlay (default 20).
    public var volatilityLookback: Int = 20
    /// Drawdown (negative, e.g. −0.10) beyond which exposure is halved (`nil` = off).
    public var drawdownBrake: Double? = nil
    /// Selection rule (default ``PortfolioStrategy/topk``).
    public var strategy: PortfolioStrategy = .topk
    /// `topk-dropout`: most holdings replaced per rebalance, 1…topK (default 2 = ``defaultNDrop(topK:)`` of 10).
    public var nDrop: Int = 2
    /// `topk-dropout`: trading days a name is held before it may be sold (default 1 = no constraint).
    public var holdDays: Int = 1

    /// Creates a configuration with the defaults above.
    public init(topK: Int = 10, rebalanceEvery: Int = 10, costBps: Double = 10, randomPortfolios: Int = 100,
                volatilityTarget: Double? = nil, volatilityLookback: Int = 20, drawdownBrake: Double? = nil,
                strategy: PortfolioStrategy = .topk, nDrop: Int = 2, holdDays: Int = 1) {
        self.topK = topK
        self.rebalanceEvery = rebalanceEvery
        self.costBps = costBps
        self.randomPortfolios = randomPortfolios
        self.volatilityTarget = volatilityTarget
        self.volatilityLookback = volatilityLookback
        self.drawdownBrake = drawdownBrake
        self.strategy = strategy
        self.nDrop = nDrop
        self.holdDays = holdDays
    }

    /// `--n-drop` when not given: a fifth of the book, at least 1 (qlib's examples replace 5 of 50 a
    /// day; FactorLab rebalances every h days, so a larger share).
    public static func defaultNDrop(topK: Int) -> Int { max(1, topK / 5) }

    /// Decodes `run.json`; `strategy`, `nDrop` and `holdDays` are optional (records written before
    /// them decode as the top-k rule).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        topK = try c.decode(Int.self, forKey: .topK)
        rebalanceEvery = try c.decode(Int.self, forKey: .rebalanceEvery)
        costBps = try c.decode(Double.self, forKey: .costBps)
        randomPortfolios = try c.decode(Int.self, forKey: .randomPortfolios)
        volatilityTarget = try c.decodeIfPresent(Double.self, forKey: .volatilityTarget)
        volatilityLookback = try c.decode(Int.self, forKey: .volatilityLookback)
        drawdownBrake = try c.decodeIfPresent(Double.self, forKey: .drawdownBrake)
        strategy = try c.decodeIfPresent(PortfolioStrategy.self, forKey: .strategy) ?? .topk
        nDrop = try c.decodeIfPresent(Int.self, forKey: .nDrop) ?? 2
        holdDays = try c.decodeIfPresent(Int.self, forKey: .holdDays) ?? 1
    }

    /// The optional risk overlay as Quant's ``RiskOverlay`` (252 days a year, brake halves exposure).
    public var riskOverlay: RiskOverlay {
        RiskOverlay(volatilityTarget: volatilityTarget, volatilityLookback: volatilityLookback, drawdownBrake: drawdownBrake)
    }
}
