import Quant
import Foundation

extension PipelineConfig {
    /// Adopts the best-by-validation point of a `factorlab sweep` output directory (its `sweep.json`,
    /// see ``OverfitSweep/bestByValidation(_:)``): the LSTM gets that point's hidden size and is
    /// trained for exactly its number of epochs without early stopping (as in the sweep), and the
    /// LSTM is no longer searched (other tuned models, e.g. `ols_ridge`, still are). Returns the point.
    /// Throws ``PipelineError/badOutput(path:reason:)`` for an unreadable file and
    /// ``TuningError/noSweepPoint(path:reason:)`` when no point is available.
    @discardableResult
    public mutating func adoptBestSweepPoint(directory: String) throws -> SweepPoint {
        let dir = try RunDirectory(directory)
        let path = dir.path(of: .sweep)
        let outcomes = try dir.sweep()
        guard let best = OverfitSweep.bestByValidation(outcomes) else {
            throw TuningError.noSweepPoint(path: path, reason: "no sweep point has a finite validation Sharpe")
        }
        let point = outcomes[best].point
        guard point.hidden >= 1, point.epochs >= 1 else {
            throw TuningError.noSweepPoint(path: path, reason: "best point \(point.label) is malformed")
        }
        lstm.hidden = point.hidden
        lstm.epochs = point.epochs
        lstm.patience = 0
        tuning.adoptedSweepPoint = point
        tuning.adoptedFrom = directory
        return point
    }
}
