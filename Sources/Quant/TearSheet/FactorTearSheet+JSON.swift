import Foundation
import NumericsSupport

extension FactorTearSheet {
    /// The tear sheet as JSON (`tearsheet.json`'s `tearsheet` object). Per-date series are arrays
    /// over ``dates``; NaN is written as the string `"NaN"` (``JSONNumber``). Keys are documented
    /// in Docs/TearSheet.md.
    public var json: JSONValue {
        func nums(_ v: [Double]) -> JSONValue { .array(v.map { .number($0) }) }
        let c = coverage
        var root: [(String, JSONValue)] = [
            ("dates", .array(dates.map { .string($0) })),
            ("asset_count", .integer(assetCount)),
            ("quantile_count", .integer(quantileCount)),
            ("demeaned", .bool(demeaned)),
            ("group_names", .array(groupNames.map { .string($0) })),
            ("coverage", .object([
                ("cells", .integer(c.cells)), ("factor_rows", .integer(c.factorRows)),
                ("forward_return_rows", .integer(c.forwardReturnRows)), ("used_rows", .integer(c.usedRows)),
                ("dropped_fraction", .number(c.droppedFraction)),
                ("dates_dropped_in_binning", .array(c.datesDroppedInBinning.map { .string($0) })),
            ])),
            ("quantile_statistics", .array(quantileStatistics.map { s in .object([
                ("quantile", .integer(s.quantile)), ("min", .number(s.min)), ("max", .number(s.max)),
                ("mean", .number(s.mean)), ("std", .number(s.std)), ("count", .integer(s.count)),
                ("count_percent", .number(s.countPercent)),
            ]) })),
        ]
        root.append(("horizons", .array(horizons.map { h in
            let s = h.spread
            return .object([
                ("horizon", .integer(h.horizon)),
                ("mean_return", nums(h.meanReturn)),
                ("mean_return_std_error", nums(h.meanReturnStdError)),
                ("mean_return_rate", nums(h.meanReturnRate)),
                ("mean_return_by_date", .array(h.meanReturnByDate.map(nums))),
                ("spread", .object([
                    ("top", .integer(s.top)), ("bottom", .integer(s.bottom)),
                    ("gross_exposure", .number(1)),
                    ("mean", .number(s.mean)), ("std_error", .number(s.stdError)),
                    ("mean_full_leverage", .number(s.meanFullLeverage)),
                    ("std_error_full_leverage", .number(s.stdErrorFullLeverage)),
                    ("mean_by_date", .number(s.meanByDate)),
                    ("by_date", nums(s.byDate)), ("std_error_by_date", nums(s.stdErrorByDate)),
                ])),
                ("factor_returns", nums(h.factorReturns)),
                ("factor_returns_full_leverage", nums(h.factorReturnsFullLeverage)),
                ("ic", .object([
                    ("summary", h.ic.summary.json),
                    ("by_date", nums(h.ic.byDate)),
                    ("monthly", .array(h.ic.monthly.map { m in .object([
                        ("year", .integer(m.year)), ("month", .integer(m.month)), ("mean", .number(m.mean)), ("count", .integer(m.count)),
                    ]) })),
                    ("by_group", .object(zip(groupNames, h.ic.byGroup).map { ($0, .number($1)) })),
                ])),
                ("turnover", .array(h.turnover.map(nums))),
                ("mean_turnover", nums(h.meanTurnover)),
                ("rank_autocorrelation", nums(h.rankAutocorrelation)),
                ("mean_rank_autocorrelation", .number(h.meanRankAutocorrelation)),
            ])
        })))
        if let cu = cumulative {
            root.append(("cumulative_1d", .object([
                ("quantiles", .array(cu.quantiles.map(nums))),
                ("factor_weighted", nums(cu.factorWeighted)),
                ("factor_weighted_full_leverage", nums(cu.factorWeightedFullLeverage)),
            ])))
        }
        return .object(root)
    }
}
