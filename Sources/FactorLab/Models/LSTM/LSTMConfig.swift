import Foundation
import Quant
/// Hyperparameters of the pooled LSTM regressor (LSTM → last step → Linear, MSE loss).
public struct LSTMConfig: Sendable, Equatable, Codable {
    /// Hidden units per layer (default 64).
    public var hidden: Int = 64
    /// Stacked layers (default 1).
    public var layers: Int = 1
    /// Maximum epochs (default 20); training stops earlier when validation loss stalls.
    public var epochs: Int = 20
    /// Epochs without validation improvement before stopping (default 3); 0 disables early stopping.
    public var patience: Int = 3
    /// Mini-batch size (default 256).
    public var batchSize: Int = 256
    /// Adam learning rate (default 1e-3).
    public var learningRate: Double = 1e-3
    /// Decoupled weight decay (AdamW; default 0 = Adam).
    public var weightDecay: Double = 0
    /// Keep every `trainStride`-th decision date for training windows (default 2: adjacent windows
    /// share L−1 of L days, so halving them costs little information and half the time).
    public var trainStride: Int = 2
    /// Targets are multiplied by this before training and divided after prediction, so the MSE
    /// works on numbers of order 1 (daily log returns are ~1e-2; default 100).
    public var targetScale: Double = 100
    /// Dropout between stacked layers, in [0, 1) (used only when `layers` > 1; default 0).
    public var dropout: Double = 0
    /// Networks in the seed ensemble (default 1): member i is trained from
    /// ``LSTMReturnModel/memberSeed(_:member:)`` and the predictions are averaged.
    public var ensemble: Int = 1

    /// Creates a configuration with the defaults above.
    public init(hidden: Int = 64, layers: Int = 1, epochs: Int = 20, patience: Int = 3, batchSize: Int = 256,
                learningRate: Double = 1e-3, weightDecay: Double = 0, trainStride: Int = 2, targetScale: Double = 100,
                dropout: Double = 0, ensemble: Int = 1) {
        self.hidden = hidden
        self.layers = layers
        self.epochs = epochs
        self.patience = patience
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.trainStride = trainStride
        self.targetScale = targetScale
        self.dropout = dropout
        self.ensemble = ensemble
    }
}
