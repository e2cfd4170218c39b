import Quant
import Foundation
import Tensors

/// The pooled LSTM regressor of both papers: one network shared by all assets, fed each asset's
/// window of L days of preprocessed factors, `LSTM → last step → Linear`, trained with MSE by
/// Adam/AdamW through Tensors' `Trainer` (seeded shuffling, early stopping on the validation
/// loss with best-weight restore). Float32 throughout. With `config.ensemble` = N > 1, N networks
/// are trained one after the other from seeds ``memberSeed(_:member:)`` and their predictions
/// averaged (member 0 uses `seed` itself, so an ensemble of 1 is the single network).
public struct LSTMReturnModel: ReturnModel {
    /// `lstm`.
    public var name: String { "lstm" }
    /// Hyperparameters.
    public var config: LSTMConfig
    /// Seed for initial weights and shuffling (of member 0).
    public var seed: UInt64
    /// The ensemble members (after `fit`), member 0 first.
    public private(set) var networks: [LSTMRegressor<Float>] = []
    /// The first (for an ensemble of 1: the only) network, after `fit`.
    public var network: LSTMRegressor<Float>? { networks.first }

    /// Creates an untrained model.
    public init(config: LSTMConfig, seed: UInt64) {
        precondition(config.ensemble >= 1, "LSTMReturnModel: ensemble must be ≥ 1, got \(config.ensemble)")
        self.config = config
        self.seed = seed
    }

    /// The seed of ensemble member `member`: `seed` itself for member 0; for the others a SplitMix64
    /// output of `seed ⊕ member` (hashed, not `seed + member·γ`: the networks draw their weights
    /// from SplitMix64 streams, and seeds one γ apart would give the same stream shifted by one draw).
    public static func memberSeed(_ seed: UInt64, member: Int) -> UInt64 {
        guard member > 0 else { return seed }
        var g = SplitMix64(state: seed ^ (0xE45E_4B1E_0000_0000 &+ UInt64(member)))
        return g.next()
    }

    /// Trains `config.ensemble` fresh networks (targets scaled by `config.targetScale`); with a
    /// non-empty validation batch and `patience` > 0, each stops early and restores its
    /// best-validation weights. The report holds member 0's curves (plus every member's best epoch
    /// in `notes`). Throws `notEnoughSamples` below max(8, batchSize/4) windows.
    public mutating func fit(train: WindowBatch, validation: WindowBatch, progress: ProgressReporter) throws -> FitReport {
        guard train.count >= config.batchSize / 4, train.count >= 8 else {
            throw ModelError.notEnoughSamples(model: name, samples: train.count, needed: max(8, config.batchSize / 4))
        }
        let x = Tensor<Float>(shape: [train.count, train.window, train.featureCount], scalars: train.inputs)
        let y = Tensor<Float>(shape: [train.count, 1], scalars: train.targets.map { Float($0 * config.targetScale) })
        var val: (inputs: Tensor<Float>, targets: Tensor<Float>)? = nil
        if validation.count > 0 {
            val = (Tensor<Float>(shape: [validation.count, validation.window, validation.featureCount], scalars: validation.inputs),
                   Tensor<Float>(shape: [validation.count, 1], scalars: validation.targets.map { Float($0 * config.targetScale) }))
        }
        var members: [LSTMRegressor<Float>] = []
        var reports: [FitReport] = []
        for m in 0..<config.ensemble {
            let (net, report) = try fitMember(seed: Self.memberSeed(seed, member: m), featureCount: train.featureCount,
                                              x: x, y: y, validation: val, progress: progress,
                                              label: config.ensemble > 1 ? "member \(m + 1)/\(config.ensemble) " : "")
            members.append(net)
            reports.append(report)
        }
        networks = members
        var report = reports[0]
        if config.ensemble > 1 {
            report.notes.append("ensemble of \(config.ensemble): best epochs \(reports.map { String($0.bestEpoch) }.joined(separator: ", "))")
        }
        return report
    }

    private func fitMember(seed: UInt64, featureCount: Int, x: Tensor<Float>, y: Tensor<Float>,
                           validation val: (inputs: Tensor<Float>, targets: Tensor<Float>)?,
                           progress: ProgressReporter, label: String) throws -> (LSTMRegressor<Float>, FitReport) {
        var net = LSTMRegressor<Float>(inputSize: featureCount, hiddenSize: config.hidden, layers: config.layers,
                                       dropout: config.layers > 1 ? config.dropout : 0, seed: seed)
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
                    progress.update(frac, String(format: "%@epoch %d/%d loss %.4f val %.4f", label, p.epoch, epochs, p.loss, p.validationLoss ?? .nan))
                } else if p.step % 20 == 0 {
                    progress.update(frac, String(format: "%@epoch %d/%d step %d/%d loss %.4f", label, p.epoch, epochs, p.step, p.stepsPerEpoch, p.loss))
                }
            }
        } catch let e as TrainingError {
            throw ModelError.unavailable(model: name, reason: "training failed: \(e)")
        }
        var report = FitReport(trainLoss: history.epochs.map { $0.trainingLoss },
                               validationLoss: history.epochs.compactMap { $0.validationLoss },
                               bestEpoch: history.bestEpoch ?? history.epochs.count)
        if history.stoppedEarly { report.notes.append("stopped early after epoch \(history.epochs.count)") }
        return (net, report)
    }

    /// Predictions in return units (the network output divided by `targetScale`), one forward pass
    /// per decision date (bounded memory, truncation-invariant bits); for an ensemble, the mean of the members' predictions (summed in
    /// member order, then divided by N). Throws `unavailable` before `fit`.
    public func predict(_ batch: WindowBatch) throws -> [Double] {
        guard !networks.isEmpty else { throw ModelError.unavailable(model: name, reason: "not fitted") }
        var sum = predict(batch, with: networks[0])
        guard networks.count > 1 else { return sum }
        for net in networks.dropFirst() {
            let p = predict(batch, with: net)
            for i in sum.indices { sum[i] += p[i] }
        }
        let n = Double(networks.count)
        return sum.map { $0 / n }
    }

    /// One forward pass per decision date (that date's cross-section), never mixing dates.
    ///
    /// Why per date: BLAS kernels may round a row differently depending on how many rows share
    /// the call (OpenBLAS's edge tiles accumulate in another order), so a chunk of mixed dates
    /// would make a prediction depend on which *other* windows the file happens to contain —
    /// e.g. truncating the file after date D changed LSTM predictions before D by ~3e-10.
    /// A date's cross-section depends only on data up to that date, so per-date batches keep
    /// every prediction bit-identical under truncation (Docs/Pipeline.md, "No look-ahead").
    private func predict(_ batch: WindowBatch, with net: LSTMRegressor<Float>) -> [Double] {
        var out = [Double](repeating: .nan, count: batch.count)
        var byDate: [Int: [Int]] = [:]
        for i in 0..<batch.count { byDate[batch.dates[i], default: []].append(i) }
        let stride = batch.window * batch.featureCount
        var x = [Float]()
        for date in byDate.keys.sorted() {
            let rows = byDate[date]!
            x.removeAll(keepingCapacity: true)
            for i in rows { x.append(contentsOf: batch.inputs[(i * stride)..<((i + 1) * stride)]) }
            let y = net.predict(Tensor<Float>(shape: [rows.count, batch.window, batch.featureCount], scalars: x)).scalars
            for (k, i) in rows.enumerated() { out[i] = Double(y[k]) / config.targetScale }
        }
        return out
    }
}
