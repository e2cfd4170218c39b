import Foundation
import Quant

/// Which candidate factors a run builds and how it labels its training samples
/// (`--feature-set`, `--factors`, `--label`, `--sector-neutral`).
public struct FeatureConfig: Sendable, Equatable, Codable {
    /// The factor family (default `paper`).
    public var set: FeatureSet = .paper
    /// The user's selection among the candidates (default: all).
    public var filter: FactorFilter = .all
    /// The training label (default `cs-zscore`, chosen by walk-forward validation on the bundled data:
    /// Docs/Pipeline.md, "Which label and feature set").
    public var label: LabelNormalization = .csZScore
    /// Preprocess within sectors: MAD winsorisation and z-score across the stocks of each sector on
    /// each date, instead of the pooled training statistics (needs a sector map; default off).
    public var sectorNeutral: Bool = false

    /// The defaults.
    public init(set: FeatureSet = .paper, filter: FactorFilter = .all, label: LabelNormalization = .csZScore, sectorNeutral: Bool = false) {
        self.set = set
        self.filter = filter
        self.label = label
        self.sectorNeutral = sectorNeutral
    }
}
