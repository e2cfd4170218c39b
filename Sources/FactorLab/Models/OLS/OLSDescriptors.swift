import Foundation
import Quant
/// `ols`: the second paper's benchmark `R = α + Σ βᵢ Fᵢ + ε`, one regression pooled over assets.
public struct PooledOLSDescriptor: ModelDescriptor {
    /// Creates the descriptor.
    public init() {}
    public var name: String { "ols" }
    public var label: String { "OLS pooled top-k" }
    public var color: String { "#1565c0" }
    public var isPaperStrategy: Bool { true }
    /// Closed form: the same fit for every seed.
    public var dependsOnSeed: Bool { false }

    public func makeModel(_ config: PipelineConfig, featureCount: Int, foldIndex: Int) throws -> any ReturnModel {
        OLSBenchmark(scope: .pooled)
    }
}

/// `ols_asset`: the benchmark regression per asset (pooled fit as the fallback).
public struct PerAssetOLSDescriptor: ModelDescriptor {
    /// Creates the descriptor.
    public init() {}
    public var name: String { "ols_asset" }
    public var label: String { "OLS per-asset top-k" }
    public var color: String { "#6a1b9a" }
    public var isPaperStrategy: Bool { true }
    /// Closed form: the same fit for every seed.
    public var dependsOnSeed: Bool { false }

    public func makeModel(_ config: PipelineConfig, featureCount: Int, foldIndex: Int) throws -> any ReturnModel {
        OLSBenchmark(scope: .perAsset)
    }
}

/// `ols_ridge`: the pooled benchmark with ridge-shrunk slopes (λ = `ridge` · n).
public struct RidgeOLSDescriptor: ModelDescriptor {
    /// Creates the descriptor.
    public init() {}
    public var name: String { "ols_ridge" }
    public var label: String { "OLS ridge top-k" }
    public var color: String { "#00838f" }
    /// Closed form (the tuning CV too): the same fit for every seed.
    public var dependsOnSeed: Bool { false }

    /// The grid's ridge penalties (``HyperparameterGrid/ridgeCandidates``) when tuning is on.
    public func tuningCandidates(_ config: PipelineConfig) -> [HyperparameterCandidate]? {
        config.tuning.mode == .grid ? config.tuning.grid.ridgeCandidates : nil
    }

    public func makeModel(_ config: PipelineConfig, featureCount: Int, foldIndex: Int) throws -> any ReturnModel {
        OLSBenchmark(scope: .pooled, ridge: config.ridge)
    }
}
