import Quant
import Foundation

/// What happened in one walk-forward fold.
public struct FoldOutcome: Sendable, Equatable, Codable {
    /// The fold's date ranges (decision-date indices).
    public var fold: WalkForwardFold
    /// First and last date of train / validation / test (ISO), for humans.
    public var trainDates: [String]
    /// See ``trainDates``.
    public var validationDates: [String]
    /// See ``trainDates``.
    public var testDates: [String]
    /// Factor screening on this fold's training dates.
    public var screen: FactorScreenResult
    /// Sample counts: train, validation, test.
    public var samples: [Int]
    /// Fit report per model.
    public var fits: [String: FitReport]
    /// Models that could not run in this fold, with the reason.
    public var unavailable: [String: String]
    /// Per tuned model, how its hyperparameters were chosen (empty when tuning is off).
    public var tuning: [String: TuningReport] = [:]
    /// With `--seeds N` > 1, replicates 1…N−1 (`nil` for one seed, so `run.json` keeps its bytes).
    public var replicates: [SeedReplicate]? = nil
}
