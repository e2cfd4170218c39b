import Foundation
import Quant
/// Hyperparameters of `lstm_asset` (one small LSTM per asset, trained together): the pooled
/// ``LSTMConfig``'s epochs, patience, learning rate, weight decay and target scale, with a
/// smaller network and batch suited to one asset's few hundred windows.
public struct PerAssetLSTMConfig: Sendable, Equatable, Codable {
    /// The shared settings (its `hidden`, `batchSize` and `trainStride` are not used).
    public var shared: LSTMConfig
    /// Hidden units per layer of each asset's network (default 16).
    public var perAssetHidden: Int = 16
    /// Windows per asset per mini-batch (default 32).
    public var perAssetBatch: Int = 32
    /// Assets with fewer training windows get no model and predict NaN (default 8).
    public var minimumWindows: Int = 8

    /// A configuration taking the shared settings from `shared`.
    public init(shared: LSTMConfig = LSTMConfig(), perAssetHidden: Int = 16, perAssetBatch: Int = 32, minimumWindows: Int = 8) {
        self.shared = shared
        self.perAssetHidden = perAssetHidden
        self.perAssetBatch = perAssetBatch
        self.minimumWindows = minimumWindows
    }
}
