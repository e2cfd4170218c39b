/// Mini-batch training of any ``TrainableModel`` on MSE, with seeded shuffling, a
/// validation split, early stopping with best-weight restore, gradient clipping, an
/// epoch-wise learning-rate schedule and a progress callback.
///
/// Inputs are `[N, …]` (sample-major, e.g. `[N, T, I]` for a sequence model) and targets
/// `[N, …]` shaped like the model's output (`[N, 1]` for a regressor).
///
/// Reproducibility: the only randomness is the shuffle stream seeded by
/// ``TrainingConfiguration/seed``, and every step runs in a fixed order, so the same seed,
/// data, initial weights and `BLAS.threads` give bit-identical weights.
public struct Trainer<Model: TrainableModel, Opt: Optimizer> where Opt.Scalar == Model.Scalar {
    public typealias Scalar = Model.Scalar

    /// The run's settings.
    public var configuration: TrainingConfiguration
    /// The optimiser (its state persists across `fit` calls; call `reset()` to forget it).
    public var optimizer: Opt
    /// The schedule applied after every epoch, if any.
    public var schedule: (any LearningRateSchedule)?

    /// A trainer with its optimiser and optional schedule.
    public init(configuration: TrainingConfiguration, optimizer: Opt,
                schedule: (any LearningRateSchedule)? = nil) {
        self.configuration = configuration
        self.optimizer = optimizer
        self.schedule = schedule
    }

    /// Trains `model` in place.
    ///
    /// - Parameters:
    ///   - inputs: `[N, …]` samples.
    ///   - targets: `[N, …]` targets, shaped like the model's output for those samples.
    ///   - validation: an explicit validation set; when `nil`, the last
    ///     ``TrainingConfiguration/validationFraction`` of the samples is held out.
    ///   - progress: called after every step and every epoch, on the calling thread.
    /// - Throws: ``TrainingError`` for bad data or configuration, and for a non-finite loss
    ///   or gradient (naming the epoch and step); the model then holds the weights of the
    ///   last successful step.
    @discardableResult
    public mutating func fit(
        _ model: inout Model,
        inputs: Tensor<Scalar>, targets: Tensor<Scalar>,
        validation: (inputs: Tensor<Scalar>, targets: Tensor<Scalar>)? = nil,
        progress: ((TrainingProgress) -> Void)? = nil
    ) throws -> TrainingHistory {
        try checkSampleCounts(inputs, targets)
        // Batches are gathered from dense buffers; densify a strided view once, not per batch.
        let inputs = inputs.contiguous(), targets = targets.contiguous()
        if let validation { try checkSampleCounts(validation.inputs, validation.targets) }
        let total = inputs.shape[0]
        let heldOut = validation == nil && configuration.validationFraction > 0
            ? Int((configuration.validationFraction * Double(total)).rounded(.up)) : 0
        let trainCount = total - heldOut
        let validationSet = validation ?? (heldOut > 0
            ? (inputs.rows(trainCount..<total), targets.rows(trainCount..<total)) : nil)
        try configuration.validate(hasValidation: validationSet != nil)
        guard trainCount > 0 else { throw TrainingError.emptyTrainingSet }

        let batchSize = configuration.batchSize
        let stepsPerEpoch = (trainCount + batchSize - 1) / batchSize
        let names = model.parameterNames
        var generator = SplitMix64(state: configuration.seed)
        var history = TrainingHistory(epochs: [], bestEpoch: nil, bestValidationLoss: nil,
                                      stoppedEarly: false, restoredBestWeights: false)
        var bestParameters: [Tensor<Scalar>]?
        var epochsWithoutImprovement = 0
        let clock = ContinuousClock()

        for epoch in 1...configuration.epochs {
            let order = configuration.shuffle ? generator.permutation(trainCount) : Array(0..<trainCount)
            let learningRate = optimizer.learningRate
            var weightedLoss = 0.0
            let epochStart = clock.now
            for step in 1...stepsPerEpoch {
                let batch = order[(step - 1) * batchSize..<min(step * batchSize, trainCount)]
                let x = gatherRows(inputs, batch), y = gatherRows(targets, batch)
                let prediction = model.forwardTraining(x)
                guard prediction.shape == y.shape else {
                    throw TrainingError.targetShapeMismatch(prediction: prediction.shape, target: y.shape)
                }
                let (loss, lossGradient) = MSELoss.valueAndGradient(prediction: prediction, target: y)
                guard loss.isFinite else { throw TrainingError.nonFiniteLoss(epoch: epoch, step: step) }
                var gradients = model.backward(lossGradient)
                if let bad = gradients.firstIndex(where: { !allElementsFinite($0) }) {
                    throw TrainingError.nonFiniteGradient(epoch: epoch, step: step,
                                                          parameter: bad < names.count ? names[bad] : "#\(bad)")
                }
                if let maxNorm = configuration.gradientClipNorm {
                    GradientClipping.clipNorm(&gradients, maxNorm: maxNorm)
                }
                optimizer.step(&model, gradients: gradients)
                weightedLoss += Double(loss) * Double(batch.count)
                if let progress {
                    let seen = min(step * batchSize, trainCount)
                    progress(TrainingProgress(
                        event: .step, epoch: epoch, step: step, stepsPerEpoch: stepsPerEpoch,
                        loss: Double(loss), validationLoss: nil,
                        samplesPerSecond: Self.rate(seen, since: epochStart, clock),
                        learningRate: learningRate))
                }
            }
            let throughput = Self.rate(trainCount, since: epochStart, clock)
            var summary = EpochSummary(epoch: epoch, trainingLoss: weightedLoss / Double(trainCount),
                                       validationLoss: nil, learningRate: learningRate)
            if let validationSet {
                let loss = try evaluate(model, inputs: validationSet.0, targets: validationSet.1)
                guard loss.isFinite else { throw TrainingError.nonFiniteValidationLoss(epoch: epoch) }
                summary.validationLoss = loss
                let improved = history.bestValidationLoss.map {
                    loss < $0 - (configuration.earlyStopping?.minimumDelta ?? 0)
                } ?? true
                if improved {
                    history.bestValidationLoss = loss
                    history.bestEpoch = epoch
                    // A copy-on-write snapshot: later in-place updates copy, this stays intact.
                    if configuration.earlyStopping?.restoreBestWeights == true { bestParameters = model.parameters }
                    epochsWithoutImprovement = 0
                } else {
                    epochsWithoutImprovement += 1
                }
            }
            history.epochs.append(summary)
            progress?(TrainingProgress(
                event: .epochEnd, epoch: epoch, step: stepsPerEpoch, stepsPerEpoch: stepsPerEpoch,
                loss: summary.trainingLoss, validationLoss: summary.validationLoss,
                samplesPerSecond: throughput, learningRate: learningRate))
            if var schedule {
                schedule.step(learningRate: &optimizer.learningRate)
                self.schedule = schedule
            }
            if let stopping = configuration.earlyStopping, epochsWithoutImprovement >= stopping.patience {
                history.stoppedEarly = epoch < configuration.epochs
                break
            }
        }
        if let bestParameters {
            model.parameters = bestParameters
            history.restoredBestWeights = true
        }
        return history
    }

