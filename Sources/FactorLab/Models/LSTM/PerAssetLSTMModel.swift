import Quant
import Foundation
import Tensors

/// `lstm_asset`: one LSTM regressor per asset (`LSTM → last step → Linear`, Float32), each
/// trained only on its own asset's windows and validated on its own validation windows, all
/// assets at once through Tensors' `GroupedTrainer` (batched GEMMs over the assets; each
/// asset's result equals training its model alone with `Trainer`).
///
/// The k-th modelled asset (in asset order) is initialised and shuffled with seed `seed + k`. Assets with fewer than
/// ``PerAssetLSTMConfig/minimumWindows`` training windows get no model: their test windows
/// predict NaN, which the evaluation treats as "no prediction". Targets are scaled by
/// `targetScale` as in the pooled model. Early stopping (patience) applies per asset; an asset
/// without validation windows trains for all epochs.
public struct PerAssetLSTMModel: ReturnModel {
    /// `lstm_asset`.
    public var name: String { "lstm_asset" }
    /// Hyperparameters.
    public var config: PerAssetLSTMConfig
    /// Base seed of the per-asset seeds.
    public var seed: UInt64
    /// The trained networks, one group per modelled asset (after `fit`).
    public private(set) var network: GroupedLSTMRegressor<Float>?
    /// The asset index of each group of ``network``.
    public private(set) var modelledAssets: [Int] = []

    /// Creates an untrained model.
    public init(config: PerAssetLSTMConfig, seed: UInt64) {
        self.config = config
        self.seed = seed
    }

    /// Asset `asset`'s network as a plain `LSTMRegressor` (e.g. to save it), or nil when it has none.
    public func model(forAsset asset: Int) -> LSTMRegressor<Float>? {
        guard let network, let g = modelledAssets.firstIndex(of: asset) else { return nil }
        return network.model(at: g)
    }

