import Foundation
import Quant

/// One metric over the seed replicates of a run (`--seeds N`): the per-seed values (replicate 0
/// first), their mean and their sample standard deviation (ddof 1, as qlib's benchmark tables
/// report `mean±std` over seeds). A NaN value (a replicate without the metric) makes mean and std
/// NaN rather than silently averaging fewer seeds.
public struct SeedSpread: Sendable, Equatable {
    /// Per-seed values, replicate 0 first.
    public var values: [Double]
    /// Arithmetic mean (Quant's `Statistics.mean`).
    public var mean: Double
    /// Sample standard deviation, ddof 1 (NaN for one seed).
    public var std: Double

    /// The spread of `values`.
    public init(_ values: [Double]) {
        self.values = values
        if values.isEmpty || values.contains(where: { $0.isNaN }) {
            mean = .nan
            std = .nan
        } else {
            mean = Statistics.mean(values)
            std = values.count < 2 ? .nan : Statistics.standardDeviation(values, ddof: 1)
        }
    }
}

extension Evaluation {
    /// The number of seed replicates evaluated (1 without `--seeds`).
    public var seedCount: Int { max(1, replicates.count) }

    /// The evaluation of every replicate, replicate 0 (this one) first.
    public var allReplicates: [Evaluation] { replicates.isEmpty ? [self] : replicates }

    /// `metric` of strategy `name` in every replicate (NaN where a replicate lacks the strategy).
    public func spread(_ name: String, _ metric: (StrategyEvaluation) -> Double) -> SeedSpread {
        SeedSpread(allReplicates.map { $0.strategies[name].map(metric) ?? .nan })
    }
}
