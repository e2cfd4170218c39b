import Foundation

/// An alphalens-style factor tear sheet: quantile returns and spreads, factor-weighted long-short
/// returns, turnover, rank autocorrelation and IC analysis of one factor (Docs/TearSheet.md
/// defines every figure and where it differs from alphalens-reloaded 0.5.1).
///
/// ```swift
/// let input = TearSheetInput(layout: panel.layout, factor: mom20, prices: .closes(close), dates: panel.dates)
/// let sheet = try FactorTearSheet.compute(input)
/// print(sheet.horizons[0].ic.summary.mean)
/// ```
///
/// Every per-date array has one entry per input date (`NaN` where the figure does not exist on
/// that date); every per-quantile array has ``quantileCount`` entries, quantile 1 (lowest factor) first.
public struct FactorTearSheet: Sendable {
    /// The input dates.
    public let dates: [String]
    /// Number of assets.
    public let assetCount: Int
    /// Number of quantiles q.
    public let quantileCount: Int
    /// Group names (empty without groups).
    public let groupNames: [String]
    /// Which rows were used (alphalens' clean factor data) and why the others were not.
    public let coverage: TearSheetCoverage
    /// Quantile (1…q) of every (asset, date) row used, 0 for rows left out; asset-major like the input.
    public let quantiles: [Int]
    /// Factor statistics per quantile (alphalens `plot_quantile_statistics_table`).
    public let quantileStatistics: [QuantileFactorStatistics]
    /// The figures of each horizon, in the order of ``TearSheetOptions/horizons``.
    public let horizons: [TearSheetHorizon]
    /// Cumulative 1-day returns (nil when horizon 1 is not among the horizons).
    public let cumulative: TearSheetCumulative?
    /// Whether quantile mean returns were demeaned per date (``TearSheetOptions/demeaned``).
    public let demeaned: Bool
}

/// How many (asset, date) rows each step kept (alphalens' "Dropped x% entries" report, without its
/// `max_loss` exception: we report and go on).
public struct TearSheetCoverage: Sendable, Equatable {
    /// Rows of the panel (assets × dates).
    public let cells: Int
    /// Rows with a finite factor value.
    public let factorRows: Int
    /// Of those, rows with every horizon's forward return.
    public let forwardReturnRows: Int
    /// Of those, rows that got a quantile (the sample of every figure). Dates whose quantile edges
    /// repeat are dropped whole, as alphalens does.
    public let usedRows: Int
    /// Dates dropped because their quantile edges were not unique.
    public let datesDroppedInBinning: [String]
    /// `1 − usedRows / cells`: alphalens' total loss when the factor is passed with its NaN rows.
    public var droppedFraction: Double { cells == 0 ? .nan : 1 - Double(usedRows) / Double(cells) }
}

/// Factor values in one quantile over all used rows.
public struct QuantileFactorStatistics: Sendable, Equatable {
    /// Quantile 1…q.
    public let quantile: Int
    /// Smallest, largest and mean factor value (NaN when empty).
    public let min: Double, max: Double, mean: Double
    /// Sample standard deviation (ddof 1).
    public let std: Double
    /// Rows in the quantile, and their share of all used rows in percent.
    public let count: Int, countPercent: Double
}

/// Cumulative growth of 1 from the 1-day returns (empyrical `cum_returns(starting_value=1)`: a
/// missing return counts as 0). NaN before the first and after the last date with used rows.
public struct TearSheetCumulative: Sendable {
    /// Per quantile `[quantile][date]`, from the (demeaned) 1-day quantile mean returns.
    public let quantiles: [[Double]]
    /// The factor-weighted long-short portfolio at gross 1.
    public let factorWeighted: [Double]
    /// The factor-weighted portfolio at 100 % long / 100 % short (1-day returns doubled, compounded).
    public let factorWeightedFullLeverage: [Double]
}
