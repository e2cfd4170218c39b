import Foundation
import Quant
/// Everything the pipeline needs to know about one model, in one place: its name in outputs and
/// on the command line, how the report shows it, how to build it for a fold, which windows it
/// trains on and which hyperparameters the tuner may search.
///
/// The built-in models are listed in ``ModelRegistry/standard``; a package of your own adds one by
/// conforming a type to this protocol and calling ``ModelRegistry/register(_:)`` (Docs/Extending.md).
public protocol ModelDescriptor: Sendable {
    /// Identifier in `--models`, `summary.json`, `predictions.csv` and the report (lowercase,
    /// `[a-z0-9_]`, unique within a registry).
    var name: String { get }
    /// Human label of its top-k strategy in tables and charts (e.g. `LSTM top-k`).
    var label: String { get }
    /// CSS colour of its lines in the report's charts.
    var color: String { get }
    /// Whether it is one of the papers' reported strategies, which `summary.json` always lists
    /// (with `"available": false` when not run). Default `false`.
    var isPaperStrategy: Bool { get }
    /// Train on every n-th decision date (default 1: all dates).
    func trainingStride(_ config: PipelineConfig) -> Int
    /// The hyperparameter candidates the per-fold search may try for this model under `config`
    /// (each applied with ``HyperparameterCandidate/applied(to:)``), or `nil` when it is fitted as
    /// configured. Default `nil`.
    func tuningCandidates(_ config: PipelineConfig) -> [HyperparameterCandidate]?
    /// Whether it trains an LSTM sized by ``PipelineConfig/lstm`` (then `--hidden`, `--layers`,
    /// `--batch-size` and `--ensemble` are checked against memory before a run). Default `false`.
    var trainsNetwork: Bool { get }
    /// Whether its fit depends on ``PipelineConfig/seed`` (initial weights, shuffling). With
    /// `--seeds N` a model that does not is trained once per fold and its predictions are copied to
    /// every replicate (identical numbers, std 0), instead of being refitted N times. Default `true`.
    var dependsOnSeed: Bool { get }
    /// A fresh, unfitted model for fold `foldIndex` with `featureCount` features per step.
    func makeModel(_ config: PipelineConfig, featureCount: Int, foldIndex: Int) throws -> any ReturnModel
}

extension ModelDescriptor {
    /// Not a paper strategy.
    public var isPaperStrategy: Bool { false }
    /// No network sized by the LSTM settings.
    public var trainsNetwork: Bool { false }
    /// Assumed seed-dependent: refitted for every replicate.
    public var dependsOnSeed: Bool { true }
    /// All decision dates.
    public func trainingStride(_ config: PipelineConfig) -> Int { 1 }
    /// No tuned hyperparameters.
    public func tuningCandidates(_ config: PipelineConfig) -> [HyperparameterCandidate]? { nil }
}
