import Foundation

/// The figures of one forward-return horizon h.
public struct TearSheetHorizon: Sendable {
    /// h in trading days.
    public let horizon: Int
    /// Mean (demeaned, when ``FactorTearSheet/demeaned``) h-day forward return of each quantile:
    /// the mean over dates of the per-date quantile mean (alphalens `mean_return_by_quantile`).
    public let meanReturn: [Double]
    /// Standard error of ``meanReturn``: std (ddof 1) of the per-date means / √(dates).
    public let meanReturnStdError: [Double]
    /// ``meanReturn`` as a 1-day rate, `(1 + m)^(1/h) − 1` (alphalens `rate_of_return`; what its
    /// returns table and bar chart show).
    public let meanReturnRate: [Double]
    /// Per-date mean return of each quantile, `[quantile][date]`, in h-day units (NaN when the
    /// quantile is empty that date).
    public let meanReturnByDate: [[Double]]
    /// Top-minus-bottom quantile spread.
    public let spread: QuantileSpread
    /// Factor-weighted long-short return per date: weights `(f − mean f)/Σ|f − mean f|` (gross
    /// exposure 1: 50 % long, 50 % short; alphalens `factor_returns(demeaned=True)`), times the h-day
    /// forward return, summed.
    public let factorReturns: [Double]
    /// The same portfolio at 100 % long and 100 % short (gross 2): exactly `2 ×` ``factorReturns``.
    public var factorReturnsFullLeverage: [Double] { factorReturns.map { 2 * $0 } }
    /// Rank IC (Spearman) per date and its summary, monthly means and means by group.
    public let ic: TearSheetIC
    /// Quantile turnover over h days, `[quantile][date]`: the share of the quantile's names at t
    /// that were not in it at t − h (alphalens `quantile_turnover(period=h)`).
    public let turnover: [[Double]]
    /// Mean of each quantile's ``turnover`` over dates.
    public let meanTurnover: [Double]
    /// Correlation across assets of the factor ranks at t and t − h (alphalens `factor_rank_autocorrelation`).
    public let rankAutocorrelation: [Double]
    /// Mean of ``rankAutocorrelation`` over dates.
    public let meanRankAutocorrelation: Double
}

/// The top-minus-bottom quantile spread (alphalens `compute_mean_returns_spread`).
///
/// Convention: like alphalens-reloaded 0.5.1, the spread is `(top − bottom)/2` — a dollar-neutral
/// book at gross exposure 1 (50 % long the top quantile, 50 % short the bottom), comparable with
/// ``TearSheetHorizon/factorReturns``. The `…FullLeverage` figures are the raw difference
/// `top − bottom` (100 % long, 100 % short; alphalens before 0.5 reported this, double the book).
public struct QuantileSpread: Sendable {
    /// Top and bottom quantile used (the highest and lowest that occur).
    public let top: Int, bottom: Int
    /// Per-date spread of the 1-day rates, `(rate(top) − rate(bottom))/2`.
    public let byDate: [Double]
    /// Per-date standard error, `√(se_top² + se_bottom²)/2` with `se = std/√n/√h` (alphalens `std_conversion`).
    public let stdErrorByDate: [Double]
    /// Mean of ``byDate`` over dates (alphalens' "Mean Period Wise Spread").
    public let meanByDate: Double
    /// Spread of the over-all h-day means, `(meanReturn[top] − meanReturn[bottom])/2`.
    public let mean: Double
    /// Its standard error `√(se_top² + se_bottom²)/2` from ``TearSheetHorizon/meanReturnStdError``.
    public let stdError: Double
    /// ``mean`` at 100 % long / 100 % short: `2 × mean`.
    public var meanFullLeverage: Double { 2 * mean }
    /// ``stdError`` at 100 % long / 100 % short.
    public var stdErrorFullLeverage: Double { 2 * stdError }
}

/// IC analysis of one horizon (alphalens `create_information_tear_sheet`).
public struct TearSheetIC: Sendable {
    /// Spearman rank IC per date over the used rows (NaN with fewer than 2 rows or a constant side).
    public let byDate: [Double]
    /// Mean, std, ICIR, t, p, skew, kurtosis (alphalens' information table; Newey–West extra).
    public let summary: ICSummary
    /// Mean IC of every calendar month from the first to the last date with an IC (NaN for a month without).
    public let monthly: [MonthlyIC]
    /// Mean over dates of the per-date IC within each group (NaN for a group that never has 2 rows);
    /// empty without groups.
    public let byGroup: [Double]
}

/// The mean IC of one calendar month.
public struct MonthlyIC: Sendable, Equatable {
    /// Calendar year and month (1…12).
    public let year: Int, month: Int
    /// Mean of the month's non-NaN daily ICs (NaN when none).
    public let mean: Double
    /// Number of non-NaN daily ICs in the month.
    public let count: Int
}
