import Foundation
import Quant
/// The second paper's benchmark, `R = α + Σ βᵢ Fᵢ + ε`: the target regressed on the factor values
/// of the decision date (the last step of each window), pooled across assets or one regression
/// per asset (an asset with too few samples or a singular design falls back to the pooled fit).
/// With `ridge` > 0 the pooled slopes are shrunk (ridge regression, model `ols_ridge`).
public struct OLSBenchmark: ReturnModel {
    /// Pooled (one regression) or per asset.
    public enum Scope: String, Sendable, Codable { case pooled, perAsset }

    /// `ols` (pooled), `ols_ridge` (pooled, `ridge` > 0 or tuned) or `ols_asset`.
    public var name: String
    /// The scope.
    public var scope: Scope
    /// Ridge penalty per sample: λ = ridge · n on the z-scored factors (0 = plain OLS). With
    /// orthonormal factors it shrinks each slope by about 1/(1 + ridge).
    public var ridge: Double
    /// Pooled coefficients `[α, β₁…β_F]`.
    public private(set) var pooled: [Double] = []
    /// Per-asset coefficients (per-asset scope).
    public private(set) var perAsset: [Int: [Double]] = [:]

    /// Creates an unfitted benchmark; a pooled one created with a `ridge` argument is `ols_ridge`
    /// (even with ridge 0, so a tuned `ols_ridge` that picks 0 keeps its name).
    public init(scope: Scope = .pooled, ridge: Double? = nil) {
        precondition(ridge == nil || (ridge! >= 0 && ridge!.isFinite), "OLSBenchmark: ridge must be finite and ≥ 0, got \(ridge!)")
        precondition(ridge == nil || scope == .pooled, "OLSBenchmark: ridge is only implemented for the pooled scope")
        self.scope = scope
        self.ridge = ridge ?? 0
        name = scope == .perAsset ? "ols_asset" : (ridge == nil ? "ols" : "ols_ridge")
    }

    /// Fits the pooled regression (throws `singular`/`notEnoughSamples` when it cannot), then per asset
    /// when the scope asks and the asset has more than 3·(F + 1) windows. The losses are in-sample MSEs.
    public mutating func fit(train: WindowBatch, validation: WindowBatch, progress: ProgressReporter) throws -> FitReport {
        let F = train.featureCount
        guard train.count > F + 1 else { throw ModelError.notEnoughSamples(model: name, samples: train.count, needed: F + 2) }
        var report = FitReport()
        guard let beta = try? OLSAdapter.fit(model: name, rows: Array(0..<train.count), batch: train, ridge: ridge) else { throw ModelError.singular(model: name) }
        pooled = beta
        if scope == .perAsset {
            var byAsset: [Int: [Int]] = [:]
            for i in 0..<train.count { byAsset[train.assets[i], default: []].append(i) }
            var fallbacks = 0
            for (a, rows) in byAsset.sorted(by: { $0.key < $1.key }) {
                if rows.count > 3 * (F + 1), let b = try? OLSAdapter.fit(model: name, rows: rows, batch: train) { perAsset[a] = b } else { fallbacks += 1 }
            }
            if fallbacks > 0 { report.notes.append("\(fallbacks) assets used the pooled fit") }
        }
        report.trainLoss = [mse(train)]
        if validation.count > 0 { report.validationLoss = [mse(validation)] }
        report.bestEpoch = 1
        return report
    }

    /// `α + Σ βᵢ xᵢ` on each window's last step, with the asset's own coefficients when fitted,
    /// otherwise the pooled ones. Throws `unavailable` before `fit`.
    public func predict(_ batch: WindowBatch) throws -> [Double] {
        guard !pooled.isEmpty else { throw ModelError.unavailable(model: name, reason: "not fitted") }
        return (0..<batch.count).map { i in
            let b = perAsset[batch.assets[i]] ?? pooled
            var y = b[0]
            for (j, x) in batch.lastStep(i).enumerated() { y += b[j + 1] * Double(x) }
            return y
        }
    }

    private func mse(_ batch: WindowBatch) -> Double {
        guard let p = try? predict(batch), !p.isEmpty else { return .nan }
        var s = 0.0
        for i in p.indices { let d = p[i] - batch.targets[i]; s += d * d }
        return s / Double(p.count)
    }
}
