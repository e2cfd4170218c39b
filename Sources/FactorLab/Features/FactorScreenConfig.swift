import Foundation
import Quant

/// The first paper's single-factor validity test and selection rule.
///
/// For every factor and every asset, the time-series IC between the factor at T and the log
/// return at T+1 over the training dates is tested for significance (two-sided t-test of a
/// correlation, level `alpha`; an asset needs 10 finite pairs to be tested). A factor passes by
/// Quant's `FactorScreening.PaperRule`: significant for at least `minShare` of all the panel's
/// assets (the paper: more than 190 of 212 stocks ≈ 0.896). If fewer than
/// `minFactors` pass, the factors with the most significant assets (then the largest |mean IC|)
/// fill up to `minFactors`, and the selection is marked as relaxed; at most `maxFactors` are kept. A factor
/// whose pooled training-date correlation with an already chosen one exceeds `maxCorrelation` in
/// absolute value is skipped (the library has near-duplicates, e.g. `ma20_rel` and `boll_mid_rel`).
public struct FactorScreenConfig: Sendable, Equatable, Codable {
    /// Significance level of the per-asset IC test (default 0.05).
    public var alpha: Double = 0.05
    /// Share of assets that must pass (default 190/212).
    public var minShare: Double = 190.0 / 212.0
    /// Lower bound on the number of selected factors (default 10: the paper kept 10–11).
    public var minFactors: Int = 10
    /// Upper bound on the number of selected factors (default 10, as in the first paper).
    public var maxFactors: Int = 10
    /// Largest |correlation| allowed between two selected factors (default 0.95).
    public var maxCorrelation: Double = 0.95
    /// Keep every candidate instead of selecting (`--screen off`; the default for the Alpha158/Alpha360
    /// feature sets, which are meant to be used whole): every factor with values on the training dates is
    /// selected. The IC table is still computed and reported.
    public var keepAll: Bool = false

    /// The per-asset significance rule these settings describe.
    public var paperRule: FactorScreening.PaperRule { FactorScreening.PaperRule(alpha: alpha, minShare: minShare) }

    /// Creates a configuration with the defaults above.
    public init(alpha: Double = 0.05, minShare: Double = 190.0 / 212.0, minFactors: Int = 10, maxFactors: Int = 10,
                maxCorrelation: Double = 0.95, keepAll: Bool = false) {
        self.maxCorrelation = maxCorrelation
        self.keepAll = keepAll
        self.alpha = alpha
        self.minShare = minShare
        self.minFactors = minFactors
        self.maxFactors = maxFactors
    }
}