    /// Trains one network per asset with ≥ `minimumWindows` training windows.
    /// Throws `notEnoughSamples` when no asset qualifies, `unavailable` when training fails
    /// (non-finite loss, naming the asset).
    public mutating func fit(train: WindowBatch, validation: WindowBatch, progress: ProgressReporter) throws -> FitReport {
        let shared = config.shared
        let byAsset = Dictionary(grouping: train.count > 0 ? Array(0..<train.count) : [], by: { train.assets[$0] })
        let assets = byAsset.keys.filter { byAsset[$0]!.count >= config.minimumWindows }.sorted()
        let skipped = byAsset.keys.filter { byAsset[$0]!.count < config.minimumWindows }.sorted()
        guard !assets.isEmpty else {
            throw ModelError.notEnoughSamples(model: name, samples: byAsset.values.map(\.count).max() ?? 0,
                                              needed: config.minimumWindows)
        }
        let validationByAsset = Dictionary(grouping: validation.count > 0 ? Array(0..<validation.count) : [],
                                           by: { validation.assets[$0] })
        let scale = shared.targetScale
        func tensors(_ batch: WindowBatch, _ indices: [Int]) -> (Tensor<Float>, Tensor<Float>) {
            let part = batch.subset(indices)
            return (Tensor(shape: [indices.count, batch.window, batch.featureCount], scalars: part.inputs),
                    Tensor(shape: [indices.count, 1], scalars: part.targets.map { Float($0 * scale) }))
        }
        let trainSets = assets.map { tensors(train, byAsset[$0]!) }
        let validationSets = assets.map { tensors(validation, validationByAsset[$0] ?? []) }
        // Seeds by rank among the modelled assets, not by asset index: an index moves when the file
        // gains a ticker that sorts earlier (e.g. one listed only after some date D), and the
        // networks of earlier folds must not change when data after D is added or removed.
        let seeds = assets.indices.map { seed &+ UInt64($0) }
        var net = GroupedLSTMRegressor<Float>(inputSize: train.featureCount, hiddenSize: config.perAssetHidden,
                                              layers: shared.layers, seeds: seeds)
        let anyValidation = validationSets.contains { $0.0.shape[0] > 0 }
        let stopping = anyValidation && shared.patience > 0
            ? EarlyStopping(patience: shared.patience, restoreBestWeights: true) : nil
        let tc = TrainingConfiguration(epochs: shared.epochs, batchSize: config.perAssetBatch, shuffle: true, seed: seed,
                                       earlyStopping: stopping, gradientClipNorm: 1.0)
        let optimizer = shared.weightDecay > 0
            ? Adam<Float>.adamW(learningRate: shared.learningRate, weightDecay: shared.weightDecay)
            : Adam<Float>(learningRate: shared.learningRate)
        let trainer = GroupedTrainer(configuration: tc, optimizer: optimizer)
        let epochs = shared.epochs
        var meanTrain: [Double] = [], meanValidation: [Double] = []
        let histories: [TrainingHistory]
        do {
            histories = try trainer.fit(&net, inputs: trainSets.map(\.0), targets: trainSets.map(\.1),
                                        validation: validationSets.map { (inputs: $0.0, targets: $0.1) },
                                        shuffleSeeds: seeds) { p in
                let frac = (Double(p.epoch - 1) + Double(p.step) / Double(max(p.stepsPerEpoch, 1))) / Double(epochs)
                if p.event == .epochEnd {
                    meanTrain.append(p.loss)
                    if let v = p.validationLoss { meanValidation.append(v) }
                    progress.update(frac, String(format: "epoch %d/%d loss %.4f val %.4f, %d/%d assets training",
                                                 p.epoch, epochs, p.loss, p.validationLoss ?? .nan, p.activeGroups, assets.count))
                } else if p.step % 5 == 0 {
                    progress.update(frac, String(format: "epoch %d/%d step %d/%d loss %.4f", p.epoch, epochs, p.step,
                                                 p.stepsPerEpoch, p.loss))
                }
            }
        } catch let GroupedLSTMError.inGroup(g, error) {
            throw ModelError.unavailable(model: name, reason: "training failed for asset \(assets[g]): \(error)")
        } catch let error as GroupedLSTMError {
            throw ModelError.unavailable(model: name, reason: "training failed: \(error)")
        }
        network = net
        modelledAssets = assets
        let bestEpochs = histories.map { $0.bestEpoch ?? $0.epochs.count }.sorted()
        var report = FitReport(trainLoss: meanTrain, validationLoss: meanValidation,
                               bestEpoch: bestEpochs[bestEpochs.count / 2])
        report.notes.append("\(assets.count) per-asset models (H \(config.perAssetHidden)); bestEpoch is the median over assets; losses are means over the assets trained in each epoch")
        let stopped = histories.filter(\.stoppedEarly).count
        if stopped > 0 { report.notes.append("\(stopped) assets stopped early") }
        if !skipped.isEmpty {
            report.notes.append("\(skipped.count) assets with < \(config.minimumWindows) training windows predict NaN: \(skipped.map(String.init).joined(separator: ","))")
        }
        return report
    }

    /// Each window predicted by its asset's network (in return units); NaN for assets without a
    /// model. One grouped forward pass per decision date (each asset contributes at most that
    /// date's window), so a prediction never depends on which later windows the file contains:
    /// BLAS may round a row differently with a different number of rows in the call.
    /// Throws `unavailable` before `fit`.
    public func predict(_ batch: WindowBatch) throws -> [Double] {
        guard let net = network else { throw ModelError.unavailable(model: name, reason: "not fitted") }
        var out = [Double](repeating: .nan, count: batch.count)
        let groupOf = Dictionary(uniqueKeysWithValues: modelledAssets.enumerated().map { ($1, $0) })
        var byDate: [Int: [Int]] = [:]
        for i in 0..<batch.count where groupOf[batch.assets[i]] != nil { byDate[batch.dates[i], default: []].append(i) }
        let stride = batch.window * batch.featureCount
        let empty = Tensor<Float>(shape: [0, batch.window, batch.featureCount], scalars: [])
        for date in byDate.keys.sorted() {
            var inputs = [Tensor<Float>](repeating: empty, count: modelledAssets.count)
            var rowOf = [Int: Int]()
            for i in byDate[date]! {
                let g = groupOf[batch.assets[i]]!
                inputs[g] = Tensor(shape: [1, batch.window, batch.featureCount],
                                   scalars: batch.inputs[(i * stride)..<((i + 1) * stride)])
                rowOf[g] = i
            }
            let predictions: [Tensor<Float>]
            do {
                predictions = try net.predict(groups: inputs, batchSize: config.perAssetBatch)
            } catch {
                throw ModelError.unavailable(model: name, reason: "prediction failed: \(error)")
            }
            for (g, i) in rowOf { out[i] = Double(predictions[g].scalars[0]) / config.shared.targetScale }
        }
        return out
    }
}
