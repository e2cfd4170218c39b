import Foundation
import Quant

/// The family of candidate factors a run starts from (`--feature-set`).
///
/// Whatever the set, the user's own data — extra numeric columns of the price file, joined
/// fundamentals, the sector map's industry return — are added as candidates too (select with
/// `--factors`).
public enum FeatureSet: String, Sendable, Codable, CaseIterable {
    /// The papers' technical factors: the catalog's registry (Quant's `FactorRegistry.standard`
    /// plus any factors you added), cross-stock-comparable variants only.
    case paper
    /// qlib's Alpha158 (KBAR, price and 29 rolling operators over 5/10/20/30/60 days), from OHLCV.
    case alpha158
    /// qlib's Alpha360: close, open, high, low, vwap over the last 60 days divided by today's
    /// close, and volume divided by today's volume.
    case alpha360
    /// All of the above.
    case all

    /// The single sets this set draws from, each with its registry (`paper` standing for the
    /// catalog's registry); the set's name is the factors' source label.
    public func registries(paper: FactorRegistry) -> [(set: FeatureSet, registry: FactorRegistry)] {
        switch self {
        case .paper: return [(.paper, paper)]
        case .alpha158: return [(.alpha158, .alpha158)]
        case .alpha360: return [(.alpha360, .alpha360)]
        case .all: return [(.paper, paper), (.alpha158, .alpha158), (.alpha360, .alpha360)]
        }
    }

    /// Whether the paper's IC screening applies by default: it does for the paper's factors; the
    /// alpha sets are designed to be used whole (qlib feeds all 158 or 360 to its models), so they
    /// keep every factor unless `--screen paper` is given.
    public var screensByDefault: Bool { self == .paper }
}
