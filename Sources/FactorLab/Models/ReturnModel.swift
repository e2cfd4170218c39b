/// What a trained model reports about its fit.
public struct FitReport: Sendable, Equatable, Codable {
    /// Training loss per epoch (one value for closed-form models).
    public var trainLoss: [Double] = []
    /// Validation loss per epoch.
    public var validationLoss: [Double] = []
    /// The epoch whose weights were kept (early stopping), from 1.
    public var bestEpoch: Int = 0
    /// Free-form notes (fallbacks taken, skipped assets).
    public var notes: [String] = []

    /// Creates an empty report.
    public init(trainLoss: [Double] = [], validationLoss: [Double] = [], bestEpoch: Int = 0, notes: [String] = []) {
        self.trainLoss = trainLoss
        self.validationLoss = validationLoss
        self.bestEpoch = bestEpoch
        self.notes = notes
    }
}

/// A model mapping feature windows to predicted forward returns.
///
/// `fit` sees only training and validation samples (validation drives early stopping and model
/// choice); `predict` sees one window per sample, i.e. data up to the decision date.
public protocol ReturnModel {
    /// Short identifier used in outputs (`lstm`, `ols`, …).
    var name: String { get }
    /// Trains on `train`, using `validation` for early stopping.
    mutating func fit(train: WindowBatch, validation: WindowBatch, progress: ProgressReporter) throws -> FitReport
    /// Predicted target per sample of `batch`.
    func predict(_ batch: WindowBatch) throws -> [Double]
}

/// A model could not be trained or used.
public enum ModelError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Too few samples to fit.
    case notEnoughSamples(model: String, samples: Int, needed: Int)
    /// The design matrix is singular.
    case singular(model: String)
    /// The loss became NaN or infinite.
    case nonFiniteLoss(model: String, epoch: Int)
    /// The model is not part of this build.
    case unavailable(model: String, reason: String)

    public var description: String {
        switch self {
        case let .notEnoughSamples(m, s, n): return "\(m): \(s) training samples, need at least \(n)"
        case let .singular(m): return "\(m): singular design matrix"
        case let .nonFiniteLoss(m, e): return "\(m): non-finite loss at epoch \(e)"
        case let .unavailable(m, r): return "\(m): unavailable (\(r))"
        }
    }
}
