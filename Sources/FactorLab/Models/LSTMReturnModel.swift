import Foundation
import Tensors

/// The pooled LSTM regressor of both papers: one network shared by all assets, fed each asset's
/// window of L days of preprocessed factors, `LSTM → last step → Linear`, trained with MSE by
/// Adam/AdamW through Tensors' `Trainer` (seeded shuffling, early stopping on the validation
/// loss with best-weight restore). Float32 throughout.
public struct LSTMReturnModel: ReturnModel {
    /// `lstm`.
    public var name: String { "lstm" }
    /// Hyperparameters.
    public var config: LSTMConfig
    /// Seed for initial weights and shuffling.
    public var seed: UInt64
    /// The network (after `fit`).
    public private(set) var network: LSTMRegressor<Float>?

    /// Creates an untrained model.
    public init(config: LSTMConfig, seed: UInt64) {
        self.config = config
        self.seed = seed
    }

    /// Trains a fresh network from `seed` (targets scaled by `config.targetScale`); with a non-empty
    /// validation batch and `patience` > 0, stops early and restores the best-validation weights.
    /// Throws `notEnoughSamples` below max(8, batchSize/4) windows.
    public mutating func fit(train: WindowBatch, validation: WindowBatch, progress: ProgressReporter) throws -> FitReport {
        guard train.count >= config.batchSize / 4, train.count >= 8 else {
            throw ModelError.notEnoughSamples(model: name, samples: train.count, needed: max(8, config.batchSize / 4))
        }
        var net = LSTMRegressor<Float>(inputSize: train.featureCount, hiddenSize: config.hidden, layers: config.layers, seed: seed)
        let x = Tensor<Float>(shape: [train.count, train.window, train.featureCount], scalars: train.inputs)
        let y = Tensor<Float>(shape: [train.count, 1], scalars: train.targets.map { Float($0 * config.targetScale) })
        var val: (inputs: Tensor<Float>, targets: Tensor<Float>)? = nil
        if validation.count > 0 {
            val = (Tensor<Float>(shape: [validation.count, validation.window, validation.featureCount], scalars: validation.inputs),
                   Tensor<Float>(shape: [validation.count, 1], scalars: validation.targets.map { Float($0 * config.targetScale) }))
        }
        let stopping = (val != nil && config.patience > 0) ? EarlyStopping(patience: config.patience, restoreBestWeights: true) : nil
        let tc = TrainingConfiguration(epochs: config.epochs, batchSize: config.batchSize, shuffle: true, seed: seed,
                                       earlyStopping: stopping, gradientClipNorm: 1.0)
        let optimizer = config.weightDecay > 0
            ? Adam<Float>.adamW(learningRate: config.learningRate, weightDecay: config.weightDecay)
            : Adam<Float>(learningRate: config.learningRate)
        var trainer = Trainer<LSTMRegressor<Float>, Adam<Float>>(configuration: tc, optimizer: optimizer)
        let epochs = config.epochs
        let history: TrainingHistory
        do {
            history = try trainer.fit(&net, inputs: x, targets: y, validation: val) { p in
                let frac = (Double(p.epoch - 1) + Double(p.step) / Double(max(p.stepsPerEpoch, 1))) / Double(epochs)
                if p.event == .epochEnd {
                    progress.update(frac, String(format: "epoch %d/%d loss %.4f val %.4f", p.epoch, epochs, p.loss, p.validationLoss ?? .nan))
                } else if p.step % 20 == 0 {
                    progress.update(frac, String(format: "epoch %d/%d step %d/%d loss %.4f", p.epoch, epochs, p.step, p.stepsPerEpoch, p.loss))
                }
            }
        } catch let e as TrainingError {
            throw ModelError.unavailable(model: name, reason: "training failed: \(e)")
        }
        network = net
        var report = FitReport(trainLoss: history.epochs.map { $0.trainingLoss },
                               validationLoss: history.epochs.compactMap { $0.validationLoss },
                               bestEpoch: history.bestEpoch ?? history.epochs.count)
        if history.stoppedEarly { report.notes.append("stopped early after epoch \(history.epochs.count)") }
        return report
    }

    /// Predictions in return units (the network output divided by `targetScale`), in chunks of 2048
    /// windows to bound memory. Throws `unavailable` before `fit`.
    public func predict(_ batch: WindowBatch) throws -> [Double] {
        guard let net = network else { throw ModelError.unavailable(model: name, reason: "not fitted") }
        var out: [Double] = []
        out.reserveCapacity(batch.count)
        let chunk = 2048, stride = batch.window * batch.featureCount
        var start = 0
        while start < batch.count {
            let end = min(start + chunk, batch.count)
            let x = Tensor<Float>(shape: [end - start, batch.window, batch.featureCount],
                                  scalars: batch.inputs[(start * stride)..<(end * stride)])
            out += net.predict(x).scalars.map { Double($0) / config.targetScale }
            start = end
        }
        return out
    }
}
