/// Trains every group of a ``GroupedLSTMRegressor`` on its own data at once, so that each
/// group ends exactly as ``Trainer`` would leave that model trained alone with the same
/// configuration and shuffle seed (up to the rounding of batched vs single GEMMs).
///
/// Per epoch, each still-training group shuffles its samples with its own SplitMix64 stream
/// (seed `shuffleSeeds[g]`, default `configuration.seed &+ g`) and takes `batchSize` of them
/// per step (a last, partial batch is zero-padded and the padding masked out of the loss,
/// ``GroupedMSELoss``). Steps run until the group with the most samples is through; a group
/// that has run out is left out of the remaining steps — not computed, not updated (per-group
/// Adam step counters). After each epoch every group is validated on its own samples; a group
/// whose ``EarlyStopping/patience`` is exhausted is frozen, and training ends when all are
/// frozen or the epochs are done. Gradient clipping is per group (its own global norm).
///
/// Not supported (compared with ``Trainer``): learning-rate schedules, other optimisers than
/// ``Adam``/AdamW, keeping optimiser state across `fit` calls (each fit starts fresh).
/// Reproducibility: same data, seeds, initial weights and ``BLAS/threads`` ⇒ bit-identical
/// weights. With at least as many groups as threads the result is also the same at any thread
/// count: each group's BLAS calls are the same single-threaded calls whichever thread runs them.
public struct GroupedTrainer<Scalar: TensorScalar> {
    /// Epochs, batch size (rows per group per step), shuffling, validation fraction, early
    /// stopping and clipping, with ``Trainer``'s meaning applied to each group.
    public var configuration: TrainingConfiguration
    /// Adam/AdamW hyperparameters (its own state is not used: each group gets fresh moments).
    public var optimizer: Adam<Scalar>

    /// A trainer with its configuration and Adam/AdamW hyperparameters.
    public init(configuration: TrainingConfiguration, optimizer: Adam<Scalar>) {
        self.configuration = configuration
        self.optimizer = optimizer
    }

