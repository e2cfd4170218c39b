import Foundation
import Quant
/// The predictions of a run (or of one share of its folds).
public struct PipelinePredictions: Sendable {
    /// The configuration used.
    public var config: PipelineConfig
    /// Fold outcomes, in fold order.
    public var folds: [FoldOutcome]
    /// Per model, asset-major predictions (`NaN` where none was made).
    public var predictions: [String: [Double]]
    /// With `--seeds N` > 1, per replicate (replicate 0 first, equal to ``predictions``) the
    /// predictions per model; empty for one seed (see ``allSeeds``).
    public var seedPredictions: [[String: [Double]]] = []
    /// Origin of the factors and factors skipped for missing fields.
    public var factorOrigin: String
    /// See ``factorOrigin``.
    public var skippedFactors: [String: [String]]
    /// Where each candidate factor comes from (``FactorSet/sources``): factor → `paper`, `alpha158`,
    /// `alpha360`, `column`, `fundamentals` or `sectors`.
    public var factorSources: [String: String] = [:]
    /// Data factors left out as unusable (constant, mostly missing): factor → reason.
    public var unusableFactors: [String: String] = [:]
    /// Total number of folds of the full run (≥ `folds.count` when a share ran).
    public var totalFolds: Int

    /// The predictions of every replicate, replicate 0 (``predictions``) first.
    public var allSeeds: [[String: [Double]]] { seedPredictions.isEmpty ? [predictions] : seedPredictions }
}
