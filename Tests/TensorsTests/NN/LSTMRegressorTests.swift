import Foundation
import Testing
@testable import Tensors

/// In the serialised process-global suite: LSTM passes adjust OpenBLAS's threads while they run.
extension ProcessGlobalStateTests {
    /// The composed LSTM → last step → Linear model against PyTorch: weights saved by
    /// `safetensors.torch.save_file` (shared/refdata/lstm/torch_lstm_small.safetensors) must load
    /// under the same keys and reproduce PyTorch's outputs.
    @Suite struct LSTMRegressorTests {
        static let keys = ["lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0",
                           "lstm.weight_ih_l1", "lstm.weight_hh_l1", "lstm.bias_ih_l1", "lstm.bias_hh_l1",
                           "head.weight", "head.bias"]

        func check<S: TensorScalar>(_: S.Type) throws {
            let expected = try NNFixtures.json("torch_lstm_small_expected")
            var model = LSTMRegressor<S>(inputSize: 4, hiddenSize: 6, layers: 2, seed: 42)
            #expect(model.parameterNames == Self.keys)
            let shapes = try #require(expected["keys"] as? [String: [Int]])
            for (name, parameter) in zip(model.parameterNames, model.parameters) {
                #expect(parameter.shape == shapes[name], "\(name)")
            }
            try model.loadSafetensors(from: NNFixtures.url("torch_lstm_small", "safetensors"))
            let input = Tensor<S>(shape: [3, 5, 4], scalars: flatDoubles(expected["input"]).map { S($0) })
            let prediction = model.predict(input)
            #expect(prediction.shape == [3, 1])
            let predictionError = maxRelativeError(prediction.scalars, flatDoubles(expected["prediction"]))
            #expect(predictionError <= 1e-5, "\(S.self) prediction error \(predictionError)")
            let sequence = model.first.lstm(input).output
            let sequenceError = maxRelativeError(sequence.scalars, flatDoubles(expected["output"]))
            #expect(sequenceError <= 1e-5, "\(S.self) output error \(sequenceError)")
            // The training forward gives the same prediction as inference.
            #expect(maxRelativeError(model.forwardTraining(input).scalars, prediction.scalars.map(Double.init)) <= 1e-6)
        }

        @Test func pyTorchWeightsReproduceOutputsInFloat() throws { try check(Float.self) }

        /// Round trip through our writer: the re-saved file is byte-identical in content, and with
        /// `FACTORLAB_NN_EXPORT_DIR` set it is also left there for
        /// `Scripts/reference/nn_check_torch_load.py` (PyTorch loading our file).
        @Test func savedWeightsReloadIdentically() throws {
            var model = LSTMRegressor<Float>(inputSize: 4, hiddenSize: 6, layers: 2)
            try model.loadSafetensors(from: NNFixtures.url("torch_lstm_small", "safetensors"))
            let exportDirectory = ProcessInfo.processInfo.environment["FACTORLAB_NN_EXPORT_DIR"]
            let dir = try exportDirectory.map { URL(fileURLWithPath: $0) } ?? NNFixtures.scratchDirectory()
            defer { if exportDirectory == nil { try? FileManager.default.removeItem(at: dir) } }
            let url = dir.appendingPathComponent("factorlab_lstm_small.safetensors")
            try model.saveSafetensors(to: url, metadata: ["format": "pt", "writer": "FactorLab"])
            var reloaded = LSTMRegressor<Float>(inputSize: 4, hiddenSize: 6, layers: 2, seed: 99)
            try reloaded.loadSafetensors(from: url)
            #expect(reloaded.parameters == model.parameters)
            // Float32 file into a Double model: every value widened exactly.
            var double = LSTMRegressor<Double>(inputSize: 4, hiddenSize: 6, layers: 2)
            try double.loadSafetensors(from: url)
            #expect(double.parameters.map { $0.scalars } == model.parameters.map { $0.scalars.map(Double.init) })
            // Float64 round trip: a differently seeded model reloads the same doubles.
            let doubleURL = dir.appendingPathComponent("factorlab_lstm_small_f64.safetensors")
            try double.saveSafetensors(to: doubleURL)
            var reloadedDouble = LSTMRegressor<Double>(inputSize: 4, hiddenSize: 6, layers: 2, seed: 99)
            #expect(reloadedDouble.parameters != double.parameters)
            try reloadedDouble.loadSafetensors(from: doubleURL)
            #expect(reloadedDouble.parameters == double.parameters)
        }
        @Test func pyTorchWeightsReproduceOutputsInDouble() throws { try check(Double.self) }

        @Test func gradientsMatchFiniteDifferences() {
            var model = LSTMRegressor<Double>(inputSize: 2, hiddenSize: 3, layers: 2, seed: 3)
            let x = Tensor<Double>(shape: [2, 4, 2]) { sin(Double($0) * 0.7) }
            let target = Tensor<Double>(shape: [2, 1], scalars: [0.3, -0.2])
            let (_, dy) = MSELoss.valueAndGradient(prediction: model.forwardTraining(x), target: target)
            let grads = model.backward(dy)
            #expect(grads.map(\.shape) == model.parameters.map(\.shape))
            let h = 1e-6
            var worst = 0.0
            // Probe a few entries of every parameter, including the lower layer and the head.
            for p in model.parameters.indices {
                for i in Set([0, model.parameters[p].count / 2, model.parameters[p].count - 1]) {
                    var params = model.parameters
                    params[p].withUnsafeMutableBufferPointer { $0[i] += h }
                    var plus = model
                    plus.parameters = params
                    params[p].withUnsafeMutableBufferPointer { $0[i] -= 2 * h }
                    var minus = model
                    minus.parameters = params
                    let numeric = (MSELoss.value(prediction: plus.predict(x), target: target)
                        - MSELoss.value(prediction: minus.predict(x), target: target)) / (2 * h)
                    worst = max(worst, abs(numeric - grads[p].scalars[i]))
                }
            }
            #expect(worst < 1e-8, "max |numeric − analytic| = \(worst)")
        }
    }
}