    /// Trains every group of `model` in place.
    ///
    /// - Parameters:
    ///   - inputs: per group `[n_g, T, inputSize]` (one `T` for all groups).
    ///   - targets: per group `[n_g, 1]`.
    ///   - validation: per group an explicit validation set (may be empty: that group is then
    ///     never early-stopped); when nil, the last ``TrainingConfiguration/validationFraction``
    ///     of each group's samples is held out.
    ///   - shuffleSeeds: per group shuffle seed; default `configuration.seed &+ g`.
    ///   - progress: called after every step and every epoch, on the calling thread.
    /// - Returns: one ``TrainingHistory`` per group.
    /// - Throws: ``GroupedLSTMError``; ``GroupedLSTMError/inGroup(_:_:)`` wraps the
    ///   ``TrainingError`` (e.g. non-finite loss at epoch/step) of the first failing group. The
    ///   model then holds the weights of the last successful step.
    @discardableResult
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func fit(
        _ model: inout GroupedLSTMRegressor<Scalar>,
        inputs: [Tensor<Scalar>], targets: [Tensor<Scalar>],
        validation: [(inputs: Tensor<Scalar>, targets: Tensor<Scalar>)]? = nil,
        shuffleSeeds: [UInt64]? = nil,
        progress: ((GroupedTrainingProgress) -> Void)? = nil
    ) throws -> [TrainingHistory] {
        let G = model.groups
        guard targets.count == G else { throw GroupedLSTMError.groupCountMismatch(what: "targets", expected: G, got: targets.count) }
        if let validation, validation.count != G {
            throw GroupedLSTMError.groupCountMismatch(what: "validation", expected: G, got: validation.count)
        }
        if let shuffleSeeds, shuffleSeeds.count != G {
            throw GroupedLSTMError.groupCountMismatch(what: "shuffleSeeds", expected: G, got: shuffleSeeds.count)
        }
        guard let steps = try model.checkRagged(inputs, what: "inputs") else {
            throw GroupedLSTMError.inGroup(0, .emptyTrainingSet)
        }
        for g in 0..<G { try Self.checkTargets(inputs[g], targets[g], group: g) }
        if let validation {
            _ = try model.checkRagged(validation.map(\.inputs), what: "validation inputs")
            for g in 0..<G {
                try Self.checkTargets(validation[g].inputs, validation[g].targets, group: g)
                if validation[g].inputs.shape[0] > 0 && validation[g].inputs.shape[1] != steps {
                    throw GroupedLSTMError.inputShapeMismatch(group: g, expected: [-1, steps, model.inputSize],
                                                              got: validation[g].inputs.shape)
                }
            }
        }
        // Split each group as Trainer does: explicit validation, or the last ⌈f·n⌉ samples.
        let xs = inputs.map { $0.contiguous() }, ys = targets.map { $0.contiguous() }
        var trainCounts: [Int] = [], validationSets: [(inputs: Tensor<Scalar>, targets: Tensor<Scalar>)] = []
        for g in 0..<G {
            let total = xs[g].shape[0]
            let heldOut = validation == nil && configuration.validationFraction > 0
                ? Int((configuration.validationFraction * Double(total)).rounded(.up)) : 0
            trainCounts.append(total - heldOut)
            validationSets.append(validation?[g] ?? (xs[g].rows((total - heldOut)..<total), ys[g].rows((total - heldOut)..<total)))
        }
        let hasValidation = validationSets.map { $0.inputs.shape[0] > 0 }
        do { try configuration.validate(hasValidation: hasValidation.contains(true)) } catch let error as TrainingError {
            if case let .invalidConfiguration(text) = error { throw GroupedLSTMError.invalidConfiguration(text) }
            throw error
        }
        if let empty = trainCounts.firstIndex(of: 0) { throw GroupedLSTMError.inGroup(empty, .emptyTrainingSet) }

        let B = configuration.batchSize, T = steps, I = model.inputSize
        var generators = (0..<G).map { SplitMix64(state: shuffleSeeds?[$0] ?? configuration.seed &+ UInt64($0)) }
        var adam = GroupedAdamState(like: model.storedParameters, groups: G)
        var histories = Array(repeating: TrainingHistory(epochs: [], bestEpoch: nil, bestValidationLoss: nil,
                                                         stoppedEarly: false, restoredBestWeights: false), count: G)
        let restoreBest = configuration.earlyStopping?.restoreBestWeights == true
        var best: [Tensor<Scalar>]? = restoreBest ? model.storedParameters.map { Tensor<Scalar>.zeros($0.shape) } : nil
        var hasBest = Array(repeating: false, count: G)
        var withoutImprovement = Array(repeating: 0, count: G)
        var frozen = Array(repeating: false, count: G)
        // Dense inputs and targets stay alive (xs, ys) for the whole fit.
        let xPointers = xs.map { UnsafePointer($0.lstmBase) }, yPointers = ys.map { UnsafePointer($0.lstmBase) }
        var batchY = Tensor<Scalar>.zeros([G, B, 1])
        var mask = Tensor<Scalar>.zeros([G, B])
        let clock = ContinuousClock()
        let names = model.parameterNames

        for epoch in 1...configuration.epochs {
            let active = (0..<G).filter { !frozen[$0] }
            if active.isEmpty { break }
            var orders = [[Int]](repeating: [], count: G)
            for g in active {
                orders[g] = configuration.shuffle ? generators[g].permutation(trainCounts[g]) : Array(0..<trainCounts[g])
            }
            let groupSteps = trainCounts.map { ($0 + B - 1) / B }
            let stepsPerEpoch = active.map { groupSteps[$0] }.max()!
            var weightedLoss = Array(repeating: 0.0, count: G)
            let learningRate = optimizer.learningRate
            let epochStart = clock.now
            var seen = 0
            for step in 1...stepsPerEpoch {
                let participating = active.filter { step <= groupSteps[$0] }
                var batches = [ArraySlice<Int>](repeating: [], count: G)
                for g in participating { batches[g] = orders[g][(step - 1) * B..<min(step * B, trainCounts[g])] }
                let rowCounts = batches.map(\.count)
                batchY.withUnsafeMutableBufferPointer { yb in
                    mask.withUnsafeMutableBufferPointer { mb in
                        let (yd, md) = (yb.baseAddress!, mb.baseAddress!)
                        for g in 0..<G {
                            for (r, index) in batches[g].enumerated() { yd[g * B + r] = yPointers[g][index] }
                            (yd + g * B + rowCounts[g]).update(repeating: 0, count: B - rowCounts[g])
                            (md + g * B).update(repeating: 1, count: rowCounts[g])
                            (md + g * B + rowCounts[g]).update(repeating: 0, count: B - rowCounts[g])
                        }
                    }
                }
                // Each group's sequences are gathered straight into the workspace by its worker.
                // Only the groups stepped are computed (exhausted and frozen ones cost nothing).
                let prediction = model.forwardTraining(batch: B, steps: T, selected: participating) { ws, g in
                    ws.loadGroupRows(group: g, from: xPointers[g], indices: batches[g])
                }
                let (losses, lossGradient) = GroupedMSELoss.valueAndGradient(prediction: prediction, target: batchY, mask: mask)
                for g in participating where !losses[g].isFinite {
                    throw GroupedLSTMError.inGroup(g, .nonFiniteLoss(epoch: epoch, step: step))
                }
                var gradients = model.backward(lossGradient, selected: participating)
                if let bad = adam.step(groups: participating, hyper: optimizer, parameters: &model.storedParameters,
                                       gradients: &gradients, clipNorm: configuration.gradientClipNorm) {
                    throw GroupedLSTMError.inGroup(bad.group, .nonFiniteGradient(epoch: epoch, step: step,
                                                                                 parameter: names[bad.parameter]))
                }
                for g in participating {
                    weightedLoss[g] += Double(losses[g]) * Double(rowCounts[g])
                    seen += rowCounts[g]
                }
                if let progress {
                    let meanLoss = participating.reduce(0.0) { $0 + Double(losses[$1]) } / Double(participating.count)
                    progress(GroupedTrainingProgress(
                        event: .step, epoch: epoch, step: step, stepsPerEpoch: stepsPerEpoch, loss: meanLoss,
                        validationLoss: nil, activeGroups: active.count,
                        samplesPerSecond: Self.rate(seen, since: epochStart, clock), learningRate: learningRate))
                }
            }
            let throughput = Self.rate(seen, since: epochStart, clock)

            // Validation of the groups trained this epoch, each in batches of batchSize as Trainer.evaluate.
            let validationInputs = (0..<G).map { g in
                frozen[g] ? Tensor<Scalar>.zeros([0, T, I]) : validationSets[g].inputs
            }
            let predictions = try model.predict(groups: validationInputs, batchSize: B)
            var validationSum = 0.0, validated = 0
            for g in active {
                var summary = EpochSummary(epoch: epoch, trainingLoss: weightedLoss[g] / Double(trainCounts[g]),
                                           validationLoss: nil, learningRate: learningRate)
                if hasValidation[g] {
                    let loss = Self.chunkedMSE(predictions[g], validationSets[g].targets, batchSize: B)
                    guard loss.isFinite else { throw GroupedLSTMError.inGroup(g, .nonFiniteValidationLoss(epoch: epoch)) }
                    summary.validationLoss = loss
                    validationSum += loss
                    validated += 1
                    let improved = histories[g].bestValidationLoss.map {
                        loss < $0 - (configuration.earlyStopping?.minimumDelta ?? 0)
                    } ?? true
                    if improved {
                        histories[g].bestValidationLoss = loss
                        histories[g].bestEpoch = epoch
                        if best != nil { Self.copyGroup(g, from: model.storedParameters, into: &best!) }
                        hasBest[g] = restoreBest
                        withoutImprovement[g] = 0
                    } else {
                        withoutImprovement[g] += 1
                    }
                }
                histories[g].epochs.append(summary)
                if let stopping = configuration.earlyStopping, withoutImprovement[g] >= stopping.patience {
                    histories[g].stoppedEarly = epoch < configuration.epochs
                    frozen[g] = true
                }
            }
            if let progress {
                let meanLoss = active.reduce(0.0) { $0 + weightedLoss[$1] / Double(trainCounts[$1]) } / Double(active.count)
                progress(GroupedTrainingProgress(
                    event: .epochEnd, epoch: epoch, step: stepsPerEpoch, stepsPerEpoch: stepsPerEpoch, loss: meanLoss,
                    validationLoss: validated > 0 ? validationSum / Double(validated) : nil,
                    activeGroups: (0..<G).filter { !frozen[$0] }.count,
                    samplesPerSecond: throughput, learningRate: learningRate))
            }
        }
        withExtendedLifetime((xs, ys)) {} // xPointers, yPointers
        if let best {
            for g in 0..<G where hasBest[g] {
                Self.copyGroup(g, from: best, into: &model.storedParameters)
                histories[g].restoredBestWeights = true
            }
        }
        return histories
    }

