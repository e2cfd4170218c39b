import Quant
import Foundation
import Testing
@testable import FactorLab
import Tensors

/// The LSTM models' side of "no look-ahead": a prediction must not depend on which *other*
/// windows a file contains (later dates, or tickers that shift asset indices).
@Suite struct TruncationInvarianceTests {
    static func shifted(_ b: WindowBatch, by k: Int) -> WindowBatch {
        WindowBatch(window: b.window, featureCount: b.featureCount, assets: b.assets.map { $0 + k }, dates: b.dates,
                    inputs: b.inputs, targets: b.targets)
    }

    static func prefix(_ b: WindowBatch, throughDate d: Int) -> (WindowBatch, [Int]) {
        let rows = b.dates.indices.filter { b.dates[$0] <= d }
        return (b.subset(rows), rows)
    }

    @Test func perAssetNetworksDoNotDependOnAssetIndices() throws {
        // A ticker that sorts first and is listed only later shifts every asset index by one.
        let (train, validation, test) = PerAssetLSTMModelTests.data()
        let config = PerAssetLSTMConfig(shared: LSTMConfig(epochs: 3, patience: 2, learningRate: 0.01), perAssetHidden: 5,
                                        perAssetBatch: 16)
        var a = PerAssetLSTMModel(config: config, seed: 7), b = PerAssetLSTMModel(config: config, seed: 7)
        _ = try a.fit(train: train, validation: validation, progress: .silent)
        _ = try b.fit(train: Self.shifted(train, by: 1), validation: Self.shifted(validation, by: 1), progress: .silent)
        let pa = try a.predict(test), pb = try b.predict(Self.shifted(test, by: 1))
        #expect(pa.contains { $0.isFinite })
        for i in pa.indices { #expect(pa[i] == pb[i] || (pa[i].isNaN && pb[i].isNaN), "window \(i)") }
    }

    @Test func predictionsDoNotDependOnLaterWindows() throws {
        let (train, validation, test) = PerAssetLSTMModelTests.data()
        let (early, rows) = Self.prefix(test, throughDate: 80)
        #expect(!rows.isEmpty && rows.count < test.count)

        var pooled = LSTMReturnModel(config: LSTMConfig(hidden: 7, epochs: 2, patience: 0, batchSize: 16, trainStride: 1), seed: 3)
        _ = try pooled.fit(train: train, validation: validation, progress: .silent)
        var perAsset = PerAssetLSTMModel(config: PerAssetLSTMConfig(shared: LSTMConfig(epochs: 2, patience: 0), perAssetHidden: 5,
                                                                    perAssetBatch: 16), seed: 3)
        _ = try perAsset.fit(train: train, validation: validation, progress: .silent)
        for model in [pooled as any ReturnModel, perAsset as any ReturnModel] {
            let all = try model.predict(test), part = try model.predict(early)
            for (k, i) in rows.enumerated() {
                #expect(all[i] == part[k] || (all[i].isNaN && part[k].isNaN), "\(model.name) window \(i)")
            }
            #expect(part.contains { $0.isFinite })
        }
    }
}
