import Foundation

/// What happens to the weights between two rebalances.
public enum HoldingRule: String, Sendable, Equatable, CaseIterable {
    /// Buy and hold: weights drift with prices, `w_(t+1),j = w_tj (1 + r_(t+1),j) / (1 + p_(t+1))`;
    /// turnover at a rebalance is measured against the drifted weights.
    case buyAndHold = "buy-and-hold"
    /// Constant weights: the portfolio is brought back to its target weights at every row
    /// (the academic "equally weighted, re-weighted daily" convention, so `p_t = Σ_j w_j r_tj`).
    /// Turnover at a rebalance is measured against the previous *target*; the implicit daily
    /// re-weighting trades are not charged (a documented approximation, as in the papers).
    case constantWeights = "constant-weights"
}

/// Settings of a score-driven backtest.
public struct BacktestConfiguration: Sendable, Equatable {
    /// Names per leg.
    public var k: Int
    /// Which legs are held (long top `k`, short bottom `k`, or both).
    public var side: PortfolioSide
    /// How weights are set within a leg (equal, or proportional to the score).
    public var scheme: WeightScheme
    /// Rebalance every `h` rows, starting at `firstRebalance`; between rebalances holdings drift.
    public var rebalanceEvery: Int
    /// Row of the first rebalance (earlier rows are in cash, earning 0 and not reported).
    public var firstRebalance: Int
    /// Proportional cost per unit of traded weight, in basis points (10 = 0.1 %).
    public var costBps: Double
    /// Drift (default) or constant weights between rebalances.
    public var holding: HoldingRule
    /// Which names are held after a rebalance (default ``SelectionRule/topK``).
    public var selection: SelectionRule

    /// Defaults: a long-only, equal-weighted top-10 portfolio rebalanced every row from row 0,
    /// without costs, weights drifting between rebalances, the top-`k` selection rule.
    public init(k: Int = 10, side: PortfolioSide = .long, scheme: WeightScheme = .equal,
                rebalanceEvery: Int = 1, firstRebalance: Int = 0, costBps: Double = 0,
                holding: HoldingRule = .buyAndHold, selection: SelectionRule = .topK) {
        self.k = k; self.side = side; self.scheme = scheme
        self.rebalanceEvery = rebalanceEvery; self.firstRebalance = firstRebalance; self.costBps = costBps
        self.holding = holding; self.selection = selection
    }

    func validate() throws(RiskError) {
        guard k >= 1 else { throw .invalidParameter(name: "k", reason: "must be ≥ 1 (got \(k))") }
        guard rebalanceEvery >= 1 else {
            throw .invalidParameter(name: "rebalanceEvery", reason: "must be ≥ 1 (got \(rebalanceEvery))")
        }
        guard firstRebalance >= 0 else {
            throw .invalidParameter(name: "firstRebalance", reason: "must be ≥ 0 (got \(firstRebalance))")
        }
        guard costBps.isFinite, costBps >= 0 else {
            throw .invalidParameter(name: "costBps", reason: "must be finite and ≥ 0 (got \(costBps))")
        }
        if case let .topKDropout(nDrop, holdDays) = selection {
            try TopkDropout.check(k: k, nDrop: nDrop, holdDays: holdDays)
            guard side == .long else {
                throw .invalidParameter(name: "side", reason: "must be long for the topk-dropout rule (got \(side.rawValue))")
            }
            guard scheme == .equal else {
                throw .invalidParameter(name: "scheme", reason: "must be equal for the topk-dropout rule (got \(scheme.rawValue))")
            }
        }
    }
}

