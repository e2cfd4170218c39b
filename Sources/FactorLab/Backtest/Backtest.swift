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
}

/// Daily returns of the strategies over one evaluation period.
public struct BacktestResult: Sendable {
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

/// Top-k backtests on model scores.
///
/// Timing: at the close of a rebalance date t the portfolio is chosen from the scores made at t
/// (which use data up to t only); it earns the simple returns of dates t+1 … t+R equally weighted
/// (re-weighted daily), and costs `costBps · Σ|Δw|` on t+1. Assets without a score or a price at
/// t are not eligible; a missing return on a held asset counts as 0 for that day.
public enum Backtester {
    /// Runs the model strategies, the random portfolios and the equal-weight universe.
    ///
    /// - Parameters:
    ///   - scores: per strategy, asset-major scores (`NaN` = no prediction).
    ///   - simpleReturns: asset-major daily simple returns (`r[a*T+t]` earned on date t).
    ///   - decisionDates: the rebalance candidates (test decision dates, ascending).
    public static func run(scores: [String: [Double]], simpleReturns: [Double], assetCount A: Int, dateCount T: Int,
                           decisionDates: [Int], config: BacktestConfig, seed: UInt64) -> BacktestResult {
        guard let first = decisionDates.first, let last = decisionDates.last, first + 1 < T else {
            return BacktestResult(days: [], returns: [:], random: [], randomMedian: [], turnover: [:])
        }
        let days = Array((first + 1)...min(last + 1, T - 1))
        let decisionSet = Set(decisionDates)
        var rebalances: [Int] = []
        var t = first
        while t <= last { if decisionSet.contains(t) { rebalances.append(t) }; t += max(1, config.rebalanceEvery) }

        func eligible(_ s: [Double]?, at t: Int) -> [Int] {
            (0..<A).filter { a in s.map { $0[a * T + t].isFinite } ?? simpleReturns[a * T + t].isFinite }
        }
        func simulate(_ choose: (Int) -> [Int]) -> (returns: [Double], turnover: Double) {
            var held: [Int] = [], out: [Double] = [], turnovers: [Double] = []
            var ri = 0
            for d in days {
                var cost = 0.0
                if ri < rebalances.count, rebalances[ri] == d - 1 {
                    let next = choose(d - 1)
                    var w0: [Int: Double] = [:], w1: [Int: Double] = [:]
                    for a in held { w0[a] = 1 / Double(held.count) }
                    for a in next { w1[a] = 1 / Double(next.count) }
                    var tv = 0.0
                    for a in Set(w0.keys).union(w1.keys) { tv += abs((w1[a] ?? 0) - (w0[a] ?? 0)) }
                    turnovers.append(tv / 2)
                    cost = config.costBps / 1e4 * tv
                    held = next
                    ri += 1
                }
                var s = 0.0
                for a in held { let r = simpleReturns[a * T + d]; if r.isFinite { s += r } }
                out.append((held.isEmpty ? 0 : s / Double(held.count)) - cost)
            }
            return (out, turnovers.isEmpty ? 0 : turnovers.reduce(0, +) / Double(turnovers.count))
        }

        var returns: [String: [Double]] = [:], turnover: [String: Double] = [:]
        for name in scores.keys.sorted() {
            let s = scores[name]!
            let res = simulate { t in
                let e = eligible(s, at: t)
                // Highest score first; ties broken by asset index for determinism.
                return Array(e.sorted { (s[$0 * T + t], $1) > (s[$1 * T + t], $0) }.prefix(config.topK))
            }
            returns[name] = overlay(res.returns, config: config)
            turnover[name] = res.turnover
        }
        // Random-k: eligible = assets any model could pick (a score from the first model, if any).
        let reference = scores.keys.sorted().first.map { scores[$0]! }
        var random: [[Double]] = []
        for p in 0..<config.randomPortfolios {
            var rng = SeededGenerator(seed: seed &+ 0x5EED &* UInt64(p + 1))
            random.append(overlay(simulate { t in rng.sample(eligible(reference, at: t), count: config.topK) }.returns, config: config))
        }
        let order = random.indices.sorted { RiskMath.wealth(random[$0]).last ?? 1 < RiskMath.wealth(random[$1]).last ?? 1 }
        let randomMedian = order.isEmpty ? [] : random[order[order.count / 2]]
        // Equal-weight universe (no costs): mean of the available returns each day.
        returns["universe"] = days.map { d in
            var s = 0.0, n = 0
            for a in 0..<A { let r = simpleReturns[a * T + d]; if r.isFinite { s += r; n += 1 } }
            return n > 0 ? s / Double(n) : 0
        }
        return BacktestResult(days: days, returns: returns, random: random, randomMedian: randomMedian, turnover: turnover)
    }

    /// The optional risk overlay: exposure on day d is chosen from returns before d only —
    /// `min(1, target / realised vol)` and halved while the drawdown is beyond the brake.
    public static func overlay(_ r: [Double], config: BacktestConfig) -> [Double] {
        guard config.volatilityTarget != nil || config.drawdownBrake != nil else { return r }
        var out: [Double] = [], w = 1.0, peak = 1.0
        for d in r.indices {
            var e = 1.0
            if let target = config.volatilityTarget, d >= config.volatilityLookback {
                let vol = Statistics.standardDeviation(r[(d - config.volatilityLookback)..<d], ddof: 1) * RiskMath.periodsPerYear.squareRoot()
                if vol > 0 { e = min(1, target / vol) }
            }
            if let brake = config.drawdownBrake, w / peak - 1 < brake { e *= 0.5 }
            let x = e * r[d]
            out.append(x)
            w *= 1 + x; peak = max(peak, w)
        }
        return out
    }
}
