// Train an LSTM regressor (LSTM → last step → Linear) on a noisy sine and save it as safetensors.
// Run: swift run TrainLSTMSaveSafetensors
import Foundation
import Tensors

let n = 2048, steps = 16
var x: [Float] = [], y: [Float] = []
var rng = SystemRandomNumberGenerator()
for i in 0..<n {
    let phase = Float(i % 97) * 0.3
    for t in 0..<steps { x.append(sin(phase + Float(t) * 0.4) + Float.random(in: -0.05...0.05, using: &rng)) }
    y.append(sin(phase + Float(steps) * 0.4))  // the next value of the wave
}
var model = LSTMRegressor<Float>(inputSize: 1, hiddenSize: 16, seed: 1)
var trainer = Trainer<LSTMRegressor<Float>, Adam<Float>>(
    configuration: TrainingConfiguration(epochs: 15, batchSize: 64, seed: 1, validationFraction: 0.2,
                                         earlyStopping: EarlyStopping(patience: 3)),
    optimizer: Adam(learningRate: 1e-2))
let history = try trainer.fit(&model, inputs: Tensor(shape: [n, steps, 1], scalars: x), targets: Tensor(shape: [n, 1], scalars: y))
print("best epoch \(history.bestEpoch ?? 0), validation MSE \(history.bestValidationLoss ?? .nan)")
let url = FileManager.default.temporaryDirectory.appendingPathComponent("lstm_regressor.safetensors")
try model.saveSafetensors(to: url)  // keys: lstm.weight_ih_l0 … head.bias (PyTorch state_dict names)
var reloaded = LSTMRegressor<Float>(inputSize: 1, hiddenSize: 16, seed: 99)
try reloaded.loadSafetensors(from: url)
print("saved \(url.path); reloaded weights equal: \(reloaded.parameters == model.parameters)")
