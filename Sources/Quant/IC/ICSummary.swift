import Foundation
import NumericsSupport

/// Summary statistics of an IC series (alphalens `plot_information_table` conventions).
///
/// NaN ICs are dropped first. `std` has ddof 1; `icir = mean/std` (not annualised);
/// `tStat = icir·√n` with a two-sided p-value on n − 1 degrees of freedom (scipy
/// `ttest_1samp`); `skew` and `kurtosis` are scipy's biased estimators (excess kurtosis);
/// `hitRate` is the share of ICs > 0. `neweyWestT` re-estimates the t statistic with a
/// Bartlett-kernel HAC variance, for overlapping forward windows.
public struct ICSummary: Sendable, Equatable {
    /// Number of non-NaN ICs.
    public let n: Int
    /// Mean IC (NaN when n = 0).
    public let mean: Double
    /// Sample standard deviation of the ICs (ddof 1; NaN when n < 2).
    public let std: Double
    /// Information ratio `mean / std`, per period (not annualised; NaN when n < 2).
    public let icir: Double
    /// One-sample t statistic of the mean, `icir·√n` (NaN when n < 2).
    public let tStat: Double
    /// Two-sided p-value of ``tStat`` (Student t, df = n − 1).
    public let pValue: Double
    /// Share of ICs strictly above 0.
    public let hitRate: Double
    /// Sample skewness (biased estimator, scipy default).
    public let skew: Double
    /// Excess kurtosis (biased estimator, 0 for a normal distribution).
    public let kurtosis: Double
    /// Lags used for ``neweyWestT`` (h − 1 for an h-period horizon).
    public let neweyWestLags: Int
    /// mean / HAC standard error with Bartlett weights 1 − l/(L+1), l = 1…L (``NeweyWest/tStatistic(_:lags:)``).
    public let neweyWestT: Double
    /// Two-sided normal p-value of ``neweyWestT``.
    public let neweyWestP: Double

    /// Summarises `ics`; `overlap` is the forward-return horizon h (Newey–West lags h − 1).
    public init<C: Collection>(_ ics: C, overlap: Int = 1) where C.Element == Double {
        let v = Statistics.dropNaN(ics)
        n = v.count
        mean = Statistics.mean(v)
        std = Statistics.standardDeviation(v, ddof: 1)
        icir = n >= 2 ? mean / std : .nan
        (tStat, pValue) = Statistics.oneSampleTTest(v)
        hitRate = n > 0 ? Double(v.filter { $0 > 0 }.count) / Double(n) : .nan
        skew = Statistics.skewness(v)
        kurtosis = Statistics.excessKurtosis(v)
        neweyWestLags = max(0, overlap - 1)
        neweyWestT = NeweyWest.tStatistic(v, lags: neweyWestLags)
        neweyWestP = StandardNormal.twoSidedP(neweyWestT)
    }

    /// ICIR scaled by √periodsPerYear (a knob; alphalens does not annualise).
    public func icirAnnualized(periodsPerYear: Double = 252) -> Double { icir * periodsPerYear.squareRoot() }

    /// The JSON object used by `factorlab ic --json` (keys: ic_mean, ic_std, icir, t_stat,
    /// p_value, hit_rate, n_periods, ic_skew, ic_kurtosis, newey_west_t, newey_west_lags).
    public var json: JSONValue {
        .object([
            ("ic_mean", .number(mean)), ("ic_std", .number(std)), ("icir", .number(icir)),
            ("t_stat", .number(tStat)), ("p_value", .number(pValue)), ("hit_rate", .number(hitRate)),
            ("n_periods", .integer(n)), ("ic_skew", .number(skew)), ("ic_kurtosis", .number(kurtosis)),
            ("newey_west_t", .number(neweyWestT)), ("newey_west_lags", .integer(neweyWestLags)),
        ])
    }
}
