import Foundation

/// An epoch-wise learning-rate schedule, stepped like a PyTorch `LRScheduler`.
///
/// ``step(learningRate:)`` is PyTorch's `scheduler.step()`: call it once at the end of each
/// epoch (``Trainer`` does); it advances the epoch counter and rewrites the learning rate
/// with PyTorch's *recursive* (chainable) formula, so the sequence of rates matches
/// `scheduler.get_last_lr()` to the last bit.
public protocol LearningRateSchedule {
    /// Advances one epoch and updates `learningRate` (the optimiser's current rate) in place.
    mutating func step(learningRate: inout Double)
}

/// `torch.optim.lr_scheduler.StepLR`: multiplies the rate by `gamma` every `stepSize` epochs,
/// i.e. `η_e = η₀·γ^⌊e / stepSize⌋`.
public struct StepLR: LearningRateSchedule, Sendable {
    /// Epochs between decays.
    public let stepSize: Int
    /// The multiplicative decay.
    public let gamma: Double
    /// The number of ``step(learningRate:)`` calls so far (PyTorch's `last_epoch`).
    public private(set) var epoch = 0

    /// A step decay; `gamma` defaults to PyTorch's 0.1.
    public init(stepSize: Int, gamma: Double = 0.1) {
        precondition(stepSize > 0, "StepLR: stepSize must be positive, got \(stepSize)")
        self.stepSize = stepSize
        self.gamma = gamma
    }

    public mutating func step(learningRate: inout Double) {
        epoch += 1
        if epoch % stepSize == 0 { learningRate *= gamma }
    }
}

/// `torch.optim.lr_scheduler.CosineAnnealingLR`:
/// `η_e = η_min + (η₀ − η_min)·(1 + cos(π·e/T_max))/2`, evaluated recursively as PyTorch does
/// (which keeps the schedule periodic — a warm restart — beyond `T_max`).
public struct CosineAnnealingLR: LearningRateSchedule, Sendable {
    /// Half-period `T_max`, in epochs.
    public let tMax: Int
    /// The floor `η_min`.
    public let minimumLearningRate: Double
    /// `η₀`, captured from the learning rate at the first ``step(learningRate:)`` (PyTorch
    /// captures it when the scheduler is built), unless given.
    public private(set) var baseLearningRate: Double?
    /// The number of ``step(learningRate:)`` calls so far (PyTorch's `last_epoch`).
    public private(set) var epoch = 0

    /// A cosine schedule with half-period `tMax` down to `minimumLearningRate` (PyTorch's `eta_min`).
    public init(tMax: Int, minimumLearningRate: Double = 0, baseLearningRate: Double? = nil) {
        precondition(tMax > 0, "CosineAnnealingLR: tMax must be positive, got \(tMax)")
        self.tMax = tMax
        self.minimumLearningRate = minimumLearningRate
        self.baseLearningRate = baseLearningRate
    }

    public mutating func step(learningRate: inout Double) {
        let base = baseLearningRate ?? learningRate
        baseLearningRate = base
        epoch += 1
        let e = Double(epoch), t = Double(tMax), etaMin = minimumLearningRate
        // Python's `%` is non-negative for a positive modulus; Swift's keeps the dividend's sign.
        let period = 2 * tMax
        let phase = ((epoch - 1 - tMax) % period + period) % period
        if phase == 0 {
            learningRate = learningRate + (base - etaMin) * (1 - cos(Double.pi / t)) / 2
        } else {
            learningRate = (1 + cos(Double.pi * e / t)) / (1 + cos(Double.pi * (e - 1) / t))
                * (learningRate - etaMin) + etaMin
        }
    }
}
