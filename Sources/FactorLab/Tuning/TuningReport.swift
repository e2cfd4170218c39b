import Quant
import Foundation

/// The cross-validation score of one candidate.
public struct CandidateScore: Sendable, Equatable, Codable {
    /// The candidate.
    public var parameters: HyperparameterCandidate
    /// Validation MSE (return units) per split, oldest split first; NaN after a failure.
    public var validationMSE: [Double]
    /// Mean cross-sectional rank IC on each split's validation dates (reported, not used to choose).
    public var validationRankIC: [Double]
    /// The score: mean of ``validationMSE`` (NaN when a split failed).
    public var meanMSE: Double
    /// Mean of ``validationRankIC``.
    public var meanRankIC: Double
    /// Why the candidate could not be scored, if it could not.
    public var failure: String?
}

/// How one model's hyperparameters were chosen in one fold (written to run.json and summary.json).
public struct TuningReport: Sendable, Equatable, Codable {
    /// The CV splits (decision-date indices), oldest first; the last is the fold's own split.
    public var splits: [CVSplit]
    /// Every candidate with its scores, in grid order.
    public var candidates: [CandidateScore]
    /// Index of the chosen candidate in ``candidates``.
    public var chosen: Int

    /// The chosen candidate's parameters.
    public var chosenParameters: HyperparameterCandidate { candidates[chosen].parameters }
}
