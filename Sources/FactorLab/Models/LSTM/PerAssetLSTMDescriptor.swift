import Foundation
import Quant
/// `lstm_asset`: one small LSTM per asset, trained together (``PerAssetLSTMModel``).
public struct PerAssetLSTMDescriptor: ModelDescriptor {
    /// Creates the descriptor.
    public init() {}
    public var name: String { "lstm_asset" }
    public var label: String { "LSTM per-asset top-k" }
    public var trainsNetwork: Bool { true }
    public var color: String { "#ef6c00" }

    /// Seeds `seed + fold` (per asset: plus its rank among the modelled assets).
    public func makeModel(_ config: PipelineConfig, featureCount: Int, foldIndex: Int) throws -> any ReturnModel {
        PerAssetLSTMModel(config: PerAssetLSTMConfig(shared: config.modelLSTM), seed: config.seed &+ UInt64(foldIndex))
    }
}
