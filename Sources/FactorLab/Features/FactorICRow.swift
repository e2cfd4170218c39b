import Foundation
import Quant

/// One row of the factor IC table.
public struct FactorICRow: Sendable, Equatable, Codable {
    /// Factor name.
    public var factor: String
    /// Mean over dates of the cross-sectional IC (Pearson) with the next-day return.
    public var meanIC: Double
    /// Mean cross-sectional rank IC.
    public var meanRankIC: Double
    /// `meanIC / std(IC)`.
    public var icir: Double
    /// Mean over assets of the time-series IC.
    public var meanAssetIC: Double
    /// Number of assets whose time-series IC is significant.
    public var significantAssets: Int
    /// Number of assets tested.
    public var testedAssets: Int
    /// Whether the factor was selected.
    public var selected: Bool
    /// Where the factor comes from (``FactorSet/sources``: `paper`, `alpha158`, `alpha360`, `column`,
    /// `fundamentals`, `sectors`); `nil` when screened outside a ``ResearchDataset``.
    public var source: String? = nil
}
