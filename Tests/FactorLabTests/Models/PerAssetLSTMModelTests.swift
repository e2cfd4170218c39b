import Quant
import Foundation
import Testing
@testable import FactorLab
import Tensors

/// `lstm_asset`: per-asset LSTMs trained together equal each asset trained alone.
@Suite struct PerAssetLSTMModelTests {
    /// 3 assets × 90 dates × 2 factors; targets depend on the factors with asset-specific
    /// coefficients. Asset 2 has features only on dates 50…59, so only 6 training windows.
    static func data() -> (train: WindowBatch, validation: WindowBatch, test: WindowBatch) {
        let (A, T, F) = (3, 90, 2)
        var rng = SplitMix64(state: 9)
        var values: [Double] = []
        for a in 0..<A {
            for t in 0..<T {
                for _ in 0..<F {
                    values.append(a == 2 && !(50..<60).contains(t) ? .nan : 2 * Double(rng.next() >> 11) * 0x1p-53 - 1)
                }
            }
        }
        let panel = FeaturePanel(factorNames: ["f0", "f1"], assetCount: A, dateCount: T, values: values)
        let coefficients: [(Double, Double)] = [(0.02, -0.01), (-0.015, 0.01), (0.01, 0.01)]
        var targets = [Double](repeating: .nan, count: A * T)
        for a in 0..<A {
            for t in 0..<T where values[(a * T + t) * F].isFinite {
                targets[a * T + t] = coefficients[a].0 * values[(a * T + t) * F] + coefficients[a].1 * values[(a * T + t) * F + 1]
            }
        }
        let builder = WindowBuilder(window: 5)
        return (builder.build(features: panel, targets: targets, dates: 0..<60, requireTarget: true),
                builder.build(features: panel, targets: targets, dates: 60..<75, requireTarget: true),
                builder.build(features: panel, targets: targets, dates: 75..<90, requireTarget: false))
    }

    @Test func trainsQualifiedAssetsAndEqualsOneAssetAlone() throws {
        let (train, validation, test) = Self.data()
        let config = PerAssetLSTMConfig(shared: LSTMConfig(epochs: 6, patience: 2, learningRate: 0.01), perAssetHidden: 6,
                                        perAssetBatch: 16)
        var model = PerAssetLSTMModel(config: config, seed: 40)
        let report = try model.fit(train: train, validation: validation, progress: .silent)
        #expect(model.modelledAssets == [0, 1])
        #expect(report.notes.contains { $0.contains("1 assets with < 8 training windows") })
        #expect(!report.trainLoss.isEmpty && report.trainLoss.allSatisfy(\.isFinite))
        let predictions = try model.predict(test)
        for i in 0..<test.count {
            #expect(test.assets[i] == 2 ? predictions[i].isNaN : predictions[i].isFinite)
        }

        // Asset 1 trained alone through Trainer with the same seeds, batches and settings.
        let asset = 1
        func tensors(_ b: WindowBatch) -> (Tensor<Float>, Tensor<Float>) {
            let part = b.subset(b.assets.indices.filter { b.assets[$0] == asset })
            return (Tensor(shape: [part.count, 5, 2], scalars: part.inputs),
                    Tensor(shape: [part.count, 1], scalars: part.targets.map { Float($0 * 100) }))
        }
        let (x, y) = tensors(train), (vx, vy) = tensors(validation), (tx, _) = tensors(test)
        var alone = LSTMRegressor<Float>(inputSize: 2, hiddenSize: 6, seed: 40 + 1)
        var trainer = Trainer<LSTMRegressor<Float>, Adam<Float>>(
            configuration: TrainingConfiguration(epochs: 6, batchSize: 16, seed: 40 + 1,
                                                 earlyStopping: EarlyStopping(patience: 2), gradientClipNorm: 1),
            optimizer: Adam(learningRate: 0.01))
        try trainer.fit(&alone, inputs: x, targets: y, validation: (vx, vy))
        let grouped = try #require(model.model(forAsset: asset))
        for (a, b) in zip(grouped.parameters, alone.parameters) {
            #expect(a.isApproximatelyEqual(to: b, rtol: 1e-4, atol: 1e-5))
        }
        let expected = alone.predict(tx).scalars.map { Double($0) / 100 }
        let got = test.assets.indices.filter { test.assets[$0] == asset }.map { predictions[$0] }
        #expect(got.count == expected.count)
        for (g, e) in zip(got, expected) { #expect(abs(g - e) <= 1e-5 * max(1, abs(e) * 100)) }
        // Not a constant: the model reacts to its inputs.
        #expect(Set(got.map { ($0 * 1e6).rounded() }).count > 1)
    }

    @Test func noQualifiedAssetThrows() throws {
        let (train, validation, _) = Self.data()
        var model = PerAssetLSTMModel(config: PerAssetLSTMConfig(minimumWindows: 1000), seed: 1)
        #expect(throws: ModelError.notEnoughSamples(model: "lstm_asset", samples: 56, needed: 1000)) {
            try model.fit(train: train, validation: validation, progress: .silent)
        }
        #expect(throws: ModelError.self) { try model.predict(validation) }
        #expect(try ModelRegistry.standard.descriptor("lstm_asset").makeModel(PipelineConfig(), featureCount: 2, foldIndex: 0).name == "lstm_asset")
    }
}