/// The path of a backtest. Arrays are indexed by *holding period* `i`: weights chosen at the close
/// of row `firstRebalance + i` earn the asset returns of row `firstRebalance + i + 1`.
public struct BacktestResult: Sendable, Equatable {
    /// Row of the close at which holding period 0 starts.
    public var startRow: Int
    /// Weights held over each period (after trading at its start), `periods × assets`.
    public var weights: [[Double]]
    /// Portfolio return before costs, `Σ_j w_ij · r_(start+i+1), j`.
    public var grossReturns: [Double]
    /// Return after costs: `(1 − cost_i)(1 + gross_i) − 1`.
    public var netReturns: [Double]
    /// `Σ_j |w_target − w_drifted|` traded at the start of each period (0 between rebalances).
    public var turnover: [Double]
    /// Cost as a fraction of NAV charged at the start of each period (`costBps/1e4 · turnover`).
    public var costs: [Double]
    /// Whether each period starts with a rebalance.
    public var rebalanced: [Bool]
    /// Held positions whose asset return was NaN (counted as 0 %, e.g. a trading halt).
    public var missingHeldReturns: Int
    /// One record per rebalance (periods with `rebalanced[i]`), in row order.
    public var trades: [RebalanceTrade] = []

    /// Mean turnover per rebalance.
    public var averageTurnoverPerRebalance: Double {
        let t = zip(turnover, rebalanced).filter(\.1).map(\.0)
        return t.isEmpty ? .nan : t.reduce(0, +) / Double(t.count)
    }

    /// Sum of the costs charged, as fractions of NAV (`Σ_i cost_i`, not compounded).
    public var totalCost: Double { costs.reduce(0, +) }
}

/// What one rebalance traded.
public struct RebalanceTrade: Sendable, Equatable {
    /// Row at whose close the trade happens.
    public var row: Int
    /// Assets without weight before the trade and with weight after it, ascending index.
    public var bought: [Int]
    /// Assets with weight before the trade and without weight after it, ascending index.
    public var sold: [Int]
    /// `Σ_j |w_target − w_before|` (buys and sells together, as ``BacktestResult/turnover``).
    public var turnover: Double
    /// Cost charged on NAV, `costBps/10⁴ · turnover`.
    public var cost: Double

    /// One-way turnover `Σ_j |Δw_j| / 2` (for a fully invested long book: the share of NAV replaced).
    public var oneWayTurnover: Double { turnover / 2 }
}

/// A daily (per-row) backtest of score-ranked portfolios on a dates × assets panel.
///
/// Timing (no look-ahead): `scores[t][j]` must be known at the close of row `t` (e.g. predictions
/// made from data up to `t`); `assetReturns[t][j]` is the simple return of asset `j` from the close
/// of row `t − 1` to the close of row `t`. Weights decided at the close of `t` earn
/// `assetReturns[t + 1]`. Between rebalances holdings drift with prices:
/// `w_(t+1),j = w_tj (1 + r_(t+1),j) / (1 + p_(t+1))` (or stay at target with
/// ``HoldingRule/constantWeights``).
public enum Backtest {
    /// Runs the score-ranked strategy of `configuration` (its ``SelectionRule``: the `k` best-scored
    /// names, or the top-`k` dropout rule).
    ///
    /// `rebalanceWhen(t)` (default: always) can veto a scheduled rebalance row, e.g. a row on which
    /// no prediction was made; the holdings then carry on untraded (`rebalanced[i] == false`).
    public static func run(scores: [[Double]], assetReturns: [[Double]], configuration c: BacktestConfiguration,
                           rebalanceWhen: ((Int) -> Bool)? = nil) throws(RiskError) -> BacktestResult {
        try c.validate()
        try checkPanel(scores, assetReturns)
        switch c.selection {
        case .topK:
            return try simulate(assetReturns: assetReturns, configuration: c) { (t: Int) throws(RiskError) -> [Double]? in
                guard rebalanceWhen?(t) ?? true else { return nil }
                return try PortfolioSelection.weights(scores[t], k: c.k, side: c.side, scheme: c.scheme)
            }
        case let .topKDropout(nDrop, holdDays):
            var book = try TopkDropout(k: c.k, nDrop: nDrop, holdDays: holdDays)
            let n = assetReturns.first?.count ?? 0
            return try simulate(assetReturns: assetReturns, configuration: c) { (t: Int) throws(RiskError) -> [Double]? in
                guard rebalanceWhen?(t) ?? true else { return nil }
                try book.rebalance(scores: scores[t], row: t)
                return book.weights(assetCount: n)
            }
        }
    }

