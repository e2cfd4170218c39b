import Foundation
import Quant

/// What happened to one extra seed replicate (`--seeds N`, replicate i ≥ 1) in one fold: replicate
/// 0 is the fold's own ``FoldOutcome/fits`` and ``FoldOutcome/unavailable``.
public struct SeedReplicate: Sendable, Equatable, Codable {
    /// The replicate's base seed (``PipelineConfig/replicateSeed(_:)``).
    public var seed: UInt64
    /// Fit report per seed-dependent model (models that do not depend on the seed are copied from
    /// replicate 0 and have none here).
    public var fits: [String: FitReport]
    /// Seed-dependent models that failed for this replicate, with the reason (its predictions for
    /// the fold stay missing, so its metrics are NaN).
    public var unavailable: [String: String]

    /// Creates a replicate outcome.
    public init(seed: UInt64, fits: [String: FitReport] = [:], unavailable: [String: String] = [:]) {
        self.seed = seed
        self.fits = fits
        self.unavailable = unavailable
    }
}
