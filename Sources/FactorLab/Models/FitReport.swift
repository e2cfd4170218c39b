import Foundation
import Quant
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
