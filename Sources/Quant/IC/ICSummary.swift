import Foundation

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
    /// mean / HAC standard error with Bartlett weights 1 − l/(L+1), l = 1…L.
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
        neweyWestT = ICSummary.neweyWestT(v, lags: neweyWestLags)
        neweyWestP = neweyWestT.isNaN ? .nan : 2 * Statistics.normalCDF(-abs(neweyWestT))
    }

    /// ICIR scaled by √periodsPerYear (a knob; alphalens does not annualise).
    public func icirAnnualized(periodsPerYear: Double = 252) -> Double { icir * periodsPerYear.squareRoot() }

    /// t statistic of the mean of `x` (no NaN) with a Newey–West (Bartlett) long-run variance:
    /// σ²_NW = γ₀ + 2 Σ_{l=1..L} (1 − l/(L+1)) γ_l with γ_l = (1/n) Σ_t (x_t − x̄)(x_{t−l} − x̄),
    /// t = x̄ / √(σ²_NW / n). Equals statsmodels OLS-on-a-constant with
    /// `cov_type="HAC", cov_kwds={"maxlags": L, "use_correction": False}`. NaN for n < 2.
    public static func neweyWestT(_ x: [Double], lags: Int) -> Double {
        let n = x.count
        guard n >= 2 else { return .nan }
        let m = Statistics.mean(x)
        let d = x.map { $0 - m }
        func gamma(_ l: Int) -> Double {
            var s = 0.0
            for t in l..<n { s += d[t] * d[t - l] }
            return s / Double(n)
        }
        var lrv = gamma(0)
        if lags > 0 { for l in 1...min(lags, n - 1) { lrv += 2 * (1 - Double(l) / Double(lags + 1)) * gamma(l) } }
        guard lrv > 0 else { return m == 0 ? .nan : (m > 0 ? .infinity : -.infinity) }
        return m / (lrv / Double(n)).squareRoot()
    }

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
