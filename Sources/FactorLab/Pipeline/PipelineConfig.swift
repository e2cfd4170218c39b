import Foundation
import Quant
import Tensors
/// Every parameter of a research run, each with a default (see Docs/Pipeline.md).
public struct PipelineConfig: Sendable, Equatable, Codable {
    /// Sequence length L in days (default 20).
    public var window: Int = 20
    /// Target horizon h: the target is the mean log return over the next h days (default 10).
    public var horizon: Int = 10
    /// Walk-forward splits; its gap is kept equal to `horizon`.
    public var split = WalkForwardSplitter(gap: 10)
    /// Candidate factors and the training label (`--feature-set`, `--factors`, `--label`, `--sector-neutral`).
    public var features = FeatureConfig()
    /// Factor screening rule.
    public var screen = FactorScreenConfig()
    /// LSTM hyperparameters.
    public var lstm = LSTMConfig()
    /// Models to run, from `lstm` (pooled), `lstm_asset` (one network per asset, trained together),
    /// `ols` (pooled), `ols_ridge` (pooled ridge), `ols_asset` (per asset).
    public var models: [String] = ModelRegistry.defaultModels
    /// Ridge penalty per sample of `ols_ridge` when it is not tuned (λ = ridge · n; default 1).
    public var ridge: Double = 1
    /// Hyperparameter selection on validation folds (default: the small grid; see Docs/Pipeline.md).
    public var tuning = TuningConfig.small
    /// Portfolio construction and costs.
    public var backtest = BacktestConfig()
    /// Regime labelling rule.
    public var regimes = RegimeLabeler()
    /// Seed for weight initialisation, shuffling and random portfolios (default 42).
    public var seed: UInt64 = 42
    /// Training replicates per fold (`--seeds`, default 1): see ``seeds``. Stored only when > 1 so
    /// `run.json` of a one-seed run keeps its bytes (and records written before seeds existed decode).
    var seedReplicates: Int? = nil
    /// BLAS threads (0 = leave the library default).
    public var threads: Int = 0
    /// Run only this share of the folds (`nil` = all).
    public var foldShare: FoldShare? = nil

    /// The defaults.
    public init() {}

    /// Seeds per fold (`--seeds`, default 1): every model is trained `seeds` times per fold, replicate
    /// i from ``replicateSeed(_:)``, and every metric is reported as mean ± sample std over them
    /// (Docs/Pipeline.md, "Seeds"). Independent of the LSTM's ``LSTMConfig/ensemble``, which averages
    /// networks into one prediction; replicates stay separate predictions.
    public var seeds: Int {
        get { seedReplicates ?? 1 }
        set { seedReplicates = newValue == 1 ? nil : newValue }
    }

    /// The base seed of replicate `i` (`--seeds`): ``seed`` itself for replicate 0, so `--seeds 1`
    /// is the run without the flag; for the others a SplitMix64 output of `seed ⊕ (C + i)`, hashed as
    /// ``LSTMReturnModel/memberSeed(_:member:)`` does but with another constant C, so a replicate's
    /// seed never equals an ensemble member's seed of replicate 0.
    public func replicateSeed(_ i: Int) -> UInt64 {
        guard i > 0 else { return seed }
        var g = SplitMix64(state: seed ^ (0x5EED_5000_0000_0000 &+ UInt64(i)))
        return g.next()
    }

    /// This configuration for replicate `i`: ``seed`` replaced by ``replicateSeed(_:)``.
    public func replicate(_ i: Int) -> PipelineConfig {
        var c = self
        c.seed = replicateSeed(i)
        return c
    }

    /// The fewest dates (after the first full feature window) one walk-forward fold needs:
    /// train + validation + test day, two gaps of h and the window L.
    public var minimumDates: Int { split.trainDays + split.validationDays + 2 * horizon + window + 1 }

    /// The LSTM settings a model is built with: ``lstm``, with `targetScale` 1 when the label is
    /// normalised across stocks (``LabelNormalization``): such labels are already of order 1, and
    /// the default scale of 100 is meant for raw daily log returns (~1e-2).
    public var modelLSTM: LSTMConfig {
        var l = lstm
        if features.label != .raw { l.targetScale = 1 }
        return l
    }

    /// Sets the horizon and keeps the split gap and rebalance period equal to it.
    public mutating func setHorizon(_ h: Int) {
        horizon = h
        split.gap = h
        backtest.rebalanceEvery = h
    }
}
