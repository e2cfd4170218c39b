import Foundation
import Quant
import Tensors

/// Least squares for the OLS benchmark through Tensors' `LinearRegression` (QR with rank
/// detection; see Docs/Regression.md), on the last-step features of selected samples.
enum OLSAdapter {
    /// Coefficients `[α, β…]` of the target on the decision-date features of samples `rows`;
    /// `ridge` > 0 penalises the slopes with λ = ridge · rows.count (the intercept is not penalised).
    /// Throws ``ModelError/singular(model:)`` naming `model` when the design is rank deficient (an aliased column)
    /// or cannot be fitted, so the caller can fall back.
    static func fit(model: String, rows: [Int], batch: WindowBatch, ridge: Double = 0) throws -> [Double] {
        let F = batch.featureCount
        var columns = [[Double]](repeating: [], count: F)
        for c in 0..<F { columns[c].reserveCapacity(rows.count) }
        for i in rows {
            for (j, v) in batch.lastStep(i).enumerated() { columns[j].append(Double(v)) }
        }
        let y = rows.map { batch.targets[$0] }
        let result: RegressionResult
        do { result = try LinearRegression(intercept: true, ridge: ridge * Double(rows.count)).fit(y: y, columns: columns) } catch {
            throw ModelError.singular(model: model)
        }
        guard result.aliased.isEmpty, result.coefficients.count == F + 1, result.coefficients.allSatisfy({ $0.isFinite }) else {
            throw ModelError.singular(model: model)
        }
        return result.coefficients
    }
}
