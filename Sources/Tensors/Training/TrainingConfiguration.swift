/// Early stopping on the validation loss.
public struct EarlyStopping: Sendable, Equatable {
    /// Epochs without improvement after which training stops.
    public var patience: Int
    /// The least decrease of the validation loss that counts as an improvement.
    public var minimumDelta: Double
    /// Whether the model ends with the weights of its best validation epoch.
    public var restoreBestWeights: Bool

    /// Stop after `patience` epochs without an improvement larger than `minimumDelta`.
    public init(patience: Int, minimumDelta: Double = 0, restoreBestWeights: Bool = true) {
        self.patience = patience
        self.minimumDelta = minimumDelta
        self.restoreBestWeights = restoreBestWeights
    }
}

/// The knobs of a training run.
public struct TrainingConfiguration: Sendable, Equatable {
    /// The number of passes over the training set.
    public var epochs: Int
    /// Samples per mini-batch (the last batch of an epoch may be smaller).
    public var batchSize: Int
    /// Whether each epoch visits the training samples in a fresh seeded random order.
    public var shuffle: Bool
    /// Seed of the shuffling stream; same seed, data and thread count ⇒ identical weights.
    public var seed: UInt64
    /// Fraction of the samples held out for validation when no explicit validation set
    /// is given: the *last* `⌈fraction·N⌉` samples, so time-ordered data never validates
    /// on the past of its training set.
    public var validationFraction: Double
    /// Early stopping on the validation loss (needs validation data), or `nil`.
    public var earlyStopping: EarlyStopping?
    /// Global gradient-norm clipping threshold (2-norm, ``GradientClipping``), or `nil`.
    public var gradientClipNorm: Double?

    /// A configuration; by default shuffled with seed 0, no validation, no clipping.
    public init(epochs: Int, batchSize: Int, shuffle: Bool = true, seed: UInt64 = 0,
                validationFraction: Double = 0, earlyStopping: EarlyStopping? = nil,
                gradientClipNorm: Double? = nil) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.seed = seed
        self.validationFraction = validationFraction
        self.earlyStopping = earlyStopping
        self.gradientClipNorm = gradientClipNorm
    }

    /// Throws ``TrainingError/invalidConfiguration(_:)`` naming the first bad value.
    func validate(hasValidation: Bool) throws {
        if epochs < 1 { throw TrainingError.invalidConfiguration("epochs must be ≥ 1, got \(epochs)") }
        if batchSize < 1 { throw TrainingError.invalidConfiguration("batchSize must be ≥ 1, got \(batchSize)") }
        if !(0..<1).contains(validationFraction) {
            throw TrainingError.invalidConfiguration("validationFraction must lie in [0, 1), got \(validationFraction)")
        }
        if let stopping = earlyStopping {
            if stopping.patience < 1 {
                throw TrainingError.invalidConfiguration("earlyStopping.patience must be ≥ 1, got \(stopping.patience)")
            }
            if !(stopping.minimumDelta >= 0) {
                throw TrainingError.invalidConfiguration("earlyStopping.minimumDelta must be ≥ 0, got \(stopping.minimumDelta)")
            }
            if !hasValidation {
                throw TrainingError.invalidConfiguration("early stopping needs validation data (validationFraction > 0 or a validation set)")
            }
        }
        if let clip = gradientClipNorm, !(clip > 0 && clip.isFinite) {
            throw TrainingError.invalidConfiguration("gradientClipNorm must be positive and finite, got \(clip)")
        }
    }
}

/// One report to the progress callback.
public struct TrainingProgress: Sendable {
    /// What just finished.
    public enum Event: Sendable, Equatable {
        /// An optimiser step; ``TrainingProgress/loss`` is that mini-batch's loss.
        case step
        /// An epoch; ``TrainingProgress/loss`` is the epoch's mean training loss.
        case epochEnd
    }

    /// What just finished.
    public var event: Event
    /// The epoch, 1-based.
    public var epoch: Int
    /// The step within the epoch, 1-based (the last step at ``Event/epochEnd``).
    public var step: Int
    /// Steps per epoch.
    public var stepsPerEpoch: Int
    /// The mini-batch loss (``Event/step``) or the epoch's sample-weighted mean loss.
    public var loss: Double
    /// The validation loss (``Event/epochEnd`` with validation data only).
    public var validationLoss: Double?
    /// Training throughput so far in this epoch (samples per wall-clock second).
    public var samplesPerSecond: Double
    /// The learning rate used for this step or epoch.
    public var learningRate: Double
}

/// The per-epoch record of a finished run.
public struct EpochSummary: Sendable, Equatable {
    /// The epoch, 1-based.
    public var epoch: Int
    /// The sample-weighted mean mini-batch loss (each measured before its update).
    public var trainingLoss: Double
    /// The loss on the validation set after the epoch, if there is one.
    public var validationLoss: Double?
    /// The learning rate used during the epoch.
    public var learningRate: Double
}

/// What ``Trainer/fit(_:inputs:targets:validation:progress:)`` did.
public struct TrainingHistory: Sendable, Equatable {
    /// One entry per completed epoch.
    public var epochs: [EpochSummary]
    /// The epoch with the lowest validation loss (1-based), if validated.
    public var bestEpoch: Int?
    /// That lowest validation loss.
    public var bestValidationLoss: Double?
    /// Whether early stopping ended the run before the configured number of epochs.
    public var stoppedEarly: Bool
    /// Whether the model's weights were reset to those of ``bestEpoch``.
    public var restoredBestWeights: Bool
}
