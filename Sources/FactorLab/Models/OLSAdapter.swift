/// Least squares for the OLS benchmark on the last-step features of selected samples.
enum OLSAdapter {
    /// Coefficients `[α, β…]` of the target on the decision-date features of samples `rows`.
    /// Normal equations solved by Cholesky in Double (F ≤ a few dozen, well conditioned after
    /// z-scoring); throws ``ModelError/singular(model:)`` for a rank-deficient design.
    static func fit(rows: [Int], batch: WindowBatch) throws -> [Double] {
        let p = batch.featureCount + 1
        var xtx = [Double](repeating: 0, count: p * p), xty = [Double](repeating: 0, count: p)
        var x = [Double](repeating: 1, count: p)
        for i in rows {
            for (j, v) in batch.lastStep(i).enumerated() { x[j + 1] = Double(v) }
            let y = batch.targets[i]
            for r in 0..<p {
                xty[r] += x[r] * y
                for c in 0...r { xtx[r * p + c] += x[r] * x[c] }
            }
        }
        // Cholesky L Lᵀ = XᵀX.
        var l = [Double](repeating: 0, count: p * p)
        for r in 0..<p {
            for c in 0...r {
                var s = xtx[r * p + c]
                for k in 0..<c { s -= l[r * p + k] * l[c * p + k] }
                if r == c {
                    guard s > 1e-10 * max(1, xtx[r * p + r]) else { throw ModelError.singular(model: "ols") }
                    l[r * p + r] = s.squareRoot()
                } else { l[r * p + c] = s / l[c * p + c] }
            }
        }
        var z = [Double](repeating: 0, count: p)
        for r in 0..<p { var s = xty[r]; for k in 0..<r { s -= l[r * p + k] * z[k] }; z[r] = s / l[r * p + r] }
        var b = [Double](repeating: 0, count: p)
        for r in stride(from: p - 1, through: 0, by: -1) {
            var s = z[r]; for k in (r + 1)..<p { s -= l[k * p + r] * b[k] }; b[r] = s / l[r * p + r]
        }
        return b
    }
}
