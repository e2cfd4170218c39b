import Foundation
import Testing
@testable import Tensors

/// Synthetic data with a known answer: `y = 0.6·x[T−1] − 0.4·x[T−3] + 0.3·x[T−5]` for
/// `x ~ U(−1, 1)`, so Var(y) = (0.36 + 0.16 + 0.09)/3 ≈ 0.203 and a perfect model has MSE 0.
enum LaggedSumTask {
    static let weights: [(lag: Int, weight: Double)] = [(1, 0.6), (3, -0.4), (5, 0.3)]

    static func make<S: TensorScalar>(_: S.Type, samples: Int, steps: Int, seed: UInt64) -> (Tensor<S>, Tensor<S>) {
        var generator = SplitMix64(state: seed)
        let x = (0..<(samples * steps)).map { _ in 2 * generator.nextUnitDouble() - 1 }
        let y = (0..<samples).map { n in
            weights.reduce(0.0) { $0 + $1.weight * x[n * steps + steps - $1.lag] }
        }
        return (Tensor(shape: [samples, steps, 1], scalars: x.map { S($0) }),
                Tensor(shape: [samples, 1], scalars: y.map { S($0) }))
    }
}

extension ProcessGlobalStateTests {
    /// Trainer behaviour. In the serialised process-global suite: the reproducibility test pins
    /// `BLAS.threads`, and LSTM passes adjust OpenBLAS's threads while they run.
    @Suite struct TrainerTests {
        typealias LinearTrainer = Trainer<Linear<Double>, SGD<Double>>

        /// y = 2·x₀ − x₁ + 0.5 on a fixed grid.
        static func linearData(_ n: Int) -> (Tensor<Double>, Tensor<Double>) {
            // Two non-collinear regressors on small grids.
            let x = Tensor<Double>(shape: [n, 2]) { i in
                i % 2 == 0 ? Double((i / 2 * 5) % 7) / 3 - 1 : Double((i / 2 * 3) % 11) / 5 - 1
            }
            let xs = x.scalars
            let y = Tensor<Double>(shape: [n, 1]) { 2 * xs[2 * $0] - xs[2 * $0 + 1] + 0.5 }
            return (x, y)
        }

        @Test func lstmLearnsALaggedWeightedSum() throws {
            let (x, y) = LaggedSumTask.make(Float.self, samples: 512, steps: 8, seed: 1)
            let (vx, vy) = LaggedSumTask.make(Float.self, samples: 128, steps: 8, seed: 2)
            var model = LSTMRegressor<Float>(inputSize: 1, hiddenSize: 12, seed: 7)
            var trainer = Trainer<LSTMRegressor<Float>, Adam<Float>>(
                configuration: TrainingConfiguration(epochs: 20, batchSize: 32, seed: 3,
                                                     earlyStopping: EarlyStopping(patience: 6)),
                optimizer: Adam(learningRate: 0.02), schedule: CosineAnnealingLR(tMax: 20, minimumLearningRate: 1e-3))
            let untrained = try trainer.evaluate(model, inputs: vx, targets: vy)
            #expect(untrained > 0.05)  // Var(y) ≈ 0.203: the untrained model knows nothing.
            var epochEnds = 0
            let history = try trainer.fit(&model, inputs: x, targets: y, validation: (vx, vy)) { p in
                if p.event == .epochEnd { epochEnds += 1 }
                #expect(p.loss.isFinite && p.samplesPerSecond > 0 && p.stepsPerEpoch == 16)
            }
            #expect(epochEnds == history.epochs.count)
            let best = try #require(history.bestValidationLoss)
            // Below 1% of Var(y) on unseen sequences: the lags were found.
            #expect(best < 0.002, "best validation MSE \(best)")
            // Best weights restored: evaluating now gives the best epoch's loss.
            #expect(history.restoredBestWeights)
            #expect(abs(try trainer.evaluate(model, inputs: vx, targets: vy) - best) <= 1e-12)
            // The cosine schedule ran: the last epoch used a smaller rate than the first.
            #expect(history.epochs.last!.learningRate < history.epochs.first!.learningRate)
        }

