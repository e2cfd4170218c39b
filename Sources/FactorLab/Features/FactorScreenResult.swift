import Foundation
import Quant

/// The outcome of screening.
public struct FactorScreenResult: Sendable, Equatable, Codable {
    /// One row per candidate factor, in the library's order.
    public var table: [FactorICRow]
    /// The selected factors, most significant first.
    public var selected: [String]
    /// Whether the paper's threshold selected too few factors and the best were added.
    public var relaxed: Bool
    /// Per-sector rank IC of the selected factors with the next-day return on the training dates
    /// (``SectorIC``); `nil` without a sector map.
    public var sectorIC: [SectorICRow]? = nil
}
