import Foundation
import Quant
/// The outcome of one sweep point on validation and test dates of the chosen fold.
public struct SweepOutcome: Sendable, Equatable, Codable {
    /// The point.
    public var point: SweepPoint
    /// Whether the model could be trained (otherwise `reason` says why and the numbers are NaN).
    public var available: Bool
    /// Why it is unavailable.
    public var reason: String?
    /// Final training loss (scaled target units).
    public var trainLoss: Double
    /// Final validation loss.
    public var validationLoss: Double
    /// Top-k annual return on validation dates.
    public var validationAnnualReturn: Double
    /// Top-k Sharpe on validation dates.
    public var validationSharpe: Double
    /// Mean IC on validation dates.
    public var validationIC: Double
    /// Top-k annual return on test dates.
    public var testAnnualReturn: Double
    /// Top-k Sharpe on test dates.
    public var testSharpe: Double
    /// Mean IC on test dates.
    public var testIC: Double
    /// Wall time in seconds (not part of deterministic outputs' comparisons).
    public var seconds: Double

    /// A point that could not be trained, with the reason (every number NaN).
    public static func unavailable(_ point: SweepPoint, reason: String) -> SweepOutcome {
        SweepOutcome(point: point, available: false, reason: reason, trainLoss: .nan, validationLoss: .nan,
                     validationAnnualReturn: .nan, validationSharpe: .nan, validationIC: .nan,
                     testAnnualReturn: .nan, testSharpe: .nan, testIC: .nan, seconds: 0)
    }
}