        @Test func sameSeedAndThreadsGiveBitIdenticalWeights() throws {
            let (x, y) = LaggedSumTask.make(Float.self, samples: 96, steps: 6, seed: 5)
            func run(seed: UInt64) throws -> [[Float]] {
                var model = LSTMRegressor<Float>(inputSize: 1, hiddenSize: 8, layers: 2, seed: 11)
                var trainer = Trainer<LSTMRegressor<Float>, Adam<Float>>(
                    configuration: TrainingConfiguration(epochs: 3, batchSize: 16, seed: seed,
                                                         validationFraction: 0.25, gradientClipNorm: 1),
                    optimizer: Adam(learningRate: 0.01))
                try trainer.fit(&model, inputs: x, targets: y)
                return model.parameters.map(\.scalars)
            }
            for threads in [1, 2] {
                try BLAS.withThreads(threads) {
                    let a = try run(seed: 9), b = try run(seed: 9), c = try run(seed: 10)
                    #expect(a.map { $0.map(\.bitPattern) } == b.map { $0.map(\.bitPattern) }, "threads \(threads)")
                    #expect(a != c, "a different shuffle seed must change the weights")
                }
            }
        }

        @Test func nonFiniteLossNamesEpochAndStep() throws {
            var (x, y) = Self.linearData(12)
            y[5, 0] = .nan  // sample 5 is in the second batch of 4 when not shuffled
            var model = Linear<Double>(inputSize: 2, outputSize: 1, seed: 1)
            var trainer = LinearTrainer(configuration: TrainingConfiguration(epochs: 2, batchSize: 4, shuffle: false),
                                        optimizer: SGD(learningRate: 0.1))
            #expect(throws: TrainingError.nonFiniteLoss(epoch: 1, step: 2)) {
                try trainer.fit(&model, inputs: x, targets: y)
            }
            // A diverging optimiser is caught too (loss or gradient, whichever overflows first).
            let (cleanX, cleanY) = Self.linearData(12)
            var diverging = LinearTrainer(configuration: TrainingConfiguration(epochs: 50, batchSize: 4),
                                          optimizer: SGD(learningRate: 1e10))
            do {
                try diverging.fit(&model, inputs: cleanX, targets: cleanY)
                Issue.record("divergence was not reported")
            } catch let error as TrainingError {
                switch error {
                case .nonFiniteLoss, .nonFiniteGradient: break
                default: Issue.record("unexpected \(error)")
                }
            }
            #expect(TrainingError.nonFiniteGradient(epoch: 3, step: 7, parameter: "head.weight").description
                == "gradient of head.weight is not finite at epoch 3, step 7")
        }

        /// A model whose second parameter's gradient turns NaN at its third backward pass.
        struct PoisonedGradientModel: TrainableModel {
            var parameters: [Tensor<Double>] = [.zeros([1]), .zeros([2])]
            var parameterNames: [String] { ["a", "b"] }
            var calls = 0
            func predict(_ input: Tensor<Double>) -> Tensor<Double> { .zeros([input.shape[0], 1]) }
            mutating func forwardTraining(_ input: Tensor<Double>) -> Tensor<Double> { predict(input) }
            mutating func backward(_ outputGradient: Tensor<Double>) -> [Tensor<Double>] {
                calls += 1
                return [.zeros([1]), Tensor(shape: [2], scalars: [0, calls == 3 ? .nan : 0])]
            }
        }

        @Test func nonFiniteGradientNamesTheParameter() {
            let (x, y) = Self.linearData(8)
            var model = PoisonedGradientModel()
            var trainer = Trainer<PoisonedGradientModel, Adam<Double>>(
                configuration: TrainingConfiguration(epochs: 3, batchSize: 4), optimizer: Adam())
            // Two steps per epoch: the third backward is epoch 2, step 1.
            #expect(throws: TrainingError.nonFiniteGradient(epoch: 2, step: 1, parameter: "b")) {
                try trainer.fit(&model, inputs: x, targets: y)
            }
        }

        @Test func earlyStoppingRestoresTheBestEpoch() throws {
            // Validation targets are the negated training targets: every epoch of training makes
            // validation worse after the first, so the run stops after 1 + patience epochs.
            let (x, y) = Self.linearData(32)
            let vy = Tensor<Double>(shape: [32, 1], scalars: y.scalars.map { -$0 })
            let config = TrainingConfiguration(epochs: 20, batchSize: 8, seed: 4,
                                               earlyStopping: EarlyStopping(patience: 2))
            var model = Linear<Double>(inputSize: 2, outputSize: 1, seed: 2)
            var trainer = LinearTrainer(configuration: config, optimizer: SGD(learningRate: 0.05))
            let history = try trainer.fit(&model, inputs: x, targets: y, validation: (x, vy))
            #expect(history.stoppedEarly && history.epochs.count == 3 && history.bestEpoch == 1)
            #expect(history.restoredBestWeights)
            // The same run stopped after one epoch ends with the same weights.
            var oneEpoch = Linear<Double>(inputSize: 2, outputSize: 1, seed: 2)
            var reference = LinearTrainer(configuration: TrainingConfiguration(epochs: 1, batchSize: 8, seed: 4),
                                          optimizer: SGD(learningRate: 0.05))
            try reference.fit(&oneEpoch, inputs: x, targets: y)
            #expect(model.parameters == oneEpoch.parameters)
        }

        @Test func validationSplitHoldsOutTheLastSamples() throws {
            let (x, y) = Self.linearData(20)
            var model = Linear<Double>(inputSize: 2, outputSize: 1)
            var trainer = LinearTrainer(
                configuration: TrainingConfiguration(epochs: 40, batchSize: 4, validationFraction: 0.2),
                optimizer: SGD(learningRate: 0.1, momentum: 0.9), schedule: StepLR(stepSize: 10, gamma: 0.5))
            var stepsPerEpoch = 0
            let history = try trainer.fit(&model, inputs: x, targets: y) { stepsPerEpoch = $0.stepsPerEpoch }
            #expect(stepsPerEpoch == 4)  // 16 training samples in batches of 4
            let expected = try trainer.evaluate(model, inputs: x.rows(16..<20), targets: y.rows(16..<20))
            #expect(history.epochs.last?.validationLoss == expected)
            #expect(history.epochs.map(\.learningRate)[9...10] == [0.1, 0.05])
            // An exactly linear target is fitted.
            let finalLoss = try #require(history.epochs.last?.validationLoss)
            #expect(finalLoss < 1e-6, "validation MSE \(finalLoss)")
            #expect(abs(model.weight[0, 0] - 2) < 2e-3 && abs(model.weight[0, 1] + 1) < 2e-3
                && abs(model.bias[0] - 0.5) < 2e-3, "\(model.weight.scalars) \(model.bias.scalars)")
        }

        @Test func badInputsThrowTypedErrors() {
            let (x, y) = Self.linearData(8)
            var model = Linear<Double>(inputSize: 2, outputSize: 1)
            func fit(_ config: TrainingConfiguration, _ x: Tensor<Double>, _ y: Tensor<Double>) throws {
                var trainer = LinearTrainer(configuration: config, optimizer: SGD(learningRate: 0.1))
                try trainer.fit(&model, inputs: x, targets: y)
            }
            let ok = TrainingConfiguration(epochs: 1, batchSize: 4)
            #expect(throws: TrainingError.sampleCountMismatch(inputs: [8, 2], targets: [7, 1])) {
                try fit(ok, x, y.rows(0..<7))
            }
            #expect(throws: TrainingError.targetShapeMismatch(prediction: [4, 1], target: [4, 2])) {
                try fit(ok, x, .zeros([8, 2]))
            }
            #expect(throws: TrainingError.self) {
                try fit(TrainingConfiguration(epochs: 1, batchSize: 4, earlyStopping: EarlyStopping(patience: 1)), x, y)
            }
            #expect(throws: TrainingError.self) { try fit(TrainingConfiguration(epochs: 0, batchSize: 4), x, y) }
            #expect(throws: TrainingError.self) { try fit(TrainingConfiguration(epochs: 1, batchSize: 0), x, y) }
            #expect(throws: TrainingError.self) {
                try fit(TrainingConfiguration(epochs: 1, batchSize: 4, gradientClipNorm: -1), x, y)
            }
            #expect(throws: TrainingError.emptyTrainingSet) { try fit(ok, .zeros([0, 2]), .zeros([0, 1])) }
            // A validation set whose targets do not match the model's output.
            var trainer = LinearTrainer(configuration: ok, optimizer: SGD(learningRate: 0.1))
            #expect(throws: TrainingError.targetShapeMismatch(prediction: [4, 1], target: [4, 3])) {
                try trainer.fit(&model, inputs: x, targets: y, validation: (x, .zeros([8, 3])))
            }
        }
    }
}
