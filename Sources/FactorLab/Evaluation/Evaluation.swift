import Foundation
import Quant
/// Everything the tables, summary.json and the report need.
public struct Evaluation: Sendable {
    /// Dates (ISO) on which strategy returns are earned.
    public var days: [String]
    /// Per strategy (`lstm`, `ols`, `ols_asset`, `random`, `universe`); `random` holds the median
    /// over the random portfolios of each metric, with the median portfolio's returns.
    public var strategies: [String: StrategyEvaluation]
    /// Regime per day of ``days``: the label known at the close of the previous day.
    public var labels: [MarketRegime]
    /// What the regimes were computed from.
    public var regimeSource: String
    /// Sharpe and annual return of every random portfolio.
    public var randomSharpe: [Double]
    /// See ``randomSharpe``.
    public var randomAnnualReturn: [Double]
    /// 5 % and 95 % quantiles of random-portfolio wealth per day.
    public var randomWealthBand: (low: [Double], high: [Double])
    /// Mid-rank percentile of each model's Sharpe among the random portfolios' (Quant's
    /// `RandomBaselineResult.percentileRank`: share strictly below plus half the ties, NaN excluded).
    public var randomPercentile: [String: Double]
    /// Problems found while evaluating that did not stop it (e.g. evaluation days the index does not
    /// cover); empty on clean inputs. Written to summary.json's `warnings` only when not empty.
    public var warnings: [String] = []
    /// Per-sector rank IC and sector exposure (with a sector map; base-seed replicate).
    public var sectors: SectorAnalysis? = nil
    /// Per model, the alphalens-style tear sheet of its out-of-sample predictions (quantiles of the
    /// prediction on each test date; IC by sector with a sector map; base-seed replicate).
    public var tearSheets: [String: FactorTearSheet] = [:]
    /// With `--seeds N` > 1, the evaluation of every replicate's predictions, replicate 0 (equal to
    /// this one's strategies) first; empty for one seed. Every replicate is backtested against the
    /// same random portfolios (the base seed's) and universe.
    public var replicates: [Evaluation] = []
    /// Per model, what each rebalance traded (rows are panel date indices; written to trades.csv).
    public var trades: [String: [RebalanceTrade]] = [:]
}
