import Foundation
import Quant
/// `lstm`: the papers' pooled LSTM (``LSTMReturnModel``), one network for all assets.
public struct PooledLSTMDescriptor: ModelDescriptor {
    /// Creates the descriptor.
    public init() {}
    public var name: String { "lstm" }
    public var label: String { "LSTM top-k" }
    public var trainsNetwork: Bool { true }
    public var color: String { "#d32f2f" }
    public var isPaperStrategy: Bool { true }

    /// `config.lstm.trainStride`: adjacent windows share L−1 of L days.
    public func trainingStride(_ config: PipelineConfig) -> Int { config.lstm.trainStride }

    /// The grid's LSTM candidates (``HyperparameterGrid/lstmCandidates(base:)``) when tuning is on
    /// and no sweep point was adopted (an adopted point fixes hidden size and epochs).
    public func tuningCandidates(_ config: PipelineConfig) -> [HyperparameterCandidate]? {
        guard config.tuning.mode == .grid, config.tuning.adoptedSweepPoint == nil else { return nil }
        return config.tuning.grid.lstmCandidates(base: config)
    }

    /// Each fold gets its own seed (`seed + fold`), so folds are independent draws yet reproducible.
    public func makeModel(_ config: PipelineConfig, featureCount: Int, foldIndex: Int) throws -> any ReturnModel {
        LSTMReturnModel(config: config.modelLSTM, seed: config.seed &+ UInt64(foldIndex))
    }
}