    /// Runs an arbitrary target-weight rule `target(t)` called at each rebalance row `t`.
    public static func simulate(assetReturns: [[Double]], configuration c: BacktestConfiguration,
                                target: (Int) throws(RiskError) -> [Double]) throws(RiskError) -> BacktestResult {
        try simulate(assetReturns: assetReturns, configuration: c) { (t: Int) throws(RiskError) -> [Double]? in try target(t) }
    }

    /// Like ``simulate(assetReturns:configuration:target:)``, but `rebalance(t)` may return nil to
    /// skip that rebalance: no trade, holdings carry on, and the period is not counted as a rebalance.
    public static func simulate(assetReturns: [[Double]], configuration c: BacktestConfiguration,
                                rebalance target: (Int) throws(RiskError) -> [Double]?) throws(RiskError) -> BacktestResult {
        try c.validate()
        let rows = assetReturns.count
        let n = assetReturns.first?.count ?? 0
        for (t, row) in assetReturns.enumerated() {
            guard row.count == n else { throw .lengthMismatch(what: "assetReturns row \(t)", expected: n, found: row.count) }
            try checkFinite(row, "assetReturns row \(t)")
        }
        let periods = max(rows - 1 - c.firstRebalance, 0)
        var result = BacktestResult(startRow: c.firstRebalance, weights: [], grossReturns: [], netReturns: [],
                                    turnover: [], costs: [], rebalanced: [], missingHeldReturns: 0)
        result.weights.reserveCapacity(periods)
        var held = [Double](repeating: 0, count: n)  // drifted weights before trading (cash at start)
        let rate = c.costBps / 10_000
        for i in 0..<periods {
            let t = c.firstRebalance + i
            var rebalance = false
            var traded = 0.0
            if i % c.rebalanceEvery == 0, let w = try target(t) {
                rebalance = true
                guard w.count == n else { throw .lengthMismatch(what: "target weights at row \(t)", expected: n, found: w.count) }
                try checkFinite(w, "target weights at row \(t)")
                var bought: [Int] = [], sold: [Int] = []
                for j in 0..<n {
                    traded += abs(w[j] - held[j])
                    if held[j] == 0, w[j] != 0 { bought.append(j) } else if held[j] != 0, w[j] == 0 { sold.append(j) }
                }
                held = w
                result.trades.append(RebalanceTrade(row: t, bought: bought, sold: sold, turnover: traded, cost: rate * traded))
            }
            let next = assetReturns[t + 1]
            var gross = 0.0
            for j in 0..<n where held[j] != 0 {
                let r = next[j]
                if r.isNaN { result.missingHeldReturns += 1; continue }
                gross += held[j] * r
            }
            let cost = rate * traded
            result.weights.append(held)
            result.grossReturns.append(gross)
            result.netReturns.append(cost == 0 ? gross : (1 - cost) * (1 + gross) - 1)
            result.turnover.append(traded)
            result.costs.append(cost)
            result.rebalanced.append(rebalance)
            // Drift to the weights implied by end-of-period prices (constant weights stay at target).
            guard c.holding == .buyAndHold else { continue }
            let growth = 1 + gross
            for j in 0..<n where held[j] != 0 {
                let r = next[j].isNaN ? 0 : next[j]
                held[j] = growth != 0 ? held[j] * (1 + r) / growth : 0
            }
        }
        return result
    }

    static func checkPanel(_ scores: [[Double]], _ returns: [[Double]]) throws(RiskError) {
        guard scores.count == returns.count else {
            throw .lengthMismatch(what: "scores rows", expected: returns.count, found: scores.count)
        }
        let n = returns.first?.count ?? 0
        for (t, row) in scores.enumerated() where row.count != n {
            throw .lengthMismatch(what: "scores row \(t)", expected: n, found: row.count)
        }
    }
}
