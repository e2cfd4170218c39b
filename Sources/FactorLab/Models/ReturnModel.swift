import Foundation
import Quant
/// A model mapping feature windows to predicted forward returns.
///
/// Contract (what the pipeline's no-look-ahead guarantee relies on):
/// - `fit` sees only the fold's training windows and its validation windows (validation drives
///   early stopping and model choice), never test dates.
/// - `predict` sees one window per sample, i.e. data up to that sample's decision date, and a
///   prediction must not depend on the other samples of the batch (predict one decision date's
///   cross-section at a time if your numerics could mix rows).
/// - Predictions are in the target's units (mean daily log return over the horizon); `NaN` means
///   "no prediction" for that sample.
/// - Errors are thrown as ``ModelError`` (the run records the reason and goes on without the model).
///
/// To add a model from your own package, implement this protocol and a ``ModelDescriptor`` and
/// register the descriptor in the ``ModelRegistry`` you pass to the run (Docs/Extending.md).
public protocol ReturnModel {
    /// Short identifier used in outputs (`lstm`, `ols`, …): the name of its ``ModelDescriptor``.
    var name: String { get }
    /// Trains on `train`, using `validation` for early stopping.
    mutating func fit(train: WindowBatch, validation: WindowBatch, progress: ProgressReporter) throws -> FitReport
    /// Predicted target per sample of `batch`.
    func predict(_ batch: WindowBatch) throws -> [Double]
}