    /// The MSE of `model.predict` over a data set, evaluated in batches of
    /// ``TrainingConfiguration/batchSize`` (sums in `Double`); NaN for an empty set.
    ///
    /// - Throws: ``TrainingError/sampleCountMismatch(inputs:targets:)`` or
    ///   ``TrainingError/targetShapeMismatch(prediction:target:)``.
    public func evaluate(_ model: Model, inputs: Tensor<Scalar>, targets: Tensor<Scalar>) throws -> Double {
        try checkSampleCounts(inputs, targets)
        let count = inputs.shape[0]
        guard count > 0 else { return .nan }
        let batchSize = max(configuration.batchSize, 1)
        var squaredError = 0.0, elements = 0
        var start = 0
        while start < count {
            let end = min(start + batchSize, count)
            let prediction = model.predict(inputs.rows(start..<end))
            let target = targets.rows(start..<end)
            guard prediction.shape == target.shape else {
                throw TrainingError.targetShapeMismatch(prediction: prediction.shape, target: target.shape)
            }
            squaredError += Double(MSELoss.value(prediction: prediction, target: target)) * Double(target.count)
            elements += target.count
            start = end
        }
        return squaredError / Double(elements)
    }

    private func checkSampleCounts(_ inputs: Tensor<Scalar>, _ targets: Tensor<Scalar>) throws {
        guard inputs.rank >= 1, targets.rank >= 1, inputs.shape[0] == targets.shape[0] else {
            throw TrainingError.sampleCountMismatch(inputs: inputs.shape, targets: targets.shape)
        }
    }

    private static func rate(_ samples: Int, since start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double {
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return seconds > 0 ? Double(samples) / seconds : .infinity
    }
}

/// Whether no element is NaN or infinite.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
func allElementsFinite<Scalar: TensorScalar>(_ tensor: Tensor<Scalar>) -> Bool {
    tensor.withUnsafeBufferPointer { buffer in
        // x·0 is 0 for finite x and NaN otherwise: one branch-free pass, no per-element test.
        var probe: Scalar = 0
        for v in buffer { probe += v * 0 }
        return probe == 0
    }
}

/// The rows `indices` of `tensor` along its leading axis, as a new dense tensor.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
func gatherRows<Scalar: TensorScalar>(_ tensor: Tensor<Scalar>, _ indices: ArraySlice<Int>) -> Tensor<Scalar> {
    let rowLength = tensor.shape.dropFirst().reduce(1, *)
    var shape = tensor.shape
    shape[0] = indices.count
    var result = Tensor<Scalar>.zeros(shape)
    tensor.withUnsafeBufferPointer { source in
        result.withUnsafeMutableBufferPointer { destination in
            for (row, index) in indices.enumerated() {
                (destination.baseAddress! + row * rowLength)
                    .update(from: source.baseAddress! + index * rowLength, count: rowLength)
            }
        }
    }
    return result
}
