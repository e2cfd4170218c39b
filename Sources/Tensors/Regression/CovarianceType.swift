/// How the covariance of the coefficients is estimated (statsmodels `cov_type`).
public enum CovarianceType: Sendable, Hashable, CustomStringConvertible {
    /// σ̂²(XᵀX)⁻¹ (statsmodels `nonrobust`); inference uses Student t with `df_resid`.
    case classical
    /// White: (XᵀX)⁻¹ Xᵀdiag(eᵢ²)X (XᵀX)⁻¹.
    case hc0
    /// HC0 · n/(n−k).
    case hc1
    /// eᵢ² / (1 − hᵢᵢ).
    case hc2
    /// eᵢ² / (1 − hᵢᵢ)².
    case hc3
    /// Newey–West with Bartlett weights 1 − l/(L+1), l = 0…L; `smallSampleCorrection`
    /// multiplies by n/(n−k) (statsmodels `use_correction`, default false for HAC).
    case hac(lags: Int, smallSampleCorrection: Bool = false)

    /// Whether this is one of the heteroscedasticity/autocorrelation-robust estimators.
    /// statsmodels then reports z statistics (normal p-values and intervals) by default,
    /// while the F test of the regression keeps the F(df_model, df_resid) distribution.
    public var isRobust: Bool { self != .classical }

    public var description: String {
        switch self {
        case .classical: return "nonrobust"
        case .hc0: return "HC0"
        case .hc1: return "HC1"
        case .hc2: return "HC2"
        case .hc3: return "HC3"
        case let .hac(lags, correction): return "HAC(maxlags=\(lags)\(correction ? ", corrected" : ""))"
        }
    }

    /// Parses `classical`/`nonrobust`, `HC0`…`HC3`, `HAC` (case-insensitive); `lags` is used for HAC.
    public init?(name: String, lags: Int = 0) {
        switch name.lowercased() {
        case "classical", "nonrobust": self = .classical
        case "hc0": self = .hc0
        case "hc1": self = .hc1
        case "hc2": self = .hc2
        case "hc3": self = .hc3
        case "hac", "newey-west", "neweywest": self = .hac(lags: lags)
        default: return nil
        }
    }
}