    /// Each group's MSE on its own samples (batches of ``TrainingConfiguration/batchSize``,
    /// as ``Trainer/evaluate(_:inputs:targets:)``); NaN for an empty group.
    ///
    /// - Throws: ``GroupedLSTMError`` for wrong group counts or shapes.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func evaluate(_ model: GroupedLSTMRegressor<Scalar>, inputs: [Tensor<Scalar>],
                         targets: [Tensor<Scalar>]) throws -> [Double] {
        guard targets.count == model.groups else {
            throw GroupedLSTMError.groupCountMismatch(what: "targets", expected: model.groups, got: targets.count)
        }
        _ = try model.checkRagged(inputs, what: "inputs")
        for g in 0..<model.groups { try Self.checkTargets(inputs[g], targets[g], group: g) }
        let batch = max(configuration.batchSize, 1)
        let predictions = try model.predict(groups: inputs, batchSize: batch)
        return (0..<model.groups).map { Self.chunkedMSE(predictions[$0], targets[$0].contiguous(), batchSize: batch) }
    }

    /// Trainer.evaluate's arithmetic: per chunk ``MSELoss/value(prediction:target:)`` × count, summed in Double.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func chunkedMSE(_ prediction: Tensor<Scalar>, _ target: Tensor<Scalar>, batchSize: Int) -> Double {
        let count = prediction.shape[0]
        guard count > 0 else { return .nan }
        var squaredError = 0.0
        var start = 0
        while start < count {
            let end = min(start + batchSize, count)
            let t = target.rows(start..<end)
            squaredError += Double(MSELoss.value(prediction: prediction.rows(start..<end), target: t)) * Double(t.count)
            start = end
        }
        return squaredError / Double(count)
    }

    static func checkTargets(_ inputs: Tensor<Scalar>, _ targets: Tensor<Scalar>, group g: Int) throws {
        guard targets.rank == 2, targets.shape[1] == 1, targets.shape[0] == inputs.shape[0] else {
            throw GroupedLSTMError.inGroup(g, .sampleCountMismatch(inputs: inputs.shape, targets: targets.shape))
        }
    }

    /// Copies group `g`'s slice of every stacked tensor.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func copyGroup(_ g: Int, from source: [Tensor<Scalar>], into destination: inout [Tensor<Scalar>]) {
        for i in source.indices {
            let n = source[i].count / source[i].shape[0]
            source[i].withUnsafeBufferPointer { src in
                destination[i].withUnsafeMutableBufferPointer { dst in
                    (dst.baseAddress! + g * n).update(from: src.baseAddress! + g * n, count: n)
                }
            }
        }
    }

    private static func rate(_ samples: Int, since start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double {
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return seconds > 0 ? Double(samples) / seconds : .infinity
    }
}

/// One report of ``GroupedTrainer/fit(_:inputs:targets:validation:shuffleSeeds:progress:)``.
public struct GroupedTrainingProgress: Sendable {
    /// A step or an epoch just finished.
    public var event: TrainingProgress.Event
    /// The epoch, 1-based.
    public var epoch: Int
    /// The step within the epoch, 1-based.
    public var step: Int
    /// Steps of this epoch (those of the largest still-training group).
    public var stepsPerEpoch: Int
    /// Step: mean mini-batch loss of the groups stepped. Epoch end: mean of those groups' epoch losses.
    public var loss: Double
    /// Epoch end: mean validation loss of the groups validated this epoch.
    public var validationLoss: Double?
    /// Groups not yet early-stopped (at epoch end: after this epoch's decisions).
    public var activeGroups: Int
    /// Real (unpadded) training samples per wall-clock second so far in this epoch, all groups together.
    public var samplesPerSecond: Double
    /// The learning rate used.
    public var learningRate: Double
}
